"""Staff accounts: argon2 passwords, TOTP second factor, lockout, and the administrator's account management.

`login` answers wrong name, wrong password and wrong code alike ("wrong name, password or code") so that a
guesser learns nothing; repeated failures from one source under one name are throttled with growing waits (the
same for names that exist and names that do not); only the person's own failures (right password, wrong code)
lock the account, and a locked or disabled account says so only to someone who knew the password.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer_app.db.models import Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import NotFound, PermissionDenied, ReviewerError, brief
from reviewer_app.domain.permissions import SYSTEM_ONLY_ROLES, Permission
from reviewer_app.services import audit, authz, locks, staff_identity
from reviewer_app.services import staff_throttle as throttle
from reviewer_app.services.staff_throttle import (  # noqa: F401 (re-exported: callers and tests name them here)
    LOCAL_SOURCE,
    OWN_FAILURES,
    THROTTLE_FIRST_WAIT,
    LoginThrottled,
)

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


def _password_ok(pw_hash: str | None, password: str) -> bool:
    """The argon2 check (about 0.7 s under load), made with no transaction open. No hash (no such account): the
    check against a dummy hash, so a wrong name costs as long as a wrong password."""
    try:
        return _hasher.verify(pw_hash or _DUMMY_HASH, password or "") and pw_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def _fresh_hash(pw_hash: str, password: str) -> str | None:
    """A new hash of the verified password when the stored one was made with older argon2 parameters."""
    if not _hasher.check_needs_rehash(pw_hash):
        return None
    return _hasher.hash(password)


@dataclass(frozen=True)
class _Seen:
    """What the short read before the password check saw; the write transaction re-reads the row under its lock
    and counts the check only if the row is still this one with this hash."""

    staff_id: int | None
    password_hash: str | None
    service: bool = False

    def same(self, row: Staff) -> bool:
        return (row.id, row.password_hash) == (self.staff_id, self.password_hash)


def _look(app, name: str, source: str, now: datetime) -> _Seen:
    """The short read: the account's id, hash and kind. A try already throttled is refused here, before the
    argon2 cost (the write transaction counts again under its lock: tries at the same moment see each other)."""
    with app.sessions() as s:
        row = s.execute(select(Staff.id, Staff.password_hash, Staff.service)
                        .where(Staff.name == throttle.key(name))).first()
        throttle.check(app, s, str(row.id) if row is not None else throttle.key(name), now, source)
    return _Seen(row.id, row.password_hash, bool(row.service)) if row is not None else _Seen(None, None)


def _locked_row(app, s: Session, name: str, source: str, now: datetime) -> tuple[Staff | None, str]:
    """The write transaction's start: the row under FOR UPDATE (PostgreSQL: two logins with the same code cannot
    both pass the replay check), the failure count's lock (tries at the same moment count each other), the
    throttle. Returns the row (None: no such name) and the throttle's target."""
    row = s.scalar(select(Staff).where(Staff.name == throttle.key(name)).with_for_update())
    target = str(row.id) if row is not None else throttle.key(name)
    locks.serialise(s, f"staff.login_failed:{target}")
    throttle.check(app, s, target, now, source)
    return row, target


def login(app, name: str, password: str, code: str, *, source: str | None = None) -> Actor:
    """Password plus TOTP code; returns the Actor. Failures are audited, throttled and may end in a lockout.

    Wrong names and wrong passwords are answered alike, at the same cost (an argon2 check either way): "wrong name,
    password or code". Failures are throttled per `source` ("cli", "desk:HOST", a client address) and name: from
    the `staff_max_failures`-th within the lock period on, each try must wait twice as long as the one before
    (`LoginThrottled`, the wait as data); a success from that source or an unlock starts afresh. Counted from the
    audit trail for known and unknown names alike, so both age out alike. Only the person's own failures (the
    password right, the TOTP code wrong) lock the account: nobody without the password can lock anyone out or end
    their open session. A locked or disabled account says so only to someone who gave the right password.
    Service accounts cannot log in here.

    The argon2 check runs between a short read and a short write transaction, holding no database connection:
    a sign-in storm must not empty the connection pool."""
    now = app.clock.now()
    source = throttle.source_of(source)
    seen = _look(app, name, source, now)
    verified = _password_ok(seen.password_hash, password)
    fresh = _fresh_hash(seen.password_hash, password) if verified else None
    refusal: Exception | None = None
    with app.uow() as s:
        row, _ = _locked_row(app, s, name, source, now)
        if row is None:
            refusal = _unknown_name(app, s, name, now, source)
        else:
            problem = _credentials_problem(app, row, seen, verified, code, now)
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
                if fresh is not None:
                    row.password_hash = fresh
                audit.record(s, at=now, actor=row.name, action="staff.login", target_type="staff",
                             target_id=str(row.id), details={"role": row.role, "source": source})
                actor = Actor(staff_id=row.id, name=row.name, role=StaffRole(row.role))
    if refusal is not None:
        raise refusal
    return actor


def _unknown_name(app, s: Session, name: str, now: datetime, source: str) -> PermissionDenied:
    """A login under a name no account has (its dummy password check made before the transaction): audited and
    throttled like a real account's wrong password (the failures are counted from the audit trail, as for a
    known name)."""
    key = throttle.key(name)
    audit.record(s, at=now, actor=key, action="staff.login_failed", target_type="staff", target_id=key,
                 details={"problem": "unknown name", "source": source})
    return _after_failure(app, s, key, now, source)


def _after_failure(app, s: Session, target: str, now: datetime, source: str) -> PermissionDenied:
    """The answer to a failure just recorded: throttled from the limit on, else "wrong name, password or code"."""
    until = throttle.next_try(app, s, target, now, source)
    return throttle.throttled(until, now) if until is not None else LoginFailed()


def service_login(app, name: str, password: str, *, source: str | None = None) -> Actor:
    """A service account (scripts, cron) by its password, from the settings. Throttled like a person's login; it
    has no second factor, so wrong passwords (anyone's) never lock it. The argon2 check runs outside the
    transaction, as for `login`."""
    now = app.clock.now()
    source = throttle.source_of(source)
    seen = _look(app, name, source, now)
    verified = _password_ok(seen.password_hash if seen.service else None, password)
    refusal: Exception | None = None
    with app.uow() as s:
        row, target = _locked_row(app, s, name, source, now)
        if row is None or not row.service:
            audit.record(s, at=now, actor=throttle.key(name), action="staff.login_failed", target_type="staff",
                         target_id=target, details={"problem": "not a service account", "source": source})
            refusal = PermissionDenied(f"setting service_account: {brief(name)} is not a service account "
                                       "(create one with `staff add NAME --role ROLE --service`)")
        else:
            problem = None if verified and seen.same(row) else "password"
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


def _credentials_problem(app, row: Staff, seen: _Seen, verified: bool, code: str, now: datetime) -> str | None:
    # The password was checked before this transaction: it counts only if the row still has the hash checked
    # (changed meanwhile, or the name taken meanwhile: a wrong password; the person tries again).
    if not verified or not seen.same(row):
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
        row.failed_logins = len(throttle.failures(app, s, str(row.id), now, throttle.own)) + 1
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
