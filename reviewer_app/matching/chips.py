"""Image helpers the face pipeline and the identity descriptor share: boxes, scaling, crops around a face and
the fixed jittered copies of an aligned chip."""

from __future__ import annotations

import cv2
import numpy as np

Box = tuple[int, int, int, int]  # top, right, bottom, left (full-resolution pixels)


def resize_by(img: np.ndarray, scale: float) -> np.ndarray:
    h, w = img.shape[:2]
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    return cv2.resize(img, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=interp)


def crop_around(img: np.ndarray, box: Box, margin: float) -> tuple[np.ndarray, int, int]:
    t, r, b, left = box
    mh, mw = (b - t) * margin, (r - left) * margin
    h, w = img.shape[:2]
    y0, y1 = max(0, int(t - mh)), min(h, int(b + mh))
    x0, x1 = max(0, int(left - mw)), min(w, int(r + mw))
    return img[y0:y1, x0:x1], x0, y0


#: The jittered copies: (rotation degrees, scale, shift x, shift y in px of the 150 px chip). Fixed, not random
#: (dlib's jitter_image draws from a per-thread generator, so the same photo would score differently depending
#: on what the process encoded before); the spread is like dlib's (small rotations, scales and shifts).
_JITTERS = ((3.0, 1.03, 2, -2), (-3.0, 0.97, -2, 2), (0.0, 1.06, -2, -2), (0.0, 0.94, 2, 2))


def jittered_copies(chip: np.ndarray, n: int) -> list[np.ndarray]:
    """The first `n` fixed jittered copies of an aligned chip (`_JITTERS`), for test-time averaging."""
    c = (chip.shape[1] / 2, chip.shape[0] / 2)
    out = []
    for angle, scale, dx, dy in _JITTERS[:n]:
        m = cv2.getRotationMatrix2D(c, angle, scale)
        m[:, 2] += (dx, dy)
        out.append(cv2.warpAffine(chip, m, (chip.shape[1], chip.shape[0]), flags=cv2.INTER_LINEAR,
                                  borderMode=cv2.BORDER_REFLECT))
    return out
