"""Claims on the shared review queue: claim-next, renew, release, expiry, finish and reassign.

One API over both databases. Every function works inside the caller's session and never commits, so a
decision service can call `finish` in the same transaction as its grant, SMS and audit writes.

How a claim never collides:
- PostgreSQL: the candidate row is chosen by a sub-select with `FOR UPDATE SKIP LOCKED`, so two desks never
  wait for, or take, the same row; the outer UPDATE re-checks the status.
- SQLite: every transaction starts with BEGIN IMMEDIATE (see db.engine), so the single
  `UPDATE ... WHERE id = (SELECT ...) RETURNING` runs with the write lock held and is atomic.

Durability: on PostgreSQL a claim (and a lease renewal) commits with `synchronous_commit = off`. A claim is only
a lease: if the server crashed in the fraction of a second before the WAL reached disk, the application is simply
pending again and the desk's `finish` is refused with a clear message. WAL is replayed in order, so only a tail of
such transactions can be lost, never one in the middle; decisions (`finish`) stay fully synchronous. This halves
the fsyncs per reviewed application.

The application row mirrors the current claim (claimed_by, lease_expires_at); the `claims` table keeps the
history. Updates go through Core-style statements that bump `version` by hand (the ORM's version_id_col only
covers ORM flushes); `synchronize_session="fetch"` keeps any Application object the caller has loaded current.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, bindparam, insert, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from reviewer_app.db.engine import is_postgres
from reviewer_app.db.models import Application, Claim
from reviewer_app.domain.enums import ApplicationStatus
from reviewer_app.domain.errors import ConflictError, NotFound

PENDING = ApplicationStatus.PENDING.value
IN_REVIEW = ApplicationStatus.IN_REVIEW.value
#: States a finished review may move an application to.
FINISH_STATES = frozenset(s.value for s in ApplicationStatus) - {IN_REVIEW}

# Release reasons stored in claims.release_reason.
REASON_EXPIRED = "expired"
REASON_RELEASED = "released"
REASON_REASSIGNED = "reassigned"


@dataclass(frozen=True)
class ClaimedItem:
    """What a desk needs after a claim; `version` is the one to pass back to `finish`."""

    application_id: str
    kind: str
    version: int
    sla_deadline: date
    submitted_at: datetime
    staff_id: int
    claimed_at: datetime
    lease_expires_at: datetime


def _claimed(row, *, staff_id: int, now: datetime, until: datetime) -> ClaimedItem:
    """The ClaimedItem for a row returning (id, kind, version, sla_deadline, submitted_at)."""
    return ClaimedItem(application_id=row.id, kind=row.kind, version=row.version, sla_deadline=row.sla_deadline,
                       submitted_at=row.submitted_at, staff_id=staff_id, claimed_at=now, lease_expires_at=until)


_ASYNC_COMMIT = text("SET LOCAL synchronous_commit = off")


def _lease_commit_is_async(session: Session) -> None:
    """See the module docstring: losing a just-made claim in a server crash is harmless; waiting for fsync is not."""
    if is_postgres(session):
        session.execute(_ASYNC_COMMIT)


def _check_lease(lease_seconds: int) -> timedelta:
    if lease_seconds <= 0:
        raise ValueError(f"lease_seconds must be positive, got {lease_seconds}")
    return timedelta(seconds=lease_seconds)


def _close_open_claims(session: Session, application_ids: list[str], *, now: datetime, reason: str,
                       staff_id: int | None = None) -> None:
    if not application_ids:
        return
    cond = [Claim.application_id.in_(application_ids), Claim.released_at.is_(None)]
    if staff_id is not None:
        cond.append(Claim.staff_id == staff_id)
    session.execute(update(Claim).where(*cond).values(released_at=now, release_reason=reason)
                    .execution_options(synchronize_session=False))


_LAPSED_PROBE = (select(Application.id)
                 .where(Application.status == IN_REVIEW, Application.lease_expires_at < bindparam("now"))
                 .limit(1))


def expire_leases(session: Session, now: datetime) -> list[str]:
    """Return every in_review application whose lease ended before `now` to the queue (status pending).

    The old claims are recorded as released 'expired'. Rows another transaction is working on are skipped
    (PostgreSQL), so concurrent callers never wait for each other. Returns the ids put back.
    """
    A = Application
    lapsed = (A.status == IN_REVIEW, A.lease_expires_at < now)
    # Cheap probe first: nearly always nothing has lapsed, and then no rows are locked or planned around.
    if session.execute(_LAPSED_PROBE, {"now": now}).first() is None:
        return []
    sub = select(A.id).where(*lapsed)
    if is_postgres(session):
        sub = sub.with_for_update(skip_locked=True)
    rows = session.execute(
        update(A).where(A.id.in_(sub), A.status == IN_REVIEW)
        .values(status=PENDING, claimed_by=None, lease_expires_at=None, version=A.version + 1)
        .returning(A.id)
        .execution_options(synchronize_session="fetch")
    ).scalars().all()
    ids = list(rows)
    _close_open_claims(session, ids, now=now, reason=REASON_EXPIRED)
    return ids


def claim_next(session: Session, *, staff_id: int, now: datetime, lease_seconds: int,
               kind: str | None = None, expire: bool = True, exclude: tuple[str, ...] = ()) -> ClaimedItem | None:
    """Claim the most urgent pending application (SLA deadline, then submission time) for `staff_id`.

    Expired leases are returned to the queue first, so an application abandoned by a crashed desk is taken
    again in its turn. Returns None when nothing (of `kind`) is waiting. Pass `expire=False` when the caller
    has already run `expire_leases` at `now` in this transaction (to audit the ids it returns). `exclude`: ids
    this staff member may not take (recusal: their own or a relative's application), skipped in queue order.
    """
    lease = _check_lease(lease_seconds)
    if expire:
        expire_leases(session, now)
    if is_postgres(session):
        return _claim_next_pg(session, staff_id=staff_id, now=now, until=now + lease, kind=kind, exclude=exclude)
    A = Application
    sub = select(A.id).where(A.status == PENDING)
    if kind is not None:
        sub = sub.where(A.kind == kind)
    if exclude:
        sub = sub.where(A.id.not_in(exclude))
    sub = sub.order_by(A.sla_deadline, A.submitted_at).limit(1)
    until = now + lease
    row = session.execute(
        update(A).where(A.id == sub.scalar_subquery(), A.status == PENDING)
        .values(status=IN_REVIEW, claimed_by=staff_id, lease_expires_at=until, version=A.version + 1)
        .returning(A.id, A.kind, A.version, A.sla_deadline, A.submitted_at)
        .execution_options(synchronize_session=False)
    ).first()
    if row is None:
        return None
    session.execute(insert(Claim).values(application_id=row.id, staff_id=staff_id, claimed_at=now,
                                         lease_expires_at=until))
    return _claimed(row, staff_id=staff_id, now=now, until=until)


# PostgreSQL: pick, update and record the claim in one statement and one round trip. Written once as SQL:
# this is the hottest statement of the product (every desk, every application), and building it per call in
# SQLAlchemy's expression language cost more CPU than the database spent running it.
_PG_CLAIM_SQL = """
WITH async_commit AS (
    SELECT set_config('synchronous_commit', 'off', true) AS setting  -- SET LOCAL, without a round trip
), picked AS (
    SELECT id FROM applications
    WHERE status = 'pending' AND (CAST(:kind AS VARCHAR) IS NULL OR kind = :kind)
      AND EXISTS (SELECT 1 FROM async_commit)
    ORDER BY sla_deadline, submitted_at
    LIMIT 1
    FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE applications AS a
    SET status = 'in_review', claimed_by = :staff_id, lease_expires_at = :until, version = a.version + 1
    FROM picked WHERE a.id = picked.id AND a.status = 'pending'
    RETURNING a.id, a.kind, a.version, a.sla_deadline, a.submitted_at
), history AS (
    INSERT INTO claims (application_id, staff_id, claimed_at, lease_expires_at)
    SELECT id, :staff_id, :now, :until FROM claimed
)
SELECT id, kind, version, sla_deadline, submitted_at FROM claimed
"""
_PG_CLAIM = text(_PG_CLAIM_SQL).columns(
    Application.id, Application.kind, Application.version, Application.sla_deadline, Application.submitted_at)
# The same with ids skipped (recusal): rare, so the common statement keeps no extra condition.
_PG_CLAIM_EXCLUDING = text(_PG_CLAIM_SQL.replace(
    "AND EXISTS (SELECT 1 FROM async_commit)",
    "AND EXISTS (SELECT 1 FROM async_commit) AND NOT (id = ANY(CAST(:exclude AS VARCHAR[])))")).columns(
    Application.id, Application.kind, Application.version, Application.sla_deadline, Application.submitted_at)


def _claim_next_pg(session: Session, *, staff_id: int, now: datetime, until: datetime,
                   kind: str | None, exclude: tuple[str, ...] = ()) -> ClaimedItem | None:
    params = {"kind": kind, "staff_id": staff_id, "now": now, "until": until}
    if exclude:
        params["exclude"] = list(exclude)
    row = session.execute(_PG_CLAIM_EXCLUDING if exclude else _PG_CLAIM, params).first()
    if row is None:
        return None
    return _claimed(row, staff_id=staff_id, now=now, until=until)


def _why_not_held(session: Session, application_id: str, staff_id: int, now: datetime | None,
                  expected_version: int | None = None) -> Exception:
    """A clear error explaining why `staff_id` cannot act on the application right now."""
    row = session.execute(
        select(Application.status, Application.claimed_by, Application.lease_expires_at, Application.version)
        .where(Application.id == application_id)
    ).first()
    if row is None:
        return NotFound(f"application {application_id} does not exist")
    if expected_version is not None and row.version != expected_version:
        return ConflictError(
            f"application {application_id} changed since you opened it (now version {row.version}, you have "
            f"version {expected_version}); nothing was saved: reload it and decide again", code="changed")
    if row.status != IN_REVIEW:
        return ConflictError(f"application {application_id} is not in review (status {row.status}); "
                             "nothing was saved: claim it again", code="not_claimed")
    if row.claimed_by != staff_id:
        return ConflictError(f"application {application_id} is held by another reviewer (staff #{row.claimed_by}); "
                             "nothing was saved", code="not_claimed")
    if now is not None and row.lease_expires_at is not None and row.lease_expires_at < now:
        return ConflictError(f"your claim on application {application_id} expired at "
                             f"{row.lease_expires_at:%Y-%m-%d %H:%M:%S} UTC; nothing was saved: claim it again",
                             code="lease_expired")
    return ConflictError(f"application {application_id} cannot be changed right now; reload it", code="changed")


def _held_by(staff_id: int, now: datetime):
    A = Application
    return and_(A.status == IN_REVIEW, A.claimed_by == staff_id, A.lease_expires_at >= now)


def renew(session: Session, application_id: str, staff_id: int, now: datetime, lease_seconds: int) -> datetime:
    """Extend a live claim held by `staff_id`; returns the new expiry. A lapsed lease cannot be renewed (the
    application may already be with someone else): ConflictError.

    Renewal does not change `version`: the reviewer's view of the application is still current.
    """
    until = now + _check_lease(lease_seconds)
    _lease_commit_is_async(session)
    A = Application
    got = session.execute(
        update(A).where(A.id == application_id, _held_by(staff_id, now)).values(lease_expires_at=until)
        .returning(A.id).execution_options(synchronize_session="fetch")
    ).first()
    if got is None:
        raise _why_not_held(session, application_id, staff_id, now)
    session.execute(update(Claim).where(Claim.application_id == application_id, Claim.staff_id == staff_id,
                                        Claim.released_at.is_(None))
                    .values(lease_expires_at=until).execution_options(synchronize_session=False))
    return until


def release(session: Session, application_id: str, staff_id: int, now: datetime, *,
            reason: str = REASON_RELEASED) -> int:
    """Give an application held by `staff_id` back to the queue (status pending). Works on a lapsed lease too
    as long as nobody else took it. Returns the new version."""
    A = Application
    version = session.execute(
        update(A).where(A.id == application_id, A.status == IN_REVIEW, A.claimed_by == staff_id)
        .values(status=PENDING, claimed_by=None, lease_expires_at=None, version=A.version + 1)
        .returning(A.version).execution_options(synchronize_session="fetch")
    ).scalar()
    if version is None:
        raise _why_not_held(session, application_id, staff_id, None)
    _close_open_claims(session, [application_id], now=now, reason=reason)
    return version


def finish(session: Session, application_id: str, *, staff_id: int, expected_version: int, new_status: str,
           now: datetime, reason: str | None = None) -> int:
    """End a review: move the application from in_review to `new_status` and close the claim.

    Refused with ConflictError when the version differs from `expected_version` (someone changed it since the
    reviewer opened it) or when `staff_id` no longer holds a live lease. Returns the new version.
    """
    new_status = str(new_status)
    if new_status not in FINISH_STATES:
        raise ValueError(f"new_status must be one of {sorted(FINISH_STATES)}, got {new_status!r}")
    if is_postgres(session):
        return _finish_pg(session, application_id, staff_id=staff_id, expected_version=expected_version,
                          new_status=new_status, now=now, reason=reason or new_status)
    A = Application
    version = session.execute(
        update(A).where(A.id == application_id, A.version == expected_version, _held_by(staff_id, now))
        .values(status=new_status, claimed_by=None, lease_expires_at=None, version=A.version + 1)
        .returning(A.version).execution_options(synchronize_session="fetch")
    ).scalar()
    if version is None:
        raise _why_not_held(session, application_id, staff_id, now, expected_version)
    _close_open_claims(session, [application_id], now=now, reason=reason or new_status)
    return version


_PG_FINISH = text("""
WITH done AS (
    UPDATE applications
    SET status = :new_status, claimed_by = NULL, lease_expires_at = NULL, version = version + 1
    WHERE id = :id AND version = :expected AND status = 'in_review' AND claimed_by = :staff_id
      AND lease_expires_at >= :now
    RETURNING id, version
), closed AS (
    UPDATE claims SET released_at = :now, release_reason = :reason
    WHERE application_id IN (SELECT id FROM done) AND released_at IS NULL
)
SELECT version FROM done
""")


def _finish_pg(session: Session, application_id: str, *, staff_id: int, expected_version: int, new_status: str,
               now: datetime, reason: str) -> int:
    """`finish` in one statement (see _PG_CLAIM_SQL for why), keeping a loaded Application object current."""
    version = session.execute(_PG_FINISH, {"id": application_id, "expected": expected_version, "staff_id": staff_id,
                                           "now": now, "new_status": new_status, "reason": reason}).scalar()
    if version is None:
        raise _why_not_held(session, application_id, staff_id, now, expected_version)
    loaded = session.identity_map.get(identity_key(Application, application_id))
    if loaded is not None:  # what synchronize_session="fetch" does for the ORM path
        for attr, value in (("status", new_status), ("claimed_by", None), ("lease_expires_at", None),
                            ("version", version)):
            set_committed_value(loaded, attr, value)
    return version


def reassign(session: Session, application_id: str, *, to_staff_id: int, now: datetime,
             lease_seconds: int) -> ClaimedItem:
    """Give a pending or in-review application to `to_staff_id` (a supervisor's action): the current claim, if
    any, is closed as 'reassigned' and a fresh lease starts. Decided applications cannot be reassigned."""
    until = now + _check_lease(lease_seconds)
    A = Application
    row = session.execute(
        update(A).where(A.id == application_id, A.status.in_((PENDING, IN_REVIEW)))
        .values(status=IN_REVIEW, claimed_by=to_staff_id, lease_expires_at=until, version=A.version + 1)
        .returning(A.id, A.kind, A.version, A.sla_deadline, A.submitted_at)
        .execution_options(synchronize_session="fetch")
    ).first()
    if row is None:
        status = session.execute(select(A.status).where(A.id == application_id)).scalar()
        if status is None:
            raise NotFound(f"application {application_id} does not exist")
        raise ConflictError(f"application {application_id} is {status}; only pending or in-review applications "
                            "can be reassigned", code="not_available")
    _close_open_claims(session, [application_id], now=now, reason=REASON_REASSIGNED)
    session.execute(insert(Claim).values(application_id=application_id, staff_id=to_staff_id, claimed_at=now,
                                         lease_expires_at=until))
    return _claimed(row, staff_id=to_staff_id, now=now, until=until)


def current_holder(session: Session, application_id: str, *, lock: bool = False
                   ) -> tuple[str, int | None, datetime | None, int]:
    """(status, claimed_by, lease_expires_at, version) of one application; NotFound if it does not exist.

    `lock=True` keeps the row locked until the transaction ends (FOR UPDATE on PostgreSQL; SQLite's BEGIN
    IMMEDIATE already holds the write lock), so what was read is still true when the caller changes the row.
    """
    A = Application
    stmt = select(A.status, A.claimed_by, A.lease_expires_at, A.version).where(A.id == application_id)
    if lock and is_postgres(session):
        stmt = stmt.with_for_update()
    row = session.execute(stmt).first()
    if row is None:
        raise NotFound(f"application {application_id} does not exist")
    return row.status, row.claimed_by, row.lease_expires_at, row.version
