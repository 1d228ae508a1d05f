"""The access, staff and sms commands end to end (system clock, real prompts replaced)."""

import builtins
import getpass
import io
import re
import sys

import pyotp
import pytest
from sqlalchemy import select

from access import factories as f
from access.fakes import FakeGateway
from reviewer_app.cli import main
from reviewer_app.db.models import SmsMessage, Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import decisions, sms_dispatch
from tests.cli_login import service_account

PW = "a long admin password"


@pytest.fixture
def run(db_url, data_dir, monkeypatch):
    monkeypatch.delenv("REVIEWER_SMS_GATEWAY_URL", raising=False)

    def _run(*argv: str) -> int:
        return main(["--db-url", db_url, "--data-dir", str(data_dir), *argv])

    return _run


def test_staff_add_bootstrap_and_by_admin_with_qr(run, app, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PW + "\n"))
    png = tmp_path / "qr.png"
    assert run("staff", "add", "adam", "--role", "admin", "--password-stdin", "--qr-png", str(png)) == 0
    out = capsys.readouterr().out
    secret = re.search(r"enter the key ([A-Z2-7]+) by hand", out).group(1)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and "added adam (admin)" in out
    # Adding someone else needs an administrator's login; passwords are asked twice.
    answers = iter([PW, "reviewer password 1", "reviewer password 1"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    monkeypatch.setattr(builtins, "input", lambda prompt="": pyotp.TOTP(secret).now())
    assert run("staff", "add", "rita", "--role", "reviewer", "--as", "adam") == 0
    with app.sessions() as s:
        assert s.scalar(select(Staff.role).where(Staff.name == "rita")) == "reviewer"
    # A mismatched repeat changes nothing; a wrong admin password is refused with the generic message.
    answers = iter(["bad admin password", "x", "y"])
    assert run("staff", "add", "vera", "--role", "reviewer", "--as", "adam") == 2
    assert "wrong name, password or code" in capsys.readouterr().err


def test_access_login_grants_outbox_and_send(run, app, monkeypatch, capsys) -> None:
    reviewer = Actor(f.add_staff(app, "anna"), "anna", StaffRole.REVIEWER)
    app_id = f.add_application(app, reviewer.staff_id)
    decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")

    def code_from_outbox(prompt=""):
        with app.sessions() as s:  # what the SMS sender opens; the outbox row itself has the code masked
            msg = s.scalar(select(SmsMessage).where(SmsMessage.purpose == "otp").order_by(SmsMessage.id.desc()))
        return re.search(r"\d{6}", sms_dispatch.text_to_send(app, msg)).group(0)

    monkeypatch.setattr(builtins, "input", code_from_outbox)
    assert run("access", "login", "8 916 123 45 67") == 0
    out = capsys.readouterr().out
    assert "if +7 916 123-45-67 may open this record, a code was sent" in out
    assert "access granted: Иванова Мария Петровна, own record" in out
    assert run("access", "login", "+79161234567", "--code", code_from_outbox()) == 2  # replay
    assert "wrong code" in capsys.readouterr().err  # used, expired and wrong codes answer alike
    assert run("access", "grants", "+79161234567") == 2  # personal data: a staff login first
    assert "access grants reads personal data" in capsys.readouterr().err
    service_account(app, monkeypatch, role="supervisor")
    assert run("access", "grants", "+79161234567") == 0
    assert re.search(r"self\s+Иванова Мария Петровна\s+active", capsys.readouterr().out)
    assert run("sms", "outbox", "--status", "pending") == 0
    out = capsys.readouterr().out
    assert "+7 916 123-45-67" in out and "одобрено" in out
    assert run("sms", "send") == 2
    assert "no SMS gateway configured" in capsys.readouterr().err
    gw = FakeGateway()
    try:
        monkeypatch.setenv("REVIEWER_SMS_GATEWAY_URL", gw.url)
        assert run("sms", "send") == 0
        assert "sent 2, failed 0" in capsys.readouterr().out
        assert len(gw.requests) == 2
    finally:
        gw.close()


def test_access_unlock_needs_admin(run, app, monkeypatch, capsys) -> None:
    import reviewer_app.cli.staff_cmd as staff_cmd

    reviewer = Actor(f.add_staff(app, "anna"), "anna", StaffRole.REVIEWER)
    app_id = f.add_application(app, reviewer.staff_id)
    decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    monkeypatch.setattr(staff_cmd, "cli_login", lambda app_, name: reviewer)
    assert run("access", "unlock", "+79161234567", "--as", "anna") == 2
    assert "may not manage_staff" in capsys.readouterr().err
    admin = Actor(f.add_staff(app, "adam", "admin"), "adam", StaffRole.ADMIN)
    monkeypatch.setattr(staff_cmd, "cli_login", lambda app_, name: admin)
    assert run("access", "unlock", "+79161234567", "--as", "adam") == 0
