"""The live face's identity descriptor (the face-duplicate search's), on real labelled photos of ../shared/faces."""

from __future__ import annotations

import numpy as np

from reviewer_app.matching import MODEL_VERSION, FaceMatcher, MemoryCache, identity, pipeline
from reviewer_app.matching.images import load_image, sha256

BUSH = ["lfw/George_W_Bush/George_W_Bush_0001.jpg", "lfw/George_W_Bush/George_W_Bush_0004.jpg"]
BLAIR = "lfw/Tony_Blair/Tony_Blair_0001.jpg"


def _live(root, rel) -> tuple[np.ndarray, pipeline.Face]:
    rgb = load_image((root / rel).read_bytes(), rel)
    a = pipeline.analyse_selfie(rgb)
    live = a.face("live")
    assert live is not None
    return rgb, live


def test_same_person_closer_than_another_person(shared_faces):
    faces = {rel: _live(shared_faces, rel)[1] for rel in (*BUSH, BLAIR)}
    for f in faces.values():
        assert f.identity_version == identity.VERSION and len(f.identity) == 128
    same = pipeline.distance(faces[BUSH[0]].identity, faces[BUSH[1]].identity)
    other = min(pipeline.distance(faces[b].identity, faces[BLAIR].identity) for b in BUSH)
    assert same < other
    # It is its own descriptor, not the pre-score's grey live encoding.
    assert pipeline.distance(faces[BLAIR].identity, faces[BLAIR].encoding) > 0.01


def test_deterministic_whatever_was_described_before(shared_faces):
    rgb, live = _live(shared_faces, BUSH[0])
    first = identity.describe(rgb, live.box)
    other_rgb, other = _live(shared_faces, BLAIR)
    identity.describe(other_rgb, other.box)
    assert identity.describe(rgb, live.box) == first == live.identity


def test_stored_analysis_without_it_is_not_taken_for_it(shared_faces):
    _, live = _live(shared_faces, BLAIR)
    a = pipeline.Analysis("selfie", 250, 250, [live])
    stored = a.to_dict()
    assert identity.from_analysis(stored) == live.identity
    assert pipeline.Analysis.from_dict(stored).face("live").identity == live.identity
    old = {**stored, "faces": [{k: v for k, v in stored["faces"][0].items()
                                if k not in ("identity", "identity_version")}]}
    assert identity.from_analysis(old) is None  # the grey encoding is there, and is not used in its place
    assert pipeline.Analysis.from_dict(old).face("live").identity is None
    other = {**stored, "faces": [{**stored["faces"][0], "identity_version": "dlib-resnet-v1/identity-0"}]}
    assert identity.from_analysis(other) is None
    assert identity.VERSION.split("/")[-1] in MODEL_VERSION  # a new identity descriptor is a new cache entry


def test_matcher_recomputes_a_cached_selfie_without_it(shared_faces):
    data = (shared_faces / BLAIR).read_bytes()
    cache = MemoryCache()
    matcher = FaceMatcher(cache)
    matcher.prescore(data, consent=True)
    stored = cache.get(sha256(data), MODEL_VERSION)
    want = identity.from_analysis(stored)
    assert want is not None
    for f in stored["faces"]:
        f.pop("identity", None)
        f.pop("identity_version", None)
    cache.put(sha256(data), MODEL_VERSION, stored)
    r = matcher.prescore(data, consent=True)
    assert "selfie_cached" not in r.timings_ms
    assert identity.from_analysis(cache.get(sha256(data), MODEL_VERSION)) == want


def test_the_five_point_view_adds_a_second_alignment_and_its_mirror(shared_faces):
    """The variant `bench/face_identity_variants.py` measures (not the one in force): 68- and 5-point chips."""
    rgb, live = _live(shared_faces, BUSH[0])
    plain = identity.chips(rgb, live.box, mirror=False, jitters=0)
    both = identity.chips(rgb, live.box, mirror=True, jitters=0, five=True)
    assert len(plain) == 1 and len(both) == 4
    assert all(c.shape == (150, 150, 3) for c in both)
    assert np.array_equal(both[0], plain[0]) and np.array_equal(both[2], both[0][:, ::-1])
    assert not np.array_equal(both[1], both[0])  # another alignment, not a copy
    # the same face either way
    assert pipeline.distance(identity.describe(rgb, live.box, five=True), live.identity) < 0.15
