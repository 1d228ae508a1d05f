"""Retention (152-FZ art. 21): destroy a person's document images and biometrics once the purpose ends.

Images of applications decided (status decided, returned, in_person_required or expired) more than N days ago are
deleted from the document store; `Document.purged_at` is set and the metadata row stays. An image whose bytes
are shared with a document that is not being purged (the same photo in a newer application) keeps its file.
In the same unit of work go the biometrics derived from them: the application's face descriptor (and every
worker's in-memory index of it, see `services.face_duplicates`) and the face-encoding cache entries of its images.
After the commit, the drop folder (setting `drop_dir`) loses the processed copies of these applications' packs
that earlier versions kept, and every refused pack older than the period (`services.drop_folder`).
Everything else (decisions, snapshots, grants) stays, and the audit trail keeps the purged hashes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from sqlalchemy import delete, func, select

from reviewer_app.db.models import Application, Decision, Document, FaceDescriptor, FaceEncodingCache
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import ApplicationStatus, StaffRole
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.services import audit, authz, drop_folder
from reviewer_app.services.face_duplicates import purge_descriptors
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
    face_descriptors: int = 0  # face-duplicate descriptors of these applications
    encoding_cache: int = 0  # face-encoding cache entries of their images (not shared with a live document)
    drop_dir: Path | None = None  # the drop folder looked at (None: none configured)
    processed_copies: int = 0  # pack copies in its processed/ of these applications
    refused_packs: int = 0  # refused packs older than the period

    @property
    def removed_anything(self) -> bool:
        return bool(self.documents or self.face_descriptors or self.encoding_cache or self.processed_copies
                    or self.refused_packs or self.orphans)


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


def purge(app, actor: Actor, *, older_than_days: int | None = None, dry_run: bool = False,
          drop_dir: Path | None = None) -> PurgeResult:
    """Purge the images and biometrics of applications decided more than `older_than_days` (default
    settings.retention_days) ago. One transaction: the marks, the descriptors, the cache entries, the audit entry;
    the files (store, drop folder `drop_dir`, default settings.drop_dir) are deleted after the commit."""
    _require(app, actor)
    days = app.settings.retention_days if older_than_days is None else older_than_days
    if days < 1:
        raise ReviewerError("retention: the age must be at least 1 day")
    drop_dir = drop_dir if drop_dir is not None else app.settings.drop_dir
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
        # Biometrics: also of applications purged before they were removed with the images (earlier versions).
        with_descriptor = s.scalars(select(FaceDescriptor.application_id)
                                    .where(FaceDescriptor.application_id.in_(app_ids))).all() if app_ids else []
        cached = _stale_cache_keys(s, app_ids, purging_ids)
        result = PurgeResult(dry_run, days, touched, len(docs), to_delete, tuple(sorted(shared)),
                             face_descriptors=len(with_descriptor), encoding_cache=len(cached), drop_dir=drop_dir)
        if dry_run:
            return _drop_folder(result, app_ids, cutoff)
        for d in docs:
            d.purged_at = now
        purge_descriptors(s, list(with_descriptor))
        for sha, version in cached:
            s.execute(delete(FaceEncodingCache).where(FaceEncodingCache.image_sha256 == sha,
                                                      FaceEncodingCache.model_version == version))
        if docs or with_descriptor or cached:
            audit.record(s, at=now, actor=actor.name, action="retention.purge", target_type="retention",
                         target_id=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                         details={"older_than_days": days, "applications": list(touched),
                                  "hashes": hashes, "deleted": list(to_delete), "kept_shared": sorted(shared),
                                  "face_descriptors": sorted(with_descriptor), "encoding_cache": len(cached)})
    # After the commit: if deleting a file fails, the row says purged and a rerun of the store cleanup is safe;
    # the other order could leave rows pointing at files that no longer exist without saying so. Under the
    # store's exclusive guard, re-checked: a concurrent import may have reused one of these files meanwhile.
    delete_unreferenced(app, to_delete)
    result = replace(result, orphans=tuple(sweep_orphans(app)))
    return _drop_folder(result, app_ids, cutoff)


def _stale_cache_keys(s, app_ids, purging_ids) -> list[tuple[str, str]]:
    """Encoding-cache keys of the images of `app_ids` (purged now or before) that no live document keeps."""
    if not app_ids:
        return []
    theirs = select(Document.sha256).where(Document.application_id.in_(app_ids))
    live = select(Document.sha256).where(Document.purged_at.is_(None), Document.id.not_in(purging_ids or [-1]))
    rows = s.execute(select(FaceEncodingCache.image_sha256, FaceEncodingCache.model_version)
                     .where(FaceEncodingCache.image_sha256.in_(theirs), FaceEncodingCache.image_sha256.not_in(live))
                     .order_by(FaceEncodingCache.image_sha256, FaceEncodingCache.model_version)).all()
    return [(r[0], r[1]) for r in rows]


def _drop_folder(result: PurgeResult, app_ids, cutoff) -> PurgeResult:
    if result.drop_dir is None:
        return result
    done_so_far = "nothing was purged" if result.dry_run else "the images and biometrics were purged all the same"
    if not result.drop_dir.is_dir():
        raise ReviewerError(f"retention: the drop folder {result.drop_dir} (setting 'drop_dir' or --drop-folder) "
                            f"is not a folder; {done_so_far}, nothing in the drop folder was deleted")
    try:
        done = drop_folder.purge(result.drop_dir, application_ids=app_ids, cutoff=cutoff, dry_run=result.dry_run)
    except OSError as exc:
        raise ReviewerError(f"retention: cannot clean the drop folder {result.drop_dir} "
                            f"({exc.strerror or type(exc).__name__}); {done_so_far}; run it again once the folder "
                            "is writable") from None
    return replace(result, processed_copies=done.processed_copies, refused_packs=done.refused_packs)
