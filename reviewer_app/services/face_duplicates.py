"""The same face under another identity: at pre-score time, the live face is looked up among earlier applications.

`DuplicateSearch` keeps a `FaceIndex` of every stored live-face descriptor (one per worker process, loaded from
`face_descriptors` at first use and then followed by row id, so descriptors stored by other workers are seen).
`record(session, ...)` stores this application's descriptor, writes its `face_duplicate` check (pass / fail with
the other applications, nearest first) and adds this application to the check of each earlier one it matches:
both sides link to each other. All in the caller's transaction (the pre-score's).
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from reviewer_app.db.models import (
    Applicant,
    Application,
    CheckResultRow,
    DatabaseMeta,
    FaceDescriptor,
    FaceEncodingCache,
)
from reviewer_app.domain.errors import DocumentStoreError
from reviewer_app.domain.face_duplicates import (
    CHECK_ID,
    DUPLICATE_DISTANCE,
    FaceMatch,
    face_duplicate,
    identity_key,
)
from reviewer_app.matching import identity
from reviewer_app.matching.face_index import FaceIndex
from reviewer_app.services import locks
from reviewer_app.store.crypto import SecretBox

MAX_LINKS = 20  # the nearest other applications kept in a check
#: `database_meta` key: moves on whenever descriptors are deleted other than by being described again.
PURGE_GENERATION = "face_descriptors_purged"


def sealed_context(application_id: str) -> str:
    """What a sealed descriptor is bound to: it cannot be moved to another application's row."""
    return f"face-descriptor:{application_id}"


def purge_generation(session: Session) -> str | None:
    row = session.get(DatabaseMeta, PURGE_GENERATION)
    return row.value if row is not None else None


def purge_descriptors(session: Session, application_ids: list[str]) -> int:
    """Delete the descriptors of `application_ids` (retention) and tell every worker's index to forget them.
    Under the search lock, so no search runs between the delete and its commit."""
    if not application_ids:
        return 0
    locks.serialise(session, "face_duplicates.search")
    n = session.execute(delete(FaceDescriptor).where(FaceDescriptor.application_id.in_(application_ids))).rowcount
    if n:
        row = session.get(DatabaseMeta, PURGE_GENERATION)
        if row is None:
            session.add(DatabaseMeta(key=PURGE_GENERATION, value="1"))
        else:
            row.value = str(int(row.value) + 1)
    return n or 0


def live_descriptor(session: Session, selfie_sha256: str | None, model_version: str | None) -> list[float] | None:
    """The live face's identity descriptor (`matching.identity`, version `identity.VERSION`) from the encoding
    cache the matcher filled for this selfie. None: no live face, or an analysis without this descriptor (the
    pre-score's own encoding is never used in its place)."""
    if not selfie_sha256 or not model_version:
        return None
    row = session.get(FaceEncodingCache, (selfie_sha256, model_version))
    return identity.from_analysis(row.result) if row is not None else None


def _identity(session: Session, application_id: str) -> tuple[str, str]:
    """Who filed the application: the person (applications.person_key, which follows a person across passports
    (services.persons), so the same person with a new passport is not a "duplicate" of themselves); the
    name, birth date and passport hash only for a row without a person key."""
    a = session.execute(select(Applicant).where(Applicant.application_id == application_id)).scalar_one()
    key = session.scalar(select(Application.person_key).where(Application.id == application_id)) or identity_key(
        a.last_name, a.first_name, a.middle_name, a.birth_date.isoformat(),
        (a.passport_series or "") + (a.passport_number or ""))
    label = " ".join(x for x in (a.last_name, a.first_name, a.middle_name) if x) + f", {a.birth_date:%d.%m.%Y}"
    return key, label


class DuplicateSearch:
    """The index and what it knows about each stored descriptor (identity, label), per descriptor version
    (`identity.VERSION`: stored as `face_descriptors.model_version`; other versions are not compared)."""

    def __init__(self, model_version: str, threshold: float = DUPLICATE_DISTANCE, *, box: Any = None) -> None:
        self.model_version = model_version
        self.threshold = threshold
        #: `AppContext.face_box`: descriptors are biometrics, sealed with the store key like other secrets (None:
        #: stored as plain float32 bytes, for tests and benchmarks only).
        self.box = box
        self.index = FaceIndex()
        self.identity: dict[str, str] = {}
        self.last_id = 0
        self.generation: str | None = None  # `PURGE_GENERATION` when the index was (re)built
        self._lock = threading.Lock()

    def refresh(self, session: Session) -> None:
        """Load descriptors stored since the last look (by any worker). After a retention purge deleted some
        (the purge generation in `database_meta` moved on), the index is built again from the table: a purged
        person's face must not stay in any worker's memory either."""
        generation = purge_generation(session)
        if generation != self.generation:
            self.index, self.identity, self.last_id = FaceIndex(), {}, 0
            self.generation = generation
        rows = session.execute(
            select(FaceDescriptor.id, FaceDescriptor.application_id, FaceDescriptor.identity_key,
                   FaceDescriptor.descriptor)
            .where(FaceDescriptor.id > self.last_id, FaceDescriptor.model_version == self.model_version)
            .order_by(FaceDescriptor.id)).all()
        if not rows:
            return
        keys = [r.application_id for r in rows]
        vecs = np.stack([self._open(r.application_id, r.descriptor) for r in rows])
        self.index.add(keys, vecs)
        self.identity.update({r.application_id: r.identity_key for r in rows})
        self.last_id = rows[-1].id

    def _seal(self, application_id: str, vec: np.ndarray) -> bytes:
        raw = vec.astype(np.float32).tobytes()
        return self.box.seal(raw, context=sealed_context(application_id)) if self.box is not None else raw

    def _open(self, application_id: str, stored: bytes) -> np.ndarray:
        """A stored descriptor as a vector: sealed (the normal case), or plain float32 bytes written before
        descriptors were sealed (sealed by the next `keys rotate`)."""
        stored = bytes(stored)
        if stored[: len(SecretBox.MAGIC)] == SecretBox.MAGIC:
            if self.box is None:
                raise DocumentStoreError("a sealed face descriptor cannot be read without the store key")
            stored = self.box.open(stored, context=sealed_context(application_id))
        return np.frombuffer(stored, np.float32)

    def record(self, session: Session, application_id: str, descriptor: list[float] | None, now: Any) -> Any:
        """Store the descriptor and the face_duplicate check of this application; returns the CheckResult.

        Searches are serialised across processes until the caller commits (an advisory lock on PostgreSQL;
        SQLite's BEGIN IMMEDIATE already serialises writers): two workers scoring the same face under two names
        at the same moment would otherwise each search before the other's descriptor is committed, and neither
        application would be flagged."""
        with self._lock:
            locks.serialise(session, "face_duplicates.search")
            self.refresh(session)
            key, _label = _identity(session, application_id)
            matches: list[FaceMatch] = []
            if descriptor is not None:
                vec = np.asarray(descriptor, np.float32)
                seen = {application_id}
                # Nearest first; an application described again is in this index twice (its old and new rows).
                for n in self.index.search(vec, k=MAX_LINKS + 1, max_distance=self.threshold):
                    if n.key in seen:
                        continue
                    seen.add(n.key)
                    matches.append(FaceMatch(n.key, n.distance, self.identity.get(n.key) == key,
                                             _identity(session, n.key)[1]))
                # Scored again (a new descriptor version, a retried item): the latest descriptor replaces the old
                # one under a new id, so the other workers' indexes, which follow the table by id, load it too.
                # SQLite gives a new row the largest id + 1, so deleting the newest row would hand its id out
                # again: the id is taken before the delete (searches are serialised, see above). PostgreSQL's
                # sequence never repeats.
                new_id = None
                if session.get_bind().dialect.name == "sqlite":
                    new_id = (session.scalar(select(func.max(FaceDescriptor.id))) or 0) + 1
                session.execute(delete(FaceDescriptor).where(FaceDescriptor.application_id == application_id))
                session.flush()
                session.add(FaceDescriptor(id=new_id, application_id=application_id, identity_key=key,
                                           model_version=self.model_version,
                                           descriptor=self._seal(application_id, vec),
                                           computed_at=now))
            result = face_duplicate(matches, searched=len(self.index), has_face=descriptor is not None,
                                    threshold=self.threshold)
            _write(session, application_id, result, now)
            for m in matches:
                if not m.same_identity:
                    _link_back(session, m.application_id, application_id, m.distance, now, self.threshold)
            return result


def _write(session: Session, application_id: str, result: Any, now: Any) -> None:
    session.execute(delete(CheckResultRow).where(CheckResultRow.application_id == application_id,
                                                 CheckResultRow.check_id == CHECK_ID))
    session.add(CheckResultRow(application_id=application_id, check_id=CHECK_ID, status=str(result.status),
                               message_ru=result.message_ru, message_en=result.message_en, details=result.details,
                               rule_version=result.rule_version, computed_at=now))


def _link_back(session: Session, earlier: str, later: str, distance: float, now: Any, threshold: float) -> None:
    """The earlier application's check gains the later one (its own search could not see it)."""
    row = session.execute(select(CheckResultRow).where(CheckResultRow.application_id == earlier,
                                                       CheckResultRow.check_id == CHECK_ID)).scalar_one_or_none()
    details = dict(row.details) if row is not None else {"searched": 0}
    old = [FaceMatch(m["application_id"], m["distance"], False, m.get("label", ""))
           for m in details.get("matches", []) if m["application_id"] != later]
    old.append(FaceMatch(later, distance, False, _identity(session, later)[1]))
    result = face_duplicate(old[:MAX_LINKS], searched=int(details.get("searched", 0)), has_face=True,
                            threshold=threshold)
    _write(session, earlier, result, now)
