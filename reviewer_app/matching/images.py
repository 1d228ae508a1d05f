"""Robust image loading for the face pre-score.

`load_image(data, name)` turns uploaded bytes into an RGB ``uint8`` numpy array of shape (h, w, 3):
EXIF orientation applied, CMYK / RGBA / LA / palette / greyscale images converted. Every decode passes
`open_image`, the one gate: it reads only the header and refuses by file size, pixel count, decoded size
(width x height x channels x bytes per sample), more than 8 bits per channel, float samples and any kind other
than JPEG and PNG, before a single pixel is decoded. Anything refused or undecodable raises `ImageLoadError` with
a message naming the file and the problem.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import struct
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from reviewer_app.domain.errors import ReviewerError

#: Largest accepted upload (bytes). A 12-megapixel phone JPEG is 3-8 MB; a PNG of the same up to ~36 MB.
MAX_FILE_BYTES = 40 * 1024 * 1024
#: Largest accepted image (pixels). 50 MP covers every phone camera; more is treated as a decompression bomb.
MAX_PIXELS = 50_000_000
#: Largest decoded image (bytes, counted as the RGB copy every consumer makes: at least 3 channels of 1 byte).
#: A 12 MP phone photo is 36 MB decoded; 120 MB is 40 MP. The `image_max_decoded_mb` setting overrides it.
MAX_DECODED_BYTES = 120 * 1000 * 1000
#: Image kinds a pack may carry (docs/intake-format.md: phone photos and scans). MPO is the JPEG some phones
#: write (a JPEG with a second picture appended); only its first picture is read.
ACCEPTED_FORMATS = ("JPEG", "MPO", "PNG")
#: Pillow modes of 8 bits per channel; "I;16*" (16-bit), "I" (32-bit) and "F" (float) are refused.
_EIGHT_BIT_MODES = {"1": 1, "L": 1, "LA": 2, "P": 3, "PA": 4, "RGB": 3, "RGBA": 4, "CMYK": 4, "YCbCr": 3}
#: A PNG of 16 bits per channel opens as "RGB"/"RGBA"/"LA" with a raw mode naming the wider samples.
_WIDE_RAWMODE = re.compile(r";(16|32)")


class ImageLoadError(ReviewerError):
    """An image cannot be read: corrupt, not an image, too large, or an unsupported format."""

    code = "image_unreadable"

    def __init__(self, name: str, problem: str):
        self.name = name
        self.problem = problem
        super().__init__(f"cannot read image {name!r}: {problem}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _to_rgb(img: Image.Image, name: str) -> np.ndarray:
    mode = img.mode
    if mode == "P":
        img = img.convert("RGBA") if "transparency" in img.info else img.convert("RGB")
        mode = img.mode
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(background, rgba)
    if img.mode == "CMYK":
        img = img.convert("RGB")  # PIL handles Adobe's inverted CMYK JPEGs
    if img.mode != "RGB":
        img = img.convert("RGB")
    arr = np.asarray(img)
    if arr.dtype != np.uint8 or arr.ndim != 3 or arr.shape[2] != 3:
        raise ImageLoadError(name, f"unsupported pixel layout {arr.dtype} {arr.shape}")
    return np.ascontiguousarray(arr)


def _raw_mode(img: Image.Image) -> str:
    """The decoder's raw mode of the first tile ("RGB;16B" for a 16-bit PNG), or "" when there is none."""
    tile = getattr(img, "tile", None) or ()
    if not tile:
        return ""
    args = tile[0][3]
    if isinstance(args, str):
        return args
    return args[0] if isinstance(args, tuple) and args and isinstance(args[0], str) else ""


def check_header(img: Image.Image, name: str, max_decoded_bytes: int | None = None) -> None:
    """Refuse, from the header alone (Pillow opens lazily: nothing is decoded yet), what would cost more to
    decode than a photo should: a kind other than JPEG/PNG, more than 8 bits per channel or float samples,
    more than `MAX_PIXELS` pixels, or more than `max_decoded_bytes` (default `MAX_DECODED_BYTES`) decoded."""
    limit = MAX_DECODED_BYTES if max_decoded_bytes is None else max_decoded_bytes
    kind = img.format or "unknown"
    if kind not in ACCEPTED_FORMATS:
        raise ImageLoadError(name, f"the image is {kind}; only JPEG and PNG photos are accepted")
    w, h = img.size
    if w <= 0 or h <= 0:
        raise ImageLoadError(name, "the image has no pixels")
    channels = _EIGHT_BIT_MODES.get(img.mode)
    if channels is None or _WIDE_RAWMODE.search(_raw_mode(img)):
        what = "floating-point samples" if img.mode.startswith("F") else "more than 8 bits per channel"
        raise ImageLoadError(name, f"the image has {what} (mode {img.mode}); only 8-bit photos are accepted")
    if w * h > MAX_PIXELS:
        raise ImageLoadError(
            name, f"the image is {w}x{h} = {w * h / 1e6:.0f} megapixels; the limit is "
            f"{MAX_PIXELS / 1e6:.0f} (possible decompression bomb)"
        )
    decoded = w * h * max(channels, 3)
    if decoded > limit:
        raise ImageLoadError(
            name, f"the image is {w}x{h} and would take {decoded / 1e6:.0f} MB decoded; the limit is "
            f"{limit / 1e6:.0f} MB (possible decompression bomb)"
        )


@contextmanager
def open_image(data: bytes | None, name: str, *, max_decoded_bytes: int | None = None) -> Iterator[Image.Image]:
    """The one image gate: every decode in the product opens its bytes here.

    Refuses empty and oversized files, then whatever `check_header` refuses, from the header alone (before any
    pixel is decoded); turns PIL's decompression-bomb warning into an error, and maps every decoder failure to
    `ImageLoadError` naming the file. Inside the block the caller may `draft`, `load` and convert the image.
    """
    if data is None or len(data) == 0:
        raise ImageLoadError(name, "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise ImageLoadError(
            name, f"the file is {len(data) / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                check_header(img, name, max_decoded_bytes)
                if getattr(img, "n_frames", 1) > 1:
                    img.seek(0)  # first frame of a multi-page TIFF / animated image
                yield img
    except ImageLoadError:
        raise
    except UnidentifiedImageError:
        raise ImageLoadError(name, "not an image, or an unsupported image format") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageLoadError(name, f"too many pixels (possible decompression bomb): {exc}") from None
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError, struct.error, IndexError,
            TypeError, ZeroDivisionError) as exc:
        # Pillow's decoders raise a zoo of exceptions on hostile input; all of them mean "not a usable image".
        raise ImageLoadError(name, f"the file is corrupt or truncated ({type(exc).__name__})") from None


def check_image(data: bytes | None, name: str, *, max_decoded_bytes: int | None = None) -> None:
    """Pass the bytes through the gate without decoding a pixel; raises `ImageLoadError` naming the problem."""
    with open_image(data, name, max_decoded_bytes=max_decoded_bytes):
        pass


def load_image(data: bytes, name: str, *, min_side: int | None = None,
               max_decoded_bytes: int | None = None) -> np.ndarray:
    """Decode image bytes to an RGB uint8 array (h, w, 3), EXIF orientation applied.

    With `min_side`, a JPEG whose long side is at least twice that is decoded at 1/2, 1/4 or 1/8 scale (libjpeg's
    DCT scaling, several times faster than a full decode), keeping the long side at least `min_side`: the array is
    then smaller than the photo (see `load_image_sized` for the photo's own size).
    Raises `ImageLoadError` (a `ReviewerError`) for empty, oversized, corrupt or non-image input.
    """
    return load_image_sized(data, name, min_side=min_side, max_decoded_bytes=max_decoded_bytes)[0]


def load_image_sized(
    data: bytes, name: str, *, min_side: int | None = None, max_decoded_bytes: int | None = None
) -> tuple[np.ndarray, tuple[int, int]]:
    """`load_image`, and the photo's own (width, height) with EXIF orientation applied.

    The size is that of the full-scale photo even when the array was decoded at reduced scale: whatever is found
    in the array is mapped back to the photo's pixels with it (the review screen draws on the full-size photo).
    """
    with open_image(data, name, max_decoded_bytes=max_decoded_bytes) as img:
        w, h = img.size
        # EXIF orientations 5-8 turn the photo by 90 degrees: its own width and height swap.
        turned = img.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        size = (h, w) if turned else (w, h)
        if min_side and img.format == "JPEG" and max(w, h) >= 2 * min_side:
            k = max(w, h) / min_side  # draft() picks the largest reduction keeping at least the asked size
            img.draft("RGB", (math.ceil(w / k), math.ceil(h / k)))
        img.load()
        return _to_rgb(ImageOps.exif_transpose(img), name), size


def thumbnail(data: bytes, name: str, size: tuple[int, int] = (96, 96), *,
              max_decoded_bytes: int | None = None) -> Image.Image:
    """A small RGB copy, decoded through the gate (JPEGs at reduced DCT scale). Proves the file decodes."""
    with open_image(data, name, max_decoded_bytes=max_decoded_bytes) as img:
        if img.mode in ("1", "L", "LA"):
            img.load()
            return img.convert("L").convert("RGB")
        img.draft("RGB", size)  # fast JPEG downscale
        small = img.convert("RGB")
        small.thumbnail(size)
        return small


def is_colour(rgb: np.ndarray, *, threshold: float = 6.0) -> bool:
    """True when the image has real colour (not greyscale, sepia-free black-and-white or nearly so).

    Measures chroma as the mean absolute deviation of the channels from their mean on a downscaled copy,
    ignoring near-black and near-white pixels; a black-and-white photo saved as RGB scores below ~2.
    """
    arr = np.asarray(rgb)
    if arr.ndim != 3 or arr.shape[2] < 3:
        return False
    step = max(1, int(max(arr.shape[:2]) // 256))
    small = arr[::step, ::step, :3].astype(np.float32)
    mean = small.mean(axis=2, keepdims=True)
    chroma = np.abs(small - mean).mean(axis=2)
    lum = mean[:, :, 0]
    mask = (lum > 20) & (lum < 235)
    values = chroma[mask] if mask.sum() > 100 else chroma.ravel()
    # The 90th percentile: a colour photo has clearly coloured regions (skin, clothes) even if mostly grey.
    return float(np.percentile(values, 90)) >= threshold


def document_problems(documents: Mapping[str, str], files: Mapping[str, bytes], *, max_decoded_bytes: int | None,
                      decode: bool) -> list[tuple[str, str, str]]:
    """(role, file name, problem) for every document of a pack the image gate refuses; files the pack lacks are
    the pack reader's to report. `decode`: also decode each image (intake stores only what decodes), else the
    header check alone (`check` answers fast)."""
    problems = []
    for role, name in documents.items():
        data = files.get(name)
        if data is None:
            continue
        try:
            if decode:
                thumbnail(data, name, max_decoded_bytes=max_decoded_bytes)
            else:
                check_image(data, name, max_decoded_bytes=max_decoded_bytes)
        except ImageLoadError as exc:
            problems.append((role, name, exc.problem))
    return problems
