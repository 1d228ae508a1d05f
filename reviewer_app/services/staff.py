"""Staff accounts: argon2 passwords, TOTP second factor, lockout, and the administrator's account management.

`login` answers wrong name, wrong password and wrong code alike ("wrong name, password or code") so that a
guesser learns nothing; repeated failures from one source under one name are throttled with growing waits (the
same for names that exist and names that do not); only the person's own failures (right password, wrong code)
lock the account, and a locked or disabled account says so only to someone who knew the password.
"""

from __future__ import annotations

import contextlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer_app.db.models import AuditEvent, Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import NotFound, PermissionDenied, ReviewerError, brief
from reviewer_app.domain.permissions import SYSTEM_ONLY_ROLES, Permission
from reviewer_app.services import audit, authz, locks, staff_identity

ISSUER = "EMK reviewer"
TOTP_STEP = 30
MIN_PASSWORD = 10
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class LoginFailed(PermissionDenied):
    def __init__(self) -> None:
        super().__init__("wrong name, password or code", code="login_failed")


class AccountLocked(PermissionDenied):
    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(f"too many failed logins: the account is locked until "
                         f"{until.astimezone(MOSCOW):%H:%M} (Moscow time); an administrator can unlock it earlier",
                         code="account_locked", until=until)


class AccountDisabled(PermissionDenied):
    def __init__(self, name: str) -> None:
        super().__init__(f"the account {name} is disabled; ask an administrator", code="account_disabled")


@dataclass(frozen=True)
class Enrollment:
    """A new TOTP secret to show once (QR code); it is stored encrypted."""

    staff_id: int
    name: str
    role: str
    secret: str
    uri: str  # otpauth:// provisioning URI for authenticator apps


@dataclass(frozen=True)
class StaffView:
    id: int
    name: str
    role: str
    disabled: bool
    locked_until: datetime | None
    failed_logins: int
    has_totp: bool
    created_at: datetime
    service: bool = False


def _context(staff_id: int) -> str:
    return f"totp:{staff_id}"


def _role(role: str | StaffRole) -> StaffRole:
    try:
        return StaffRole(role)
    except ValueError:
        raise ReviewerError(f"--role: {brief(role)} is not one of {', '.join(r.value for r in StaffRole)}",
                            code="staff_role") from None


def _check_name(name: str) -> str:
    name = name.strip().lower()
    if not _NAME_RE.match(name):
        raise ReviewerError(f"NAME: {brief(name)} must be 2-64 characters: latin letters, digits, '.', '_' or '-'",
                            code="staff_name")
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ReviewerError(f"password: at least {MIN_PASSWORD} characters, please", code="staff_password",
                            minimum=MIN_PASSWORD)


def _enroll(app, row: Staff) -> Enrollment:
    secret = pyotp.random_base32()
    row.totp_secret_encrypted = app.secrets.seal(secret.encode("ascii"), context=_context(row.id))
    row.totp_last_step = None
    uri = pyotp.TOTP(secret).provisioning_uri(name=row.name, issuer_name=ISSUER)
    return Enrollment(row.id, row.name, row.role, secret, uri)


def _get(s: Session, name: str) -> Staff:
    row = s.scalar(select(Staff).where(Staff.name == name.strip().lower()))
    if row is None:
        raise NotFound(f"no staff member named {brief(name)}")
    return row


def _admin(app, actor: Actor) -> None:
    authz.require(app, actor, Permission.MANAGE_STAFF)
    with app.sessions() as s:
        row = s.get(Staff, actor.staff_id) if actor.staff_id is not None else None
        if row is None or row.disabled or row.role != StaffRole.ADMIN.value:
            raise PermissionDenied(f"{actor.name}: the account is disabled or no longer an administrator",
                                   code="account_changed")


def add_staff(app, actor: Actor | None, *, name: str, role: str | StaffRole, password: str,
              service: bool = False, identity=None) -> Enrollment:
    """Create an account with a TOTP secret to enrol. `actor=None` only bootstraps the first administrator.
    A `service` account (for scripts) logs in with its password only and never at a desk. `identity`: the
    person's (`services.staff_identity.check_identity`), for recusal."""
    name, role = _check_name(name), _role(role)
    check_password(password)
    if role in SYSTEM_ONLY_ROLES and not service:
        raise ReviewerError(f"--role {role.value}: this is another system's account (password only, never at a "
                            "desk); add it with --service")
    if actor is not None:
        _admin(app, actor)
    now = app.clock.now()
    pw_hash = _hasher.hash(password)
    with app.uow() as s:
        if actor is None:
            locks.serialise(s, "staff.bootstrap")  # two first accounts at the same moment: only one is first
            if s.scalar(select(func.count()).select_from(Staff)):
                raise PermissionDenied("only an administrator may add staff; log in with --as ADMIN_NAME")
            if role is not StaffRole.ADMIN or service:
                raise ReviewerError("the first account must be a person's administrator account (--role admin)")
        if s.scalar(select(Staff.id).where(Staff.name == name)) is not None:
            raise ReviewerError(f"NAME: a staff member named {brief(name)} already exists", code="staff_exists")
        row = Staff(name=name, role=role.value, password_hash=pw_hash, failed_logins=0, disabled=False,
                    created_at=now, service=service)
        staff_identity.apply_identity(row, identity)
        s.add(row)
        s.flush()
        enrollment = _enroll(app, row)
        audit.record(s, at=now, actor=actor.name if actor else "bootstrap", action="staff.create",
                     target_type="staff", target_id=str(row.id),
                     details={"name": name, "role": role.value, "service": service})
    return enrollment


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step (now ±1) whose code equals `code`, compared in constant time; None if none does."""
    totp = pyotp.TOTP(secret)
    current = int(now.timestamp()) // TOTP_STEP
    found = None
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.at(step * TOTP_STEP).encode(), (code or "").strip().encode()):
            found = step
    return found


class LoginThrottled(PermissionDenied):
    """Too many failed logins under this name from this source: the next try is accepted from `until` on
    (`wait_seconds` from now). The caller honours it (a desk shows it, a later HTTP service answers 429 with
    Retry-After); the service never sleeps. Told alike for every name, known or not."""

    def __init__(self, until: datetime, wait_seconds: int) -> None:
        self.until, self.wait_seconds = until, wait_seconds
        super().__init__(f"too many failed logins: try again in {wait_seconds} s (after "
                         f"{until.astimezone(MOSCOW):%H:%M:%S} Moscow time)", code="login_throttled", until=until,
                         wait_seconds=wait_seconds)


LOCAL_SOURCE = "cli"  # the source of a login typed on this machine's command line
THROTTLE_FIRST_WAIT = 30  # seconds after the failure that reaches staff_max_failures; doubled for each one after
OWN_FAILURES = ("code", "code replayed", "no TOTP enrolled")  # the password was right: the person's own slip


def _key(name: str | None) -> str:
    return (name or "?").strip().lower()[:64] or "?"


def _source(source: str | None) -> str:
    """Where a login comes from ("cli", "desk:HOST", a client address): part of the throttle's key."""
    return (source or LOCAL_SOURCE).strip()[:64] or LOCAL_SOURCE


def _failures(app, s: Session, target: str, now: datetime, keep) -> list[datetime]:
    """Times of the failed logins under `target` (a staff id, or an unknown name) within the last
    `staff_lock_minutes` that `keep(event)` counts, each count started afresh by an unlock or by what
    `keep` says resets it (it returns None then). The same for known and unknown names, so both age out alike."""
    window = timedelta(minutes=app.settings.staff_lock_minutes)
    events = s.scalars(select(AuditEvent).where(
        AuditEvent.target_type == "staff", AuditEvent.target_id == target, AuditEvent.at > now - window,
        AuditEvent.action.in_(("staff.login_failed", "staff.login", "staff.unlock"))).order_by(AuditEvent.id))
    times: list[datetime] = []
    for e in events:
        verdict = None if e.action == "staff.unlock" else keep(e)
        if verdict is None:
            times = []
        elif verdict:
            times.append(e.at)
    return times


def _throttle_wait(app, times: list[datetime], now: datetime) -> datetime | None:
    """When the next try from this source may come, if not now: from the failure that reaches
    `staff_max_failures`, each failure asks for a wait twice as long as the one before (at most the lock period)."""
    over = len(times) - app.settings.staff_max_failures
    if over < 0:
        return None
    wait = min(THROTTLE_FIRST_WAIT * 2 ** min(over, 20), app.settings.staff_lock_minutes * 60)
    until = times[-1] + timedelta(seconds=wait)
    return until if until > now else None


def _throttled(until: datetime, now: datetime) -> LoginThrottled:
    return LoginThrottled(until, max(1, int((until - now).total_seconds() + 0.999)))


def _from_source(source: str):
    def keep(event) -> bool | None:
        mine = (event.details or {}).get("source") == source
        if event.action == "staff.login":
            return None if mine else False  # a success from this source starts its count afresh
        return mine
    return keep


def _own(event) -> bool | None:
    if event.action == "staff.login":
        return None
    return (event.details or {}).get("problem") in OWN_FAILURES


def login(app, name: str, password: str, code: str, *, source: str | None = None) -> Actor:
    """Password plus TOTP code; returns the Actor. Failures are audited, throttled and may end in a lockout.

    Wrong names and wrong passwords are answered alike, at the same cost (an argon2 check either way): "wrong name,
    password or code". Failures are throttled per `source` ("cli", "desk:HOST", a client address) and name: from
    the `staff_max_failures`-th within the lock period on, each try must wait twice as long as the one before
    (`LoginThrottled`, the wait as data); a success from that source or an unlock starts afresh. Counted from the
    audit trail for known and unknown names alike, so both age out alike. Only the person's own failures (the
    password right, the TOTP code wrong) lock the account: nobody without the password can lock anyone out or end
    their open session. A locked or disabled account says so only to someone who gave the right password.
    Service accounts cannot log in here."""
    now = app.clock.now()
    source = _source(source)
    refusal: Exception | None = None
    with app.uow() as s:
        # FOR UPDATE (PostgreSQL): two logins with the same code cannot both pass the replay check.
        row = s.scalar(select(Staff).where(Staff.name == _key(name)).with_for_update())
        target = str(row.id) if row is not None else _key(name)
        locks.serialise(s, f"staff.login_failed:{target}")  # tries at the same moment count each other
        until = _throttle_wait(app, _failures(app, s, target, now, _from_source(source)), now)
        if until is not None:
            raise _throttled(until, now)
        if row is None:
            refusal = _unknown_name(app, s, name, password, now, source)
        else:
            problem = _credentials_problem(app, row, password, code, now)
            if problem is None and row.service:
                problem = "service account at a desk"
            if problem is None and row.locked_until is not None and row.locked_until > now:
                raise AccountLocked(row.locked_until)  # only someone who knew the password and code learns it
            if problem is not None:
                refusal = _failed(app, s, row, problem, now, source)
            elif row.disabled:
                refusal = AccountDisabled(row.name)
                audit.record(s, at=now, actor=row.name, action="staff.login_failed", target_type="staff",
                             target_id=str(row.id), details={"problem": "disabled", "source": source})
            else:
                row.failed_logins, row.locked_until = 0, None
                if _hasher.check_needs_rehash(row.password_hash):
                    row.password_hash = _hasher.hash(password)
                audit.record(s, at=now, actor=row.name, action="staff.login", target_type="staff",
                             target_id=str(row.id), details={"role": row.role, "source": source})
                actor = Actor(staff_id=row.id, name=row.name, role=StaffRole(row.role))
    if refusal is not None:
        raise refusal
    return actor


def _unknown_name(app, s: Session, name: str, password: str, now: datetime, source: str) -> PermissionDenied:
    """A login under a name no account has: costs a password check, is audited and throttled like a real
    account's wrong password (the failures are counted from the audit trail, as for a known name)."""
    with contextlib.suppress(VerificationError):
        _hasher.verify(_DUMMY_HASH, password or "")
    key = _key(name)
    audit.record(s, at=now, actor=key, action="staff.login_failed", target_type="staff", target_id=key,
                 details={"problem": "unknown name", "source": source})
    return _after_failure(app, s, key, now, source)


def _after_failure(app, s: Session, target: str, now: datetime, source: str) -> PermissionDenied:
    """The answer to a failure just recorded: throttled from the limit on, else "wrong name, password or code"."""
    until = _throttle_wait(app, _failures(app, s, target, now, _from_source(source)), now)
    return _throttled(until, now) if until is not None else LoginFailed()


def service_login(app, name: str, password: str, *, source: str | None = None) -> Actor:
    """A service account (scripts, cron) by its password, from the settings. Throttled like a person's login; it
    has no second factor, so wrong passwords (anyone's) never lock it."""
    now = app.clock.now()
    source = _source(source)
    refusal: Exception | None = None
    with app.uow() as s:
        row = s.scalar(select(Staff).where(Staff.name == _key(name)).with_for_update())
        target = str(row.id) if row is not None else _key(name)
        locks.serialise(s, f"staff.login_failed:{target}")
        until = _throttle_wait(app, _failures(app, s, target, now, _from_source(source)), now)
        if until is not None:
            raise _throttled(until, now)
        if row is None or not row.service:
            with contextlib.suppress(VerificationError):
                _hasher.verify(_DUMMY_HASH, password or "")
            audit.record(s, at=now, actor=_key(name), action="staff.login_failed", target_type="staff",
                         target_id=target, details={"problem": "not a service account", "source": source})
            refusal = PermissionDenied(f"setting service_account: {brief(name)} is not a service account "
                                       "(create one with `staff add NAME --role ROLE --service`)")
        else:
            try:
                _hasher.verify(row.password_hash, password or "")
                problem = None
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                problem = "password"
            if problem is None and row.locked_until is not None and row.locked_until > now:
                raise AccountLocked(row.locked_until)
            if problem is not None:
                refusal = _failed(app, s, row, problem, now, source)
            elif row.disabled:
                refusal = AccountDisabled(row.name)
            else:
                row.failed_logins = 0
                audit.record(s, at=now, actor=row.name, action="staff.service_login", target_type="staff",
                             target_id=str(row.id), details={"role": row.role, "source": source})
                actor = Actor(staff_id=row.id, name=row.name, role=StaffRole(row.role))
    if refusal is not None:
        raise refusal
    return actor


def _credentials_problem(app, row: Staff, password: str, code: str, now: datetime) -> str | None:
    try:
        _hasher.verify(row.password_hash, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return "password"
    if row.totp_secret_encrypted is None:
        return "no TOTP enrolled"
    secret = app.secrets.open(row.totp_secret_encrypted, context=_context(row.id)).decode("ascii")
    step = _matching_step(secret, code, now)
    if step is None:
        return "code"
    if row.totp_last_step is not None and step <= row.totp_last_step:
        return "code replayed"
    row.totp_last_step = step
    return None


def _failed(app, s: Session, row: Staff, problem: str, now: datetime, source: str) -> PermissionDenied:
    """A failed login under a known name: audited and throttled; the person's own failures (the password was
    right) counted towards the lock, `staff_max_failures` of them within the lock period lock the account."""
    own = problem in OWN_FAILURES
    if own:
        row.failed_logins = len(_failures(app, s, str(row.id), now, _own)) + 1
    audit.record(s, at=now, actor=row.name, action="staff.login_failed", target_type="staff",
                 target_id=str(row.id), details={"problem": problem, "source": source,
                                                 **({"failures": row.failed_logins} if own else {})})
    if own and row.failed_logins >= app.settings.staff_max_failures:
        row.locked_until = now + timedelta(minutes=app.settings.staff_lock_minutes)
        audit.record(s, at=now, actor=row.name, action="staff.locked", target_type="staff",
                     target_id=str(row.id), details={"until": row.locked_until})
        return AccountLocked(row.locked_until)
    return _after_failure(app, s, str(row.id), now, source)


def _change(app, actor: Actor, name: str, action: str, apply) -> object:
    _admin(app, actor)
    now = app.clock.now()
    with app.uow() as s:
        row = _get(s, name)
        result = apply(s, row)
        audit.record(s, at=now, actor=actor.name, action=action, target_type="staff", target_id=str(row.id),
                     details={"name": row.name})
    return result


def _enabled_admins(s: Session) -> int:
    """Counted under a lock held until commit: two administrators disabling each other at the same moment would
    otherwise each see the other still enabled, and none would be left."""
    locks.serialise(s, "staff.enabled_admins")
    return s.scalar(select(func.count()).select_from(Staff).where(Staff.role == StaffRole.ADMIN.value,
                                                                  Staff.disabled.is_(False)))


def disable_staff(app, actor: Actor, name: str) -> None:
    def apply(s: Session, row: Staff) -> None:
        if row.id == actor.staff_id:
            raise ReviewerError("an administrator cannot disable their own account", code="own_account")
        if row.role == StaffRole.ADMIN.value and not row.disabled and _enabled_admins(s) <= 1:
            raise ReviewerError(f"{row.name} is the last enabled administrator", code="last_admin")
        row.disabled = True

    _change(app, actor, name, "staff.disable", apply)


def enable_staff(app, actor: Actor, name: str) -> None:
    _change(app, actor, name, "staff.enable", lambda s, row: setattr(row, "disabled", False))


def unlock_staff(app, actor: Actor, name: str) -> None:
    def apply(s: Session, row: Staff) -> None:
        row.locked_until, row.failed_logins = None, 0

    _change(app, actor, name, "staff.unlock", apply)


def reset_totp(app, actor: Actor, name: str) -> Enrollment:
    """A new TOTP secret (lost phone); the old codes stop working at once."""
    return _change(app, actor, name, "staff.totp_reset", lambda s, row: _enroll(app, row))


def change_role(app, actor: Actor, name: str, role: str | StaffRole) -> None:
    """Give an account another role (audited with the old and the new one); its open sessions carry the new role
    from their next call (every call re-reads it). Nobody changes their own role, and the last enabled
    administrator stays one."""
    new = _role(role)
    _admin(app, actor)
    now = app.clock.now()
    with app.uow() as s:
        row = _get(s, name)
        old = row.role
        if row.id == actor.staff_id:
            raise ReviewerError("an administrator cannot change their own role", code="own_account")
        if old == new.value:
            return
        if old == StaffRole.ADMIN.value and not row.disabled and _enabled_admins(s) <= 1:
            raise ReviewerError(f"{row.name} is the last enabled administrator", code="last_admin")
        row.role = new.value
        audit.record(s, at=now, actor=actor.name, action="staff.role_change", target_type="staff",
                     target_id=str(row.id), details={"name": row.name, "from": old, "to": new.value})


def list_staff(app, actor: Actor) -> list[StaffView]:
    _admin(app, actor)
    now = app.clock.now()
    with app.sessions() as s:
        return [StaffView(r.id, r.name, r.role, r.disabled,
                          r.locked_until if r.locked_until and r.locked_until > now else None, r.failed_logins,
                          r.totp_secret_encrypted is not None, r.created_at, bool(r.service))
                for r in s.scalars(select(Staff).order_by(Staff.name))]


def practice_account(app, *, name: str, role: str | StaffRole, password: str) -> Enrollment:
    """Create, or give fresh credentials to, an account on a training database (practice accounts that
    `reviewer-app train` prints like the demo banner). Refused on any other database."""
    if not app.is_training_db:
        raise PermissionDenied("practice accounts exist only on a training database")
    name, role = _check_name(name), _role(role)
    check_password(password)
    now = app.clock.now()
    with app.uow() as s:
        row = s.scalar(select(Staff).where(Staff.name == name))
        created = row is None
        if row is None:
            row = Staff(name=name, role=role.value, failed_logins=0, disabled=False, created_at=now)
            s.add(row)
        row.password_hash, row.role, row.failed_logins, row.disabled = _hasher.hash(password), role.value, 0, False
        row.locked_until = None
        s.flush()
        enrollment = _enroll(app, row)
        audit.record(s, at=now, actor="training", action="staff.create" if created else "staff.update",
                     target_type="staff", target_id=str(row.id),
                     details={"name": name, "role": role.value, "practice": True})
    return enrollment
