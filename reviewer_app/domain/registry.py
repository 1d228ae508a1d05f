"""The civil registry (ЕГР ЗАГС) as the rules see it: a birth record looked up by certificate.

`CivilRegistry` is the port; adapters live in `reviewer_app.registry` (a JSON file) and in the database layer
(the embedded `registry_birth_records` table). Both store the same shape as `BirthRecord.to_dict()`:

    {"certificate": {"series": "IV-МЮ", "number": "123456", "issued_on": "2019-03-01"},
     "child": {"last_name": ..., "first_name": ..., "middle_name": ..., "birth_date": "2019-02-11"},
     "parents": [{"last_name": ..., "first_name": ..., "middle_name": ..., "birth_date": "1990-05-17"}]}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

# Look-alike letters: the Roman numeral is Latin (I V X L C), the two-letter part is Cyrillic.
_TO_LATIN = str.maketrans({"І": "I", "Ӏ": "I", "Х": "X", "С": "C"})
_TO_CYRILLIC = str.maketrans({
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р", "T": "Т",
    "X": "Х", "Y": "У",
})
_DASHES = re.compile(r"\s*[-‐‑‒–—−]\s*")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def normalise_certificate_series(series: str) -> str:
    """Upper-case, unify dashes and fix look-alike letters: Latin numeral, hyphen, Cyrillic letters.

    'iv-mю' → 'IV-МЮ', 'ІV-МЮ' (Cyrillic І) → 'IV-МЮ'. The result is not validated here.
    """
    s = _DASHES.sub("-", _SPACES.sub(" ", series.strip().upper()))
    if "-" not in s:
        return s
    numeral, _, letters = s.partition("-")
    return f"{numeral.strip().translate(_TO_LATIN)}-{letters.strip().translate(_TO_CYRILLIC)}"


def normalise_certificate_number(number: str) -> str:
    return re.sub(r"\s+", "", number)


@lru_cache(maxsize=16384)
def normalise_name(name: str | None) -> str:
    """Case-, ё- and spacing-insensitive form of a name, for comparisons only."""
    if not name:
        return ""
    return _SPACES.sub(" ", name.strip().casefold().replace("ё", "е").replace("‐", "-"))


@dataclass(frozen=True)
class PersonRecord:
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PersonRecord:
        return cls(
            last_name=str(d["last_name"]),
            first_name=str(d["first_name"]),
            middle_name=(str(d["middle_name"]) if d.get("middle_name") else None),
            birth_date=date.fromisoformat(str(d["birth_date"])),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"last_name": self.last_name, "first_name": self.first_name, "middle_name": self.middle_name,
                "birth_date": self.birth_date.isoformat()}

    def same_person(self, last_name: str, first_name: str, middle_name: str | None, birth_date: date) -> bool:
        return (
            normalise_name(self.last_name) == normalise_name(last_name)
            and normalise_name(self.first_name) == normalise_name(first_name)
            and normalise_name(self.middle_name) == normalise_name(middle_name)
            and self.birth_date == birth_date
        )


@dataclass(frozen=True)
class BirthRecord:
    certificate_series: str
    certificate_number: str
    issued_on: date
    child: PersonRecord
    parents: tuple[PersonRecord, ...]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> BirthRecord:
        cert = d["certificate"]
        return cls(
            certificate_series=normalise_certificate_series(str(cert["series"])),
            certificate_number=normalise_certificate_number(str(cert["number"])),
            issued_on=date.fromisoformat(str(cert["issued_on"])),
            child=PersonRecord.from_dict(d["child"]),
            parents=tuple(PersonRecord.from_dict(p) for p in d.get("parents") or ()),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "certificate": {"series": self.certificate_series, "number": self.certificate_number,
                            "issued_on": self.issued_on.isoformat()},
            "child": self.child.to_dict(),
            "parents": [p.to_dict() for p in self.parents],
        }


class CivilRegistry(Protocol):
    def find_birth_record(self, series: str, number: str) -> BirthRecord | None:
        """The record for a birth certificate (series and number as written; adapters normalise), or None."""
        ...
