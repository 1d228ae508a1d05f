"""Citizen login to a medical record with a one-time password sent by SMS (HOTP on the credential's counter).

Every login sends a fresh 6-digit code (valid `otp_ttl_seconds`, single use) to the account holder's phone;
for a child's record, to the parent's phone. Only the latest code counts. `otp_max_failures` wrong, replayed
or expired codes lock the login for `otp_lock_minutes`; an administrator can lift the lock. Sending is
throttled (`otp_resend_seconds`). A child's record closes by itself after the day before the 15th birthday.

A refusal that must leave a trace (failure counter, lock, expiry, audit entry) is committed first and raised
after the unit of work, so the trace survives the error.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer_app.db.models import AccessGrant, AuditEvent, Citizen, OtpChallenge, OtpCredential, SmsMessage
from reviewer_app.domain import notices
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import MOSCOW, moscow_date
from reviewer_app.domain.enums import GrantStatus
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.permissions import Permission
from reviewer_app.policy.validators import display_phone
from reviewer_app.services import audit, authz, locks
from reviewer_app.services import grants as g
from reviewer_app.services.sms_dispatch import enqueue_sms

CODE_DIGITS = 6
CITIZEN = "citizen"  # audit actor for a citizen's own actions
SELF = "self"
MIN_KEY_PREFIX = 8


class LoginRefused(ReviewerError):
    """The login is refused; the message says why and what to do."""


class LoginLocked(LoginRefused):
    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(f"too many wrong codes: this login is locked until {_hhmm(until)} (Moscow time); "
                         "an administrator can unlock it earlier")


@dataclass(frozen=True)
class CodeSent:
    """The answer to a code request, the same for every phone; the ids are for the caller's tests and logs only
    (None when nothing was sent) and must not be shown."""

    phone_display: str
    expires_at: datetime
    challenge_id: int | None
    outbox_id: int | None


@dataclass(frozen=True)
class RecordOpened:
    grant_id: int
    holder_name: str
    subject_kind: str  # self | child
    subject_name: str
    subject_key: str
    valid_until: object  # date | None


def _hhmm(moment: datetime) -> str:
    return moment.astimezone(MOSCOW).strftime("%H:%M")


def _secret(app, cred: OtpCredential) -> str:
    return app.secrets.open(cred.secret_encrypted, context=g.otp_context(cred.citizen_key)).decode("ascii")


def code_for(app, cred: OtpCredential, counter: int) -> str:
    return pyotp.HOTP(_secret(app, cred), digits=CODE_DIGITS).at(counter)


_KEY_PREFIX_RE = re.compile(rf"^[0-9a-f]{{{MIN_KEY_PREFIX},64}}$")


def record_form(record: str | None) -> str:
    """`record` checked for its form alone, before any lookup, so the answer is the same for every phone:
    'self', or at least 8 hexadecimal characters of a child's record key (no LIKE wildcards get through)."""
    record = (record or SELF).strip().lower()
    if record == SELF or _KEY_PREFIX_RE.match(record):
        return record
    raise ReviewerError(f"--record: give 'self' or at least {MIN_KEY_PREFIX} hexadecimal characters of the "
                        "child's record key (see `reviewer-app access grants PHONE`)")


def _find_grant(s: Session, cred: OtpCredential, record: str) -> AccessGrant:
    """The grant behind `record` ('self' or a child key, a unique prefix of at least 8 characters suffices)."""
    record = record_form(record)
    q = select(AccessGrant).where(AccessGrant.holder_key == cred.citizen_key)
    if record == SELF:
        q = q.where(AccessGrant.subject_kind == g.SUBJECT_SELF)
        what = "your own record"
    else:
        q = q.where(AccessGrant.subject_kind == g.SUBJECT_CHILD,
                    AccessGrant.subject_key.startswith(record, autoescape=True))
        what = f"a child's record {record}"
    rows = list(s.scalars(q.order_by(AccessGrant.id.desc())))
    if not rows:
        raise LoginRefused(f"no access to {what} is registered for this phone")
    if len({r.subject_key for r in rows}) > 1:  # told to the phone's owner only (after a right code), or audited
        raise LoginRefused(f"--record: {record} matches several records; give more characters")
    # The newest grant decides (a revoked grant may have been followed by a new one).
    active = [r for r in rows if r.status == GrantStatus.ACTIVE.value]
    return active[0] if active else rows[0]


def _usable(s: Session, grant: AccessGrant, now: datetime) -> str | None:
    """None if the grant lets its holder in today; else the refusal reason (an expiry is recorded)."""
    today = moscow_date(now)
    if grant.status == GrantStatus.REVOKED.value:
        when = grant.revoked_at.astimezone(MOSCOW).strftime("%d.%m.%Y") if grant.revoked_at else "?"
        return f"access to this record was withdrawn on {when} ({grant.revoke_reason or 'revoked'})"
    if g.effective_status(grant, today) == GrantStatus.EXPIRED.value:
        if grant.status != GrantStatus.EXPIRED.value:
            grant.status = GrantStatus.EXPIRED.value
            audit.record(s, at=now, actor=CITIZEN, action="grant.expire", target_type="grant",
                         target_id=str(grant.id), details={"valid_until": grant.valid_until})
        return _ended(grant)
    return None


def _ended(grant: AccessGrant) -> str:
    """Why a dated grant no longer opens (English, for the audit trail and the command line). A child's record
    is named by initials only; the Russian words go to the parent's SMS (`_refusal_ru`)."""
    if grant.subject_kind != g.SUBJECT_CHILD:
        return f"access to this record ended on {grant.valid_until:%d.%m.%Y}"
    return _child_ended(grant).en


def _child_ended(grant: AccessGrant) -> notices.Refusal:
    # The grant's last day is the day before the child turns the rule table's age: one birthday later than that.
    age = (grant.valid_until + timedelta(days=1)).year - grant.subject_birth_date.year
    return notices.child_access_ended(grant.subject_name, grant.valid_until, age)


def _refusal_ru(s: Session, grant_id: int | None, reason: str) -> str:
    """The Russian SMS text of a refusal: a child's ended access in Russian, pointing to the child's own
    application; other reasons as recorded."""
    grant = s.get(AccessGrant, grant_id) if grant_id is not None else None
    if grant is not None and grant.status == GrantStatus.EXPIRED.value and grant.subject_kind == g.SUBJECT_CHILD:
        return _child_ended(grant).ru
    return reason


def _credential(s: Session, phone: str) -> OtpCredential:
    return g.credential_for_phone(s, g.phone_or_error(phone), lock=True)


def _check_lock(cred: OtpCredential, now: datetime) -> None:
    if cred.locked_until is not None:
        if cred.locked_until > now:
            raise LoginLocked(cred.locked_until)
        cred.locked_until, cred.failures = None, 0  # the lock has ended: a fresh start


def _open_login(s: Session, phone: str, record: str, now: datetime) -> tuple[OtpCredential, AccessGrant]:
    """The holder's credential (locked for this transaction, refused while locked out) and the grant asked for."""
    cred = _credential(s, phone)
    _check_lock(cred, now)
    return cred, _find_grant(s, cred, record)


def _refusal(s: Session, cred: OtpCredential, grant: AccessGrant, reason: str, now: datetime) -> LoginRefused:
    """Audit why the record may not be opened; the caller raises the result after its transaction commits."""
    audit.record(s, at=now, actor=CITIZEN, action="record.refuse", target_type="citizen",
                 target_id=cred.citizen_key, details={"grant_id": grant.id, "reason": reason})
    return LoginRefused(reason, ru=_refusal_ru(s, grant.id, reason))


def request_code(app, phone: str, *, record: str = SELF) -> CodeSent:
    """Send a fresh login code for `record` to the holder's phone (the outbox).

    The answer is the same whether or not the phone has a login, the record is theirs, the login is locked, a
    code went out a moment ago or a cap is reached: "if this phone may open that record, a code was sent". Only
    the phone's owner learns more (the code, or an SMS saying why access ended). Every request is audited with
    what really happened. Codes to one phone are capped per hour and per day, and all codes per hour and day, so
    nobody can flood a victim's phone or run up the SMS bill."""
    e164 = g.phone_or_error(phone)
    record = record_form(record)  # before any lookup: the same answer for every phone
    now = app.clock.now()
    expires = now + timedelta(seconds=app.settings.otp_ttl_seconds)
    with app.uow() as s:
        cred = g.credential_or_none(s, e164, lock=True)
        if cred is None:
            _request_audit(s, now, _phone_target(e164), "unknown")
            return CodeSent(display_phone(e164), expires, None, None)
        outcome = _request_refusal(app, s, cred, record, now)
        if outcome is None:
            outcome = _cap_reached(app, s, cred.phone_e164, now)
        if outcome is not None:
            _request_audit(s, now, cred.citizen_key, outcome[0], outcome[1])
            if outcome[0] == "refused" and _cap_reached(app, s, cred.phone_e164, now) is None:
                # The owner of the phone (only they) learns why: revoked, or the child turned 15.
                enqueue_sms(s, phone=cred.phone_e164, purpose=INFO_PURPOSE, now=now,
                            body="Вход в электронную медкарту невозможен: "
                                 + _refusal_ru(s, outcome[1].get("grant_id"), outcome[1]["reason"]) + ".")
            return CodeSent(display_phone(e164), expires, None, None)
        grant = _find_grant(s, cred, record)
        cred.counter += 1
        cred.last_sent_at = now
        challenge = OtpChallenge(credential_id=cred.id, counter=cred.counter, subject_key=grant.subject_key,
                                 created_at=now, expires_at=expires)
        s.add(challenge)
        s.flush()
        code = code_for(app, cred, cred.counter)
        minutes = max(1, app.settings.otp_ttl_seconds // 60)
        # The code is never stored in clear: masked in `body`, sealed for the sender (sms_dispatch).
        msg = enqueue_sms(s, phone=cred.phone_e164, purpose="otp", now=now, secret=code, box=app.sms_box,
                          body=f"Код для входа в электронную медкарту: {code}. Действует {minutes} мин. "
                               "Никому не сообщайте его.")
        audit.record(s, at=now, actor=CITIZEN, action="otp.send", target_type="citizen",
                     target_id=cred.citizen_key, details={"challenge_id": challenge.id, "grant_id": grant.id,
                                                          "outbox_id": msg.id})
        return CodeSent(display_phone(e164), expires, challenge.id, msg.id)


INFO_PURPOSE = "login_info"  # an SMS telling the phone's owner why no code came (counted in the caps)


def _phone_target(e164: str) -> str:
    """How an unknown phone is named in the audit trail: not in clear (it may be anyone's number)."""
    return "phone:" + hashlib.sha256(e164.encode("ascii")).hexdigest()[:24]


def _request_audit(s: Session, now: datetime, target: str, outcome: str, details: dict | None = None) -> None:
    audit.record(s, at=now, actor=CITIZEN, action="otp.request", target_type="citizen", target_id=target,
                 details={"outcome": outcome, **(details or {})})


def _request_refusal(app, s: Session, cred: OtpCredential, record: str, now: datetime) -> tuple[str, dict] | None:
    """Why no code goes out to this (known) login, or None. Told to no one but the audit trail."""
    if cred.locked_until is not None and cred.locked_until > now:
        return "locked", {"until": cred.locked_until}
    try:
        grant = _find_grant(s, cred, record)
    except LoginRefused:
        return "no_access", {"record": record if record == SELF else record[:12]}
    reason = _usable(s, grant, now)
    if reason is not None:
        return "refused", {"grant_id": grant.id, "reason": reason}
    wait = app.settings.otp_resend_seconds
    if cred.last_sent_at is not None and now < cred.last_sent_at + timedelta(seconds=wait):
        return "throttled", {"wait_seconds": wait}
    return None


def _cap_reached(app, s: Session, e164: str, now: datetime) -> tuple[str, dict] | None:
    """The per-phone and global caps on login SMS (codes and the notes sent instead), per hour and per day.

    Counted under a lock held until the request commits: requests to different phones at the same moment would
    otherwise each count before the others' messages are committed, and all of them pass a cap meant for one."""
    locks.serialise(s, "otp.caps")
    st = app.settings
    login_sms = SmsMessage.purpose.in_(("otp", INFO_PURPOSE))
    for span, per_phone, overall in ((timedelta(hours=1), st.otp_max_per_phone_hour, st.otp_max_global_hour),
                                     (timedelta(days=1), st.otp_max_per_phone_day, st.otp_max_global_day)):
        since = now - span
        mine = s.scalar(select(func.count()).select_from(SmsMessage).where(
            login_sms, SmsMessage.phone_e164 == e164, SmsMessage.created_at > since))
        if mine >= per_phone:
            return "capped", {"cap": "phone", "per": "hour" if span.days == 0 else "day", "limit": per_phone}
        everyone = s.scalar(select(func.count()).select_from(SmsMessage).where(
            login_sms, SmsMessage.created_at > since))
        if everyone >= overall:
            return "capped", {"cap": "global", "per": "hour" if span.days == 0 else "day", "limit": overall}
    return None


def verify_code(app, phone: str, code: str, *, record: str = SELF) -> RecordOpened:
    """Check the latest code sent for this login; open the record or refuse with the reason."""
    now = app.clock.now()
    refusal: Exception | None = None
    e164 = g.phone_or_error(phone)
    record = record_form(record)  # before any lookup: the same answer for every phone
    with app.uow() as s:
        # Before the code is checked, an unknown phone, a record that is not theirs and a login without a code
        # all get the answer of a wrong code (and count like one), so the answers tell no one which phones exist.
        cred = g.credential_or_none(s, e164, lock=True)
        if cred is None:
            refusal = _unknown_fail(app, s, e164, now)
        else:
            _check_lock(cred, now)
            try:
                grant = _find_grant(s, cred, record)
            except LoginRefused:
                grant = None
            challenge = s.scalar(select(OtpChallenge).where(OtpChallenge.credential_id == cred.id)
                                 .order_by(OtpChallenge.id.desc()).limit(1))
            if grant is None or challenge is None:
                refusal = _fail(app, s, cred, challenge, "wrong code", now)
    if refusal is not None:
        raise refusal
    with app.uow() as s:
        cred, grant = _open_login(s, phone, record, now)
        challenge = s.scalar(select(OtpChallenge).where(OtpChallenge.credential_id == cred.id)
                             .order_by(OtpChallenge.id.desc()).limit(1))
        problem = None
        if challenge.subject_key != grant.subject_key:
            problem = "the last code was sent for another record"
        elif challenge.used_at is not None:
            problem = "this code was already used; ask for a new one"
        elif now >= challenge.expires_at:
            problem = "this code has expired; ask for a new one"
        elif not hmac.compare_digest(code_for(app, cred, challenge.counter).encode(),
                                     (code or "").strip().encode()):
            problem = "wrong code"
        if problem is not None:
            refusal = _fail(app, s, cred, challenge, problem, now)
        else:
            challenge.used_at = now
            cred.failures = 0
            audit.record(s, at=now, actor=CITIZEN, action="otp.verify", target_type="citizen",
                         target_id=cred.citizen_key, details={"challenge_id": challenge.id})
            reason = _usable(s, grant, now)  # the birthday may have passed since the code was sent
            if reason is not None:
                refusal = _refusal(s, cred, grant, reason, now)
            else:
                audit.record(s, at=now, actor=CITIZEN, action="record.open", target_type="citizen",
                             target_id=cred.citizen_key, details={"grant_id": grant.id,
                                                                  "subject_kind": grant.subject_kind})
                holder = s.get(Citizen, cred.citizen_key)
                result = RecordOpened(grant.id, g.full_name(holder.last_name, holder.first_name, holder.middle_name),
                                      grant.subject_kind, grant.subject_name, grant.subject_key, grant.valid_until)
    if refusal is not None:
        raise refusal
    return result


def _fail(app, s: Session, cred: OtpCredential, challenge: OtpChallenge | None, problem: str,
          now: datetime) -> LoginRefused:
    """A wrong, used, expired or misdirected code: the caller hears "wrong code" whichever it was (the audit
    keeps the difference), counted like a phone without a login (`_count_failure`)."""
    since = s.scalar(select(func.max(AuditEvent.id)).where(
        AuditEvent.action.in_(("otp.verify", "otp.unlock")), AuditEvent.target_id == cred.citizen_key))
    refusal, failures = _count_failure(app, s, cred.citizen_key, now, since or 0,
                                       {"challenge_id": challenge.id if challenge else None, "problem": problem})
    cred.failures = failures
    if isinstance(refusal, LoginLocked):
        cred.locked_until = refusal.until
        audit.record(s, at=now, actor=CITIZEN, action="otp.locked", target_type="citizen",
                     target_id=cred.citizen_key, details={"until": cred.locked_until, "failures": failures})
    return refusal


def _unknown_fail(app, s: Session, e164: str, now: datetime) -> LoginRefused:
    """A code tried for a phone without a login: answered and locked like a known login's wrong code."""
    return _count_failure(app, s, _phone_target(e164), now, 0, {"problem": "unknown phone"})[0]


def _count_failure(app, s: Session, target: str, now: datetime, since_id: int,
                   details: dict) -> tuple[LoginRefused, int]:
    """One failed code for `target` (a login's citizen key, or an unknown phone's hash), counted the same way for
    both from the audit trail: the failures within the last `otp_lock_minutes` after entry `since_id` (the last
    success or unlock). The limit-th failure locks for `otp_lock_minutes`; older failures age out."""
    locks.serialise(s, f"otp.fail:{target}")  # tries at the same moment count each other (see locks.py)
    window = timedelta(minutes=app.settings.otp_lock_minutes)
    limit = app.settings.otp_max_failures
    recent = sorted(s.scalars(select(AuditEvent.at).where(
        AuditEvent.action == "otp.fail", AuditEvent.target_id == target, AuditEvent.id > since_id,
        AuditEvent.at > now - window)))
    if len(recent) >= limit and recent[limit - 1] + window > now:
        return LoginLocked(recent[limit - 1] + window), len(recent)
    failures = len(recent) + 1
    audit.record(s, at=now, actor=CITIZEN, action="otp.fail", target_type="citizen", target_id=target,
                 details={**details, "failures": failures})
    if failures >= limit:
        return LoginLocked(now + window), failures
    return LoginRefused(f"wrong code ({limit - failures} attempt(s) left before the login is locked)"), failures


def unlock(app, actor: Actor, phone: str) -> None:
    """An administrator lifts a citizen's login lock (and clears the failure count)."""
    authz.require(app, actor, Permission.MANAGE_STAFF)
    now = app.clock.now()
    with app.uow() as s:
        cred = _credential(s, phone)
        was = cred.locked_until
        cred.locked_until, cred.failures = None, 0
        audit.record(s, at=now, actor=actor.name, action="otp.unlock", target_type="citizen",
                     target_id=cred.citizen_key, details={"was_locked_until": was})
