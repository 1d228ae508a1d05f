"""Cases sent to the MFC (status in_person_required): waiting under their own deadline, back to the queue, expiry.

Sending an application to the MFC is the online answer within the answer deadline: the SLA clock stops there
(the decision records whether that answer was in time). The case then waits for the visit until
`waiting_until` (the decision day + setting `mfc_wait_days`, default 30 calendar days):
- an MFC confirmation puts it back in the queue (`resume_values`): a fresh answer deadline of the rule table's
  `sla_working_days` from that day, so the returned case is never shown as overdue for the weeks it waited;
- otherwise `notify waiting` (`expire_waiting`) closes it after its last day: status `expired`, an SMS to the
  applicant (Russian) and an audit entry `application.expire`, one transaction per case, each case once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reviewer_app.db.models import Applicant, Application, Decision
from reviewer_app.domain import notices
from reviewer_app.domain.actor import SYSTEM, Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import ApplicationStatus, DecisionOutcome
from reviewer_app.domain.permissions import Permission
from reviewer_app.policy.rules import sla_deadline
from reviewer_app.policy.ruletable import resolve_table
from reviewer_app.policy.validators import normalise_phone
from reviewer_app.services import audit, authz
from reviewer_app.services.sms_dispatch import enqueue_sms

WAITING = ApplicationStatus.IN_PERSON_REQUIRED.value
EXPIRED = ApplicationStatus.EXPIRED.value
SMS_PURPOSE = "waiting_expired"


def start(s: Session, application_id: str, today: date, wait_days: int) -> date:
    """The case waits for the MFC visit from `today` (the decision's transaction); returns its last day.
    A Core update: the application's version (the desk's undo holds it) is not bumped."""
    until = notices.waiting_until(today, wait_days)
    s.execute(update(Application).where(Application.id == application_id).values(waiting_until=until)
              .execution_options(synchronize_session=False))
    return until


def resume_values(app, today: date) -> dict:
    """The columns of a waiting case put back in the queue on `today` (e.g. after an MFC confirmation): a new
    answer deadline counted from today under the rule version in force, and no waiting deadline."""
    table = resolve_table(app.rules, today)
    return {"sla_deadline": sla_deadline(today, table), "waiting_until": None}


@dataclass(frozen=True)
class ExpiryRun:
    expired: tuple[str, ...] = ()  # application ids closed by this run
    sms_ids: tuple[int, ...] = ()
    no_sms: tuple[str, ...] = field(default_factory=tuple)  # closed without an SMS (no mobile number)


def _last_day(s: Session, row_id: str, waiting_until: date | None, wait_days: int) -> date | None:
    """The case's last waiting day; for a case sent before the column existed, from its in-person decision."""
    if waiting_until is not None:
        return waiting_until
    sent = s.scalar(select(Decision.decided_at).where(Decision.application_id == row_id,
                                                      Decision.outcome == DecisionOutcome.IN_PERSON.value)
                    .order_by(Decision.id.desc()).limit(1))
    return notices.waiting_until(moscow_date(sent), wait_days) if sent is not None else None


def expire_waiting(app, actor: Actor = SYSTEM) -> ExpiryRun:
    """Close every case that waited for the MFC past its last day. Idempotent: a case is closed once (the update
    is conditional on its status), and a run at the same time as another closes each case in one of them."""
    actor = authz.require(app, actor, Permission.NOTIFY)
    now = app.clock.now()
    today = moscow_date(now)
    wait_days = app.settings.mfc_wait_days
    with app.sessions() as s:
        due = [(i, d) for i, w in s.execute(select(Application.id, Application.waiting_until)
                                            .where(Application.status == WAITING).order_by(Application.id))
               if (d := _last_day(s, i, w, wait_days)) is not None and d < today]
    expired, sms_ids, no_sms = [], [], []
    for app_id, last_day in due:
        with app.uow() as s:
            sms_id = _expire_one(s, actor, app_id, last_day, now)
        if sms_id is False:
            continue  # decided, confirmed or expired by someone else meanwhile
        expired.append(app_id)
        if sms_id is None:
            no_sms.append(app_id)
        else:
            sms_ids.append(sms_id)
    return ExpiryRun(tuple(expired), tuple(sms_ids), tuple(no_sms))


def _expire_one(s: Session, actor: Actor, app_id: str, last_day: date, now: datetime) -> int | bool | None:
    """One case: status, SMS and audit entry together. False when it no longer waits; else the outbox id (None:
    no mobile number to tell)."""
    done = s.execute(update(Application).where(Application.id == app_id, Application.status == WAITING)
                     .values(status=EXPIRED, version=Application.version + 1)
                     .execution_options(synchronize_session=False)).rowcount
    if done != 1:
        return False
    phone = s.scalar(select(Applicant.phone_e164).where(Applicant.application_id == app_id))
    mobile = normalise_phone(phone) if phone else None
    msg = enqueue_sms(s, phone=mobile, body=notices.waiting_expired_sms(app_id, last_day), purpose=SMS_PURPOSE,
                      now=now, application_id=app_id) if mobile else None
    audit.record(s, at=now, actor=actor.name, action="application.expire", target_type="application",
                 target_id=app_id, details={"from": WAITING, "waiting_until": last_day.isoformat(),
                                            "outbox_id": msg.id if msg else None,
                                            **({} if msg else {"sms_skipped": "no mobile number"})})
    return msg.id if msg else None

