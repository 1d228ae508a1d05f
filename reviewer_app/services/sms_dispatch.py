"""The SMS outbox: rows are written in the transaction that causes them and sent later by `dispatch_due`.

At most once: a row is claimed ('pending' → 'sending') in its own committed transaction before the gateway is
called, so two dispatchers never send it twice; the outbox id is the gateway's idempotency key. A failed send
goes back to 'pending' with a growing delay (never lost). A row left in 'sending' by a crash is not re-sent
automatically; `requeue_stuck` puts it back (safe: the gateway de-duplicates on the idempotency key).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from reviewer_app.db.models import SmsMessage
from reviewer_app.domain.enums import SmsStatus
from reviewer_app.sms.base import SmsGateway, SmsSendError

BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600


def enqueue_sms(session: Session, *, phone: str, body: str, purpose: str, now: datetime,
                application_id: str | None = None) -> SmsMessage:
    """Add one message to the outbox in the caller's transaction."""
    msg = SmsMessage(phone_e164=phone, body=body, purpose=purpose, application_id=application_id, created_at=now,
                     status=SmsStatus.PENDING.value, attempts=0, next_attempt_at=None)
    session.add(msg)
    session.flush()
    return msg


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after `attempts` failed ones: 30 s, 60 s, 120 s ... capped at one hour."""
    return timedelta(seconds=min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(0, attempts - 1)))


@dataclass(frozen=True)
class DispatchReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # claimed by another dispatcher in the meantime


def _due(now: datetime):
    return (SmsMessage.status == SmsStatus.PENDING.value) & or_(SmsMessage.next_attempt_at.is_(None),
                                                                SmsMessage.next_attempt_at <= now)


def claim(app, outbox_id: int) -> SmsMessage | None:
    """Mark one due row 'sending' in its own transaction; None if it is not (or no longer) due."""
    now = app.clock.now()
    with app.uow() as s:
        res = s.execute(update(SmsMessage).where(SmsMessage.id == outbox_id, _due(now))
                        .values(status=SmsStatus.SENDING.value, attempts=SmsMessage.attempts + 1,
                                # while 'sending', next_attempt_at records when this try started
                                next_attempt_at=now)
                        .execution_options(synchronize_session=False))
        if res.rowcount != 1:
            return None
        return s.get(SmsMessage, outbox_id)


def dispatch_due(app, gateway: SmsGateway, *, limit: int = 100) -> DispatchReport:
    """Send every due outbox row (oldest first), each at most once."""
    now = app.clock.now()
    with app.sessions() as s:
        ids = list(s.scalars(select(SmsMessage.id).where(_due(now)).order_by(SmsMessage.id).limit(limit)))
    sent = failed = skipped = 0
    for outbox_id in ids:
        msg = claim(app, outbox_id)
        if msg is None:
            skipped += 1
            continue
        try:
            gateway_id = gateway.send(msg.phone_e164, msg.body, str(msg.id))
        except SmsSendError as exc:
            _record_failure(app, msg.id, str(exc))
            failed += 1
        else:
            with app.uow() as s:
                s.execute(update(SmsMessage).where(SmsMessage.id == msg.id).values(
                    status=SmsStatus.SENT.value, sent_at=app.clock.now(), gateway_id=gateway_id[:128],
                    last_error=None))
            sent += 1
    return DispatchReport(sent=sent, failed=failed, skipped=skipped)


def _record_failure(app, outbox_id: int, error: str) -> None:
    with app.uow() as s:
        msg = s.get(SmsMessage, outbox_id)
        msg.status = SmsStatus.PENDING.value
        msg.next_attempt_at = app.clock.now() + backoff(msg.attempts)
        msg.last_error = error[:1000]


def requeue_stuck(app, *, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Put rows stuck in 'sending' (a dispatcher died mid-send) back to 'pending'; how many."""
    cutoff = app.clock.now() - older_than
    with app.uow() as s:
        res = s.execute(update(SmsMessage).where(
            SmsMessage.status == SmsStatus.SENDING.value, SmsMessage.next_attempt_at <= cutoff,
        ).values(status=SmsStatus.PENDING.value, next_attempt_at=app.clock.now(),
                 last_error="requeued after an interrupted send").execution_options(synchronize_session=False))
        return res.rowcount


def list_outbox(app, *, status: str | None = None, limit: int = 200) -> list[SmsMessage]:
    if status is not None and status not in {s.value for s in SmsStatus}:
        raise SmsSendError(f"--status: unknown status {status!r}; use one of {', '.join(s.value for s in SmsStatus)}")
    with app.sessions() as s:
        q = select(SmsMessage).order_by(SmsMessage.id.desc()).limit(limit)
        if status:
            q = q.where(SmsMessage.status == status)
        return list(s.scalars(q))


def gateway_from_settings(settings) -> SmsGateway | None:
    """The configured HTTP gateway, or None when only the outbox is used (the embedded default)."""
    if not settings.sms_gateway_url:
        return None
    from reviewer_app.sms.http import HttpSmsGateway

    return HttpSmsGateway(settings.sms_gateway_url, settings.sms_gateway_token)
