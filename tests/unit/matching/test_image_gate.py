"""The one image gate (issue 23, item 3): decoded bytes, not pixels. Bombs under the pixel limit are refused
from the header alone, naming the file and the problem."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from reviewer_app.config import load_settings
from reviewer_app.matching.images import ImageLoadError, check_image, load_image, thumbnail
from tests.bombs import float_tiff_bomb, png_bomb


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize("decode", [check_image, load_image, thumbnail])
def test_a_16_bit_png_under_the_pixel_limit_is_refused_by_every_decode(decode):
    bomb = png_bomb()  # 7070 x 7070 x 16 bit: 50 megapixels, under the 50 MP pixel limit; ~100 KB
    assert len(bomb) < 200_000
    with pytest.raises(ImageLoadError) as ei:
        decode(bomb, "selfie.png")
    assert "selfie.png" in str(ei.value)
    assert "more than 8 bits per channel" in ei.value.problem


def test_a_16_bit_colour_png_is_refused_though_it_opens_as_rgb():
    with pytest.raises(ImageLoadError, match="more than 8 bits per channel"):
        check_image(png_bomb(64, 64, colour_type=2), "small16.png")


def test_a_float_tiff_is_refused_as_a_kind_we_do_not_take():
    bomb = float_tiff_bomb()
    assert len(bomb) < 1_000_000
    with pytest.raises(ImageLoadError) as ei:
        load_image(bomb, "scan.tif")
    assert "TIFF" in ei.value.problem and "only JPEG and PNG" in ei.value.problem


@pytest.mark.parametrize("fmt", ["TIFF", "BMP", "GIF", "WEBP"])
def test_only_jpeg_and_png_are_accepted(fmt):
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 200, 10)).save(buf, fmt)
    with pytest.raises(ImageLoadError, match=f"the image is {fmt}; only JPEG and PNG"):
        check_image(buf.getvalue(), "x.img")


def test_an_8_bit_png_over_the_decoded_limit_is_refused_by_its_decoded_size():
    bomb = png_bomb(7070, 7070, bit_depth=8, colour_type=2)  # 150 MB decoded
    with pytest.raises(ImageLoadError) as ei:
        load_image(bomb, "selfie.png")
    assert "150 MB decoded; the limit is 120 MB" in ei.value.problem


def test_greyscale_counts_as_the_rgb_copy_it_becomes():
    with pytest.raises(ImageLoadError, match="7070x7070 and would take 150 MB decoded"):
        check_image(png_bomb(7070, 7070, bit_depth=8, colour_type=0), "grey.png")


def test_the_limit_is_a_setting():
    data = _png(Image.new("RGB", (1000, 1000), (1, 2, 3)))  # 3 MB decoded
    check_image(data, "ok.png")  # the default takes it
    settings = load_settings(env={"REVIEWER_IMAGE_MAX_DECODED_MB": "2"})
    assert settings.image_max_decoded_bytes == 2_000_000
    with pytest.raises(ImageLoadError, match="3 MB decoded; the limit is 2 MB"):
        check_image(data, "ok.png", max_decoded_bytes=settings.image_max_decoded_bytes)


def test_ordinary_photos_pass():
    for mode in ("RGB", "RGBA", "L", "P", "LA", "1"):
        arr = load_image(_png(Image.new(mode, (40, 30))), f"{mode}.png")
        assert arr.shape == (30, 40, 3)
    buf = io.BytesIO()
    Image.new("CMYK", (40, 30)).save(buf, "JPEG")
    assert load_image(buf.getvalue(), "cmyk.jpg").shape == (30, 40, 3)
