"""Staff accounts: argon2 passwords, TOTP second factor, lockout, and the administrator's account management.

`login` answers wrong name, wrong password and wrong code alike ("wrong name, password or code") so that a
guesser learns nothing; a locked account says until when (the lock is checked before the password, so guessing
stops); a disabled account says so only to someone who knew the password and the code.
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
from reviewer_app.domain.errors import NotFound, PermissionDenied, ReviewerError
from reviewer_app.domain.permissions import Permission
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


def _context(staff_id: int) -> str:
    return f"totp:{staff_id}"


def _role(role: str | StaffRole) -> StaffRole:
    try:
        return StaffRole(role)
    except ValueError:
        raise ReviewerError(f"--role: {role!r} is not one of {', '.join(r.value for r in StaffRole)}") from None


def _check_name(name: str) -> str:
    name = name.strip().lower()
    if not _NAME_RE.match(name):
        raise ReviewerError(f"NAME: {name!r} must be 2-64 characters: latin letters, digits, '.', '_' or '-'")
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ReviewerError(f"password: at least {MIN_PASSWORD} characters, please")


def _enroll(app, row: Staff) -> Enrollment:
    secret = pyotp.random_base32()
    row.totp_secret_encrypted = app.secrets.seal(secret.encode("ascii"), context=_context(row.id))
    row.totp_last_step = None
    uri = pyotp.TOTP(secret).provisioning_uri(name=row.name, issuer_name=ISSUER)
    return Enrollment(row.id, row.name, row.role, secret, uri)


def _get(s: Session, name: str) -> Staff:
    row = s.scalar(select(Staff).where(Staff.name == name.strip().lower()))
    if row is None:
        raise NotFound(f"no staff member named {name!r}")
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
            raise ReviewerError(f"NAME: a staff member named {name!r} already exists")
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


def login(app, name: str, password: str, code: str) -> Actor:
    """Password plus TOTP code; returns the Actor. Failures are counted, audited and end in a lockout.

    An unknown name is answered exactly like a known one: the same message, the same cost, and after
    `staff_max_failures` tries the same "locked until" (counted from the audit trail), so the answers do not tell
    which names exist. A lock that has ended starts the count afresh. Service accounts cannot log in here."""
    now = app.clock.now()
    refusal: Exception | None = None
    with app.uow() as s:
        # FOR UPDATE (PostgreSQL): two logins with the same code cannot both pass the replay check.
        row = s.scalar(select(Staff).where(Staff.name == (name or "").strip().lower()).with_for_update())
        if row is None:
            refusal = _unknown_name(app, s, name, password, now)
        elif row.locked_until is not None and row.locked_until > now:
            raise AccountLocked(row.locked_until)
        else:
            if row.locked_until is not None:  # the lock has ended: a fresh count, not one try from locking again
                row.locked_until, row.failed_logins = None, 0
            problem = _credentials_problem(app, row, password, code, now)
            if problem is None and row.service:
                problem = "service account at a desk"
            if problem is not None:
                refusal = _failed(app, s, row, problem, now)
            elif row.disabled:
                refusal = AccountDisabled(row.name)
                audit.record(s, at=now, actor=row.name, action="staff.login_failed", target_type="staff",
                             target_id=str(row.id), details={"problem": "disabled"})
            else:
                row.failed_logins, row.locked_until = 0, None
                if _hasher.check_needs_rehash(row.password_hash):
                    row.password_hash = _hasher.hash(password)
                audit.record(s, at=now, actor=row.name, action="staff.login", target_type="staff",
                             target_id=str(row.id), details={"role": row.role})
                actor = Actor(staff_id=row.id, name=row.name, role=StaffRole(row.role))
    if refusal is not None:
        raise refusal
    return actor


def _unknown_name(app, s: Session, name: str, password: str, now: datetime) -> PermissionDenied:
    """A login under a name no account has: costs a password check, is audited, and locks like a real account
    (the failures under that name within the lock period are counted from the audit trail)."""
    with contextlib.suppress(VerificationError):
        _hasher.verify(_DUMMY_HASH, password or "")
    key = (name or "?").strip().lower()[:64]
    locks.serialise(s, f"staff.login_failed:{key}")  # tries at the same moment count each other (see locks.py)
    window = timedelta(minutes=app.settings.staff_lock_minutes)
    recent = sorted(s.scalars(select(AuditEvent.at).where(
        AuditEvent.action == "staff.login_failed", AuditEvent.target_type == "staff", AuditEvent.target_id == key,
        AuditEvent.at > now - window)))
    limit = app.settings.staff_max_failures
    # Locked like a real account: from the failure that reached the limit, for the lock period.
    if len(recent) >= limit and recent[limit - 1] + window > now:
        return AccountLocked(recent[limit - 1] + window)
    audit.record(s, at=now, actor=key, action="staff.login_failed", target_type="staff", target_id=key,
                 details={"problem": "unknown name", "failures": len(recent) + 1})
    if len(recent) + 1 >= limit:
        return AccountLocked(now + window)
    return LoginFailed()


def service_login(app, name: str, password: str) -> Actor:
    """A service account (scripts, cron) by its password, from the settings. Counted and locked like a person's
    login; a person's account cannot be used this way (it needs its TOTP code)."""
    now = app.clock.now()
    refusal: Exception | None = None
    with app.uow() as s:
        row = s.scalar(select(Staff).where(Staff.name == (name or "").strip().lower()).with_for_update())
        if row is None or not row.service:
            with contextlib.suppress(VerificationError):
                _hasher.verify(_DUMMY_HASH, password or "")
            audit.record(s, at=now, actor=(name or "?")[:64], action="staff.login_failed", target_type="staff",
                         target_id=(name or "?")[:64], details={"problem": "not a service account"})
            refusal = PermissionDenied(f"setting service_account: {name!r} is not a service account "
                                       "(create one with `staff add NAME --role ROLE --service`)")
        elif row.locked_until is not None and row.locked_until > now:
            raise AccountLocked(row.locked_until)
        else:
            if row.locked_until is not None:
                row.locked_until, row.failed_logins = None, 0
            try:
                _hasher.verify(row.password_hash, password or "")
                problem = None
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                problem = "password"
            if problem is not None:
                refusal = _failed(app, s, row, problem, now)
            elif row.disabled:
                refusal = AccountDisabled(row.name)
            else:
                row.failed_logins = 0
                audit.record(s, at=now, actor=row.name, action="staff.service_login", target_type="staff",
                             target_id=str(row.id), details={"role": row.role})
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


def _failed(app, s: Session, row: Staff, problem: str, now: datetime) -> PermissionDenied:
    row.failed_logins += 1
    audit.record(s, at=now, actor=row.name, action="staff.login_failed", target_type="staff",
                 target_id=str(row.id), details={"problem": problem, "failures": row.failed_logins})
    if row.failed_logins >= app.settings.staff_max_failures:
        row.locked_until = now + timedelta(minutes=app.settings.staff_lock_minutes)
        audit.record(s, at=now, actor=row.name, action="staff.locked", target_type="staff",
                     target_id=str(row.id), details={"until": row.locked_until})
        return AccountLocked(row.locked_until)
    return LoginFailed()


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
            raise ReviewerError("an administrator cannot disable their own account")
        if row.role == StaffRole.ADMIN.value and not row.disabled and _enabled_admins(s) <= 1:
            raise ReviewerError(f"{row.name} is the last enabled administrator")
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


def list_staff(app, actor: Actor) -> list[StaffView]:
    _admin(app, actor)
    now = app.clock.now()
    with app.sessions() as s:
        return [StaffView(r.id, r.name, r.role, r.disabled,
                          r.locked_until if r.locked_until and r.locked_until > now else None, r.failed_logins,
                          r.totp_secret_encrypted is not None, r.created_at)
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
