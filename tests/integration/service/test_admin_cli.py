"""`reviewer-app --service URL staff ...|audit ...`: the CLI as calls to the real service over real HTTP, under a
staff login, with no usable database setting on the CLI's side."""

from __future__ import annotations

import io

import pyotp
import pytest

from reviewer_app.cli import main
from reviewer_app.client import HttpDeskService
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.services import audit_anchor
from tests.integration.service.conftest import PASSWORD

ROOT_PASSWORD = "Admin-pass-123"


@pytest.fixture
def cli(service, people, clock, monkeypatch, tmp_path, capsys):
    """cli(name, *argv) -> (exit code, out, err): signed in as `name` (password and code from the environment),
    the database setting pointing nowhere: every answer must come from the service."""
    monkeypatch.setenv("REVIEWER_DB_URL", f"sqlite:///{tmp_path}/no/such/folder/none.db")
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "cli-data"))

    def run(name: str, *argv: str, stdin: str = "") -> tuple[int, str, str]:
        clock.advance(seconds=30)  # each sign-in uses the next TOTP step
        monkeypatch.setenv("REVIEWER_STAFF_PASSWORD", ROOT_PASSWORD if name == "root" else PASSWORD)
        monkeypatch.setenv("REVIEWER_STAFF_TOTP", people.code(name, clock))
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        login = ["--as", name] if argv[0] in ("staff", "audit") else []
        code = main(["--service", service.url, *argv, *login])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_staff_administration_through_the_service(app, service, cli, clock):
    code, out, err = cli("root", "staff", "add", "vera", "--role", "reviewer", "--password-stdin",
                         stdin="Vera-pass-1234\n")
    assert code == 0, err
    assert "added vera (reviewer)" in out and "enter the key " in out
    secret = out.split("enter the key ")[1].split(" ")[0]
    clock.advance(seconds=30)
    vera = HttpDeskService(service.url, retry_delays=(0.1,))
    actor = vera.login("vera", "Vera-pass-1234", pyotp.TOTP(secret).at(int(clock.now().timestamp())))
    vera.list_queue(actor)

    code, out, _ = cli("root", "staff", "disable", "vera")
    assert (code, out.strip()) == (0, "vera: disabled")
    with pytest.raises(PermissionDenied) as stopped:
        vera.list_queue(actor)
    assert stopped.value.code == "account_disabled"
    vera.close()

    code, out, _ = cli("root", "staff", "list")
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert code == 0 and "disabled" in rows["vera"] and "active" in rows["anna"]
    assert cli("root", "staff", "role", "anna", "supervisor")[0] == 0
    assert cli("root", "staff", "enable", "vera")[0] == 0
    assert cli("root", "staff", "unlock", "boris")[0] == 0
    code, out, _ = cli("root", "staff", "reset-totp", "boris")
    assert code == 0 and "old codes no longer work" in out

    code, out, _ = cli("root", "audit", "search", "--actor", "root", "--action", "staff.role_change")
    assert code == 0 and "staff.role_change" in out and "(1 entries)" in out
    code, out, _ = cli("root", "audit", "show", "--action", "staff.disable", "--json")
    assert code == 0 and '"action": "staff.disable"' in out


def test_a_reviewer_through_the_cli_is_refused(cli):
    code, _out, err = cli("anna", "staff", "disable", "boris")
    assert code == 2 and "may not manage_staff" in err
    code, _out, err = cli("anna", "audit", "search")
    assert code == 2 and "may not audit" in err


def test_audit_verify_through_the_service(app, cli):
    code, out, _ = cli("root", "audit", "verify")
    assert code == 1 and "audit anchor MISSING" in out
    audit_anchor.init_anchor(app)
    code, out, _ = cli("root", "audit", "verify")
    assert code == 0 and "audit chain intact" in out and "checkpoint signed" in out


def test_commands_that_run_beside_the_data_refuse_service(cli):
    code, _out, err = cli("root", "intake", "somewhere")
    assert code == 2 and "runs beside the service" in err
