"""OTP codes are never stored in clear: masked in the outbox, sealed for the sender (bound to the phone)."""

from __future__ import annotations

import re

import pytest
from access import factories as f
from access.fakes import FakeGateway
from sqlalchemy import text, update

from reviewer_app.cli import main
from reviewer_app.db.models import SmsMessage
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import citizen_login, decisions
from reviewer_app.services import sms_dispatch as sd
from reviewer_app.sms import HttpSmsGateway
from tests.cli_login import service_account

PHONE = "+79161234567"


@pytest.fixture
def sent(app):
    reviewer = Actor(f.add_staff(app, "anna"), "anna", StaffRole.REVIEWER)
    decisions.decide(app, reviewer, application_id=f.add_application(app, reviewer.staff_id), expected_version=1,
                     outcome="approve")
    return citizen_login.request_code(app, PHONE)


def _raw_rows(app) -> list[str]:
    """Every outbox row as the database holds it, all columns as text (what anyone with the tables reads)."""
    with app.engine.connect() as conn:
        return [" ".join(str(v) for v in row) for row in conn.execute(text("SELECT * FROM sms_outbox"))]


def _the_code(app, sent) -> str:
    with app.sessions() as s:
        msg = s.get(SmsMessage, sent.outbox_id)
    return re.search(r"\d{6}", sd.text_to_send(app, msg)).group(0)


def test_the_code_is_not_in_the_database(app, sent) -> None:
    code = _the_code(app, sent)
    rows = _raw_rows(app)
    assert rows and not any(code in r for r in rows)
    with app.sessions() as s:
        msg = s.get(SmsMessage, sent.outbox_id)
    assert "******" in msg.body and msg.body_sealed is not None
    assert citizen_login.verify_code(app, PHONE, code).subject_kind == "self"  # the real code still works


def test_the_sender_sends_the_real_text(app, sent) -> None:
    code = _the_code(app, sent)
    gw = FakeGateway()
    try:
        assert sd.dispatch_due(app, HttpSmsGateway(gw.url, timeout=5)).sent == 2  # the decision SMS and the code
        texts = [r["body"]["text"] for r in gw.requests]
    finally:
        gw.close()
    assert any(code in t for t in texts) and not any("******" in t for t in texts)


def test_a_readdressed_code_is_never_sent(app, sent) -> None:
    """An insider points the pending code at their own phone: the sealed text no longer opens; nothing is sent."""
    with app.uow() as s:
        s.execute(update(SmsMessage).where(SmsMessage.id == sent.outbox_id).values(phone_e164="+79990000000"))
    gw = FakeGateway()
    try:
        report = sd.dispatch_due(app, HttpSmsGateway(gw.url, timeout=5))
        assert all(r["body"]["to"] != "+79990000000" for r in gw.requests)
    finally:
        gw.close()
    assert report.failed == 1
    with app.sessions() as s:
        msg = s.get(SmsMessage, sent.outbox_id)
    assert msg.status == "pending" and "cannot be opened" in msg.last_error


def test_no_outbox_listing_shows_a_live_code(app, sent, capsys, monkeypatch) -> None:
    """Issue 23, item 7: `sms outbox --show-codes` printed codes that still open records; a supervisor
    investigating delivery sees the message masked and its delivery state, never the code."""
    service_account(app, monkeypatch, role="supervisor")
    code = _the_code(app, sent)
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    assert main([*argv, "sms", "outbox"]) == 0
    out = capsys.readouterr().out
    assert "******" in out and code not in out and "pending" in out
    assert main([*argv, "sms", "outbox", "--show-codes"]) == 2  # the option is gone
    captured = capsys.readouterr()
    assert code not in captured.out + captured.err


def test_a_file_gateway_only_on_a_demo_or_training_database(app, sent, capsys, monkeypatch, tmp_path) -> None:
    code = _the_code(app, sent)
    sink = tmp_path / "sms.txt"
    monkeypatch.setenv("REVIEWER_SMS_GATEWAY_URL", f"file:{sink}")
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir), "sms", "send"]
    assert main(argv) == 2  # a production database: codes go to a real gateway only
    assert "demo and training databases only" in capsys.readouterr().err and not sink.exists()
    f.mark_training(app)
    assert main(argv) == 0
    assert code in sink.read_text(encoding="utf-8") and (sink.stat().st_mode & 0o777) == 0o600
    with app.sessions() as s:
        assert s.get(SmsMessage, sent.outbox_id).status == "sent"
