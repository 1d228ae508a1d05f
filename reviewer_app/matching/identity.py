"""The live face's identity descriptor: what the face-duplicate search compares across applications.

The pre-score's live-face encoding (`pipeline._encode`) is made for comparing the live face with a printed passport
photo: it is turned grey and, beside a small print, blurred down to the print's resolution, so that neither colour
nor sharpness reads as a difference. Comparing one application's live face with another's (both live photos) needs
none of that, and loses by it. This descriptor is dlib's on a colour image, as its ResNet was trained: 68-point
landmarks and the aligned 150 px chip (`CHIP_PADDING`) from the colour image at the face's own resolution (a large
face is brought down to `WORK_FACE_PX` first, which the chip would do anyway), averaged with its mirror image
(`MIRROR`) and the fixed jittered copies (`JITTERS` of `chips.jittered_copies`, not dlib's random jitter).
Deterministic: the same photo always gives the same descriptor. Cost: 6 descriptor passes, ~95 ms per selfie on
one core (`analyse_selfie` records it as `timings_ms["identity"]`).

The variant was chosen by `bench/face_identity_variants.py` on the calibration people of `../shared/faces/lfw`
only, and is reported by `bench/face_duplicates.py` on the held-out people and `pairs.csv` (docs/documents.md).
A black-and-white selfie's descriptor sits ~0.2 from colour photos of the same face (well within the threshold).

`VERSION` names this computation: descriptors stored under another version are not compared with these (the
face-duplicate index keeps one per version), and a cached analysis whose live face carries another version (or
none) is not used as if it had this one.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: Changes whenever the identity descriptor's computation changes (the pre-score's MODEL_VERSION includes it).
VERSION = "dlib-resnet-v1/identity-1"
WORK_FACE_PX = 300.0  # a larger face is brought down to this box height before landmarks and chip
#: Chosen on the calibration people (bench/face_identity_variants.py): colour, mirror and the 4 fixed jitters,
#: padding 0.3 (a little more forehead and chin than dlib's 0.25).
CHIP_PADDING = 0.3
GREY = False
MIRROR = True
JITTERS = 4


def chips(rgb: np.ndarray, box: tuple[int, int, int, int], *, work_px: float = WORK_FACE_PX,
          padding: float = CHIP_PADDING, grey: bool = GREY, mirror: bool = MIRROR,
          jitters: int = JITTERS, five: bool = False) -> list[np.ndarray]:
    """The aligned 150 px chips the descriptor averages (the chip, its mirror, jittered copies)."""
    import cv2
    import dlib

    from reviewer_app.matching import models
    from reviewer_app.matching.chips import crop_around, jittered_copies, resize_by

    crop, ox, oy = crop_around(rgb, box, 0.6)
    t, r, b, left = box
    scale = min(1.0, work_px / max(1, b - t))
    work = resize_by(crop, scale) if scale < 0.98 else crop
    if grey:
        work = np.repeat(cv2.cvtColor(work, cv2.COLOR_RGB2GRAY)[:, :, None], 3, axis=2)
    work = np.ascontiguousarray(work)
    rect = dlib.rectangle(round((left - ox) * scale), round((t - oy) * scale), round((r - ox) * scale),
                          round((b - oy) * scale))
    predictor = models.landmarks68()
    five_point = models.landmarks5() if five else None
    with models.dlib_lock:
        shape = predictor(work, rect)
        chip = dlib.get_face_chip(work, shape, 150, padding)
        aligned = [chip] if five_point is None else [chip, dlib.get_face_chip(work, five_point(work, rect), 150,
                                                                             padding)]
    mirrored = [np.ascontiguousarray(c[:, ::-1]) for c in aligned] if mirror else []
    return [*aligned, *mirrored, *jittered_copies(chip, jitters)]


def describe(rgb: np.ndarray, box: tuple[int, int, int, int], **variant: Any) -> list[float]:
    """The identity descriptor (128 floats) of the face in `box` (top, right, bottom, left) of the colour `rgb`."""
    from reviewer_app.matching import models

    return [float(x) for x in np.mean([models.describe(c) for c in chips(rgb, box, **variant)], axis=0)]


def from_analysis(analysis: dict | None) -> list[float] | None:
    """The live face's identity descriptor from a stored selfie analysis (`Analysis.to_dict()`), or None.

    None also when the analysis predates this descriptor or carries another version of it: the pre-score's
    encoding is never taken in its place (it is grey and blurred to the print's resolution, and not comparable).
    """
    for f in (analysis or {}).get("faces", []):
        if f.get("role") == "live" and f.get("identity") and f.get("identity_version") == VERSION:
            return [float(x) for x in f["identity"]]
    return None
