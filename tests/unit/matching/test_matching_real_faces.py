"""On the real labelled photos in ../shared/faces (skipped when that folder is absent)."""

from __future__ import annotations

import csv

import pytest

from reviewer_app.matching import FaceMatcher, pipeline
from reviewer_app.matching.composites import make_selfie_with_document
from reviewer_app.matching.images import load_image

# Pairs chosen from pairs.csv: different photos of the same person, and different people.
LIVE = "tests/test_images/obama.jpg"
SAME = "tests/test_images/obama2.jpg"
OTHER = "tests/test_images/biden.jpg"


def _img(root, rel):
    return load_image((root / rel).read_bytes(), rel)


def _box(rgb):
    a = pipeline.analyse_scan(rgb)
    return a.face("scan").box


def test_plain_photos_same_closer_than_different(shared_faces):
    enc = {}
    for rel in (LIVE, SAME, OTHER, "tests/test_images/obama3.jpg"):
        enc[rel] = pipeline.analyse_scan(_img(shared_faces, rel)).face("scan").encoding
    same = pipeline.distance(enc[LIVE], enc[SAME])
    same3 = pipeline.distance(enc[LIVE], enc["tests/test_images/obama3.jpg"])
    diff = pipeline.distance(enc[LIVE], enc[OTHER])
    assert max(same, same3) < diff


@pytest.mark.slow
@pytest.mark.parametrize("style", ["standard", "hard"])
def test_real_composites_same_above_different(shared_faces, style):
    m = FaceMatcher()
    live = _img(shared_faces, LIVE)
    live_box = _box(live)
    scores = {}
    for rel in (SAME, OTHER):
        doc = _img(shared_faces, rel)
        c = make_selfie_with_document(live, doc, seed=7, style=style, live_face_box=live_box,
                                      doc_face_box=_box(doc))
        r = m.prescore(c.jpeg, consent=True)
        assert r.faces_with_role("document"), f"document face not found ({style}, {rel})"
        scores[rel] = r.score
    assert scores[SAME] > scores[OTHER]


@pytest.mark.slow
def test_pairs_csv_is_readable(shared_faces):
    with open(shared_faces / "pairs.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["same"] for r in rows} == {"true", "false"}
