"""Is a photo in colour? The mean spread between the RGB channels over a downscaled copy.

A black-and-white photo saved as RGB (scans, phone "mono" filters, sepia excluded) has channels that differ by a
few levels at most; a colour photo of a face and a passport spreads them by tens. The threshold is in 0..255
levels.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, UnidentifiedImageError

COLOUR_SPREAD_THRESHOLD = 8.0
_THUMB = (96, 96)


def colour_spread(data: bytes) -> float | None:
    """The mean (max - min) channel spread of the image, or None when it cannot be decoded."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.mode in ("1", "L", "LA", "I", "I;16", "F"):
                return 0.0
            im.draft("RGB", _THUMB)  # fast JPEG downscale
            small = im.convert("RGB")
            small.thumbnail(_THUMB)
            arr = np.asarray(small, dtype=np.int16)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        return None
    if arr.size == 0:
        return None
    return float((arr.max(axis=2) - arr.min(axis=2)).mean())


def is_colour(data: bytes | None, threshold: float = COLOUR_SPREAD_THRESHOLD) -> bool | None:
    """True (colour), False (greyscale) or None (no image or not decodable: a person must look)."""
    if not data:
        return None
    spread = colour_spread(data)
    return None if spread is None else spread >= threshold
