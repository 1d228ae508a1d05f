"""Issue 14, item 7: the citizen login does not tell which phones have a login, and nobody can flood a phone with
codes. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from access import factories as f
from sqlalchemy import func, select

from reviewer_app.cli import main
from reviewer_app.db.models import AuditEvent, SmsMessage
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import citizen_login as cl
from reviewer_app.services import decisions

KNOWN, UNKNOWN = "+7 916 123-45-67", "+7 903 000-00-00"


@pytest.fixture
def known(app):
    anna = Actor(f.add_staff(app, "anna", "reviewer"), "anna", StaffRole.REVIEWER)
    app_id = f.add_application(app, anna.staff_id)
    decisions.decide(app, anna, application_id=app_id, expected_version=1, outcome="approve")


def _sms(app, phone: str | None = None) -> int:
    with app.sessions() as s:
        q = select(func.count()).select_from(SmsMessage).where(SmsMessage.purpose.in_(("otp", cl.INFO_PURPOSE)))
        return s.scalar(q.where(SmsMessage.phone_e164 == phone) if phone else q)


def _outcomes(app) -> list[str]:
    with app.sessions() as s:
        return [e.details["outcome"] for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "otp.request")
                                                         .order_by(AuditEvent.id))]


def test_known_and_unknown_phones_get_the_same_answer(app, known, db_url, data_dir, capsys, clock):
    argv = ["--db-url", db_url, "--data-dir", str(data_dir), "access", "login"]
    answers = {}
    for phone in (KNOWN, UNKNOWN):
        assert main([*argv, phone, "--code", "000000"]) == 2  # a guessed code: refused alike
        answers[phone] = capsys.readouterr().err.replace(phone, "PHONE")
    assert answers[KNOWN] == answers[UNKNOWN] and "wrong code" in answers[KNOWN]
    k, u = cl.request_code(app, KNOWN), cl.request_code(app, UNKNOWN)
    assert (k.phone_display.replace(KNOWN, ""), k.expires_at) == (u.phone_display.replace(UNKNOWN, ""), u.expires_at)
    assert _sms(app, "+79161234567") == 1 and _sms(app, "+79030000000") == 0
    assert _outcomes(app) == ["unknown"]  # the real send is audited as otp.send
    with app.sessions() as s:  # the unknown phone is not written in clear into the audit trail
        targets = set(s.scalars(select(AuditEvent.target_id).where(AuditEvent.action.like("otp.%"))))
    assert not any("9030000000" in t for t in targets)


def test_an_unknown_phone_locks_like_a_known_one(app, known, clock):
    cl.request_code(app, KNOWN)
    for phone in (KNOWN, UNKNOWN):
        messages = []
        for _ in range(app.settings.otp_max_failures):
            with pytest.raises(cl.LoginRefused) as info:
                cl.verify_code(app, phone, "000000")
            messages.append(str(info.value))
        with pytest.raises(cl.LoginLocked) as locked:
            cl.verify_code(app, phone, "000000")
        messages.append(str(locked.value))
        if phone == KNOWN:
            known_messages = messages
    assert messages == known_messages
    assert "locked until" in messages[-1]


def test_codes_to_one_phone_are_capped_per_hour_and_per_day(app, known, clock):
    st = app.settings
    for _ in range(st.otp_max_per_phone_hour + 3):
        cl.request_code(app, KNOWN)
        clock.advance(seconds=st.otp_resend_seconds)
    sent = _sms(app, "+79161234567")
    assert sent == st.otp_max_per_phone_hour
    assert _outcomes(app).count("capped") == 3
    # Hour after hour, the day's cap holds.
    for _ in range(6):
        clock.advance(minutes=61)
        for _ in range(st.otp_max_per_phone_hour):
            cl.request_code(app, KNOWN)
            clock.advance(seconds=st.otp_resend_seconds)
    assert _sms(app, "+79161234567") == st.otp_max_per_phone_day


def test_all_codes_together_are_capped(app, clock):
    from dataclasses import replace

    anna = Actor(f.add_staff(app, "anna", "reviewer"), "anna", StaffRole.REVIEWER)
    phones = ["+79161234567", "+79161234568", "+79161234569"]
    for i, phone in enumerate(phones):
        app_id = f.add_application(app, anna.staff_id, phone=phone, passport=f"450257348{i}")
        decisions.decide(app, anna, application_id=app_id, expected_version=1, outcome="approve")
    app.settings = replace(app.settings, otp_max_global_hour=2)
    for phone in phones:
        cl.request_code(app, phone)
    assert _sms(app) == 2  # login SMS only (decision notices have their own purpose)
    assert _outcomes(app) == ["capped"]


def test_the_global_cap_holds_for_requests_at_the_same_moment(app, clock, monkeypatch):
    """Two phones ask at once with one code left under the cap: the second request counts after the first one's
    commit. Uncounted, both passed and the cap was exceeded."""
    import threading
    from dataclasses import replace

    anna = Actor(f.add_staff(app, "anna", "reviewer"), "anna", StaffRole.REVIEWER)
    phones = ["+79161234567", "+79161234568"]
    for i, phone in enumerate(phones):
        app_id = f.add_application(app, anna.staff_id, phone=phone, passport=f"450257348{i}")
        decisions.decide(app, anna, application_id=app_id, expected_version=1, outcome="approve")
    app.settings = replace(app.settings, otp_max_global_hour=1)
    first_counted, second_done = threading.Event(), threading.Event()
    real_cap = cl._cap_reached

    def cap(*args, **kw):
        answer = real_cap(*args, **kw)
        if not first_counted.is_set():
            first_counted.set()
            second_done.wait(2.0)  # the first request's transaction stays open while the second one asks
        return answer

    monkeypatch.setattr(cl, "_cap_reached", cap)

    def first() -> None:
        cl.request_code(app, phones[0])

    def second() -> None:
        first_counted.wait(10)
        cl.request_code(app, phones[1])
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert _sms(app) == 1
    assert _outcomes(app) == ["capped"]


def test_a_revoked_login_learns_why_only_on_its_own_phone(app, known, clock):
    anna = Actor(f.add_staff(app, "rita", "reviewer"), "rita", StaffRole.REVIEWER)
    cancel = f.add_application(app, anna.staff_id, kind="cancel_access")
    decisions.decide(app, anna, application_id=cancel, expected_version=1, outcome="approve")
    answer = cl.request_code(app, KNOWN)
    assert answer.outbox_id is None  # the asker is told nothing more than for any phone
    with app.sessions() as s:
        body = s.scalar(select(SmsMessage.body).where(SmsMessage.purpose == cl.INFO_PURPOSE))
    assert "withdrawn" in body
    assert _outcomes(app) == ["refused"]
