"""The access database: citizens, their login credentials and who may open which medical record.

Session-level helpers used inside a decision's unit of work (nothing here commits), plus read-only queries.
A child's record is keyed by the child's own identity (birth certificate, else names and birth date), so the
same child has one key whichever parent holds the grant.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

import pyotp
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, load_only

from reviewer_app.db.models import AccessGrant, Applicant, Application, Child, Citizen, OtpCredential
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.decision_plan import child_access_until
from reviewer_app.domain.enums import GrantStatus
from reviewer_app.domain.errors import ConflictError, NotFound, ReviewerError, brief
from reviewer_app.domain.registry import normalise_name
from reviewer_app.policy.ruletable import DEFAULT_TABLE, RuleTable
from reviewer_app.policy.validators import display_phone, normalise_phone

SUBJECT_SELF = "self"
SUBJECT_CHILD = "child"


def is_opted_out(session: Session, person_key: str) -> bool:
    """True when this person refused EMK access (opt-out) and has not withdrawn it: new access is refused."""
    return bool(session.scalar(select(Citizen.opted_out).where(Citizen.person_key == person_key)))


def child_key(child: Child) -> str:
    """The child's identity: the birth certificate when known, else names and birth date."""
    if child.certificate_series and child.certificate_number:
        ident = "cert:" + "".join((child.certificate_series + child.certificate_number).split()).upper()
    else:
        ident = "person:" + "|".join((normalise_name(child.last_name), normalise_name(child.first_name),
                                      normalise_name(child.middle_name), child.birth_date.isoformat()))
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()


def child_valid_until(birth_date: date, rules: RuleTable = DEFAULT_TABLE) -> date:
    """The last day of a parent's access: the day before the child turns the rule table's `child_max_age`
    (one definition: the decision plan's `child_access_until`; `rules` default: the built-in table)."""
    return child_access_until(birth_date, rules)


def full_name(last: str, first: str, middle: str | None) -> str:
    return " ".join(p for p in (last, first, middle) if p)


def effective_status(grant: AccessGrant, today: date) -> str:
    """'expired' once a dated grant is past its last day, even before the row itself is marked."""
    if grant.status == GrantStatus.ACTIVE.value and grant.valid_until is not None and today > grant.valid_until:
        return GrantStatus.EXPIRED.value
    return grant.status


def phone_or_error(raw: str) -> str:
    """E.164 of a Russian mobile number typed by a person; a clear error otherwise."""
    e164 = normalise_phone(raw)
    if e164 is None:
        raise ReviewerError(f"PHONE: {brief(raw)} is not a Russian mobile number (+7 9XX XXX-XX-XX)")
    return e164


# --- writes inside a decision ------------------------------------------------------------------------------

def upsert_citizen(session: Session, application: Application, applicant: Applicant) -> Citizen:
    # INSERT ... ON CONFLICT DO NOTHING, then lock: two decisions for one person at once never collide.
    dialect = session.get_bind().dialect.name
    ins = (pg_insert if dialect == "postgresql" else sqlite_insert)(Citizen).values(
        person_key=application.person_key, opted_out=False, last_name=applicant.last_name,
        first_name=applicant.first_name, middle_name=applicant.middle_name, birth_date=applicant.birth_date)
    session.execute(ins.on_conflict_do_nothing(index_elements=["person_key"]))
    citizen = session.get(Citizen, application.person_key, with_for_update=True, populate_existing=True)
    citizen.last_name, citizen.first_name = applicant.last_name, applicant.first_name
    citizen.middle_name, citizen.birth_date = applicant.middle_name, applicant.birth_date
    if applicant.phone_e164:
        citizen.phone_e164 = applicant.phone_e164
    session.flush()
    return citizen


def lock_login_phone(session: Session, person_key: str) -> str | None:
    """The phone this citizen's login codes go to now (None: no login yet), with the rows that hold it locked
    until the transaction ends: the citizen, then their login (PostgreSQL FOR UPDATE; SQLite's BEGIN IMMEDIATE
    serialises writers anyway). A decision reads the phone with this, so nobody can move the codes between the
    read and the decision's commit: a concurrent decision for the same citizen waits, then reads the phone its
    predecessor left. Order: citizen, login, grants (every writer of the phone takes the citizen first)."""
    session.execute(select(Citizen.person_key).where(Citizen.person_key == person_key).with_for_update())
    return session.scalar(select(OtpCredential.phone_e164).where(OtpCredential.citizen_key == person_key)
                          .order_by(OtpCredential.id.desc()).limit(1).with_for_update())


def register_phone(session: Session, secrets, citizen: Citizen, phone: str, *,
                   expect: str | None) -> tuple[OtpCredential, str | None]:
    """The citizen's login codes go to `phone` from now on. Returns (credential, previous phone or None).

    `expect`: the phone the caller's plan was made with (None: no login). If the login now has another phone
    (it moved after the plan read it, e.g. the citizen had no row to lock then), nothing is changed and a
    ConflictError ('login_phone_changed') is raised, so no SMS goes to a phone that is no longer current."""
    # Only who and which phone: the service's database role may not read login secrets or counters (docs/postgres.md).
    cred = session.scalar(select(OtpCredential).where(OtpCredential.citizen_key == citizen.person_key).options(
        load_only(OtpCredential.id, OtpCredential.citizen_key, OtpCredential.phone_e164))
        .with_for_update().execution_options(populate_existing=True))
    current = cred.phone_e164 if cred is not None else None
    if current != expect:
        raise ConflictError(f"the login phone of citizen {citizen.person_key[:16]} changed while the decision was "
                            f"made ({display_phone(expect) if expect else 'none'} -> "
                            f"{display_phone(current) if current else 'none'}); decide again",
                            code="login_phone_changed")
    if cred is None:
        secret = pyotp.random_base32().encode("ascii")
        cred = OtpCredential(citizen_key=citizen.person_key, phone_e164=phone, counter=0, failures=0,
                             secret_encrypted=secrets.seal(secret, context=otp_context(citizen.person_key)))
        session.add(cred)
        session.flush()
        return cred, None
    previous = cred.phone_e164
    cred.phone_e164 = phone
    citizen.phone_e164 = phone
    session.flush()
    return cred, (previous if previous != phone else None)


def otp_context(person_key: str) -> str:
    # Binds a sealed secret to its citizen: a secret copied to another row does not open.
    return f"otp:{person_key}"


def active_grant(session: Session, holder_key: str, subject_key: str) -> AccessGrant | None:
    return session.scalar(select(AccessGrant).where(
        AccessGrant.holder_key == holder_key, AccessGrant.subject_key == subject_key,
        AccessGrant.status == GrantStatus.ACTIVE.value).order_by(AccessGrant.id.desc()).limit(1))


def create_grant(session: Session, *, holder: Citizen, subject_kind: str, subject_key: str, subject_name: str,
                 subject_birth_date: date, application_id: str, today: date, now: datetime,
                 valid_until: date | None = None) -> tuple[AccessGrant, bool]:
    """An active grant for (holder, subject); an existing active one is kept. Returns (grant, created)."""
    existing = active_grant(session, holder.person_key, subject_key)
    if existing is not None and effective_status(existing, today) == GrantStatus.ACTIVE.value:
        return existing, False
    if existing is not None:  # active on paper but past its end: close it before the new one
        existing.status = GrantStatus.EXPIRED.value
    grant = AccessGrant(holder_key=holder.person_key, subject_kind=subject_kind, subject_key=subject_key,
                        subject_name=subject_name, subject_birth_date=subject_birth_date,
                        application_id=application_id, status=GrantStatus.ACTIVE.value, valid_from=today,
                        valid_until=valid_until, created_at=now)
    session.add(grant)
    session.flush()
    return grant, True


def revoke(grant: AccessGrant, *, now: datetime, reason: str) -> None:
    grant.status = GrantStatus.REVOKED.value
    grant.revoked_at = now
    grant.revoke_reason = reason[:64]


# --- reads -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GrantView:
    id: int
    subject_kind: str
    subject_key: str
    subject_name: str
    subject_birth_date: date
    status: str  # effective: active, expired or revoked
    valid_from: date
    valid_until: date | None
    application_id: str
    revoke_reason: str | None


@dataclass(frozen=True)
class LoginView:
    """What `access grants PHONE` shows: the citizen behind a phone and every grant they hold."""

    phone: str
    phone_display: str
    citizen_name: str
    opted_out: bool
    locked_until: datetime | None
    grants: list[GrantView]


def credential_for_phone(session: Session, phone_e164: str, *, lock: bool = False) -> OtpCredential:
    """The login behind a phone. `lock`: hold its row (PostgreSQL FOR UPDATE) so that counters and failure
    counts of concurrent attempts are not lost; SQLite transactions are serialised anyway."""
    q = select(OtpCredential).where(OtpCredential.phone_e164 == phone_e164).order_by(OtpCredential.id.desc()).limit(1)
    cred = session.scalar(q.with_for_update() if lock else q)
    if cred is None:
        raise NotFound(f"no EMK login is registered for {display_phone(phone_e164)}")
    return cred


def credential_or_none(session: Session, phone_e164: str, *, lock: bool = False) -> OtpCredential | None:
    try:
        return credential_for_phone(session, phone_e164, lock=lock)
    except NotFound:
        return None


def list_grants(app, phone: str, actor: Actor) -> LoginView:
    """Every grant of the citizen whose login codes go to `phone` (expired ones marked as such). Staff with the
    audit permission only (the answer names the citizen and their children); the look-up is audited."""
    from reviewer_app.domain.clock import moscow_date
    from reviewer_app.domain.permissions import Permission
    from reviewer_app.services import audit, authz

    reader = authz.require(app, actor, Permission.AUDIT)
    e164 = phone_or_error(phone)
    today = moscow_date(app.clock.now())
    with app.sessions() as s:
        cred = credential_for_phone(s, e164)
        citizen = s.get(Citizen, cred.citizen_key)
        rows = s.scalars(select(AccessGrant).where(AccessGrant.holder_key == cred.citizen_key)
                         .order_by(AccessGrant.id))
        grants = [GrantView(g.id, g.subject_kind, g.subject_key, g.subject_name, g.subject_birth_date,
                            effective_status(g, today), g.valid_from, g.valid_until, g.application_id,
                            g.revoke_reason) for g in rows]
        locked = cred.locked_until if cred.locked_until and cred.locked_until > app.clock.now() else None
    with app.uow() as s:
        audit.record(s, at=app.clock.now(), actor=reader.name, action="grants.read", target_type="citizen",
                     target_id=cred.citizen_key, details={"grants": len(grants)})
    with app.sessions() as s:
        citizen = s.get(Citizen, cred.citizen_key)
        return LoginView(e164, display_phone(e164), full_name(citizen.last_name, citizen.first_name,
                                                              citizen.middle_name),
                         citizen.opted_out, locked, grants)
