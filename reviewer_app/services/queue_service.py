"""Queue use cases for the desk, the CLI and supervisors: claim, renew, release, reassign, status and lists.

Each call is one unit of work: the role check (domain.permissions) comes first, then the queue change and its
audit entry commit together. Callers get dataclasses (ClaimedItem, QueueRow, QueueCount), never ORM objects.
Lease renewals are not audited: a desk renews every few minutes and the claim row already keeps the expiry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from reviewer_app import queue
from reviewer_app.db.models import Application, Claim
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import ApplicationStatus
from reviewer_app.domain.errors import ConflictError, NotFound, PermissionDenied, ReviewerError
from reviewer_app.domain.permissions import Permission, allowed, require
from reviewer_app.queue import ClaimedItem, QueueCount, QueueRow
from reviewer_app.services import audit, authz, recusal
from reviewer_app.services.context import AppContext


def _staff_id(actor: Actor) -> int:
    if actor.staff_id is None:
        raise PermissionDenied(f"{actor.name} is not a staff member and cannot hold claims", code="no_staff_account")
    return actor.staff_id


def _audit_expired(app: AppContext, session: Session, ids: list[str]) -> None:
    now = app.clock.now()
    for application_id in ids:
        audit.record(session, at=now, actor="system", action="claim.expire", target_type="application",
                     target_id=application_id, details={"reason": queue.claims.REASON_EXPIRED})


def claim_next(app: AppContext, actor: Actor, *, kind: str | None = None) -> ClaimedItem | None:
    """Claim the most urgent pending application for `actor` (None when the queue is empty)."""
    authz.require(app, actor, Permission.CLAIM)
    staff_id = _staff_id(actor)
    now = app.clock.now()
    with app.uow() as s:
        _audit_expired(app, s, queue.expire_leases(s, now))
        item = _claim_next_not_recused(app, s, actor, staff_id, now, kind)
        if item is not None:
            audit.record(s, at=now, actor=actor.name, action="claim.take", target_type="application",
                         target_id=item.application_id,
                         details={"version": item.version, "lease_expires_at": item.lease_expires_at.isoformat()})
    return item


def _claim_next_not_recused(app: AppContext, s: Session, actor: Actor, staff_id: int, now: datetime,
                            kind: str | None) -> ClaimedItem | None:
    """The next application the claimer is not recused from. Each claim is tried under a savepoint and checked
    (the claimer's own or a relative's application is put back and skipped, and the skip audited): the check
    costs one application's parties per claim, whatever the length of the queue."""
    me = recusal.identity_of(s, staff_id)
    skip: dict = {}
    outside = _outside_case_set(app, s, staff_id)
    while True:
        attempt = s.begin_nested()
        item = queue.claim_next(s, staff_id=staff_id, now=now, lease_seconds=app.settings.lease_seconds, kind=kind,
                                expire=False, exclude=tuple(sorted({*skip, *outside})))  # expired by the caller
        found = recusal.recused(s, me, item.application_id) if item is not None else {}
        if not found:
            attempt.commit()
            audit_recused(s, actor, skip, now, chosen=False)
            return item
        attempt.rollback()  # put back as it was: the claim, its row lock and its history row
        skip.update(found)


def _outside_case_set(app: AppContext, s: Session, staff_id: int) -> tuple[str, ...]:
    """On a training database, the pending cases the trainer's case set keeps from this trainee."""
    if not authz.training_db(app, s):
        return ()
    from reviewer_app.services.training_trainer import excluded_for

    return excluded_for(s, staff_id)


def audit_recused(s: Session, actor: Actor, matches: dict, now, *, chosen: bool) -> None:
    for application_id, m in sorted(matches.items()):
        audit.record(s, at=now, actor=actor.name, action="claim.recused", target_type="application",
                     target_id=application_id, details={"matched": m.party, "by": m.by, "chosen": chosen})


def claim_chosen(app: AppContext, actor: Actor, application_id: str, *, reason: str | None = None) -> datetime:
    """Take one chosen application by id; returns the lease expiry.

    Reviewers take the next case (`claim_next`): reopening their own live claim is all they may do here.
    Choosing a case is a supervisor's action (CHOOSE_CASE), with a reason, audited (`claim.take`, chosen=True).
    An application of the claimer's own or a relative's is refused (recusal), and the refusal is audited."""
    authz.require(app, actor, Permission.CLAIM)
    staff_id = _staff_id(actor)
    now = app.clock.now()
    until = now + timedelta(seconds=app.settings.lease_seconds)
    A = Application
    with app.sessions() as s:
        row = s.execute(select(A.status, A.claimed_by, A.lease_expires_at).where(A.id == application_id)).first()
    if row is None:
        raise NotFound(f"application {application_id} does not exist")
    if row.status == ApplicationStatus.IN_REVIEW.value and row.claimed_by == staff_id \
            and row.lease_expires_at and row.lease_expires_at >= now:
        return row.lease_expires_at  # the actor's own claim, reopened
    if not authz.allowed(app, actor, Permission.CHOOSE_CASE):
        raise PermissionDenied(f"{actor.name} may not choose an application by id: reviewers take the next one "
                               "(N); choosing a case is a supervisor's action (choose_case)", code="choose_case")
    why = (reason or "").strip()
    if not why:
        raise ReviewerError("reason: choosing an application by id needs a reason (reviewers take the next one)",
                            code="reason_required")
    with app.uow() as s:
        match = recusal.recused(s, recusal.identity_of(s, staff_id), application_id)
        if match:
            audit_recused(s, actor, match, now, chosen=True)
    if match:  # the refusal is audited (committed above), then said
        m = match[application_id]
        raise PermissionDenied(f"application {application_id} cannot be taken by {actor.name}: its "
                               f"{m.party.rstrip('12')} is {actor.name} or a relative (recusal); another "
                               "reviewer takes it", code="recused")
    with app.uow() as s:
        got = s.execute(
            update(A).where(A.id == application_id, A.status == ApplicationStatus.PENDING.value)
            .values(status=ApplicationStatus.IN_REVIEW.value, claimed_by=staff_id, lease_expires_at=until,
                    version=A.version + 1)
            .returning(A.version).execution_options(synchronize_session=False)).first()
        if got is None:
            raise ConflictError(f"application {application_id} cannot be taken: it is {row.status}"
                                + (" by another reviewer" if row.claimed_by else ""), code="not_available")
        s.execute(insert(Claim).values(application_id=application_id, staff_id=staff_id, claimed_at=now,
                                       lease_expires_at=until))
        audit.record(s, at=now, actor=actor.name, action="claim.take", target_type="application",
                     target_id=application_id, details={"version": got.version, "chosen": True, "reason": why,
                                                        "lease_expires_at": until.isoformat()})
    return until


def renew(app: AppContext, actor: Actor, application_id: str):
    """Extend `actor`'s live claim; returns the new expiry (ConflictError if the lease was lost)."""
    authz.require(app, actor, Permission.CLAIM)
    with app.uow() as s:
        return queue.renew(s, application_id, _staff_id(actor), app.clock.now(), app.settings.lease_seconds)


def release(app: AppContext, actor: Actor, application_id: str) -> int:
    """Give an application back to the queue. The holder may; a supervisor (REASSIGN) may release anyone's."""
    authz.require(app, actor, Permission.CLAIM)
    now = app.clock.now()
    with app.uow() as s:
        _status, holder, _lease, _v = queue.current_holder(s, application_id)
        staff_id = _staff_id(actor)
        forced = holder is not None and holder != staff_id
        if forced:
            authz.require(app, actor, Permission.REASSIGN, session=s)
            staff_id = holder
        version = queue.release(s, application_id, staff_id, now,
                                reason="released_by_supervisor" if forced else queue.claims.REASON_RELEASED)
        audit.record(s, at=now, actor=actor.name, action="claim.release", target_type="application",
                     target_id=application_id, details={"holder": holder, "forced": forced, "version": version})
    return version


def reassign(app: AppContext, actor: Actor, application_id: str, *, to_staff_id: int) -> ClaimedItem:
    """A supervisor hands an application to another reviewer."""
    authz.require(app, actor, Permission.REASSIGN)
    now = app.clock.now()
    with app.uow() as s:
        # Locked: a desk claiming or releasing it meanwhile must not make the audit's "from" wrong.
        _status, holder, _lease, _v = queue.current_holder(s, application_id, lock=True)
        item = queue.reassign(s, application_id, to_staff_id=to_staff_id, now=now,
                              lease_seconds=app.settings.lease_seconds)
        audit.record(s, at=now, actor=actor.name, action="claim.reassign", target_type="application",
                     target_id=application_id, details={"from": holder, "to": to_staff_id, "version": item.version})
    return item


def _require_view(app: AppContext, actor: Actor) -> None:
    training = app.is_training_db
    fresh = authz.current(app, actor)  # the role as the database has it now
    if not any(allowed(fresh, p, training_db=training)
               for p in (Permission.VIEW_APPLICATION, Permission.CLAIM, Permission.AUDIT)):
        require(fresh, Permission.VIEW_APPLICATION, training_db=training)


@dataclass(frozen=True)
class QueueStatus:
    """Counts for `queue status` and the desk's header: by state, by kind, and open ones by SLA band."""

    today: str  # Moscow date the bands were computed for
    rows: tuple[QueueCount, ...]

    def by_status(self) -> dict[str, int]:
        return _sum(self.rows, lambda r: r.status)

    def by_kind(self, *, open_only: bool = True) -> dict[str, int]:
        return _sum([r for r in self.rows if not open_only or r.band != queue.views.BAND_CLOSED], lambda r: r.kind)

    def by_band(self) -> dict[str, int]:
        return _sum([r for r in self.rows if r.band != queue.views.BAND_CLOSED], lambda r: r.band)


def _sum(rows, key) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[key(r)] = out.get(key(r), 0) + r.count
    return out


def status(app: AppContext, actor: Actor) -> QueueStatus:
    _require_view(app, actor)
    today = moscow_date(app.clock.now())
    with app.sessions() as s:
        rows = queue.counts(s, today=today)
    return QueueStatus(today=today.isoformat(), rows=tuple(rows))


def list_queue(app: AppContext, actor: Actor, *, state: str | None = None, kind: str | None = None,
               overdue: bool = False, limit: int = 50, offset: int = 0) -> list[QueueRow]:
    _require_view(app, actor)
    today = moscow_date(app.clock.now())
    with app.sessions() as s:
        return queue.list_rows(s, today=today, state=state, kind=kind, overdue=overdue, limit=limit, offset=offset)
