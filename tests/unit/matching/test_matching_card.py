"""Finding the held card, straightening it, and decoding large photos at reduced scale."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from reviewer_app.matching import pipeline
from reviewer_app.matching.images import load_image


def jpeg(rgb: np.ndarray, quality: int = 92) -> bytes:
    return cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])[1].tobytes()


def _scene(angle_deg: float, shear: float) -> tuple[np.ndarray, np.ndarray]:
    """A dark 800x600 frame, a "live face" blob on the left, a light 250x176 card on the right, rotated and sheared.

    The card carries a dark horizontal bar along its top edge so that straightening can be checked.
    Returns the image and the card's true corners (tl, tr, br, bl).
    """
    img = np.full((600, 800, 3), (60, 50, 45), np.uint8)
    cv2.circle(img, (220, 250), 110, (170, 130, 110), -1)
    card_w, card_h = 250, 176
    card = np.full((card_h, card_w, 3), 232, np.uint8)
    card[20:30, 20:230] = 40
    a = math.radians(angle_deg)
    lin = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]]) @ np.array([[1, shear], [0, 1]])
    offset = np.array([560.0, 330.0]) - lin @ np.array([card_w / 2, card_h / 2])
    affine = np.hstack([lin, offset[:, None]])
    warped = cv2.warpAffine(card, affine, (800, 600))
    mask = cv2.warpAffine(np.full((card_h, card_w), 255, np.uint8), affine, (800, 600)) > 127
    img[mask] = warped[mask]
    corners = np.array([[0, 0], [card_w, 0], [card_w, card_h], [0, card_h]], np.float64) @ lin.T + offset
    return img, corners


@pytest.mark.parametrize(("angle", "shear"), [(0.0, 0.0), (12.0, 0.1), (-14.0, -0.12)])
def test_card_corners_found_and_straightened(angle, shear):
    img, truth = _scene(angle, shear)
    live = (140, 330, 360, 110)
    quads = pipeline._card_quads(img, live)
    assert quads, "no card found"
    quad = quads[0]
    # Corners in order tl, tr, br, bl, each within a few pixels of the truth.
    assert np.abs(quad - truth).max() < 8, (quad, truth)
    card, inv = pipeline._rectify(img, quad, out_h=200)
    # The bar along the top edge is horizontal after straightening: its rows are dark across the same band.
    dark = (card.max(axis=2) < 120).astype(np.uint8)
    cols = np.where(dark.sum(axis=0) > 3)[0]
    left, right = cols.min(), cols.max()
    rows_left = np.where(dark[:, left + 5])[0]
    rows_right = np.where(dark[:, right - 5])[0]
    assert abs(rows_left.mean() - rows_right.mean()) < 3
    # The back-mapping matrix sends the straightened card's corners to the image's.
    h, w = card.shape[:2]
    back = cv2.perspectiveTransform(np.array([[[w / 2, h / 2]]], np.float32), inv)[0, 0]
    assert np.linalg.norm(back - truth.mean(axis=0)) < 6


def test_no_card_in_an_empty_frame():
    img = np.full((600, 800, 3), (60, 50, 45), np.uint8)
    assert pipeline._card_quads(img, (140, 330, 360, 110)) == []


def test_large_jpeg_decoded_at_reduced_scale_keeps_min_side():
    rng = np.random.default_rng(0)
    big = cv2.resize(rng.integers(0, 255, (300, 400, 3), dtype=np.uint8), (4000, 3000))
    data = jpeg(big, 80)
    assert load_image(data, "big.jpg").shape == (3000, 4000, 3)
    small = load_image(data, "big.jpg", min_side=1600)
    assert small.shape == (1500, 2000, 3)  # 1/2 scale: 1/4 would go below 1600
    # A photo not twice the limit is decoded at full size.
    assert load_image(jpeg(big[:1200, :1600]), "s.jpg", min_side=1000).shape == (1200, 1600, 3)
