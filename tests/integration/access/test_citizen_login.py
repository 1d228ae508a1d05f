import re
from datetime import date

import pytest
from sqlalchemy import select

from access import factories as f
from reviewer_app.db.models import AccessGrant, AuditEvent, OtpCredential, SmsMessage
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.services import citizen_login as cl
from reviewer_app.services import decisions, sms_dispatch

PHONE = "8 (916) 123-45-67"  # as a citizen types it


def _last_code(app) -> str:
    with app.sessions() as s:  # what the SMS sender opens; the outbox row itself has the code masked
        msg = s.scalar(select(SmsMessage).where(SmsMessage.purpose == "otp").order_by(SmsMessage.id.desc()))
    return re.search(r"\b(\d{6})\b", sms_dispatch.text_to_send(app, msg)).group(1)


def _actions(app) -> list[str]:
    with app.sessions() as s:
        return [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]


@pytest.fixture
def own(app, reviewer):
    app_id = f.add_application(app, reviewer.staff_id)
    decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    return app_id


def test_full_path_from_approval_to_login(app, own) -> None:
    sent = cl.request_code(app, PHONE)
    assert sent.phone_display == "+7 916 123-45-67"
    code = _last_code(app)
    opened = cl.verify_code(app, PHONE, code)
    assert opened.subject_kind == "self" and opened.holder_name == "Иванова Мария Петровна"
    assert _actions(app)[-3:] == ["otp.send", "otp.verify", "record.open"]


def test_code_is_single_use(app, own, clock) -> None:
    cl.request_code(app, PHONE)
    code = _last_code(app)
    cl.verify_code(app, PHONE, code)
    with pytest.raises(cl.LoginRefused, match=r"^wrong code"):  # the caller hears what a guess hears
        cl.verify_code(app, PHONE, code)
    assert _actions(app)[-1] == "otp.fail"
    assert "already used" in _last_fail_problem(app)  # the audit keeps the difference


def _last_fail_problem(app) -> str:
    with app.sessions() as s:
        return s.scalar(select(AuditEvent).where(AuditEvent.action == "otp.fail")
                        .order_by(AuditEvent.id.desc())).details["problem"]


def test_code_expires_after_ttl(app, own, clock) -> None:
    cl.request_code(app, PHONE)
    code = _last_code(app)
    clock.advance(seconds=app.settings.otp_ttl_seconds)
    with pytest.raises(cl.LoginRefused, match=r"^wrong code"):
        cl.verify_code(app, PHONE, code)
    assert "expired" in _last_fail_problem(app)


def test_code_just_inside_ttl_works(app, own, clock) -> None:
    cl.request_code(app, PHONE)
    clock.advance(seconds=app.settings.otp_ttl_seconds - 1)
    assert cl.verify_code(app, PHONE, _last_code(app)).subject_kind == "self"


def test_only_the_latest_code_counts_and_codes_differ(app, own, clock) -> None:
    cl.request_code(app, PHONE)
    first = _last_code(app)
    clock.advance(seconds=app.settings.otp_resend_seconds)
    cl.request_code(app, PHONE)
    second = _last_code(app)
    assert first != second
    with pytest.raises(cl.LoginRefused, match="wrong code"):
        cl.verify_code(app, PHONE, first)
    cl.verify_code(app, PHONE, second)


def _outbox(app, purpose: str | None = None) -> list[str]:
    with app.sessions() as s:
        q = select(SmsMessage.body).order_by(SmsMessage.id)
        return list(s.scalars(q.where(SmsMessage.purpose == purpose) if purpose else q))


def _requests(app) -> list[str]:
    with app.sessions() as s:
        return [e.details["outcome"] for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "otp.request")
                                                         .order_by(AuditEvent.id))]


def test_resend_is_throttled(app, own, clock) -> None:
    first = cl.request_code(app, PHONE)
    clock.advance(seconds=app.settings.otp_resend_seconds - 5)
    again = cl.request_code(app, PHONE)  # the same answer, but no second SMS (and the audit says why)
    assert again.phone_display == first.phone_display and again.outbox_id is None
    assert len(_outbox(app, "otp")) == 1 and _requests(app) == ["throttled"]
    clock.advance(seconds=5)
    assert cl.request_code(app, PHONE).outbox_id is not None and len(_outbox(app, "otp")) == 2


def test_five_wrong_codes_lock_then_lock_ends(app, own, clock) -> None:
    cl.request_code(app, PHONE)
    code = _last_code(app)
    wrong = "000000" if code != "000000" else "111111"
    for i in range(app.settings.otp_max_failures - 1):
        with pytest.raises(cl.LoginRefused, match=f"{app.settings.otp_max_failures - 1 - i} attempt"):
            cl.verify_code(app, PHONE, wrong)
    with pytest.raises(cl.LoginLocked, match="locked until 12:15"):  # 09:00 UTC = 12:00 Moscow, + 15 min
        cl.verify_code(app, PHONE, wrong)
    assert "otp.locked" in _actions(app)
    # Even the right code is refused while locked, and no new code is sent.
    with pytest.raises(cl.LoginLocked):
        cl.verify_code(app, PHONE, code)
    sent = len(_outbox(app))
    assert cl.request_code(app, PHONE).outbox_id is None and len(_outbox(app)) == sent  # said nothing, sent nothing
    assert _requests(app) == ["locked"]
    clock.advance(minutes=app.settings.otp_lock_minutes)
    cl.request_code(app, PHONE)
    cl.verify_code(app, PHONE, _last_code(app))
    with app.sessions() as s:
        cred = s.scalar(select(OtpCredential))
        assert (cred.failures, cred.locked_until) == (0, None)


def test_admin_unlocks(app, own) -> None:
    cl.request_code(app, PHONE)
    for _ in range(app.settings.otp_max_failures):
        with pytest.raises(cl.LoginRefused):
            cl.verify_code(app, PHONE, "999999" if _last_code(app) != "999999" else "888888")
    admin = Actor(f.add_staff(app, "adam", "admin"), "adam", StaffRole.ADMIN)
    reviewer = Actor(f.add_staff(app, "rita", "reviewer"), "rita", StaffRole.REVIEWER)
    with pytest.raises(PermissionDenied):
        cl.unlock(app, reviewer, PHONE)
    cl.unlock(app, admin, PHONE)
    assert _actions(app)[-1] == "otp.unlock"
    cl.verify_code(app, PHONE, _last_code(app))


def test_unknown_phone_and_landline(app) -> None:
    answer = cl.request_code(app, "+7 903 000-00-00")  # the answer of a known phone; nothing is sent
    assert answer.phone_display == "+7 903 000-00-00" and answer.outbox_id is None and _outbox(app) == []
    assert _requests(app) == ["unknown"]
    with pytest.raises(Exception, match="not a Russian mobile"):
        cl.request_code(app, "+7 495 123-45-67")


def test_secret_is_encrypted_at_rest(app, own) -> None:
    with app.sessions() as s:
        cred = s.scalar(select(OtpCredential))
    secret = app.secrets.open(cred.secret_encrypted, context=f"otp:{cred.citizen_key}")
    assert secret not in cred.secret_encrypted


def test_child_record_code_goes_to_parent_and_ends_before_15th_birthday(app, reviewer, clock) -> None:
    # The child turns 15 on 2026-11-29; "now" is 2026-11-27 (Moscow).
    app_id = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=date(2011, 11, 29))
    decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    with app.sessions() as s:
        key = s.scalar(select(AccessGrant.subject_key))
    assert cl.request_code(app, PHONE).outbox_id is None  # no own record: the same answer, no SMS
    assert _requests(app) == ["no_access"]
    cl.request_code(app, PHONE, record=key[:10])
    with app.sessions() as s:
        assert s.scalar(select(SmsMessage.phone_e164).where(SmsMessage.purpose == "otp")) == "+79161234567"
    assert cl.verify_code(app, PHONE, _last_code(app), record=key[:10]).subject_kind == "child"
    clock.advance(days=1)  # 2026-11-28: the last day
    cl.request_code(app, PHONE, record=key)
    cl.verify_code(app, PHONE, _last_code(app), record=key)
    clock.advance(days=1)  # 2026-11-29: the 15th birthday
    assert cl.request_code(app, PHONE, record=key).outbox_id is None
    # Only the phone's owner learns why: an SMS instead of a code.
    # In Russian, the child by initials only, and where to go now: the child's own application.
    sms = _outbox(app, cl.INFO_PURPOSE)[-1]
    assert sms == ("Вход в электронную медкарту невозможен: доступ к медкарте ребёнка (И. П. С.) закончился "
                   "28.11.2026: 29.11.2026 ребёнку исполнилось 15 лет. Теперь ребёнок может сам подать заявление "
                   "на доступ к своей медкарте.")
    assert "Пётр" not in sms and "Иванов " not in sms
    with app.sessions() as s:
        assert s.scalar(select(AccessGrant.status)) == "expired"
    assert _actions(app)[-2:] == ["grant.expire", "otp.request"] and _requests(app)[-1] == "refused"


def test_birthday_between_send_and_verify(app, reviewer, clock) -> None:
    from datetime import UTC, datetime
    clock.current = datetime(2026, 11, 28, 20, 58, tzinfo=UTC)  # 23:58 Moscow on the last day
    app_id = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=date(2011, 11, 29))
    decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    with app.sessions() as s:
        key = s.scalar(select(AccessGrant.subject_key))
    cl.request_code(app, PHONE, record=key)
    clock.advance(minutes=3)  # 00:01 Moscow on the birthday
    with pytest.raises(cl.LoginRefused, match="ended on"):
        cl.verify_code(app, PHONE, _last_code(app), record=key)


def test_revoked_grant_refused_with_reason(app, own, reviewer) -> None:
    cancel = f.add_application(app, reviewer.staff_id, kind="cancel_access")
    decisions.decide(app, reviewer, application_id=cancel, expected_version=1, outcome="approve")
    assert cl.request_code(app, PHONE).outbox_id is None
    assert re.search(r"withdrawn on 27\.11\.2026 \(cancel_access\)", _outbox(app, cl.INFO_PURPOSE)[-1])


def test_code_for_other_record_is_refused(app, own, reviewer, clock) -> None:
    kid = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=date(2019, 2, 11))
    decisions.decide(app, reviewer, application_id=kid, expected_version=1, outcome="approve")
    with app.sessions() as s:
        key = s.scalar(select(AccessGrant.subject_key).where(AccessGrant.subject_kind == "child"))
    cl.request_code(app, PHONE, record=key)
    with pytest.raises(cl.LoginRefused, match=r"^wrong code"):
        cl.verify_code(app, PHONE, _last_code(app), record="self")
    assert "another record" in _last_fail_problem(app)
