"""The embedded civil registry: `CivilRegistry` over the `registry_birth_records` table.

Series and numbers are stored normalised (Latin numeral, Cyrillic letters, no spaces), so a lookup normalises
the question the same way and hits the unique index.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.db.models import RegistryRecord
from reviewer_app.domain.registry import (
    BirthRecord,
    PersonRecord,
    normalise_certificate_number,
    normalise_certificate_series,
)


class DbRegistry:
    """Looks birth records up in the caller's session (so intake sees the registry in its own transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def find_birth_record(self, series: str, number: str) -> BirthRecord | None:
        row = self.session.execute(
            select(RegistryRecord).where(RegistryRecord.certificate_series == normalise_certificate_series(series),
                                         RegistryRecord.certificate_number == normalise_certificate_number(number))
        ).scalar_one_or_none()
        if row is None:
            return None
        return BirthRecord(certificate_series=row.certificate_series, certificate_number=row.certificate_number,
                           issued_on=row.issued_on if isinstance(row.issued_on, date) else
                           date.fromisoformat(str(row.issued_on)),
                           child=PersonRecord.from_dict(row.child),
                           parents=tuple(PersonRecord.from_dict(p) for p in row.parents or ()))


def load_records(session: Session, records: Iterable[BirthRecord]) -> tuple[int, int]:
    """Insert or replace birth records by certificate; returns (inserted, updated). Caller commits."""
    keyed = [((normalise_certificate_series(r.certificate_series), normalise_certificate_number(r.certificate_number)),
              r) for r in records]
    # The rows already there, fetched by number in chunks (one query per 500, not one per record).
    numbers = sorted({number for (_series, number), _ in keyed})
    rows: dict[tuple[str, str], RegistryRecord] = {}
    for i in range(0, len(numbers), 500):
        for row in session.scalars(select(RegistryRecord).where(RegistryRecord.certificate_number.in_(
                numbers[i:i + 500]))):
            rows[(row.certificate_series, row.certificate_number)] = row
    inserted = updated = 0
    for (series, number), rec in keyed:
        data = rec.to_dict()
        row = rows.get((series, number))
        if row is None:
            rows[(series, number)] = row = RegistryRecord(certificate_series=series, certificate_number=number,
                                                          issued_on=rec.issued_on, child=data["child"],
                                                          parents=data["parents"])
            session.add(row)
            inserted += 1
        else:
            row.issued_on, row.child, row.parents = rec.issued_on, data["child"], data["parents"]
            updated += 1
    session.flush()
    return inserted, updated
