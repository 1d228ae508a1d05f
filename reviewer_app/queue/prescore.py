"""Work leases for the background face pre-scorer.

A worker leases a few applications (prescore_state 'processing', prescore_lease_until, prescore_worker) in one
short transaction, computes outside any transaction, then stores the result in another short transaction that
checks it still holds the lease. Leases that ran out (a worker killed with -9) are taken again. On PostgreSQL
the rows are picked with FOR UPDATE SKIP LOCKED, so many workers share the work without doing any twice; on
SQLite the single UPDATE runs under BEGIN IMMEDIATE.

Pre-score bookkeeping does not change `version`: it is not a change a reviewer's decision could conflict with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from reviewer_app.db.engine import is_postgres
from reviewer_app.db.models import Application, FacePrescore
from reviewer_app.domain.enums import ApplicationStatus

NONE = ""
PROCESSING = "processing"
DONE = "done"
FAILED = "failed"

#: Applications worth pre-scoring: still waiting for, or with, a reviewer.
SCORABLE = (ApplicationStatus.PENDING.value, ApplicationStatus.IN_REVIEW.value)


@dataclass(frozen=True)
class PrescoreJob:
    application_id: str
    lease_until: datetime


#: A pre-score that failed because the document store could not give an image back (a folder not mounted, a
#: wrong key) is tried again after this long, or at once by a worker holding another key.
STORE_RETRY_SECONDS = 600


def lease_batch(session: Session, *, worker: str, now: datetime, lease_seconds: int, limit: int = 1,
                key_id: str | None = None) -> list[PrescoreJob]:
    """Lease up to `limit` applications lacking a pre-score (or whose processing lease expired, or whose
    store failure may be gone: retry time passed or another key, `key_id`), most urgent first, for `worker`."""
    A = Application
    until = now + timedelta(seconds=lease_seconds)
    cause_gone = A.prescore_lease_until < now
    if key_id is not None:
        cause_gone = cause_gone | (A.prescore_retry_key != key_id)
    due = (A.status.in_(SCORABLE),
           or_(A.prescore_state == NONE, (A.prescore_state == PROCESSING) & (A.prescore_lease_until < now),
               (A.prescore_state == FAILED) & A.prescore_retry_key.is_not(None) & cause_gone))
    sub = select(A.id).where(*due).order_by(A.sla_deadline, A.submitted_at).limit(limit)
    if is_postgres(session):
        # A CTE is evaluated once, so the rows locked (SKIP LOCKED) are exactly the rows leased; PostgreSQL may
        # re-run an `IN (SELECT ... LIMIT ...)` sub-select and lease rows it never locked.
        picked = sub.with_for_update(skip_locked=True).cte("picked")
        stmt = update(A).where(A.id == picked.c.id, *due)
    else:
        stmt = update(A).where(A.id.in_(sub))
    ids = session.execute(
        stmt.values(prescore_state=PROCESSING, prescore_lease_until=until, prescore_worker=worker)
        .returning(A.id).execution_options(synchronize_session=False)
    ).scalars().all()
    return [PrescoreJob(application_id=i, lease_until=until) for i in sorted(ids)]


def renew(session: Session, application_id: str, worker: str, until: datetime) -> bool:
    """Extend `worker`'s lease on one item to `until` (just before computing it); False if it lost the item.
    A batch is leased for one item's time and each item renewed as its turn comes, so the batch of a worker
    killed with -9 is free again after one item's lease, not one item's lease times the batch size."""
    A = Application
    got = session.execute(
        update(A).where(A.id == application_id, A.prescore_state == PROCESSING, A.prescore_worker == worker)
        .values(prescore_lease_until=until).returning(A.id).execution_options(synchronize_session=False)
    ).first()
    return got is not None


def still_held(session: Session, application_id: str, worker: str) -> bool:
    """Lock the application's pre-score state for the rest of the transaction if `worker` still holds it."""
    A = Application
    stmt = select(A.id).where(A.id == application_id, A.prescore_state == PROCESSING, A.prescore_worker == worker)
    if is_postgres(session):
        stmt = stmt.with_for_update()
    return session.execute(stmt).first() is not None


def mark(session: Session, application_id: str, worker: str, state: str, *, retry_key: str | None = None,
         retry_at: datetime | None = None) -> bool:
    """Set the final state (done/failed) if `worker` still holds the lease; False if it lost it. A store failure
    passes the key id it happened under and when to try again (kept in prescore_lease_until)."""
    A = Application
    got = session.execute(
        update(A).where(A.id == application_id, A.prescore_state == PROCESSING, A.prescore_worker == worker)
        .values(prescore_state=state, prescore_lease_until=retry_at, prescore_retry_key=retry_key)
        .returning(A.id).execution_options(synchronize_session=False)
    ).first()
    return got is not None


def give_back(session: Session, application_ids: list[str], worker: str) -> int:
    """Return leased applications unprocessed (a worker stopping); returns how many."""
    if not application_ids:
        return 0
    A = Application
    res = session.execute(
        update(A).where(A.id.in_(application_ids), A.prescore_state == PROCESSING, A.prescore_worker == worker)
        .values(prescore_state=NONE, prescore_lease_until=None, prescore_worker=None)
        .execution_options(synchronize_session=False)
    )
    return res.rowcount or 0


def latest_prescore(session: Session, application_id: str) -> FacePrescore | None:
    """The application's newest pre-score: the one the reviewer is shown and the decision records."""
    return session.scalar(select(FacePrescore).where(FacePrescore.application_id == application_id)
                          .order_by(FacePrescore.id.desc()).limit(1))
