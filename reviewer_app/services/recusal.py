"""Recusal in the queue (issue 22): whether a staff member may take an application, or a party of it is them.

The parties of an application: the applicant (the parent on a child's application), the child, and the child's
parents as the civil registry records them (the claimer may be the other parent). `domain.recusal` says who is the
same person; this module reads one application's parties in the caller's transaction. The queue checks each
application it is about to hand out (and a chosen one), so the cost does not grow with the queue. A staff account
without an identity recuses from nothing (`staff add` records one; `staff list` shows who has none).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.db.models import Applicant, Child, RegistryRecord, Staff
from reviewer_app.domain.recusal import Match, PersonIdentity, recusal


def identity_of(s: Session, staff_id: int | None) -> PersonIdentity | None:
    row = s.get(Staff, staff_id) if staff_id is not None else None
    if row is None:
        return None
    me = PersonIdentity(row.last_name, row.first_name, row.middle_name, row.birth_date, row.snils)
    return me if me.known else None


def recused(s: Session, me: PersonIdentity | None, application_id: str) -> dict[str, Match]:
    """{application_id: why} when `me` may not review it; {} when they may (or have no identity)."""
    if me is None:
        return {}
    found = recusal(me, parties_of(s, application_id))
    return {application_id: found} if found is not None else {}


def parties_of(s: Session, application_id: str) -> dict[str, PersonIdentity]:
    """One application's parties: the applicant, the child, and the child's parents in the civil registry."""
    out: dict[str, PersonIdentity] = {}
    ap = s.scalar(select(Applicant).where(Applicant.application_id == application_id))
    if ap is not None:
        out["applicant"] = PersonIdentity(ap.last_name, ap.first_name, ap.middle_name, ap.birth_date, ap.snils)
    ch = s.scalar(select(Child).where(Child.application_id == application_id))
    if ch is not None:
        out["child"] = PersonIdentity(ch.last_name, ch.first_name, ch.middle_name, ch.birth_date)
        if ch.certificate_series and ch.certificate_number:
            parents = s.scalar(select(RegistryRecord.parents).where(
                RegistryRecord.certificate_series == ch.certificate_series,
                RegistryRecord.certificate_number == ch.certificate_number))
            for i, p in enumerate(parents or []):
                try:
                    born = p.get("birth_date")
                    out[f"parent{i + 1}"] = PersonIdentity(p.get("last_name"), p.get("first_name"),
                                                           p.get("middle_name"),
                                                           date.fromisoformat(born) if isinstance(born, str) else None)
                except (AttributeError, ValueError):
                    continue  # a malformed registry entry identifies nobody
    return out
