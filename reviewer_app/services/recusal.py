"""Recusal in the queue (issue 22): the applications a staff member may not take, because a party is them.

The parties of an application: the applicant (the parent on a child's application), the child, and the child's
parents as the civil registry records them (the claimer may be the other parent). `domain.recusal` says who is the
same person; this module finds the candidates in the caller's transaction: the open applications whose party has
the claimer's birth date or SNILS, then compares them in full. A staff account without an identity recuses from
nothing (`staff add` records one; `staff list` shows who has none).
"""

from __future__ import annotations

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session

from reviewer_app.db.models import Applicant, Application, Child, RegistryRecord, Staff
from reviewer_app.domain.recusal import Match, PersonIdentity, recusal, snils_digits


def identity_of(s: Session, staff_id: int | None) -> PersonIdentity | None:
    row = s.get(Staff, staff_id) if staff_id is not None else None
    if row is None:
        return None
    me = PersonIdentity(row.last_name, row.first_name, row.middle_name, row.birth_date, row.snils)
    return me if me.known else None


def _snils_forms(digits: str) -> list[str]:
    """The ways a SNILS is typed in a pack: 12345678901, 123-456-789 01, 123-456-789-01, 123456789 01."""
    a, b, c, d = digits[:3], digits[3:6], digits[6:9], digits[9:]
    return [digits, f"{a}-{b}-{c} {d}", f"{a}-{b}-{c}-{d}", f"{a}{b}{c} {d}"]


def _person(row) -> PersonIdentity:
    return PersonIdentity(row.last_name, row.first_name, row.middle_name, row.birth_date,
                          getattr(row, "snils", None))


def recused(s: Session, me: PersonIdentity | None, *, statuses: tuple[str, ...],
            application_id: str | None = None) -> dict[str, Match]:
    """The applications (in `statuses`, or just `application_id`) that `me` may not review, with why."""
    if me is None:
        return {}
    A = Application
    scope = [A.status.in_(statuses)] if application_id is None else [A.id == application_id]
    digits = snils_digits(me.snils)
    found: dict[str, dict[str, PersonIdentity]] = {}
    who = [Applicant.birth_date == me.birth_date] if me.birth_date else []
    if digits:
        who.append(Applicant.snils.in_(_snils_forms(digits)))
    if who:
        for ap in s.scalars(select(Applicant).join(A, A.id == Applicant.application_id).where(*scope, or_(*who))):
            found.setdefault(ap.application_id, {})["applicant"] = _person(ap)
    if me.birth_date:
        for ch in s.scalars(select(Child).join(A, A.id == Child.application_id)
                            .where(*scope, Child.birth_date == me.birth_date)):
            found.setdefault(ch.application_id, {})["child"] = _person(ch)
        # The child's parents in the civil registry: the claimer may be the other parent.
        day = me.birth_date.isoformat()
        rows = s.execute(select(Child.application_id, RegistryRecord.parents)
                         .join(A, A.id == Child.application_id)
                         .join(RegistryRecord, (RegistryRecord.certificate_series == Child.certificate_series)
                               & (RegistryRecord.certificate_number == Child.certificate_number))
                         .where(*scope, cast(RegistryRecord.parents, String).like(f"%{day}%")))
        for app_id, parents in rows:
            for i, p in enumerate(parents or []):
                try:
                    person = PersonIdentity(p.get("last_name"), p.get("first_name"), p.get("middle_name"),
                                            _date(p.get("birth_date")))
                except (AttributeError, ValueError):
                    continue  # a malformed registry entry identifies nobody
                found.setdefault(app_id, {})[f"parent{i + 1}"] = person
    out = {}
    for app_id, parties in found.items():
        m = recusal(me, parties)
        if m is not None:
            out[app_id] = m
    return out


def _date(value):
    from datetime import date

    return date.fromisoformat(value) if isinstance(value, str) else value
