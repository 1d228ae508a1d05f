"""The face-descriptor index: exact below the IVF size, and the inverted file finds what brute force finds."""

from __future__ import annotations

import numpy as np

from reviewer_app.domain.face_duplicates import FaceMatch, face_duplicate, identity_key
from reviewer_app.matching import face_index
from reviewer_app.matching.face_index import FaceIndex


def clustered(n_ids: int, per: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 0.09, (n_ids, 128)).astype(np.float32)  # ~1.0 apart, like different people
    vecs = np.repeat(centres, per, axis=0) + rng.normal(0, 0.02, (n_ids * per, 128)).astype(np.float32)
    return centres, vecs


def test_brute_force_finds_the_nearest_within_the_threshold():
    centres, vecs = clustered(50, 3)
    idx = FaceIndex()
    idx.add([f"A{i}" for i in range(len(vecs))], vecs)
    res = idx.search(centres[7], k=5, max_distance=0.55)
    assert {n.key for n in res} == {"A21", "A22", "A23"}
    assert res == sorted(res, key=lambda n: n.distance)
    assert idx.search(np.full(128, 5.0, np.float32), max_distance=0.55) == []


def test_inverted_file_agrees_with_brute_force(monkeypatch):
    monkeypatch.setattr(face_index, "IVF_FROM", 2000)
    centres, vecs = clustered(1500, 2, seed=1)
    ivf = FaceIndex(n_lists=32, n_probe=8)
    ivf.add([f"A{i}" for i in range(len(vecs))], vecs)
    assert ivf._centres is not None  # clustered once it grew past IVF_FROM
    ivf.add(["late"], centres[3:4] + 0.001)  # appended after clustering: goes to its nearest cell
    found = 0
    for i in range(0, 1500, 15):
        got = {n.key for n in ivf.search(centres[i], k=3, max_distance=0.55)}
        found += {f"A{2 * i}", f"A{2 * i + 1}"} <= got
    assert found == 100
    assert "late" in {n.key for n in ivf.search(centres[3], k=5, max_distance=0.55)}


def test_face_duplicate_rule():
    other = FaceMatch("EMK-2", 0.31, False, "Петров Пётр, 01.01.1990")
    same = FaceMatch("EMK-0", 0.2, True)
    r = face_duplicate([same, other], searched=10, has_face=True)
    assert str(r.status) == "fail" and "EMK-2" in r.message_en
    assert [m["application_id"] for m in r.details["matches"]] == ["EMK-2"]
    assert str(face_duplicate([same], searched=10, has_face=True).status) == "pass"
    assert str(face_duplicate([], searched=0, has_face=False).status) == "manual"
    a = identity_key("Ёлкина", "Анна", None, "1990-01-01", "4510123456")
    assert a == identity_key("елкина ", "АННА", "", "1990-01-01", "4510123456")
    assert a != identity_key("Елкина", "Анна", None, "1990-01-02", "4510123456")


def test_rebuild_keeps_every_descriptor_once(monkeypatch):
    monkeypatch.setattr(face_index, "IVF_FROM", 500)
    _, vecs = clustered(300, 2, seed=2)
    idx = FaceIndex(n_lists=16, n_probe=16)
    idx.add([f"A{i}" for i in range(len(vecs))], vecs)
    before = idx._all().copy()
    idx.rebuild()
    assert len(idx) == 600 and np.array_equal(idx._all(), before)
    assert sum(len(v) for v in idx._list_vecs) == 600 and len(idx._vecs) == 0
