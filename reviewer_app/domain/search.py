"""What a supervisor types to find a case, turned into keys the database can look up through an index.

A name is matched by a prefix of its `name_key` ("last first middle", case-, ё- and spacing-insensitive); a
passport typed in full by the applicant's identity hash (the same `person_key` intake stores, so the number itself
is never compared or kept in the search); a phone by its E.164 form; an application by its number.
"""

from __future__ import annotations

import hashlib

from reviewer_app.domain.registry import normalise_name

LIKE_ESCAPE = "\\"


def name_key(last: str | None, first: str | None, middle: str | None = None) -> str:
    """The stored search form of a person's full name."""
    return " ".join(p for p in (normalise_name(last), normalise_name(first), normalise_name(middle)) if p)


def name_prefix(typed: str | None) -> str:
    """What a typed name ("Иванова  мар") must be a prefix of, in the stored form ("иванова мар")."""
    return normalise_name(typed)


def escape_like(text: str) -> str:
    """`text` as a LIKE pattern that matches it literally (%, _ and the escape character escaped)."""
    return (text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%")
            .replace("_", LIKE_ESCAPE + "_"))


def passport_digits(typed: str | None) -> str:
    return "".join(ch for ch in (typed or "") if ch.isdigit())


def passport_person_key(typed: str | None) -> str | None:
    """The identity hash of a Russian passport typed in full (series and number, 10 digits, any spacing);
    None when it is not a whole passport number."""
    digits = passport_digits(typed)
    if len(digits) != 10:
        return None
    return hashlib.sha256(("passport:" + digits).encode("utf-8")).hexdigest()


def mask_passport_typed(typed: str | None) -> str:
    """'4502 573482' -> '45** ****82': what lists and the audit show of a passport searched for."""
    digits = passport_digits(typed)
    if len(digits) < 4:
        return "*" * len(digits)
    return f"{digits[:2]}** {'*' * max(len(digits) - 6, 0)}{digits[-2:]}"


def application_number(typed: str | None) -> str:
    """An application number as stored (upper case, no spaces): 'emk-2026-000001 ' -> 'EMK-2026-000001'."""
    return "".join((typed or "").split()).upper()
