"""Read-only views of the queue for the UI and the CLI: plain dataclasses, never ORM objects.

SLA bands are computed on Europe/Moscow calendar dates: the caller passes `today` (moscow_date(clock.now())).
Document numbers are masked: lists show only what a reviewer needs to pick an application.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from reviewer_app.db.models import Applicant, Application, Staff
from reviewer_app.domain.enums import ApplicationStatus

#: States in which an application is still waiting for someone (an SLA applies).
OPEN_STATES = (ApplicationStatus.PENDING.value, ApplicationStatus.IN_REVIEW.value,
               ApplicationStatus.AWAITING_SECOND_REVIEW.value)

BAND_OVERDUE = "overdue"
BAND_DUE_TODAY = "due_today"
BAND_LATER = "later"
BAND_CLOSED = "closed"


def sla_band(status: str, deadline: date, today: date) -> str:
    if status not in OPEN_STATES:
        return BAND_CLOSED
    if deadline < today:
        return BAND_OVERDUE
    if deadline == today:
        return BAND_DUE_TODAY
    return BAND_LATER


def mask_passport(series: str | None, number: str | None) -> str:
    """'4502', '573482' → '45** ****82': the region stays (useful for triage), the rest is hidden."""
    if not series and not number:
        return ""
    s = (series or "").replace(" ", "")
    n = (number or "").replace(" ", "")
    return f"{s[:2]}{'*' * max(len(s) - 2, 0)} {'*' * max(len(n) - 2, 0)}{n[-2:]}".strip()


def short_name(last: str, first: str, middle: str | None) -> str:
    """'Иванова', 'Мария', 'Петровна' → 'Иванова М. П.'"""
    initials = " ".join(f"{p[0]}." for p in (first, middle) if p)
    return f"{last} {initials}".strip()


@dataclass(frozen=True)
class QueueCount:
    status: str
    kind: str
    band: str
    count: int


@dataclass(frozen=True)
class QueueRow:
    application_id: str
    kind: str
    status: str
    submitted_at: datetime
    sla_deadline: date
    sla_band: str
    applicant: str  # short name
    passport: str  # masked
    claimed_by: str | None  # staff name
    lease_expires_at: datetime | None
    prescore_state: str
    version: int
    waiting_until: date | None = None  # sent to the MFC: the last day it waits (services/waiting.py)


def counts(session: Session, *, today: date) -> list[QueueCount]:
    """Applications by status, kind and SLA band (one aggregate query)."""
    A = Application
    band = case(
        (A.status.not_in(OPEN_STATES), BAND_CLOSED),
        (A.sla_deadline < today, BAND_OVERDUE),
        (A.sla_deadline == today, BAND_DUE_TODAY),
        else_=BAND_LATER,
    ).label("band")
    rows = session.execute(
        select(A.status, A.kind, band, func.count()).group_by(A.status, A.kind, band)
        .order_by(A.status, A.kind, band)
    ).all()
    return [QueueCount(status=r[0], kind=r[1], band=r[2], count=int(r[3])) for r in rows]


def list_rows(session: Session, *, today: date, state: str | None = None, kind: str | None = None,
              overdue: bool = False, limit: int = 50, offset: int = 0) -> list[QueueRow]:
    """Applications in queue order (SLA deadline, then submission). `overdue` keeps open ones past their SLA."""
    A, P = Application, Applicant
    stmt = (
        select(A.id, A.kind, A.status, A.submitted_at, A.sla_deadline, A.lease_expires_at, A.prescore_state,
               A.version, A.waiting_until, P.last_name, P.first_name, P.middle_name, P.passport_series,
               P.passport_number, Staff.name.label("staff_name"))
        .outerjoin(P, P.application_id == A.id)
        .outerjoin(Staff, Staff.id == A.claimed_by)
    )
    if state:
        stmt = stmt.where(A.status == state)
    if kind:
        stmt = stmt.where(A.kind == kind)
    if overdue:
        stmt = stmt.where(A.status.in_(OPEN_STATES), A.sla_deadline < today)
    stmt = stmt.order_by(A.sla_deadline, A.submitted_at, A.id).limit(limit).offset(offset)
    out = []
    for r in session.execute(stmt):
        out.append(QueueRow(
            application_id=r.id, kind=r.kind, status=r.status, submitted_at=r.submitted_at,
            sla_deadline=r.sla_deadline, sla_band=sla_band(r.status, r.sla_deadline, today),
            applicant=short_name(r.last_name, r.first_name, r.middle_name) if r.last_name else "",
            passport=mask_passport(r.passport_series, r.passport_number), claimed_by=r.staff_name,
            lease_expires_at=r.lease_expires_at, prescore_state=r.prescore_state, version=r.version,
            waiting_until=r.waiting_until,
        ))
    return out
