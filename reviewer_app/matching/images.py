"""Robust image loading for the face pre-score.

`load_image(data, name)` turns uploaded bytes into an RGB ``uint8`` numpy array of shape (h, w, 3):
EXIF orientation applied, CMYK / RGBA / LA / palette / greyscale / 16-bit / float images converted, with limits
on file size and pixel count (decompression bombs). Anything that cannot be decoded raises `ImageLoadError` with
a message naming the file and the problem.
"""

from __future__ import annotations

import hashlib
import io
import math
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from reviewer_app.domain.errors import ReviewerError

#: Largest accepted upload (bytes). A 12-megapixel phone JPEG is 3-8 MB; a PNG of the same up to ~36 MB.
MAX_FILE_BYTES = 40 * 1024 * 1024
#: Largest accepted image (pixels). 50 MP covers every phone camera; more is treated as a decompression bomb.
MAX_PIXELS = 50_000_000


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
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(img, dtype=np.float64)
        hi = float(arr.max()) if arr.size else 0.0
        if mode.startswith("I;16"):
            scale = 65535.0
        elif hi <= 255.0:
            scale = 255.0
        elif hi <= 65535.0:
            scale = 65535.0
        else:
            scale = hi
        grey = np.clip(arr / max(scale, 1e-9) * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return np.repeat(grey[:, :, None], 3, axis=2)
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


@contextmanager
def open_image(data: bytes | None, name: str) -> Iterator[Image.Image]:
    """The one image gate: every decode in the product opens its bytes here.

    Refuses empty and oversized files and images above `MAX_PIXELS` from the header alone (before any pixel is
    decoded), turns PIL's decompression-bomb warning into an error, and maps every decoder failure to
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
                w, h = img.size
                if w <= 0 or h <= 0:
                    raise ImageLoadError(name, "the image has no pixels")
                if w * h > MAX_PIXELS:
                    raise ImageLoadError(
                        name, f"the image is {w}x{h} = {w * h / 1e6:.0f} megapixels; the limit is "
                        f"{MAX_PIXELS / 1e6:.0f} (possible decompression bomb)"
                    )
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


def load_image(data: bytes, name: str, *, min_side: int | None = None) -> np.ndarray:
    """Decode image bytes to an RGB uint8 array (h, w, 3), EXIF orientation applied.

    With `min_side`, a JPEG whose long side is at least twice that is decoded at 1/2, 1/4 or 1/8 scale (libjpeg's
    DCT scaling, several times faster than a full decode), keeping the long side at least `min_side`: the array is
    then smaller than the photo (see `load_image_sized` for the photo's own size).
    Raises `ImageLoadError` (a `ReviewerError`) for empty, oversized, corrupt or non-image input.
    """
    return load_image_sized(data, name, min_side=min_side)[0]


def load_image_sized(
    data: bytes, name: str, *, min_side: int | None = None
) -> tuple[np.ndarray, tuple[int, int]]:
    """`load_image`, and the photo's own (width, height) with EXIF orientation applied.

    The size is that of the full-scale photo even when the array was decoded at reduced scale: whatever is found
    in the array is mapped back to the photo's pixels with it (the review screen draws on the full-size photo).
    """
    with open_image(data, name) as img:
        w, h = img.size
        # EXIF orientations 5-8 turn the photo by 90 degrees: its own width and height swap.
        turned = img.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        size = (h, w) if turned else (w, h)
        if min_side and img.format == "JPEG" and max(w, h) >= 2 * min_side:
            k = max(w, h) / min_side  # draft() picks the largest reduction keeping at least the asked size
            img.draft("RGB", (math.ceil(w / k), math.ceil(h / k)))
        img.load()
        return _to_rgb(ImageOps.exif_transpose(img), name), size


def thumbnail(data: bytes, name: str, size: tuple[int, int] = (96, 96)) -> Image.Image:
    """A small RGB copy, decoded through the gate (JPEGs at reduced DCT scale). Proves the file decodes."""
    with open_image(data, name) as img:
        if img.mode in ("1", "L", "LA", "I", "I;16", "F"):
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
