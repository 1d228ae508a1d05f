"""Descriptors for earlier applications after the identity descriptor changes: `reviewer-app worker --reindex-faces`.

The face-duplicate search compares descriptors of one version only (`identity.VERSION`): after a new version,
the applications scored before it are invisible to the search until their live face is described again. This
finds every application that was pre-scored, has biometric consent and a selfie still stored (not purged by
retention), and has no descriptor of the current version; reads the selfie as the worker does (a failed
integrity check is audited); describes its live face (through the encoding cache, which it fills); and records it
as the worker would: the descriptor, the application's face_duplicate check and the link in the check of each
application it matches, with an audit entry, in one transaction. Its stored pre-score is left as it was (the
reviewer may have decided on it).

Safe beside running workers: the search is serialised across processes (`DuplicateSearch.record`), and an
application the worker has not pre-scored yet is left to the worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import exists, select

from reviewer_app.db.models import Applicant, Document, FaceDescriptor, FacePrescore
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.matching import identity
from reviewer_app.services import audit
from reviewer_app.services.context import AppContext
from reviewer_app.services.face_duplicates import DuplicateSearch, live_descriptor
from reviewer_app.services.integrity import read_document
from reviewer_app.services.prescore_worker import Matcher, default_matcher

log = logging.getLogger(__name__)

ROLE = "selfie_with_passport"


@dataclass
class ReindexStats:
    described: int = 0
    no_face: int = 0  # the selfie has no live face the current pipeline finds: nothing to search with
    failed: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Item:
    application_id: str
    sha256: str
    filename: str


PAGE = 500  # applications listed at a time (the list of a million would hold ~150 MB)


def stale(app: AppContext, *, limit: int | None = None, after: str | None = None) -> list[_Item]:
    """Applications whose live face has no descriptor of the current version, by id (those after `after`)."""
    current = exists().where(FaceDescriptor.application_id == Document.application_id,
                             FaceDescriptor.model_version == identity.VERSION)
    scored = exists().where(FacePrescore.application_id == Document.application_id)
    query = (select(Document.application_id, Document.sha256, Document.filename)
             .join(Applicant, Applicant.application_id == Document.application_id)
             .where(Document.role == ROLE, Document.purged_at.is_(None), Applicant.biometric_consent.is_(True),
                    scored, ~current)
             .order_by(Document.application_id))
    if after is not None:
        query = query.where(Document.application_id > after)
    if limit is not None:
        query = query.limit(limit)
    with app.sessions() as s:
        return [_Item(*row) for row in s.execute(query)]


def reindex_faces(app: AppContext, *, matcher: Matcher | None = None, limit: int | None = None,
                  stop: threading.Event | None = None) -> ReindexStats:
    """Describe the live face of every application in `stale` (at most `limit`) until `stop` is set."""
    matcher = matcher or default_matcher(app)
    search = DuplicateSearch(identity.VERSION, box=app.face_box)
    stats = ReindexStats()
    for item in _pages(app, limit):
        if stop is not None and stop.is_set():
            break
        try:
            data = read_document(app, item.sha256, reader="system", application_id=item.application_id, role=ROLE)
            result = matcher.prescore(data, consent=True, selfie_name=item.filename)
        except ReviewerError as exc:  # tampered, missing from the store or unreadable: the others go on
            stats.failed += 1
            stats.errors.append(f"{item.application_id}: {exc}")
            continue
        now = app.clock.now()
        with app.uow() as s:
            descriptor = live_descriptor(s, item.sha256, result.model) if result.model else None
            if descriptor is None:
                stats.no_face += 1
                continue
            dup = search.record(s, item.application_id, descriptor, now)
            audit.record(s, at=now, actor="system", action="face_descriptor.reindexed", target_type="application",
                         target_id=item.application_id,
                         details={"model_version": identity.VERSION, "selfie_sha256": item.sha256,
                                  "face_duplicates": [m["application_id"] for m in dup.details["matches"]]})
        stats.described += 1
        log.info("%s: described (%s)", item.application_id, identity.VERSION)
    return stats


def _pages(app: AppContext, limit: int | None) -> Iterator[_Item]:
    """`stale`, a page at a time (by id: what one page leaves undone, a failure, is not listed again)."""
    after, left = None, limit
    while left is None or left > 0:
        page = stale(app, limit=PAGE if left is None else min(PAGE, left), after=after)
        if not page:
            return
        yield from page
        after = page[-1].application_id
        if left is not None:
            left -= len(page)
