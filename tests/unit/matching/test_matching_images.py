"""Image loading: orientation, colour modes, limits, clear errors."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.matching import images
from reviewer_app.matching.images import ImageLoadError, is_colour, load_image


def _save(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def _colour(w=40, h=20) -> Image.Image:
    arr = np.zeros((h, w, 3), np.uint8)
    arr[:, : w // 2] = (200, 30, 30)
    arr[:, w // 2 :] = (30, 30, 200)
    return Image.fromarray(arr)


def test_exif_orientation_is_applied():
    img = _colour(40, 20)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 CW on display
    arr = load_image(_save(img, "JPEG", exif=exif.tobytes(), quality=95), "rot.jpg")
    assert arr.shape == (40, 20, 3)


@pytest.mark.parametrize("mode", ["CMYK", "RGBA", "P", "L", "LA", "1"])
def test_modes_become_rgb_uint8(mode):
    img = _colour().convert(mode)
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    arr = load_image(_save(img, fmt), f"x.{fmt.lower()}")
    assert arr.dtype == np.uint8 and arr.ndim == 3 and arr.shape[2] == 3 and arr.shape[:2] == (20, 40)


def test_16_bit_images_are_refused_not_converted():  # issue 23: 16-bit decodes cost 8x an 8-bit photo
    img = Image.fromarray((np.linspace(0, 65535, 800).reshape(20, 40)).astype(np.uint16))
    with pytest.raises(ImageLoadError, match="more than 8 bits per channel"):
        load_image(_save(img, "PNG"), "x.png")


def test_rgba_transparency_goes_white():
    img = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    arr = load_image(_save(img, "PNG"), "t.png")
    assert arr.min() == 255


def test_real_32bit_png(shared_faces):
    data = (shared_faces / "tests/test_images/32bit.png").read_bytes()
    arr = load_image(data, "32bit.png")
    assert arr.ndim == 3 and arr.shape[2] == 3


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"this is a text file, not a photo", "not an image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 50, ""),
    ],
)
def test_broken_files_give_one_clear_error(data, words):
    with pytest.raises(ImageLoadError) as ei:
        load_image(data, "applicant-selfie.jpg")
    assert isinstance(ei.value, ReviewerError)
    assert "applicant-selfie.jpg" in str(ei.value)
    assert words in str(ei.value)


def test_truncated_jpeg():
    data = _save(Image.fromarray(np.random.default_rng(1).integers(0, 255, (200, 200, 3), np.uint8)), "JPEG")
    with pytest.raises(ImageLoadError, match="corrupt or truncated"):
        load_image(data[: len(data) // 2], "half.jpg")


def test_pixel_limit(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 100)
    with pytest.raises(ImageLoadError, match="decompression bomb"):
        load_image(_save(_colour(40, 20), "PNG"), "big.png")


def test_file_size_limit(monkeypatch):
    monkeypatch.setattr(images, "MAX_FILE_BYTES", 10)
    with pytest.raises(ImageLoadError, match="limit"):
        load_image(_save(_colour(), "PNG"), "big.png")


def test_is_colour(hopper):
    assert is_colour(hopper.image)
    grey = np.repeat(hopper.image.mean(axis=2, keepdims=True).astype(np.uint8), 3, axis=2)
    assert not is_colour(grey)
