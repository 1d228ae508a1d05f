"""A civil registry (ЕГР ЗАГС) read from a JSON file: `reviewer-app check --registry FILE`.

File format (UTF-8 JSON): a list of birth records, or an object ``{"format": 1, "records": [...]}``. A record:

    {
      "certificate": {"series": "IV-МЮ", "number": "123456", "issued_on": "2019-03-01"},
      "child": {"last_name": "Иванов", "first_name": "Пётр", "middle_name": "Сергеевич",
                "birth_date": "2019-02-11"},
      "parents": [
        {"last_name": "Иванова", "first_name": "Мария", "middle_name": "Петровна", "birth_date": "1990-05-17"},
        {"last_name": "Иванов", "first_name": "Сергей", "middle_name": "Олегович", "birth_date": "1988-01-30"}
      ]
    }

`middle_name` may be null or absent. Series are matched after look-alike normalisation (Latin numeral,
Cyrillic letters), numbers after removing spaces. This is the same shape as
`reviewer_app.domain.registry.BirthRecord.to_dict()` and as the database table `registry_birth_records`
(certificate_series, certificate_number, issued_on, child JSON, parents JSON).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.registry import (
    BirthRecord,
    normalise_certificate_number,
    normalise_certificate_series,
)


class RegistryFileError(ReviewerError):
    """The registry file cannot be read or a record in it is malformed."""


class InMemoryRegistry:
    """A `CivilRegistry` over a list of records."""

    def __init__(self, records: Iterable[BirthRecord] = ()) -> None:
        self._by_cert: dict[tuple[str, str], BirthRecord] = {}
        for r in records:
            self._by_cert[(r.certificate_series, r.certificate_number)] = r

    def __len__(self) -> int:
        return len(self._by_cert)

    @property
    def records(self) -> list[BirthRecord]:
        return list(self._by_cert.values())

    def find_birth_record(self, series: str, number: str) -> BirthRecord | None:
        return self._by_cert.get((normalise_certificate_series(series), normalise_certificate_number(number)))


class JsonFileRegistry(InMemoryRegistry):
    """A `CivilRegistry` loaded from a JSON file (format in the module docstring)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        super().__init__(parse_registry(_load(self.path), str(self.path)))


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise RegistryFileError(f"registry file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryFileError(f"registry file {path} cannot be read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise RegistryFileError(f"registry file {path}: bad JSON at line {exc.lineno}, column {exc.colno}: "
                                f"{exc.msg}") from None


def parse_registry(data: Any, source: str = "registry") -> list[BirthRecord]:
    records = data.get("records") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise RegistryFileError(f"{source}: expected a list of birth records (or {{\"records\": [...]}})")
    out: list[BirthRecord] = []
    problems: list[str] = []
    for i, rec in enumerate(records):
        try:
            if not isinstance(rec, dict):
                raise TypeError("not an object")
            out.append(BirthRecord.from_dict(rec))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            what = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            problems.append(f"record [{i}]: {what}")
    if problems:
        raise RegistryFileError(f"{source}: " + "; ".join(problems[:20]))
    return out
