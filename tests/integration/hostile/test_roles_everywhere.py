"""Issue 14, item 6: roles hold in every service call and every CLI command, not only in the GUI.
On SQLite and PostgreSQL."""

from __future__ import annotations

import io
import sys
from datetime import timedelta

import pyotp
import pytest
from access import factories as f
from argon2 import PasswordHasher
from sqlalchemy import select

from reviewer_app.cli import main
from reviewer_app.db.models import AuditEvent, Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import ConflictError, PermissionDenied
from reviewer_app.services import queue_service, staff, supervision
from reviewer_app.services.desk_service import DbDeskService
from tests.cli_login import SERVICE_PASSWORD, service_account

PW = "a long enough password"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch):
    monkeypatch.setattr(staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _person(app, name: str, role: str) -> tuple[Actor, str]:
    """A real account (password + TOTP) and its TOTP secret."""
    with app.uow() as s:
        s.add(Staff(name=name, role=role, password_hash=staff._hasher.hash(PW), created_at=app.clock.now()))
        s.flush()
        row = s.scalar(select(Staff).where(Staff.name == name))
        enrollment = staff._enroll(app, row)
    return Actor(row.id, name, StaffRole(role)), enrollment.secret


def _set(app, name: str, **values) -> None:
    with app.uow() as s:
        row = s.scalar(select(Staff).where(Staff.name == name))
        for k, v in values.items():
            setattr(row, k, v)


def test_a_disabled_reviewers_open_session_stops_at_its_next_call(app):
    rita = Actor(f.add_staff(app, "rita", "reviewer"), "rita", StaffRole.REVIEWER)
    f.add_application(app, None, status="pending")
    desk = DbDeskService(app)
    held = f.add_application(app, rita.staff_id)
    desk.open_application(rita, held)  # works while enabled
    _set(app, "rita", disabled=True)
    with pytest.raises(PermissionDenied, match="disabled"):
        queue_service.claim_next(app, rita)
    with pytest.raises(PermissionDenied, match="disabled"):
        desk.open_application(rita, held)
    with pytest.raises(PermissionDenied, match="disabled"):
        desk.load_image(rita, held, "selfie_with_passport")


def test_a_locked_account_stops_too_until_the_lock_ends(app, clock):
    rita = Actor(f.add_staff(app, "rita", "reviewer"), "rita", StaffRole.REVIEWER)
    f.add_application(app, None, status="pending")
    _set(app, "rita", locked_until=clock.now() + timedelta(minutes=15))
    with pytest.raises(PermissionDenied, match="locked"):
        queue_service.claim_next(app, rita)
    clock.advance(minutes=16)
    assert queue_service.claim_next(app, rita) is not None


def test_a_forged_supervisor_actor_is_ignored(app):
    rita_id = f.add_staff(app, "rita", "reviewer")
    app_id = f.add_application(app, rita_id)
    for forged in (Actor(None, "boss", StaffRole.SUPERVISOR),  # no account at all
                   Actor(rita_id, "rita", StaffRole.SUPERVISOR),  # a reviewer claiming more
                   Actor(rita_id, "olga", StaffRole.SUPERVISOR)):  # someone else's id
        with pytest.raises(PermissionDenied):
            supervision.current_claims(app, forged)
        with pytest.raises(PermissionDenied):
            supervision.release_claim(app, forged, app_id)
    # A promotion counts at once, whatever role the session object remembers.
    _set(app, "rita", role="supervisor")
    assert supervision.current_claims(app, Actor(rita_id, "rita", StaffRole.REVIEWER))


def test_the_pre_score_needs_the_application_held_or_an_auditor(app):
    anna = Actor(f.add_staff(app, "anna", "reviewer"), "anna", StaffRole.REVIEWER)
    rita = Actor(f.add_staff(app, "rita", "reviewer"), "rita", StaffRole.REVIEWER)
    olga = Actor(f.add_staff(app, "olga", "supervisor"), "olga", StaffRole.SUPERVISOR)
    app_id = f.add_application(app, anna.staff_id, band="match")
    desk = DbDeskService(app)
    assert desk.prescore(anna, app_id).band == "match"
    assert desk.prescore(olga, app_id).band == "match"
    with pytest.raises(ConflictError, match="not claimed by you"):
        desk.prescore(rita, app_id)


@pytest.fixture
def cli(db_url, data_dir, monkeypatch):
    for var in ("REVIEWER_SERVICE_ACCOUNT", "REVIEWER_SERVICE_PASSWORD", "REVIEWER_STAFF_NAME",
                "REVIEWER_STAFF_PASSWORD", "REVIEWER_STAFF_TOTP"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # a script: nobody to answer a prompt

    def run(*argv: str) -> int:
        return main(["--db-url", db_url, "--data-dir", str(data_dir), *argv])

    return run


COMMANDS = [("audit", "show"), ("audit", "alerts"), ("stats",), ("retention", "purge", "--dry-run"),
            ("access", "grants", "+79161234567"), ("queue", "status"), ("queue", "list"), ("sms", "outbox")]


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_cli_commands_reading_personal_data_need_a_staff_login(app, cli, argv, capsys):
    assert cli(*argv) == 2
    err = capsys.readouterr().err
    assert "log in with --as NAME" in err and "Traceback" not in err


def test_cli_login_by_name_password_and_totp_without_a_terminal(app, cli, monkeypatch, capsys):
    _person(app, "olga", "supervisor")
    _, secret = _person(app, "vera", "supervisor")
    # Closed stdin: a clear message, not an EOFError traceback.
    assert cli("queue", "status", "--as", "vera") == 2
    assert "standard input is closed" in capsys.readouterr().err
    monkeypatch.setenv("REVIEWER_STAFF_PASSWORD", PW)
    assert cli("queue", "status", "--as", "vera", "--totp", pyotp.TOTP(secret).now()) == 0
    assert "by state:" in capsys.readouterr().out
    assert cli("queue", "status", "--as", "vera", "--totp", "000000") == 2  # a wrong code is refused
    assert "wrong name, password or code" in capsys.readouterr().err


def test_cli_service_account_from_settings_with_its_role(app, cli, monkeypatch, capsys):
    service_account(app, monkeypatch, role="reviewer", name="svc-nightly")
    assert cli("retention", "purge", "--dry-run") == 2  # a reviewer's role: not allowed to purge
    assert "may not purge" in capsys.readouterr().err
    _set(app, "svc-nightly", role="admin")
    assert cli("retention", "purge", "--dry-run") == 0
    _set(app, "svc-nightly", disabled=True)
    assert cli("retention", "purge", "--dry-run") == 2
    with app.sessions() as s:
        assert "staff.service_login" in set(s.scalars(select(AuditEvent.action)))


def test_a_persons_account_cannot_be_a_service_account_and_a_service_account_no_desk(app, cli, monkeypatch,
                                                                                       capsys):
    _person(app, "olga", "admin")
    monkeypatch.setenv("REVIEWER_SERVICE_ACCOUNT", "olga")
    monkeypatch.setenv("REVIEWER_SERVICE_PASSWORD", PW)  # the right password, but no TOTP: refused
    assert cli("stats") == 2
    assert "not a service account" in capsys.readouterr().err
    service_account(app, monkeypatch, role="supervisor", name="svc-stats")
    with pytest.raises(PermissionDenied, match="wrong name, password or code"):
        staff.login(app, "svc-stats", SERVICE_PASSWORD, "123456")


def test_staff_add_as_admin_on_closed_stdin_is_a_message_not_eoferror(app, cli, capsys):
    _person(app, "adam", "admin")
    assert cli("staff", "add", "rita", "--role", "reviewer", "--as", "adam") == 2
    err = capsys.readouterr().err
    assert "standard input is closed" in err and "Traceback" not in err
    assert cli("access", "login", "+79161234567") == 2  # asks for the code: no terminal either
    assert "Traceback" not in capsys.readouterr().err
