"""The plain call is the floor (full-resolution fallback) and the bands say why a pair is uncertain."""

from __future__ import annotations

from conftest import jpeg

from reviewer_app.domain.enums import ScoreBand
from reviewer_app.matching import FaceMatcher, pipeline
from reviewer_app.matching.composites import make_selfie_with_document
from reviewer_app.matching.matcher import uncertain_reasons
from reviewer_app.matching.pipeline import Analysis, Face


def _centre_in(box, truth) -> bool:
    cy, cx = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return truth[0] <= cy <= truth[2] and truth[3] <= cx <= truth[1]


def test_fast_path_is_trusted_only_when_sure():
    live, doc = Face((100, 400, 400, 100)), Face((500, 700, 580, 620), score=0.5)
    assert pipeline._not_confident(live, doc, "straightened card") == ""
    assert "no face" in pipeline._not_confident(None, None, "")
    assert "no printed face" in pipeline._not_confident(live, None, "")
    # A tiled-search print is trusted only when its detection is strong.
    assert pipeline._not_confident(live, doc, "tiled search") == ""
    weak_tile = Face(doc.box, score=pipeline.CONFIDENT_TILE_SCORE - 0.1)
    assert "tiled search" in pipeline._not_confident(live, weak_tile, "tiled search")
    assert "detection copy" in pipeline._not_confident(live, doc, "detection copy (no document region recognised)")
    assert "weak" in pipeline._not_confident(live, Face(doc.box, score=-0.2), "straightened card")


def test_no_card_found_falls_back_to_the_full_resolution_search(monkeypatch, hopper):
    c = make_selfie_with_document(hopper.image, hopper.image, seed=4, style="standard",
                                  live_face_box=hopper.face_box, doc_face_box=hopper.face_box)
    # The card finder sees nothing: the fast path has no printed face (or only a tile search's guess).
    monkeypatch.setattr(pipeline, "_card_quads", lambda *a, **k: [])
    monkeypatch.setattr(pipeline, "_tiles_outside", lambda *a, **k: [])
    a = pipeline.analyse_selfie(c.image)
    assert a.fallback and "full-resolution search" in a.fallback
    assert "fallback" in a.timings_ms
    doc = a.face("document")
    assert doc is not None and _centre_in(doc.box, c.document_box) and doc.encoding
    # The pre-score says the fallback ran, and compares the face it found.
    r = FaceMatcher().prescore(c.jpeg, consent=True)
    assert any(x.startswith("full-resolution search ran") for x in r.reasons)
    assert r.faces_with_role("document") and "live-document" in r.distances


def test_a_sure_fast_path_does_not_pay_for_the_fallback(composite):
    a = pipeline.analyse_selfie(composite.image)
    assert a.doc_search == "straightened card" and a.fallback == "" and "fallback" not in a.timings_ms


def test_uncertain_band_names_its_reasons(hopper):
    small = Analysis("selfie", 1600, 1200, [Face((0, 300, 300, 0), role="live"),
                                            Face((400, 540, 450, 500), role="document")])
    assert uncertain_reasons(small) == ["small_print"]
    glare = Analysis("selfie", 1600, 1200, [Face((400, 580, 480, 500), role="document")], doc_glare=0.2,
                     doc_contrast=20.0)
    assert uncertain_reasons(glare) == ["glare", "grey_print"]
    assert uncertain_reasons(Analysis("selfie", 10, 10, [Face((0, 90, 90, 0), role="document")],
                                      doc_contrast=60.0)) == ["between"]
    # Through the matcher: thresholds that put any score in "uncertain" give the reason in both languages.
    c = make_selfie_with_document(hopper.image, hopper.image, seed=3, style="standard",
                                  live_face_box=hopper.face_box, doc_face_box=hopper.face_box)
    r = FaceMatcher(match_threshold=100.0, mismatch_threshold=0.0).prescore(jpeg(c.image), consent=True)
    assert r.band == ScoreBand.UNCERTAIN.value
    assert any(x.startswith("uncertain: ") for x in r.reasons)
    assert ":" in r.summary_en and ":" in r.summary_ru and r.summary_en.split(":")[1].strip()


def test_fallback_on_a_reduced_decode_searches_the_full_scale_photo(monkeypatch, hopper):
    import cv2

    c = make_selfie_with_document(hopper.image, hopper.image, seed=4, style="standard",
                                  live_face_box=hopper.face_box, doc_face_box=hopper.face_box)
    half = cv2.resize(c.image, (800, 600), interpolation=cv2.INTER_AREA)
    monkeypatch.setattr(pipeline, "_card_quads", lambda *a, **k: [])
    monkeypatch.setattr(pipeline, "_tiles_outside", lambda *a, **k: [])
    asked = []

    def full():
        asked.append(True)
        return c.image

    a = pipeline.analyse_selfie(half, full)
    assert asked == [True] and a.fallback
    doc = a.face("document")
    # The box is in the reduced frame (the matcher maps it to the photo's pixels), on the printed face.
    assert doc is not None and doc.encoding and _centre_in(doc.box, tuple(v / 2 for v in c.document_box))


def test_jittered_encoding_is_deterministic(composite):
    import numpy as np

    face = Face(composite.document_box)
    pipeline._encode(composite.image, face, printed=True, jitter=pipeline.JITTERS)
    first = face.encoding
    pipeline._encode(composite.image, Face(composite.live_box), printed=False)  # anything encoded in between
    again = Face(composite.document_box)
    pipeline._encode(composite.image, again, printed=True, jitter=pipeline.JITTERS)
    plain = Face(composite.document_box)
    pipeline._encode(composite.image, plain, printed=True)
    assert again.encoding == first
    assert 0 < float(np.linalg.norm(np.subtract(first, plain.encoding))) < 0.2  # averaged, yet the same face


def test_a_small_live_face_is_found_without_the_full_resolution_search(hopper):
    """A person far from the camera: the live face is under HOG's window on the detection copy. The copy is
    searched upsampled once instead of paying for the full-resolution search."""
    import numpy as np

    c = make_selfie_with_document(hopper.image, hopper.image, seed=4, style="standard",
                                  live_face_box=hopper.face_box, doc_face_box=hopper.face_box)
    import cv2

    sel = cv2.resize(c.image, None, fx=0.7, fy=0.7, interpolation=cv2.INTER_AREA)
    h, w = sel.shape[:2]
    big = np.full((5 * h, 5 * w, 3), 236, np.uint8)  # the selfie is a fifth of a 5600 px photo
    big[h:2 * h, w:2 * w] = sel
    scaled = lambda b: tuple(round(0.7 * v) for v in b)  # noqa: E731
    live_box, doc_box = scaled(c.live_box), scaled(c.document_box)
    assert (live_box[2] - live_box[0]) * pipeline.DETECT_SIDE / big.shape[1] < 0.6 * pipeline.HOG_WINDOW
    a = pipeline.analyse_selfie(big)
    shift = lambda b: (b[0] + h, b[1] + w, b[2] + h, b[3] + w)  # noqa: E731
    live, doc = a.face("live"), a.face("document")
    assert live is not None and _centre_in(live.box, shift(live_box))
    assert doc is not None and _centre_in(doc.box, shift(doc_box)) and doc.encoding
    assert a.fallback == "" and "fallback" not in a.timings_ms


def test_an_unconfirmed_fallback_compares_exactly_the_plain_calls_two_largest_faces(monkeypatch):
    """The fast path took a face that is not the largest as the live face and found no print: the fallback then
    answers as the plain call does (the two largest faces), not with the fast path's live face and the largest
    other face (which would be the plain call's live face)."""
    import numpy as np

    big, mid, small = (0, 300, 200, 100), (300, 600, 480, 420), (50, 700, 110, 640)  # heights 200, 180, 60
    monkeypatch.setattr(pipeline, "_detect", lambda img, up=0, thr=0.0: [(mid, 0.5, 0), (big, 0.4, 0), (small, 0.3, 0)])
    fast_live = Face(mid)
    live, doc, how = pipeline._fallback(np.zeros((800, 800, 3), np.uint8), fast_live, None)
    assert (live.box, doc.box) == (big, mid) and "plain call" in how
    # Where the fast path's live face is the largest, it is kept and the next largest is the print.
    live, doc, _ = pipeline._fallback(np.zeros((800, 800, 3), np.uint8), Face(big), None)
    assert (live.box, doc.box) == (big, mid)
