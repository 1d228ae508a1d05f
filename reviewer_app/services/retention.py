"""Retention (152-FZ art. 21): destroy document images once the purpose ends.

Images of applications decided (status decided, returned, in_person_required or expired) more than N days ago are
deleted from the document store; `Document.purged_at` is set and the metadata row stays. An image whose bytes
are shared with a document that is not being purged (the same photo in a newer application) keeps its file.
Everything else (decisions, snapshots, grants) stays, and the audit trail keeps the purged hashes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy import func, select

from reviewer_app.db.models import Application, Decision, Document
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import ApplicationStatus, StaffRole
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.services import audit, authz
from reviewer_app.services.store_guard import delete_unreferenced, sweep_orphans

FINAL_STATES = (ApplicationStatus.DECIDED.value, ApplicationStatus.RETURNED.value,
                ApplicationStatus.IN_PERSON_REQUIRED.value, ApplicationStatus.EXPIRED.value)


@dataclass(frozen=True)
class PurgeResult:
    dry_run: bool
    cutoff_days: int
    applications: tuple[str, ...]  # applications whose images were (or would be) purged
    documents: int  # document rows marked purged
    deleted_hashes: tuple[str, ...]  # files removed from the store
    kept_shared: tuple[str, ...]  # hashes still used by a document that stays
    orphans: tuple[str, ...] = ()  # files no document names (a refused or killed import's), deleted


def parse_age(text: str) -> int:
    """'30d' or '30' -> 30 days."""
    raw = text.strip().lower().removesuffix("d")
    if not raw.isdigit() or int(raw) < 1:
        raise ReviewerError(f"--older-than: expected a number of days like 30d, got {text!r}")
    return int(raw)


def _require(app, actor: Actor) -> None:
    # Destroying personal data is an administrator's (or the scheduled system job's) duty, not a reviewer's.
    actor = authz.current(app, actor)  # the role as the database has it now; a forged Actor is refused
    if not (actor.is_system or actor.role is StaffRole.ADMIN):
        raise PermissionDenied(f"{actor.name} ({actor.role.value if actor.role else 'system'}) may not purge "
                               "documents; retention runs as an administrator or the system")


def purge(app, actor: Actor, *, older_than_days: int | None = None, dry_run: bool = False) -> PurgeResult:
    """Purge the images of applications decided more than `older_than_days` (default settings.retention_days)
    ago. One transaction: the marks, the audit entry; the files are deleted after the commit."""
    _require(app, actor)
    days = app.settings.retention_days if older_than_days is None else older_than_days
    if days < 1:
        raise ReviewerError("retention: the age must be at least 1 day")
    now = app.clock.now()
    cutoff = now - timedelta(days=days)
    with app.uow() as s:
        last_decided = (select(Decision.application_id, func.max(Decision.decided_at).label("at"))
                        .group_by(Decision.application_id).subquery())
        app_ids = s.scalars(
            select(Application.id).join(last_decided, last_decided.c.application_id == Application.id)
            .where(Application.status.in_(FINAL_STATES), last_decided.c.at < cutoff)
            .order_by(Application.id)).all()
        docs = s.scalars(select(Document).where(Document.application_id.in_(app_ids),
                                                Document.purged_at.is_(None))
                         .order_by(Document.id)).all() if app_ids else []
        hashes = sorted({d.sha256 for d in docs})
        purging_ids = {d.id for d in docs}
        # Hashes still referenced by a live document outside this purge keep their file.
        shared = set(s.scalars(select(Document.sha256).where(Document.sha256.in_(hashes),
                                                             Document.purged_at.is_(None),
                                                             Document.id.not_in(purging_ids)))) if hashes else set()
        to_delete = tuple(h for h in hashes if h not in shared)
        touched = tuple(sorted({d.application_id for d in docs}))
        result = PurgeResult(dry_run, days, touched, len(docs), to_delete, tuple(sorted(shared)))
        if dry_run:
            return result
        for d in docs:
            d.purged_at = now
        if docs:
            audit.record(s, at=now, actor=actor.name, action="retention.purge", target_type="retention",
                         target_id=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                         details={"older_than_days": days, "applications": list(touched),
                                  "hashes": hashes, "deleted": list(to_delete), "kept_shared": sorted(shared)})
    # After the commit: if deleting a file fails, the row says purged and a rerun of the store cleanup is safe;
    # the other order could leave rows pointing at files that no longer exist without saying so. Under the
    # store's exclusive guard, re-checked: a concurrent import may have reused one of these files meanwhile.
    delete_unreferenced(app, to_delete)
    return replace(result, orphans=tuple(sweep_orphans(app)))
