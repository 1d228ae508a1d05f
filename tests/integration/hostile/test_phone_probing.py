"""Issue 23, item 2: no answer of the citizen login tells whether a phone has a login, and no LIKE wildcard passes
for a record key. Every test compares a phone with a login against one without. On SQLite and PostgreSQL."""

from __future__ import annotations

import builtins
from datetime import date

import pytest
from access import factories as f
from sqlalchemy import func, select

from reviewer_app.cli import main
from reviewer_app.db.models import AuditEvent, SmsMessage
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services import citizen_login as cl
from reviewer_app.services import decisions, sms_dispatch

KNOWN, UNKNOWN = "+7 916 123-45-67", "+7 903 000-00-00"


@pytest.fixture
def known(app):
    """A parent with a login: their own record and a child's."""
    anna = Actor(f.add_staff(app, "anna", "reviewer"), "anna", StaffRole.REVIEWER)
    own = f.add_application(app, anna.staff_id)
    decisions.decide(app, anna, application_id=own, expected_version=1, outcome="approve")
    kid = f.add_application(app, anna.staff_id, kind="child_access", child_birth=date(2019, 2, 11))
    decisions.decide(app, anna, application_id=kid, expected_version=1, outcome="approve")


def _answer(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("record", ["abc", "%%%%%%%%", "________", "self' OR 1=1"])
def test_a_bad_record_is_answered_alike_for_every_phone(app, known, db_url, data_dir, capsys, monkeypatch, record):
    monkeypatch.setattr(builtins, "input", lambda prompt="": "000000")
    base = ["--db-url", db_url, "--data-dir", str(data_dir), "access", "login"]
    for extra in ([], ["--code", "000000"]):
        answers = {}
        for phone in (KNOWN, UNKNOWN):
            code, out, err = _answer([*base, phone, "--record", record, *extra], capsys)
            answers[phone] = (code, out.replace(phone, "PHONE"), err.replace(phone, "PHONE"))
        assert answers[KNOWN] == answers[UNKNOWN], answers
        assert "--record" in answers[KNOWN][2]


def test_like_wildcards_do_not_pass_for_a_child_key(app, known):
    for record in ("%%%%%%%%", "________", "%" * 64):
        with pytest.raises(ReviewerError, match="--record"):
            cl.request_code(app, KNOWN, record=record)
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(SmsMessage).where(SmsMessage.purpose == "otp")) == 0


def _code(app) -> str:
    with app.sessions() as s:
        msg = s.scalar(select(SmsMessage).where(SmsMessage.purpose == "otp").order_by(SmsMessage.id.desc()))
    return sms_dispatch.text_to_send(app, msg).split(": ")[1][:6]


def _refusal(app, phone: str, code: str) -> str:
    with pytest.raises(cl.LoginRefused) as info:
        cl.verify_code(app, phone, code)
    return str(info.value)


def test_expired_and_used_codes_answer_like_a_guess_on_an_unknown_phone(app, known, clock):
    cl.request_code(app, KNOWN)
    code = _code(app)
    cl.verify_code(app, KNOWN, code)
    used = _refusal(app, KNOWN, code)
    clock.advance(seconds=app.settings.otp_resend_seconds)
    cl.request_code(app, KNOWN)
    code = _code(app)
    clock.advance(seconds=app.settings.otp_ttl_seconds)
    expired = _refusal(app, KNOWN, code)
    guessed = [_refusal(app, UNKNOWN, "000000") for _ in range(2)]
    assert [used, expired] == guessed
    with app.sessions() as s:  # the audit keeps what really happened
        problems = [e.details["problem"] for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == "otp.fail").order_by(AuditEvent.id))]
    assert "already used" in problems[0] and "expired" in problems[1] and problems[2:] == ["unknown phone"] * 2


def test_failures_age_out_alike_for_known_and_unknown_phones(app, known, clock):
    """Spread out over more than the lock period, the failures of a known phone used to add up to a lock that an
    unknown phone never reached."""
    limit = app.settings.otp_max_failures
    gap = app.settings.otp_lock_minutes * 60 // (limit - 1) + 1
    cl.request_code(app, KNOWN)
    answers = {}
    for phone in (KNOWN, UNKNOWN):
        seen = []
        for _ in range(limit + 2):
            seen.append(_refusal(app, phone, "000000"))
            clock.advance(seconds=gap)
        answers[phone] = seen
    assert answers[KNOWN] == answers[UNKNOWN]
    assert not any("locked until" in a for a in answers[KNOWN])
