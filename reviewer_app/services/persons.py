"""One person across documents: the stable person key intake gives an application.

A citizen used to be their passport number; after a passport change (at 20, at 45, after a loss) the same
person became a stranger to their own opt-out, grants and login. Now intake resolves each pack to a person:

1. The applicant's strong identifiers (`domain.person.identifiers`: SNILS, the previous passport the pack
   gives, this passport, name + birth date + birth place) are hashed with a key (HMAC-SHA256 under
   `derive(audit key, "person-key")`: the audit key is never rotated, so the hashes stay stable, and the
   `person_identifiers` table does not give away a SNILS or a passport number by brute force).
2. The first identifier, strongest first, that an earlier application gave links this one to that person, if
   the earlier applicant has the same birth date and first name (a typed SNILS or passport of someone else
   never opens their record: it is a 'conflict' for the reviewer, and the application stays a person of its
   own).
3. Nothing links: a new person, keyed by a hash of the application id. Name and birth date alone never link
   (namesakes): an earlier applicant with the same ones is shown as a 'possible' match.
4. The identifiers not yet known are recorded for the person.

`applications.person_key` holds the result, and every rule that follows a citizen reads it: opt-out, the
duplicate rule, grants and the citizen's login (citizens.person_key), MFC kinship confirmations and the
face-duplicate search's "same person" exemption. Two intakes of one person at once are serialised by a named
lock on each identifier (services.locks), so both see the other's identifiers.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from reviewer_app.db.models import Applicant, Application, Citizen, OtpCredential, PersonIdentifier
from reviewer_app.domain.application import Application as DomainApplication
from reviewer_app.domain.person import STRONG_KINDS, KnownPerson, identifiers, name_and_birth
from reviewer_app.domain.registry import normalise_name
from reviewer_app.services import locks
from reviewer_app.store.crypto import derive

_KIND_STORED = {"snils": "snils", "previous_passport": "passport", "passport": "passport", "identity": "identity"}


def person_hmac_key(app) -> bytes:
    """The key of the person hashes: a purpose subkey of the audit key (kept outside the database)."""
    return derive(app.audit_key, "person-key")


def digest(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Resolution:
    person_key: str
    known: KnownPerson
    digests: dict[str, str]  # identifier kind → digest, for `register`


def _mask(series: str | None, number: str | None) -> str | None:
    t = "".join(f"{series or ''}{number or ''}".split())
    return "*" * max(0, len(t) - 4) + t[-4:] if t else None


def _earlier(s: Session, person_key: str, exclude: str) -> tuple[str, Applicant] | None:
    """The person's latest earlier application and its applicant row."""
    row = s.execute(select(Application.id, Applicant).join(Applicant, Applicant.application_id == Application.id)
                    .where(Application.person_key == person_key, Application.id != exclude)
                    .order_by(Application.submitted_at.desc(), Application.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row is not None else None


def _earlier_other_passport(s: Session, person_key: str, exclude: str, passport_digits: str) -> \
        tuple[str, Applicant] | None:
    """The person's latest earlier application with another passport than `passport_digits` (to show it)."""
    rows = s.execute(select(Application.id, Applicant).join(Applicant, Applicant.application_id == Application.id)
                     .where(Application.person_key == person_key, Application.id != exclude)
                     .order_by(Application.submitted_at.desc(), Application.id.desc()).limit(50)).all()
    for app_id, ap in rows:
        if "".join(ch for ch in (ap.passport_series or "") + (ap.passport_number or "") if ch.isdigit()) \
                != passport_digits:
            return app_id, ap
    return None


def _same_person(earlier: Applicant, a) -> bool:
    """An identifier links only to someone with the same birth date and first name (surnames change)."""
    return earlier.birth_date == a.birth_date and normalise_name(earlier.first_name) == normalise_name(a.first_name)


def _other_snils(s: Session, owner: str, owners: dict[str, str], digests: dict[str, str]) -> bool:
    """The pack gives a SNILS nobody had, and the person found by another identifier already has one: two
    people (a SNILS is for life), or a typing error; either way not linked without a look by hand."""
    if "snils" not in digests or owners.get(digests["snils"]) is not None:
        return False
    return s.scalar(select(PersonIdentifier.digest).where(PersonIdentifier.person_key == owner,
                                                          PersonIdentifier.kind == "snils").limit(1)) is not None


def _login_phone(s: Session, person_key: str) -> str | None:
    return s.scalar(select(OtpCredential.phone_e164).where(OtpCredential.citizen_key == person_key)
                    .order_by(OtpCredential.id.desc()).limit(1))


def _opted_out(s: Session, person_key: str) -> bool:
    return bool(s.scalar(select(Citizen.opted_out).where(Citizen.person_key == person_key)))


def resolve(s: Session, key: bytes, a: DomainApplication, phone_e164: str | None) -> Resolution:
    """The person `a` belongs to (caller's transaction; takes the identifiers' locks until its commit)."""
    texts = identifiers(a.applicant)
    digests = {kind: digest(key, text) for kind, text in texts.items()}
    for d in sorted(set(digests.values())):  # sorted: two intakes never wait for each other in a circle
        locks.serialise(s, f"intake.identifier:{d}")
    owners = dict(s.execute(select(PersonIdentifier.digest, PersonIdentifier.person_key)
                            .where(PersonIdentifier.digest.in_(list(digests.values())))).all()) if digests else {}
    passport_digits = a.applicant.passport.normalised if a.applicant.passport is not None else ""
    conflict: tuple[str, str, Applicant] | None = None
    for kind in STRONG_KINDS:
        owner = owners.get(digests.get(kind, ""))
        if owner is None:
            continue
        earlier = _earlier(s, owner, a.id)
        if earlier is None:
            continue
        if not _same_person(earlier[1], a.applicant) or _other_snils(s, owner, owners, digests):
            conflict = conflict or (kind, earlier[0], earlier[1])
            continue
        same = owners.get(digests.get("passport", "")) == owner
        shown = earlier if same else (_earlier_other_passport(s, owner, a.id, passport_digits) or earlier)
        known = KnownPerson(
            status="same_passport" if same else "new_passport", via=kind, earlier_application_id=shown[0],
            earlier_passport=_mask(shown[1].passport_series, shown[1].passport_number),
            earlier_passport_issued_on=shown[1].passport_issued_on,
            passport=_mask(a.applicant.passport.series, a.applicant.passport.number) if a.applicant.passport
            else None, opted_out=_opted_out(s, owner),
            same_phone=bool(phone_e164) and _login_phone(s, owner) == phone_e164)
        return Resolution(owner, known, digests)
    new_key = digest(key, "person:" + a.id)
    if conflict is not None:
        kind, app_id, ap = conflict
        return Resolution(new_key, KnownPerson("conflict", via=kind, earlier_application_id=app_id,
                                               earlier_passport=_mask(ap.passport_series, ap.passport_number)),
                          digests)
    return Resolution(new_key, _possible(s, a, phone_e164), digests)


def _possible(s: Session, a: DomainApplication, phone_e164: str | None) -> KnownPerson:
    """An earlier applicant with the same full name and birth date (not linked: shown to the reviewer)."""
    ap = a.applicant
    want = name_and_birth(ap.last_name, ap.first_name, ap.middle_name, ap.birth_date)
    rows = s.execute(select(Application.id, Application.person_key, Applicant)
                     .join(Applicant, Applicant.application_id == Application.id)
                     .where(Applicant.birth_date == ap.birth_date, Application.id != a.id)
                     .order_by(Application.submitted_at.desc(), Application.id.desc()).limit(200)).all()
    for app_id, person_key, other in rows:
        if name_and_birth(other.last_name, other.first_name, other.middle_name, other.birth_date) == want:
            return KnownPerson("possible", via="name", earlier_application_id=app_id,
                               earlier_passport=_mask(other.passport_series, other.passport_number),
                               earlier_passport_issued_on=other.passport_issued_on,
                               passport=_mask(ap.passport.series, ap.passport.number) if ap.passport else None,
                               opted_out=_opted_out(s, person_key),
                               same_phone=bool(phone_e164) and _login_phone(s, person_key) == phone_e164)
    return KnownPerson("new")


def register(s: Session, resolution: Resolution, application_id: str, now: datetime) -> None:
    """Record the identifiers of the application for its person (those another person holds stay theirs)."""
    if not resolution.digests:
        return
    dialect = s.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    for kind, d in resolution.digests.items():
        s.execute(insert(PersonIdentifier).values(digest=d, person_key=resolution.person_key,
                                                  kind=_KIND_STORED[kind], application_id=application_id,
                                                  created_at=now).on_conflict_do_nothing(index_elements=["digest"]))
    s.flush()
