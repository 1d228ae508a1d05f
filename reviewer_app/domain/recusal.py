"""Recusal: nobody reviews an application of their own or a relative's (issue 22).

A staff account carries its holder's identity (full name, birth date, optional SNILS). An application's
parties (the applicant, who is the parent on a child's application, and the child) are compared with it: the
same SNILS, or the same normalised full name and birth date, is the same person. Such a claim is refused (claim
by id) or skipped (claim next), and audited. Plain data, no I/O: the queue service loads the parties.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewer_app.domain.registry import normalise_name


@dataclass(frozen=True)
class PersonIdentity:
    last_name: str | None
    first_name: str | None
    middle_name: str | None
    birth_date: date | None
    snils: str | None = None

    @property
    def known(self) -> bool:
        """Enough to compare: a SNILS, or a full name with a birth date."""
        return bool(snils_digits(self.snils)) or bool(self.last_name and self.first_name and self.birth_date)


@dataclass(frozen=True)
class Match:
    party: str  # 'applicant' or 'child'
    by: str  # 'snils' or 'name_birth_date'


def snils_digits(snils: str | None) -> str:
    """'123-456-789 01' → '12345678901' (empty when not given)."""
    return "".join(ch for ch in (snils or "") if ch.isdigit())


def _name_key(p: PersonIdentity) -> tuple[str, str, str, date | None]:
    return (normalise_name(p.last_name), normalise_name(p.first_name), normalise_name(p.middle_name),
            p.birth_date)


def same_person(staff: PersonIdentity, party: PersonIdentity) -> str | None:
    """'snils' or 'name_birth_date' when `party` is the staff member, else None."""
    mine = snils_digits(staff.snils)
    if mine and mine == snils_digits(party.snils):
        return "snils"
    if staff.last_name and staff.first_name and staff.birth_date is not None \
            and _name_key(staff) == _name_key(party):
        return "name_birth_date"
    return None


def recusal(staff: PersonIdentity, parties: dict[str, PersonIdentity]) -> Match | None:
    """The first party of an application that is the staff member (None: they may review it)."""
    for role, party in parties.items():
        by = same_person(staff, party)
        if by is not None:
            return Match(role, by)
    return None
