"""The background face pre-scorer: `reviewer-app worker`.

Loop: lease a few applications lacking a pre-score (short transaction) → for each, read its images from the
document store and compute the pre-score with no transaction open → store the FacePrescore row, mark the
application done and write the audit entry in one short transaction, but only if this worker still holds the
lease (a worker that stalled past its lease finds the item taken by another and drops its result).

Stopping: `stop` (a threading.Event, set by SIGTERM/SIGINT in the CLI) is checked between items; the item being
computed is finished and stored, the rest of the batch is given back. After a crash (kill -9) the lease simply
runs out and the next `lease_batch` of any worker takes the item again.

Face encodings are cached in the `face_encoding_cache` table (by image sha256 and model version) through
`DbEncodingCache`, whose get/put each use their own short transaction.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from reviewer_app.db.models import Applicant, Document, FaceEncodingCache, FacePrescore
from reviewer_app.domain.enums import ScoreBand
from reviewer_app.domain.errors import DocumentIntegrityError, DocumentStoreError, ReviewerError
from reviewer_app.domain.prescore import PreScore
from reviewer_app.matching import identity
from reviewer_app.queue import prescore as pq
from reviewer_app.services import audit
from reviewer_app.services.context import AppContext
from reviewer_app.services.face_duplicates import DuplicateSearch, live_descriptor
from reviewer_app.services.integrity import read_document

log = logging.getLogger(__name__)

#: Seconds a leased item may take before another worker may take it again.
DEFAULT_ITEM_LEASE = 120


class Matcher(Protocol):
    def prescore(self, selfie: bytes | None, scan: bytes | None = None, *, consent: bool,
                 selfie_name: str = ..., scan_name: str = ...) -> PreScore: ...


class DbEncodingCache:
    """`reviewer_app.matching.EncodingCache` over the face_encoding_cache table (one short transaction each)."""

    def __init__(self, app: AppContext) -> None:
        self.app = app

    def get(self, sha256: str, model_version: str) -> dict | None:
        with self.app.sessions() as s:
            row = s.get(FaceEncodingCache, (sha256, model_version))
            return dict(row.result) if row is not None else None

    def put(self, sha256: str, model_version: str, value: dict) -> None:
        try:
            with self.app.uow() as s:  # merge: an incomplete entry the matcher computed again is replaced
                s.merge(FaceEncodingCache(image_sha256=sha256, model_version=model_version, result=value,
                                          computed_at=self.app.clock.now()))
        except IntegrityError:  # another worker cached the same image meanwhile: same content, nothing to do
            pass


def default_matcher(app: AppContext) -> Matcher:
    from reviewer_app.matching import FaceMatcher

    return FaceMatcher(model_cache=DbEncodingCache(app), match_threshold=app.settings.match_threshold,
                       mismatch_threshold=app.settings.mismatch_threshold,
                       max_decoded_bytes=app.settings.image_max_decoded_bytes)


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class WorkerStats:
    worker: str
    done: int = 0
    failed: int = 0
    lost: int = 0  # results dropped because the lease had passed to another worker
    given_back: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Inputs:
    consent: bool
    selfie: tuple[str, str] | None  # (sha256, filename)
    scan: tuple[str, str] | None


def _inputs(app: AppContext, application_id: str) -> _Inputs:
    with app.sessions() as s:
        consent = s.execute(select(Applicant.biometric_consent)
                            .where(Applicant.application_id == application_id)).scalar()
        docs = {r.role: (r.sha256, r.filename) for r in s.execute(
            select(Document.role, Document.sha256, Document.filename)
            .where(Document.application_id == application_id, Document.purged_at.is_(None)))}
    return _Inputs(bool(consent), docs.get("selfie_with_passport"), docs.get("passport_scan"))


def _named(doc: tuple[str, str] | None, role: str) -> str:
    """How an image is named in an error: its file and its document role."""
    return f"{doc[1]} (documents.{role})" if doc else role


def _manual(reason: str) -> PreScore:
    return PreScore(band=ScoreBand.MANUAL.value, reasons=(reason,),
                    summary_ru="Автоматическое сравнение не удалось: сравните вручную.",
                    summary_en=f"Automated comparison failed: compare by eye ({reason}).")


def process_item(app: AppContext, matcher: Matcher, application_id: str, worker: str,
                 searches: dict[str, DuplicateSearch] | None = None) -> str:
    """Compute and store the pre-score of one leased application. Returns 'done', 'failed' or 'lost'.

    With a live face, its descriptor is also looked up among earlier applications (`face_duplicate` check);
    `searches` keeps the worker's index between items (one per descriptor version, `identity.VERSION`: a new
    pre-score model that leaves the identity descriptor as it was still searches every earlier application).
    """
    inp = _inputs(app, application_id)
    state = pq.DONE
    error = retry_key = retry_at = None
    try:
        selfie = read_document(app, inp.selfie[0], reader="system", application_id=application_id,
                               role="selfie_with_passport") if inp.selfie else None
        scan = read_document(app, inp.scan[0], reader="system", application_id=application_id,
                             role="passport_scan") if inp.scan else None
        if selfie is None and scan is None:
            result = _manual("no selfie and no passport scan in the application")
        else:
            result = matcher.prescore(selfie, scan, consent=inp.consent,
                                      selfie_name=_named(inp.selfie, "selfie_with_passport"),
                                      scan_name=_named(inp.scan, "passport_scan"))
    except DocumentIntegrityError as exc:  # tampered: audited by read_document; not retried by itself
        state, error = pq.FAILED, str(exc)
        result = _manual(error)
    except DocumentStoreError as exc:  # the store could not give the image back: tried again when that passes
        state, error = pq.FAILED, str(exc)
        result = _manual(error)
        retry_key = _key_id(app) or "?"
        retry_at = app.clock.now() + timedelta(seconds=pq.STORE_RETRY_SECONDS)
    except ReviewerError as exc:  # unreadable image: shown to the reviewer as a manual case
        state, error = pq.FAILED, str(exc)
        result = _manual(error)
    now = app.clock.now()
    with app.uow() as s:
        if not pq.still_held(s, application_id, worker):
            return "lost"
        if retry_key is not None and _same_failure_shown(s, application_id, error):
            pq.mark(s, application_id, worker, state, retry_key=retry_key, retry_at=retry_at)
            return state  # the reviewer already sees this failure: no second row, no second audit entry
        s.add(FacePrescore(
            application_id=application_id, selfie_sha256=inp.selfie[0] if inp.selfie else None,
            scan_sha256=inp.scan[0] if inp.scan else None, model_version=result.model or "none",
            score=result.score, distance=result.distance, band=result.band,
            result={**result.to_dict(), **({"error": error} if error else {})}, computed_at=now))
        pq.mark(s, application_id, worker, state, retry_key=retry_key, retry_at=retry_at)
        duplicates = None
        descriptor = live_descriptor(s, inp.selfie[0] if inp.selfie else None, result.model) \
            if inp.consent and result.model else None
        if descriptor is not None:  # no live face (or no consent): nothing biometric to search with
            searches = searches if searches is not None else {}
            search = searches.setdefault(identity.VERSION, DuplicateSearch(identity.VERSION, box=app.face_box))
            dup = search.record(s, application_id, descriptor, now)
            duplicates = [m["application_id"] for m in dup.details["matches"]]
        audit.record(s, at=now, actor="system", action="prescore.computed", target_type="application",
                     target_id=application_id,
                     details={"worker": worker, "band": result.band, "score": result.score, "state": state,
                              "face_duplicates": duplicates,
                              "model": result.model, "selfie_sha256": inp.selfie[0] if inp.selfie else None,
                              "scan_sha256": inp.scan[0] if inp.scan else None})
    return state


def _key_id(app: AppContext) -> str | None:
    """The store key's id, for retrying store failures under another key; None where no key is configured."""
    from reviewer_app.store.crypto import key_id

    try:
        return key_id(app.master_key)
    except ReviewerError:
        return None


def _same_failure_shown(s, application_id: str, error: str | None) -> bool:
    latest = pq.latest_prescore(s, application_id)
    return latest is not None and (latest.result or {}).get("error") == error


class _Checkpointer:
    """Signs the audit chain's head every `audit_checkpoint_seconds` (services/audit_anchor.py), by app.clock."""

    def __init__(self, app: AppContext) -> None:
        self.app = app
        self.every = timedelta(seconds=max(1, app.settings.audit_checkpoint_seconds))
        self.next = app.clock.now()

    def maybe(self) -> None:
        now = self.app.clock.now()
        if now < self.next:
            return
        self.next = now + self.every
        from reviewer_app.services import audit_anchor

        try:
            report = audit_anchor.checkpoint(self.app)
        except ReviewerError as exc:  # no audit key or anchor here: say so, keep scoring
            log.warning("audit checkpoint skipped: %s", exc)
            return
        except Exception:  # a checkpoint must never stop the scoring; the next interval tries again
            log.exception("audit checkpoint failed")
            return
        if report.anchor_missing:
            log.error("audit anchor missing (%s): nothing signed; initialise it with `reviewer-app audit "
                      "init-anchor` or restore it", report.where)
        elif report.brk is not None:
            log.error("audit chain BROKEN at entry %s: %s (run `reviewer-app audit verify`)",
                      report.brk.entry_id, report.brk.problem)


def run_worker(app: AppContext, *, matcher: Matcher | None = None, once: bool = False, batch: int = 1,
               worker_id: str | None = None, stop: threading.Event | None = None, poll_seconds: float = 2.0,
               item_lease_seconds: int = DEFAULT_ITEM_LEASE,
               on_item: Callable[[str, str], Any] | None = None) -> WorkerStats:
    """Pre-score queued applications until `stop` is set (or, with `once`, until one batch is done)."""
    if batch < 1:
        raise ValueError("batch must be at least 1")
    matcher = matcher or default_matcher(app)
    stop = stop or threading.Event()
    stats = WorkerStats(worker=worker_id or new_worker_id())
    key = _key_id(app)
    checkpoints = _Checkpointer(app)
    searches: dict[str, DuplicateSearch] = {}  # the face-duplicate index, kept for the worker's life
    while not stop.is_set():
        checkpoints.maybe()
        with app.uow() as s:
            jobs = pq.lease_batch(s, worker=stats.worker, now=app.clock.now(),
                                  lease_seconds=item_lease_seconds, limit=batch, key_id=key)
        if not jobs:
            if once:
                break
            stop.wait(poll_seconds)
            continue
        pending = [j.application_id for j in jobs]
        while pending and not stop.is_set():
            application_id = pending.pop(0)
            t0 = time.perf_counter()
            with app.uow() as s:  # this item's own lease starts now (see pq.renew)
                held = pq.renew(s, application_id, stats.worker,
                                app.clock.now() + timedelta(seconds=item_lease_seconds))
            if not held:
                stats.lost += 1
                continue
            try:
                outcome = process_item(app, matcher, application_id, stats.worker, searches)
            except Exception as exc:  # a bug or a lost database: give the item back, keep the worker alive
                log.exception("pre-score of %s failed", application_id)
                stats.errors.append(f"{application_id}: {exc}")
                pending.insert(0, application_id)
                break
            if outcome == pq.DONE:
                stats.done += 1
            elif outcome == pq.FAILED:
                stats.failed += 1
            else:
                stats.lost += 1
            log.info("%s: %s in %.0f ms", application_id, outcome, (time.perf_counter() - t0) * 1000)
            if on_item is not None:
                on_item(application_id, outcome)
        if pending:
            with app.uow() as s:
                stats.given_back += pq.give_back(s, pending, stats.worker)
            if stats.errors and not stop.is_set():
                stop.wait(poll_seconds)  # back off after an unexpected error
        if once:
            break
    return stats
