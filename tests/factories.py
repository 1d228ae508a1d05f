"""Small factories that insert rows directly (Core inserts), so queue tests and benchmarks need no intake."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from reviewer_app.db.models import Applicant, Application, Staff


def add_staff(session: Session, name: str, role: str = "reviewer", *, now: datetime | None = None) -> int:
    now = now or datetime(2026, 1, 1, tzinfo=UTC)
    return session.execute(insert(Staff).values(name=name, role=role, password_hash="x", created_at=now)
                           .returning(Staff.id)).scalar_one()


def application_row(i: int, *, kind: str = "own_access", status: str = "pending",
                    submitted_at: datetime | None = None, sla_deadline: date | None = None,
                    prefix: str = "T") -> dict:
    submitted = submitted_at or datetime(2026, 11, 20, 7, 0, tzinfo=UTC) + timedelta(seconds=i)
    return {
        "id": f"{prefix}-{i:07d}", "kind": kind, "status": status, "submitted_at": submitted,
        "received_at": submitted, "sla_deadline": sla_deadline or date(2026, 11, 27),
        "person_key": hashlib.sha256(f"p{i}".encode()).hexdigest(), "pack_json": {"id": f"{prefix}-{i:07d}"},
        "pack_sha256": hashlib.sha256(f"pack{i}".encode()).hexdigest(), "rule_version": "test",
        "prescore_state": "", "version": 1,
    }


def applicant_row(application_id: str, i: int) -> dict:
    return {"application_id": application_id, "last_name": "Иванова", "first_name": "Мария",
            "middle_name": "Петровна", "birth_date": date(1990, 5, 17), "passport_series": "4502",
            "passport_number": f"{i % 1_000_000:06d}", "account_confirmed_at_mfc": False, "biometric_consent": True}


def add_applications(session: Session, n: int, *, start: int = 0, with_applicants: bool = False,
                     chunk: int = 5000, **kw) -> list[str]:
    """Insert `n` applications (ids T-0000000...) with Core executemany inserts; returns their ids."""
    ids = []
    for lo in range(start, start + n, chunk):
        rows = [application_row(i, **kw) for i in range(lo, min(lo + chunk, start + n))]
        session.execute(insert(Application), rows)
        if with_applicants:
            session.execute(insert(Applicant), [applicant_row(r["id"], i) for i, r in enumerate(rows, lo)])
        ids.extend(r["id"] for r in rows)
    return ids
