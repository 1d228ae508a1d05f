"""The SMS outbox: rows are written in the transaction that causes them and sent later by `dispatch_due`.

At most once: a row is claimed ('pending' → 'sending') in its own committed transaction before the gateway is
called, so two dispatchers never send it twice; the outbox id is the gateway's idempotency key. A failed send
goes back to 'pending' with a growing delay (never lost). A row left in 'sending' by a crash is not re-sent
automatically; `requeue_stuck` puts it back (safe: the gateway de-duplicates on the idempotency key).

A message that carries a one-time code is never stored in clear: `body` holds the text with the code masked
(what the outbox listing shows) and `body_sealed` the real text, sealed for the sender (SecretBox purpose
'sms', bound to the phone number, so a sealed text copied onto another row or re-addressed does not open).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from reviewer_app.db.models import SmsMessage
from reviewer_app.domain.enums import SmsStatus
from reviewer_app.domain.errors import ConfigError, ReviewerError, brief
from reviewer_app.sms.base import SmsGateway, SmsSendError

BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600


MASK = "******"


def sealed_context(phone: str) -> str:
    return f"sms:{phone}"


def enqueue_sms(session: Session, *, phone: str, body: str, purpose: str, now: datetime,
                application_id: str | None = None, secret: str | None = None, box=None) -> SmsMessage:
    """Add one message to the outbox in the caller's transaction.

    With `secret` (a one-time code that appears in `body`), the stored `body` has it masked and the real text is
    sealed with `box` (the context's `sms_box`) for the sender only.
    """
    sealed = None
    if secret is not None:
        if box is None or not secret or secret not in body:
            raise ValueError("a secret SMS needs the sealing box and a body that contains the secret")
        sealed = box.seal(body.encode("utf-8"), context=sealed_context(phone))
        body = body.replace(secret, MASK)
    msg = SmsMessage(phone_e164=phone, body=body, body_sealed=sealed, purpose=purpose,
                     application_id=application_id, created_at=now, status=SmsStatus.PENDING.value, attempts=0,
                     next_attempt_at=None)
    session.add(msg)
    session.flush()
    return msg


def text_to_send(app, msg: SmsMessage) -> str:
    """The text the gateway gets: the sealed text opened (only the sender and the demo do this), else `body`."""
    if msg.body_sealed is None:
        return msg.body
    return app.sms_box.open(msg.body_sealed, context=sealed_context(msg.phone_e164)).decode("utf-8")


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
            text = text_to_send(app, msg)
        except ReviewerError as exc:  # wrong key or a tampered/re-addressed sealed text: never sent, kept
            _record_failure(app, msg.id, f"sealed text cannot be opened: {exc}")
            failed += 1
            continue
        try:
            gateway_id = gateway.send(msg.phone_e164, text, str(msg.id))
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
        raise SmsSendError(f"--status: unknown status {brief(status)}; use one of "
                           f"{', '.join(s.value for s in SmsStatus)}")
    with app.sessions() as s:
        q = select(SmsMessage).order_by(SmsMessage.id.desc()).limit(limit)
        if status:
            q = q.where(SmsMessage.status == status)
        return list(s.scalars(q))


def gateway_from_settings(settings, *, training_db: bool = False) -> SmsGateway | None:
    """The configured HTTP gateway, or None when only the outbox is used (the embedded default). A `file:PATH`
    gateway (messages written to a private file) only on a demo or training database."""
    if not settings.sms_gateway_url:
        return None
    from reviewer_app.sms.file_sink import PREFIX, FileSmsGateway

    if settings.sms_gateway_url.startswith(PREFIX):
        if not training_db:
            raise ConfigError("setting 'sms_gateway_url': a file: gateway is for demo and training databases "
                              "only; this database is a production one, so codes go to a real SMS gateway")
        return FileSmsGateway(settings.sms_gateway_url[len(PREFIX):].removeprefix("//"))
    from reviewer_app.sms.http import HttpSmsGateway

    return HttpSmsGateway(settings.sms_gateway_url, settings.sms_gateway_token)
