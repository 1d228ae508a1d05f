"""Boxes come back in the photo's own pixels, whatever scale a large JPEG is decoded at (EXIF rotation applied)."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from conftest import jpeg
from PIL import Image

from reviewer_app.matching import FaceMatcher
from reviewer_app.matching.composites import make_selfie_with_document
from reviewer_app.matching.images import load_image_sized


@pytest.fixture(scope="module")
def small_and_big(hopper):
    c = make_selfie_with_document(hopper.image, hopper.image, seed=3, style="standard",
                                  live_face_box=hopper.face_box, doc_face_box=hopper.face_box, canvas=(1000, 750))
    big = cv2.resize(c.image, (4000, 3000), interpolation=cv2.INTER_CUBIC)
    return c, jpeg(c.image, 95), jpeg(big, 90)


def _boxes(prescore):
    return {f.role: np.array(f.box, np.float64) for f in prescore.faces if f.role in ("live", "document")}


def _assert_scaled(small_box, big_box, factor):
    t, r, b, left = small_box
    size = max(b - t, r - left)
    # Within 2% of the face's size: centres, heights and widths.
    for got, want in (((big_box[0] + big_box[2]) / 2, factor * (t + b) / 2),
                      ((big_box[1] + big_box[3]) / 2, factor * (r + left) / 2),
                      (big_box[2] - big_box[0], factor * (b - t)),
                      (big_box[1] - big_box[3], factor * (r - left))):
        assert abs(got - want) <= 0.02 * factor * size, (small_box, big_box)


def test_boxes_of_a_4000px_photo_are_4x_those_of_its_1000px_original(small_and_big):
    c, small, big = small_and_big
    m = FaceMatcher()
    rs, rb = m.prescore(small, consent=True), m.prescore(big, consent=True)
    bs, bb = _boxes(rs), _boxes(rb)
    assert set(bs) == set(bb) == {"live", "document"}
    for role in bs:
        _assert_scaled(bs[role], bb[role], 4.0)
    # and the big photo's boxes are on the faces of the big photo
    live = bb["live"]
    t, r, b, left = (4 * v for v in c.live_box)
    assert t <= (live[0] + live[2]) / 2 <= b and left <= (live[1] + live[3]) / 2 <= r


def test_boxes_follow_exif_rotation_of_a_reduced_decode(small_and_big):
    _c, small, big = small_and_big
    upright = np.asarray(Image.open(io.BytesIO(big)).convert("RGB"))
    # The same picture stored lying on its side, with EXIF orientation 6 ("turn 90 degrees clockwise to view").
    stored = np.ascontiguousarray(np.rot90(upright, 1))
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    Image.fromarray(stored).save(buf, "JPEG", quality=90, exif=exif.tobytes())
    rgb, size = load_image_sized(buf.getvalue(), "turned.jpg", min_side=2000)
    assert size == (4000, 3000) and rgb.shape == (1500, 2000, 3)
    m = FaceMatcher()
    want, got = _boxes(m.prescore(small, consent=True)), _boxes(m.prescore(buf.getvalue(), consent=True))
    assert set(got) == {"live", "document"}
    for role in got:
        _assert_scaled(want[role], got[role], 4.0)


def test_size_of_a_photo_decoded_whole_is_its_array():
    rgb, size = load_image_sized(jpeg(np.zeros((300, 500, 3), np.uint8)), "x.jpg", min_side=2000)
    assert rgb.shape == (300, 500, 3) and size == (500, 300)


def test_fallback_on_a_reduced_decode_uses_the_full_scale_photo(monkeypatch, small_and_big):
    from reviewer_app.matching import matcher, pipeline

    c, small, _big = small_and_big
    # The 1000 px photo decoded at 1/2 scale (as a 12 MP one is), and every card face taken as weak: the fallback
    # runs after the card search, on the photo decoded again at full scale.
    monkeypatch.setattr(matcher, "DECODE_MIN_SIDE", 500)
    monkeypatch.setattr(pipeline, "CONFIDENT_CARD_SCORE", 10.0)
    r = FaceMatcher().prescore(small, consent=True)
    assert any(x.startswith("full-resolution search ran (weak printed face") for x in r.reasons), r.reasons
    doc = _boxes(r)["document"]
    t, rt, b, left = c.document_box
    assert t <= (doc[0] + doc[2]) / 2 <= b and left <= (doc[1] + doc[3]) / 2 <= rt
