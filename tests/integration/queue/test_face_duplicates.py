"""The same face under another identity, found at pre-score time, linked both ways, stored with the checks."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import numpy as np
import pytest
from sqlalchemy import insert, select

from reviewer_app.db.models import Applicant, Application, CheckResultRow, Document, FaceDescriptor, FaceEncodingCache
from reviewer_app.domain.prescore import PreScore
from reviewer_app.matching import identity
from reviewer_app.services import face_duplicates
from reviewer_app.services.context import AppContext
from reviewer_app.services.prescore_worker import run_worker
from tests.factories import add_applications, applicant_row

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def face(seed: int) -> list[float]:
    return list(np.random.default_rng(seed).normal(0, 0.09, 128).astype(float))


class CachingMatcher:
    """Like FaceMatcher: caches each selfie's analysis (with the live face's encoding) by image hash."""

    def __init__(self, app: AppContext, faces: dict[bytes, list[float] | None]):
        self.app, self.faces = app, faces

    def prescore(self, selfie, scan=None, *, consent, selfie_name="selfie", scan_name="scan"):
        enc = self.faces.get(selfie)
        faces = [] if enc is None else [{"role": "live", "encoding": [0.0] * 128, "identity": enc,
                                         "identity_version": identity.VERSION}]
        with self.app.uow() as s:
            s.add(FaceEncodingCache(image_sha256=hashlib.sha256(selfie).hexdigest(), model_version="fake-1",
                                    computed_at=NOW, result={"faces": faces}))
        return PreScore(band="match", score=90.0, distance=0.3, model="fake-1")


def _seed(app: AppContext, n: int, images: list[bytes] | None = None) -> list[str]:
    with app.uow() as s:
        ids = add_applications(s, n)
        s.execute(insert(Applicant), [applicant_row(a, i) for i, a in enumerate(ids)])  # passports differ
        docs = []
        for i, a in enumerate(ids):
            data = images[i] if images else f"{a}:selfie".encode()
            docs.append({"application_id": a, "role": "selfie_with_passport", "filename": "selfie.jpg",
                         "sha256": app.store.put(data), "size": len(data), "media_type": "image/jpeg"})
        s.execute(insert(Document), docs)
    return ids


def _check(app: AppContext, application_id: str) -> CheckResultRow | None:
    with app.sessions() as s:
        return s.scalar(select(CheckResultRow).where(CheckResultRow.application_id == application_id,
                                                     CheckResultRow.check_id == "face_duplicate"))


def test_same_face_under_another_passport_is_flagged_on_both(app):
    ids = _seed(app, 4)
    same = face(1)
    faces = {f"{ids[0]}:selfie".encode(): same, f"{ids[1]}:selfie".encode(): face(2),
             f"{ids[2]}:selfie".encode(): [v + 0.001 for v in same], f"{ids[3]}:selfie".encode(): None}
    stats = run_worker(app, matcher=CachingMatcher(app, faces), once=True, batch=10)
    assert stats.done == 4
    first, other, copy, noface = (_check(app, i) for i in ids)
    assert copy.status == "fail" and [m["application_id"] for m in copy.details["matches"]] == [ids[0]]
    assert copy.details["matches"][0]["distance"] < 0.1 and ids[0] in copy.message_en
    assert first.status == "fail" and [m["application_id"] for m in first.details["matches"]] == [ids[2]]
    assert other.status == "pass"
    assert noface is None  # no live face: nothing biometric to search with, no check
    with app.sessions() as s:
        stored = s.scalars(select(FaceDescriptor.application_id)).all()
    assert sorted(stored) == sorted(ids[:3])


@pytest.mark.parametrize("new_passport", [False, True], ids=["same-passport", "new-passport"])
def test_same_identity_is_not_a_duplicate(app, new_passport):
    ids = _seed(app, 2)
    with app.uow() as s:  # the second application is the same person applying again (intake gave one key)
        first = s.get(Application, ids[0])
        s.get(Application, ids[1]).person_key = first.person_key
        if not new_passport:  # with a new passport (issue 22) the person key alone says it is the same person
            row = s.scalar(select(Applicant).where(Applicant.application_id == ids[1]))
            row.passport_number = s.scalar(select(Applicant.passport_number)
                                           .where(Applicant.application_id == ids[0]))
    same = face(5)
    faces = {f"{i}:selfie".encode(): same for i in ids}
    run_worker(app, matcher=CachingMatcher(app, faces), once=True, batch=10)
    later = _check(app, ids[1])
    assert later.status == "pass" and later.details["same_identity"][0]["application_id"] == ids[0]


def test_scoring_again_replaces_the_descriptor(app):
    from reviewer_app.services.face_duplicates import DuplicateSearch

    ids = _seed(app, 1)
    search = DuplicateSearch("fake-1")
    for seed in (1, 2):
        with app.uow() as s:
            search.record(s, ids[0], face(seed), NOW)
    with app.sessions() as s:
        rows = s.scalars(select(FaceDescriptor)).all()
    assert len(rows) == 1 and rows[0].descriptor == np.asarray(face(2), np.float32).tobytes()
    assert _check(app, ids[0]).status == "pass"  # its own earlier descriptor is not "another application"


def test_worker_stores_the_identity_descriptor_of_real_photos(app, shared_faces):
    """The real matcher: the stored descriptor is the live face's identity descriptor (not the pre-score's grey
    encoding), under its own version; two photos of one person under two names are flagged, another person not.
    A cached analysis written before the identity descriptor existed is computed again, not used without it."""
    from reviewer_app.matching import MODEL_VERSION, pipeline
    from reviewer_app.matching.images import load_image
    from reviewer_app.services.prescore_worker import default_matcher

    rels = ["lfw/George_W_Bush/George_W_Bush_0001.jpg", "lfw/George_W_Bush/George_W_Bush_0004.jpg",
            "lfw/Tony_Blair/Tony_Blair_0001.jpg"]
    images = [(shared_faces / r).read_bytes() for r in rels]
    ids = _seed(app, 3, images)
    old = pipeline.analyse_selfie(load_image(images[0], rels[0])).to_dict()
    for f in old["faces"]:
        f.pop("identity"), f.pop("identity_version")
    with app.uow() as s:  # an entry without the identity descriptor (as written before it existed)
        s.add(FaceEncodingCache(image_sha256=hashlib.sha256(images[0]).hexdigest(), model_version=MODEL_VERSION,
                                computed_at=NOW, result=old))
    stats = run_worker(app, matcher=default_matcher(app), once=True, batch=10)
    assert stats.done == 3
    with app.sessions() as s:
        rows = {r.application_id: r for r in s.scalars(select(FaceDescriptor))}
    assert sorted(rows) == sorted(ids) and {r.model_version for r in rows.values()} == {identity.VERSION}
    for i, rel in enumerate(rels):
        a = pipeline.analyse_selfie(load_image(images[i], rel))
        # Stored sealed with the store key, bound to its application (issue 23): open it as the search does.
        stored = np.frombuffer(app.face_box.open(bytes(rows[ids[i]].descriptor),
                                                 context=face_duplicates.sealed_context(ids[i])), np.float32)
        assert np.allclose(stored, a.face("live").identity, atol=1e-6)
        assert not np.allclose(stored, a.face("live").encoding, atol=1e-3)
    first, second, blair = (_check(app, i) for i in ids)
    assert second.status == "fail" and [m["application_id"] for m in second.details["matches"]] == [ids[0]]
    assert first.status == "fail" and [m["application_id"] for m in first.details["matches"]] == [ids[1]]
    assert blair.status == "pass"
    with app.sessions() as s:  # the incomplete cache entry was replaced by the complete one
        cached = s.get(FaceEncodingCache, (hashlib.sha256(images[0]).hexdigest(), MODEL_VERSION))
        assert identity.from_analysis(cached.result) is not None


def test_two_workers_scoring_the_same_face_at_once_flag_each_other(app):
    """Two processes (two indexes) record the same face under two names at the same moment: the second search
    waits for the first one's commit and finds it. Unserialised, each searched before the other had committed
    and neither application was flagged."""
    import threading

    from reviewer_app.services.face_duplicates import DuplicateSearch

    ids = _seed(app, 2)
    same = face(7)
    first_recorded, second_done = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def worker_a() -> None:
        with app.uow() as s:
            results["a"] = DuplicateSearch("fake-1").record(s, ids[0], same, NOW)
            first_recorded.set()
            # Keep the transaction open while the other worker searches (it cannot finish before this commits
            # when searches are serialised; the wait only bounds how long this test holds the transaction).
            second_done.wait(2.0)

    def worker_b() -> None:
        first_recorded.wait(10)
        with app.uow() as s:
            results["b"] = DuplicateSearch("fake-1").record(s, ids[1], [v + 0.001 for v in same], NOW)
        second_done.set()

    threads = [threading.Thread(target=worker_a), threading.Thread(target=worker_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert [m["application_id"] for m in results["b"].details["matches"]] == [ids[0]]
    first = _check(app, ids[0])
    assert first.status == "fail" and [m["application_id"] for m in first.details["matches"]] == [ids[1]]


def test_a_descriptor_computed_again_gets_a_new_id_so_other_indexes_load_it(app):
    from reviewer_app.services.face_duplicates import DuplicateSearch

    ids = _seed(app, 3)
    other_worker = DuplicateSearch("fake-1")
    with app.uow() as s:
        DuplicateSearch("fake-1").record(s, ids[0], face(1), NOW)
        DuplicateSearch("fake-1").record(s, ids[1], face(2), NOW)
    with app.sessions() as s:
        other_worker.refresh(s)  # has loaded both rows
    for _ in range(2):  # scored again, twice: now the face of the second application
        seen_up_to = other_worker.last_id
        with app.uow() as s:
            DuplicateSearch("fake-1").record(s, ids[0], [v + 0.001 for v in face(2)], NOW)
        with app.sessions() as s:
            # A new id every time, above all earlier ones (SQLite would hand out the deleted newest row's id again).
            assert s.scalar(select(FaceDescriptor.id).where(FaceDescriptor.application_id == ids[0])) > seen_up_to
            other_worker.refresh(s)
    assert ids[0] in [n.key for n in other_worker.index.search(np.asarray(face(2), np.float32), k=5,
                                                                 max_distance=0.1)]
    # Its index now holds the first application's new face twice: a new match lists it once.
    with app.uow() as s:
        result = other_worker.record(s, ids[2], [v - 0.001 for v in face(2)], NOW)
    assert sorted(m["application_id"] for m in result.details["matches"]) == sorted(ids[:2])


class ReMatcher(CachingMatcher):
    """A matcher of a new descriptor version: the same selfies may be analysed again (the cache row replaced)."""

    def prescore(self, selfie, scan=None, *, consent, selfie_name="selfie", scan_name="scan"):
        if selfie == b"broken":
            from reviewer_app.matching.images import ImageLoadError

            raise ImageLoadError(selfie_name, "not an image")
        enc = self.faces.get(selfie)
        faces = [] if enc is None else [{"role": "live", "encoding": [0.0] * 128, "identity": enc,
                                         "identity_version": identity.VERSION}]
        with self.app.uow() as s:
            s.merge(FaceEncodingCache(image_sha256=hashlib.sha256(selfie).hexdigest(), model_version="fake-2",
                                      computed_at=NOW, result={"faces": faces}))
        return PreScore(band="match", score=90.0, distance=0.3, model="fake-2")


def _as_old_version(app: AppContext, ids: list[str]) -> None:
    """These applications' descriptors were stored by an earlier identity-descriptor version."""
    with app.uow() as s:
        for row in s.scalars(select(FaceDescriptor).where(FaceDescriptor.application_id.in_(ids))):
            row.model_version = "dlib-resnet-v1/identity-0"


def test_reindex_describes_earlier_applications_and_links_the_duplicates_it_finds(app):
    from reviewer_app.db.models import AuditEvent, FacePrescore
    from reviewer_app.services.face_reindex import reindex_faces, stale

    ids = _seed(app, 6)
    selfies = {i: f"{i}:selfie".encode() for i in ids}
    # Scored before: the old descriptors told the first two apart (different faces under the old version).
    old = {selfies[i]: face(20 + k) for k, i in enumerate(ids)}
    run_worker(app, matcher=CachingMatcher(app, old), once=True, batch=10)
    assert _check(app, ids[0]).status == "pass" and _check(app, ids[1]).status == "pass"
    _as_old_version(app, ids[:5])
    with app.uow() as s:
        s.execute(Applicant.__table__.update().where(Applicant.application_id == ids[2])
                  .values(biometric_consent=False))  # withdrawn: never processed again
        s.execute(Document.__table__.update().where(Document.application_id == ids[3]).values(purged_at=NOW))
        s.execute(Document.__table__.update().where(Document.application_id == ids[4])
                  .values(sha256=app.store.put(b"broken")))
    assert [i.application_id for i in stale(app)] == [ids[0], ids[1], ids[4]]  # ids[5] is current already
    new = {selfies[ids[0]]: face(30), selfies[ids[1]]: [v + 0.001 for v in face(30)]}
    stats = reindex_faces(app, matcher=ReMatcher(app, new))
    assert (stats.described, stats.no_face, stats.failed) == (2, 0, 1)
    assert ids[4] in stats.errors[0] and "not an image" in stats.errors[0]
    first, second = _check(app, ids[0]), _check(app, ids[1])
    assert first.status == "fail" and [m["application_id"] for m in first.details["matches"]] == [ids[1]]
    assert second.status == "fail" and [m["application_id"] for m in second.details["matches"]] == [ids[0]]
    with app.sessions() as s:
        versions = dict(s.execute(select(FaceDescriptor.application_id, FaceDescriptor.model_version)).all())
        reindexed = s.scalars(select(AuditEvent.target_id).where(
            AuditEvent.action == "face_descriptor.reindexed")).all()
        prescores = s.scalars(select(FacePrescore.model_version)).all()
    assert versions[ids[0]] == versions[ids[1]] == identity.VERSION
    assert versions[ids[2]] == versions[ids[3]] == "dlib-resnet-v1/identity-0"  # not touched
    assert sorted(reindexed) == sorted(ids[:2])
    assert set(prescores) == {"fake-1"}  # the pre-scores the reviewers saw are left as they were
    assert [i.application_id for i in stale(app)] == [ids[4]]  # the broken one is tried again next time
    assert reindex_faces(app, matcher=ReMatcher(app, new)).described == 0


def test_reindex_counts_a_selfie_without_a_live_face(app):
    from reviewer_app.services.face_reindex import reindex_faces

    ids = _seed(app, 1)
    run_worker(app, matcher=CachingMatcher(app, {f"{ids[0]}:selfie".encode(): face(1)}), once=True)
    _as_old_version(app, ids)
    stats = reindex_faces(app, matcher=ReMatcher(app, {}))
    assert (stats.described, stats.no_face, stats.failed) == (0, 1, 0)
    assert _check(app, ids[0]).status == "pass"  # the check written at pre-score time stays


def test_reindex_command_on_real_photos(app, shared_faces, db_url, data_dir, capsys):
    """`reviewer-app worker --reindex-faces`: two photos of one person under two names, scored before the
    current descriptor (their checks passed), are described again and flagged; a second run has nothing to do."""
    from reviewer_app.cli import main
    from reviewer_app.services.prescore_worker import default_matcher

    rels = ["lfw/George_W_Bush/George_W_Bush_0001.jpg", "lfw/George_W_Bush/George_W_Bush_0004.jpg"]
    ids = _seed(app, 2, [(shared_faces / r).read_bytes() for r in rels])
    run_worker(app, matcher=default_matcher(app), once=True, batch=10)
    _as_old_version(app, ids)
    with app.uow() as s:  # as the old descriptor left them: not flagged
        s.execute(CheckResultRow.__table__.delete().where(CheckResultRow.check_id == "face_duplicate"))
    argv = ["--db-url", db_url, "--data-dir", str(data_dir), "worker", "--reindex-faces"]
    assert main(argv) == 0
    assert "2 described, 0 without a live face, 0 failed" in capsys.readouterr().err
    first, second = (_check(app, i) for i in ids)
    assert first.status == second.status == "fail"
    assert [m["application_id"] for m in second.details["matches"]] == [ids[0]]
    assert main(argv) == 0
    assert "0 described" in capsys.readouterr().err
    assert main(["--db-url", db_url, "--data-dir", str(data_dir), "worker", "--limit", "5"]) == 2
    assert "--limit N needs --reindex-faces" in capsys.readouterr().err


def test_reindex_goes_through_every_page_and_stops_at_the_limit(app, monkeypatch):
    from reviewer_app.services import face_reindex

    ids = _seed(app, 7)
    selfies = {f"{i}:selfie".encode(): face(40 + k) for k, i in enumerate(ids)}
    run_worker(app, matcher=CachingMatcher(app, selfies), once=True, batch=10)
    _as_old_version(app, ids)
    monkeypatch.setattr(face_reindex, "PAGE", 2)
    assert face_reindex.reindex_faces(app, matcher=ReMatcher(app, selfies), limit=5).described == 5
    assert [i.application_id for i in face_reindex.stale(app)] == ids[5:]
    assert face_reindex.reindex_faces(app, matcher=ReMatcher(app, selfies)).described == 2
    assert face_reindex.stale(app) == []
