from __future__ import annotations

import io

from PIL import Image

from reviewer_app.matching.colour import colour_spread, is_colour


def _img(mode, colour, fmt="PNG"):
    buf = io.BytesIO()
    Image.new(mode, (300, 200), colour).save(buf, fmt)
    return buf.getvalue()


def test_colour_detection():
    assert is_colour(_img("RGB", (200, 40, 40), "JPEG")) is True
    assert is_colour(_img("RGB", (128, 128, 128), "JPEG")) is False
    assert is_colour(_img("L", 128)) is False
    assert is_colour(_img("RGBA", (20, 200, 20, 255))) is True
    assert is_colour(b"not an image") is None
    assert is_colour(None) is None
    assert colour_spread(_img("RGB", (10, 10, 10))) == 0.0
