"""FaceMatcher on generated composites: roles, scores, consent, cache, quality flags."""

from __future__ import annotations

import json
import sys

import cv2
import numpy as np
import pytest
from conftest import jpeg

from reviewer_app.domain.prescore import PreScore
from reviewer_app.matching import MODEL_VERSION, FaceMatcher, MemoryCache, distance_to_score
from reviewer_app.matching.composites import make_selfie_with_document


def _centre_in(box, truth) -> bool:
    cy, cx = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return truth[0] <= cy <= truth[2] and truth[3] <= cx <= truth[1]


def test_composites_are_deterministic(hopper, astro):
    a = make_selfie_with_document(hopper.image, astro.image, seed=5, live_face_box=hopper.face_box,
                                  doc_face_box=astro.face_box)
    b = make_selfie_with_document(hopper.image, astro.image, seed=5, live_face_box=hopper.face_box,
                                  doc_face_box=astro.face_box)
    assert a.jpeg == b.jpeg and a.document_box == b.document_box
    assert 70 <= a.printed_face_px <= 110
    h = make_selfie_with_document(hopper.image, astro.image, seed=5, style="hard")
    assert 45 <= h.printed_face_px <= 80
    with pytest.raises(ValueError):
        make_selfie_with_document(hopper.image, astro.image, seed=1, style="odd")


def test_composites_module_imports_dev_deps_lazily():
    import importlib

    sys.modules.pop("reviewer_app.matching.composites", None)
    before = {m for m in sys.modules if m.startswith(("skimage", "matplotlib"))}
    importlib.import_module("reviewer_app.matching.composites")
    after = {m for m in sys.modules if m.startswith(("skimage", "matplotlib"))}
    assert after == before


@pytest.mark.parametrize("style", ["standard", "hard"])
def test_same_person_scores_above_different_and_document_face_found(hopper, astro, style):
    m = FaceMatcher()
    scores = {}
    for label, doc in (("same", hopper), ("different", astro)):
        c = make_selfie_with_document(hopper.image, doc.image, seed=11, style=style,
                                      live_face_box=hopper.face_box, doc_face_box=doc.face_box)
        r = m.prescore(c.jpeg, consent=True)
        live, docs = r.faces_with_role("live"), r.faces_with_role("document")
        assert live and _centre_in(live[0].box, c.live_box)
        assert docs and _centre_in(docs[0].box, c.document_box), r.faces
        scores[label] = r.score
    assert scores["same"] > scores["different"]
    # Honest bands (calibration.json): the same person is a match; two different women at distance ~0.63 are
    # never shown "match" (only "uncertain": same-person hard prints reach that distance too).
    assert scores["same"] >= 60 and scores["different"] < 60


def test_result_shape_and_json_round_trip(matcher, composite):
    r = matcher.prescore(composite.jpeg, consent=True)
    assert r.band in ("match", "uncertain", "mismatch")
    assert 1 <= r.score <= 99
    assert r.model == MODEL_VERSION
    assert {f.role for f in r.faces} >= {"live", "document"}
    assert all(f.reason for f in r.faces)
    d = json.loads(json.dumps(r.to_dict()))
    assert PreScore.from_dict(d) == r


def test_no_consent_means_manual_and_no_biometrics(composite):
    cache = MemoryCache()
    r = FaceMatcher(cache).prescore(composite.jpeg, consent=False)
    assert r.band == "manual" and r.score is None and not r.faces and not r.consent
    assert "consent" in r.reasons[0]
    assert len(cache) == 0


def test_cache_avoids_recomputation(composite):
    cache = MemoryCache()
    m = FaceMatcher(cache)
    r1 = m.prescore(composite.jpeg, consent=True)
    r2 = m.prescore(composite.jpeg, consent=True)
    assert cache.hits == 1 and len(cache) == 1
    assert r2.score == r1.score and r2.faces == r1.faces
    assert r2.timings_ms.get("selfie_cached") == 1.0


def test_thresholds_are_parameters(composite):
    lo = FaceMatcher(match_threshold=1.0, mismatch_threshold=0.5).prescore(composite.jpeg, consent=True)
    hi = FaceMatcher(match_threshold=99.5, mismatch_threshold=99.5).prescore(composite.jpeg, consent=True)
    assert lo.band == "match" and hi.band == "mismatch"


def test_score_never_claims_certainty():
    assert distance_to_score(0.0) <= 99.0
    assert distance_to_score(5.0) >= 1.0
    assert distance_to_score(0.5) > distance_to_score(0.57) > distance_to_score(0.7)


def test_scan_is_compared_too(matcher, hopper, astro, composite):
    same = matcher.prescore(composite.jpeg, jpeg(hopper.image), consent=True)
    assert "live-scan" in same.distances and same.faces_with_role("scan")
    diff = matcher.prescore(composite.jpeg, jpeg(astro.image), consent=True)
    assert diff.score < same.score


# --- quality flags ---------------------------------------------------------------------------------------------


def _codes(m, data) -> set[str]:
    return set(m.prescore(data, consent=True).flag_codes())


def test_clean_composite_has_no_flags(matcher, composite):
    assert _codes(matcher, composite.jpeg) == set()


def test_flag_no_face(matcher):
    img = np.tile(np.linspace(40, 200, 640, dtype=np.uint8)[None, :, None], (480, 1, 3))
    img[..., 0] = 180
    assert "no_face" in _codes(matcher, jpeg(img))


def test_flag_no_document_face(matcher, hopper):
    assert _codes(matcher, jpeg(hopper.image)) >= {"no_document_face"}


def test_flag_too_many_faces(matcher, composite, astro):
    img = composite.image.copy()
    face = cv2.resize(astro.image[40:220, 140:300], (220, 248))
    img[900:1148, 1300:1520] = face
    assert "too_many_faces" in _codes(matcher, jpeg(img))


def test_flag_face_too_small(matcher, hopper):
    small = cv2.resize(hopper.image, None, fx=0.35, fy=0.35, interpolation=cv2.INTER_AREA)
    assert "face_too_small" in _codes(matcher, jpeg(small))


def test_flag_blurred(matcher, composite):
    assert "blurred" in _codes(matcher, jpeg(cv2.GaussianBlur(composite.image, (0, 0), 5)))


def test_flag_too_dark(matcher, composite):
    assert "too_dark" in _codes(matcher, jpeg((composite.image * 0.25).astype(np.uint8)))


def test_flag_too_bright(matcher, composite):
    assert "too_bright" in _codes(matcher, jpeg((composite.image * 0.3 + 175).astype(np.uint8)))


def test_flag_black_and_white(matcher, composite):
    grey = cv2.cvtColor(composite.image, cv2.COLOR_RGB2GRAY)
    assert "black_and_white" in _codes(matcher, jpeg(np.repeat(grey[:, :, None], 3, axis=2)))


def test_flag_strong_tilt(matcher, hopper):
    h, w = hopper.image.shape[:2]
    rot = cv2.getRotationMatrix2D((w / 2, h / 3), 32, 1.0)
    tilted = cv2.warpAffine(hopper.image, rot, (w, h), borderMode=cv2.BORDER_REPLICATE)
    assert "strong_tilt" in _codes(matcher, jpeg(tilted))


def test_flags_have_both_languages(matcher, hopper):
    r = matcher.prescore(jpeg(hopper.image), consent=True)
    for f in r.flags:
        assert f.code and f.message_ru and f.message_en and f.message_ru != f.message_en
