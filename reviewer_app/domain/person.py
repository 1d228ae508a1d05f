"""One person across documents: what identifies an applicant beyond the passport number, and what intake found.

A passport is replaced at 20 and 45 and after a loss, so the passport number cannot be the person. The stable
identifiers of an applicant, strongest first:
- ``snils``: the SNILS number (11 digits) when the pack gives a valid one;
- ``previous_passport``: the passport the pack says the applicant held before (links to the earlier record);
- ``passport``: the passport of this application;
- ``identity``: the normalised full name, birth date and birth place, when the pack gives the birth place.
Name and birth date alone (``name``) are never enough to link two applications (namesakes born the same day
exist): they only make intake show the reviewer a *possible* earlier record.

This module is pure: it gives the normalised identifier texts. The services keep only a keyed hash (HMAC) of
each (`services.persons`), so no table holds a SNILS or passport number by its key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from reviewer_app.domain.registry import normalise_name

if TYPE_CHECKING:
    from reviewer_app.domain.application import Applicant

#: Identifier kinds in the order they decide which earlier person an application belongs to.
STRONG_KINDS = ("snils", "previous_passport", "passport", "identity")
_NOT_WORD = re.compile(r"[^0-9a-zа-я]+")


def _snils_ok(digits: str) -> bool:
    if len(digits) != 11:
        return False
    if int(digits[:9]) <= 1001998:
        return True
    total = sum(int(d) * w for d, w in zip(digits[:9], range(9, 0, -1), strict=True))
    while total > 101:
        total %= 101
    return (0 if total in (100, 101) else total) == int(digits[9:])


def normalise_place(place: str | None) -> str:
    """A birth place for comparison: case, ё, punctuation and spacing do not count ('г. Москва' = 'г Москва')."""
    return " ".join(_NOT_WORD.split(normalise_name(place))).strip()


def name_and_birth(last: str, first: str, middle: str | None, birth: date) -> str:
    return "|".join((normalise_name(last), normalise_name(first), normalise_name(middle), birth.isoformat()))


def identifiers(applicant: Applicant) -> dict[str, str]:
    """The applicant's strong identifiers (kind → normalised text with its kind as prefix); `applicant` is a
    `domain.application.Applicant`. Only kinds the pack gives are present."""
    out: dict[str, str] = {}
    digits = "".join(ch for ch in (applicant.snils or "") if ch.isdigit())
    if _snils_ok(digits):
        out["snils"] = "snils:" + digits
    prev = applicant.previous_passport
    if prev is not None and len(prev.normalised) == 10:
        out["previous_passport"] = "passport:" + prev.normalised
    p = applicant.passport
    if p is not None and p.normalised:
        out["passport"] = "passport:" + p.normalised
    place = normalise_place(applicant.birth_place)
    if place:
        out["identity"] = "identity:" + name_and_birth(applicant.last_name, applicant.first_name,
                                                       applicant.middle_name, applicant.birth_date) + "|" + place
    return out


@dataclass(frozen=True)
class KnownPerson:
    """What intake found about the applicant's earlier records (the `person_known` check shows it).

    status: 'new' (no earlier record), 'same_passport' (known, same passport), 'new_passport' (known by SNILS,
    previous passport or identity, with another passport now), 'possible' (same name and birth date as an
    earlier applicant, nothing stronger links them: not linked) or 'conflict' (an identifier of the pack
    belongs to an earlier applicant with another name or birth date: not linked)."""

    status: str = "new"
    via: str | None = None  # the identifier kind that linked (or conflicted)
    earlier_application_id: str | None = None
    earlier_passport: str | None = None  # masked: last digits only
    earlier_passport_issued_on: date | None = None
    passport: str | None = None  # this application's passport, masked
    opted_out: bool = False  # the earlier person refused EMK access
    same_phone: bool = False  # the earlier person's login phone is the one this pack gives
