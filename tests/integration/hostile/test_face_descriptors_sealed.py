"""Issue 23, item 4: face descriptors (biometrics) are sealed at rest with the store key like the OTP seeds, bound to
their application, and re-sealed by `keys rotate` (which also seals the plain ones older versions stored).
On SQLite and PostgreSQL."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import insert, select, update

from reviewer_app.db.models import FaceDescriptor
from reviewer_app.domain.errors import DocumentStoreError
from reviewer_app.matching import identity
from reviewer_app.services import keys
from reviewer_app.services.context import AppContext
from reviewer_app.services.face_duplicates import DuplicateSearch
from reviewer_app.services.prescore_worker import run_worker
from reviewer_app.store.crypto import SecretBox, key_id, load_key
from tests.factories import add_applications
from tests.integration.queue.test_face_duplicates import NOW, CachingMatcher, _check, _seed, face


def _rows(app) -> dict[str, bytes]:
    with app.sessions() as s:
        return {a: bytes(d) for a, d in s.execute(select(FaceDescriptor.application_id, FaceDescriptor.descriptor))}


def _plain(vec) -> bytes:
    return np.asarray(vec, np.float32).tobytes()


@pytest.fixture
def scored(app):
    """Two applications with the same live face, scored by the worker."""
    ids = _seed(app, 2)
    same = face(1)
    faces = {f"{ids[0]}:selfie".encode(): same, f"{ids[1]}:selfie".encode(): [v + 0.001 for v in same]}
    assert run_worker(app, matcher=CachingMatcher(app, faces), once=True, batch=10).done == 2
    return ids, faces


def test_the_worker_stores_descriptors_sealed_and_a_fresh_index_still_finds_the_pair(app, scored) -> None:
    ids, faces = scored
    rows = _rows(app)
    assert sorted(rows) == sorted(ids)
    for app_id, blob in rows.items():
        plain = _plain(faces[f"{app_id}:selfie".encode()])
        assert plain[:16] not in blob and plain[-16:] not in blob  # no float of the face in the clear
        assert SecretBox.sealed_key_id(blob) == key_id(app.master_key)
    assert _check(app, ids[1]).status == "fail"
    fresh = DuplicateSearch(identity.VERSION, box=app.face_box)  # another worker, starting now
    with app.sessions() as s:
        fresh.refresh(s)
    assert len(fresh.index) == 2
    assert fresh.index.search(np.asarray(faces[f"{ids[0]}:selfie".encode()]), k=2)[0].key == ids[0]


def test_a_sealed_descriptor_moved_to_another_application_does_not_open(app, scored) -> None:
    ids, _ = scored
    rows = _rows(app)
    with app.uow() as s:  # an insider swaps two people's faces in the table
        s.execute(update(FaceDescriptor).where(FaceDescriptor.application_id == ids[0])
                  .values(descriptor=rows[ids[1]]))
    with app.sessions() as s, pytest.raises(DocumentStoreError, match="tampered"):
        DuplicateSearch(identity.VERSION, box=app.face_box).refresh(s)


def test_keys_rotate_reseals_descriptors_and_seals_the_plain_ones(app, scored) -> None:
    ids, faces = scored
    with app.uow() as s:  # as stored before descriptors were sealed
        [legacy] = add_applications(s, 1, start=50)
        s.execute(insert(FaceDescriptor).values(application_id=legacy, identity_key="k" * 64,
                                                model_version=identity.VERSION, descriptor=_plain(face(9)),
                                                computed_at=NOW))
    keys.rotate(app)
    after = AppContext(app.settings, clock=app.clock)
    try:
        new = key_id(load_key(key_b64=None, key_file=app.settings.key_file))
        rows = _rows(after)
        assert {SecretBox.sealed_key_id(b) for b in rows.values()} == {new}
        assert _plain(face(9)) not in rows[legacy]
        search = DuplicateSearch(identity.VERSION, box=after.face_box)
        with after.sessions() as s:
            search.refresh(s)
        assert search.index.search(np.asarray(face(9)), k=1)[0].key == legacy
        assert search.index.search(np.asarray(faces[f"{ids[0]}:selfie".encode()]), k=1)[0].distance < 0.01
    finally:
        after.close()
