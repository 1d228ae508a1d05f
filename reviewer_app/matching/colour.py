"""Is a photo in colour? The mean spread between the RGB channels over a downscaled copy.

A black-and-white photo saved as RGB (scans, phone "mono" filters, sepia excluded) has channels that differ by a
few levels at most; a colour photo of a face and a passport spreads them by tens. The threshold is in 0..255
levels. The image is decoded through the one gate (`matching.images.open_image`), so a decompression bomb is
refused here as everywhere else.
"""

from __future__ import annotations

import numpy as np

from reviewer_app.matching.images import ImageLoadError, thumbnail

COLOUR_SPREAD_THRESHOLD = 8.0
_THUMB = (96, 96)


def colour_spread(data: bytes, name: str = "image") -> float | None:
    """The mean (max - min) channel spread of the image, or None when it cannot be decoded (or is too large)."""
    try:
        arr = np.asarray(thumbnail(data, name, _THUMB), dtype=np.int16)
    except ImageLoadError:
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
