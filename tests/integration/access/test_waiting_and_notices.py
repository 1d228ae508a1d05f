"""Issue 22 items 6 and 7 through the real services and database (SQLite and PostgreSQL): the notice before a
child's access ends (once per grant), the waiting case's own deadline and its expiry (once per case), the fresh
answer deadline after the MFC confirms, and a second application for the same child while one waits."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from access import factories as f
from access.test_decision_routes import ABROAD, write_pack
from reviewer_app import queue
from reviewer_app.db.models import AccessGrant, Application, AuditEvent, Decision, SmsMessage
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import citizen_login as cl
from reviewer_app.services import decisions, mfc, queue_service, sms_dispatch
from reviewer_app.services.notices import notify_child_access
from reviewer_app.services.waiting import expire_waiting
from tests.concurrency import two_at_once


def _sms(app, purpose: str) -> list[str]:
    with app.sessions() as s:
        return list(s.scalars(select(SmsMessage.body).where(SmsMessage.purpose == purpose).order_by(SmsMessage.id)))


def _actions(app, action: str) -> list[AuditEvent]:
    with app.sessions() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def _child_grant(app, reviewer, child_birth: date) -> int:
    app_id = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=child_birth)
    return decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve").grant_ids[0]


def test_parent_is_told_once_30_days_before_the_childs_access_ends(app, reviewer, clock) -> None:
    # Today is 27.11.2026 (Moscow). The child turns 15 on 29.12.2026: access ends 28.12.2026, 31 days ahead.
    gid = _child_grant(app, reviewer, date(2011, 12, 29))
    assert notify_child_access(app).notified == () and _sms(app, "child_access_ending") == []
    clock.advance(days=1)  # 28.11.2026: exactly 30 days before the last day
    run = notify_child_access(app)
    assert run.notified == (gid,) and len(run.sms_ids) == 1
    assert _sms(app, "child_access_ending") == [
        "Доступ к электронной медкарте ребёнка (И. П. С.) по этому номеру закончится 28.12.2026: 29.12.2026 "
        "ребёнку исполнится 15 лет. С этого дня ребёнок сам подаёт заявление на доступ к своей медкарте."]
    with app.sessions() as s:
        grant = s.get(AccessGrant, gid)
        assert grant.ending_notified_at == clock.now()
        msg = s.get(SmsMessage, run.sms_ids[0])
        assert msg.phone_e164 == "+79161234567" and msg.application_id == grant.application_id
    entry = _actions(app, "grant.ending_notified")[-1]
    assert entry.target_id == str(gid) and entry.details["outbox_id"] == run.sms_ids[0]
    # Idempotent: the next runs (tomorrow's cron too) tell nobody again.
    assert notify_child_access(app).notified == ()
    clock.advance(days=1)
    assert notify_child_access(app).notified == () and len(_sms(app, "child_access_ending")) == 1


def test_revoked_or_undated_grants_get_no_notice(app, reviewer, clock) -> None:
    # Another citizen's own access, on a phone of their own (one phone, one citizen).
    own = f.add_application(app, reviewer.staff_id, passport="4502000001", phone="+79161230001")
    decisions.decide(app, reviewer, application_id=own, expected_version=1, outcome="approve")  # no end date
    gid = _child_grant(app, reviewer, date(2011, 12, 20))
    with app.uow() as s:
        s.get(AccessGrant, gid).status = "revoked"
    assert notify_child_access(app).notified == ()


def test_two_runs_at_the_same_moment_send_one_notice(app, reviewer, clock, monkeypatch) -> None:
    gid = _child_grant(app, reviewer, date(2011, 12, 20))
    runs = []
    outcome = two_at_once(monkeypatch, "grant.ending_notified", lambda: runs.append(notify_child_access(app)))
    assert outcome == {"first": None, "second": None}
    assert sorted(r.notified for r in runs) == [(), (gid,)]
    assert len(_sms(app, "child_access_ending")) == 1 and len(_actions(app, "grant.ending_notified")) == 1


def _sent_to_mfc(app, reviewer, tmp_path, app_id: str = "EMK-2026-000701") -> str:
    out = f.intake_compared(app, write_pack(tmp_path, app_id, certificate=ABROAD))
    assert out.checks["kinship"] == "in_person"
    item = queue_service.claim_next(app, reviewer)
    decisions.decide(app, reviewer, application_id=item.application_id, expected_version=item.version,
                     outcome="in_person")
    return item.application_id


def test_a_case_sent_to_the_mfc_waits_under_its_own_deadline_then_expires_once(app, reviewer, tmp_path,
                                                                               clock) -> None:
    app_id = _sent_to_mfc(app, reviewer, tmp_path)
    with app.sessions() as s:
        row = s.get(Application, app_id)
        assert row.waiting_until == date(2026, 12, 27)  # 27.11.2026 + 30 days (setting mfc_wait_days)
        assert s.scalar(select(Decision.sla_breached).where(Decision.application_id == app_id)) is False
    assert "до 27.12.2026 включительно" in _sms(app, "decision")[-1]  # the applicant is told the last day
    clock.advance(days=30)  # 27.12.2026: the last day of waiting, long past the answer deadline
    today = moscow_date(clock.now())
    with app.sessions() as s:  # the queue does not count a waiting case as breached
        assert queue.list_rows(s, today=today, overdue=True) == []
        assert all(c.band != "overdue" for c in queue.counts(s, today=today))
        waiting = queue.list_rows(s, today=today, state="in_person_required")
        assert [(r.application_id, r.sla_band, r.waiting_until) for r in waiting] == \
            [(app_id, "closed", date(2026, 12, 27))]  # answered; the list shows how long it waits
    assert expire_waiting(app).expired == ()
    clock.advance(days=1)  # 28.12.2026
    run = expire_waiting(app)
    assert run.expired == (app_id,) and len(run.sms_ids) == 1
    with app.sessions() as s:
        assert s.get(Application, app_id).status == "expired"
    assert _sms(app, "waiting_expired") == [
        f"Заявление {app_id} закрыто: срок для визита в МФЦ «Мои документы» истёк 27.12.2026. Чтобы получить "
        "доступ, подайте новое заявление."]
    entry = _actions(app, "application.expire")[-1]
    assert entry.target_id == app_id and entry.details["waiting_until"] == "2026-12-27"
    assert expire_waiting(app).expired == () and len(_sms(app, "waiting_expired")) == 1  # once


def test_two_expiry_runs_at_the_same_moment_close_a_case_once(app, reviewer, tmp_path, clock, monkeypatch) -> None:
    app_id = _sent_to_mfc(app, reviewer, tmp_path)
    clock.advance(days=31)
    runs = []
    outcome = two_at_once(monkeypatch, "application.expire", lambda: runs.append(expire_waiting(app)))
    assert outcome == {"first": None, "second": None}
    assert sorted(r.expired for r in runs) == [(), (app_id,)]
    assert len(_sms(app, "waiting_expired")) == 1 and len(_actions(app, "application.expire")) == 1


def test_the_mfc_confirmation_restarts_the_answer_deadline(app, reviewer, tmp_path, clock) -> None:
    app_id = _sent_to_mfc(app, reviewer, tmp_path)
    clock.advance(days=14)  # 11.12.2026 (a Friday): the parent went to the MFC yesterday
    operator = Actor(f.add_staff(app, "mila", "mfc"), "mila", StaffRole.MFC)  # the MFC's own record counts at once
    c = mfc.record_confirmation(app, operator, app_id, confirmed_by="Петрова А. А.", mfc_office="МФЦ Арбат",
                                confirmed_on="2026-12-10", document_ref="МФЦ-2026/9")
    assert c.requeued
    today = moscow_date(clock.now())
    with app.sessions() as s:
        row = s.get(Application, app_id)
        assert (row.sla_deadline, row.waiting_until) == (date(2026, 12, 18), None)  # 5 working days from today
        assert queue.list_rows(s, today=today, overdue=True) == []
    assert _actions(app, "application.requeue")[-1].details["sla_deadline"] == "2026-12-18"
    item = queue_service.claim_next(app, reviewer)
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=item.version, outcome="approve")
    with app.sessions() as s:
        assert s.get(Decision, r.decision_id).sla_breached is False


def test_a_second_application_for_the_same_child_while_one_waits_is_a_duplicate(app, reviewer, tmp_path) -> None:
    _sent_to_mfc(app, reviewer, tmp_path)
    again = f.intake_compared(app, write_pack(tmp_path, "EMK-2026-000702", certificate=ABROAD))
    assert again.status == "imported" and again.checks["duplicate"] == "fail"
    # Another child of the same parent is no duplicate.
    other = f.intake_compared(app, write_pack(tmp_path, "EMK-2026-000703", certificate={**ABROAD, "number": "200099"},
                                        child={"first_name": "Анна"}))
    assert other.checks["duplicate"] == "pass"


def test_login_after_the_end_is_refused_in_russian_pointing_to_the_childs_own_application(app, reviewer,
                                                                                        clock) -> None:
    clock.current = datetime(2026, 11, 28, 20, 58, tzinfo=UTC)  # 23:58 Moscow on the last day
    _child_grant(app, reviewer, date(2011, 11, 29))
    with app.sessions() as s:
        key = s.scalar(select(AccessGrant.subject_key))
    cl.request_code(app, "+79161234567", record=key)
    with app.sessions() as s:
        msg = s.scalar(select(SmsMessage).where(SmsMessage.purpose == "otp").order_by(SmsMessage.id.desc()))
    code = re.search(r"\b(\d{6})\b", sms_dispatch.text_to_send(app, msg)).group(1)
    clock.advance(minutes=3)  # 00:01 Moscow on the 15th birthday
    with pytest.raises(cl.LoginRefused) as refused:
        cl.verify_code(app, "+79161234567", code, record=key)
    assert refused.value.params["ru"] == (
        "доступ к медкарте ребёнка (И. П. С.) закончился 28.11.2026: 29.11.2026 ребёнку исполнилось 15 лет. "
        "Теперь ребёнок может сам подать заявление на доступ к своей медкарте")
    assert "Пётр" not in str(refused.value) and "apply for access to their own record" in str(refused.value)
