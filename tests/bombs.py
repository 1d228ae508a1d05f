"""Image bombs built in the test: small files that decode to hundreds of megabytes (issue 23).

Both are real, decodable images, written a row or a strip at a time so that building them costs little memory.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width: int = 7070, height: int = 7070, *, bit_depth: int = 16, colour_type: int = 0) -> bytes:
    """A PNG of zeros (default 7070x7070 greyscale, 16 bits per sample: ~100 MB decoded, ~100 KB on disk).
    colour_type 0 = grey, 2 = RGB, 6 = RGBA."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour_type]
    row = b"\x00" + b"\x00" * (width * channels * bit_depth // 8)
    z = zlib.compressobj(9)
    idat = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def float_tiff_bomb(width: int = 7070, height: int = 7070) -> bytes:
    """A deflate-compressed float32 greyscale TIFF of zeros (200 MB decoded, a few hundred KB on disk)."""
    import io

    import tifffile

    side = 256
    tile = np.zeros((side, side), np.float32)
    count = -(-height // side) * -(-width // side)
    buf = io.BytesIO()
    tifffile.imwrite(buf, (tile for _ in range(count)), shape=(height, width), dtype=np.float32,
                     compression="zlib", tile=(side, side))
    return buf.getvalue()
