"""One image → one `DocumentReading`: decode, read the zone, validate every check digit, judge the names."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from reviewer_app.documents.mrz_reader import ZoneRead, read_zone
from reviewer_app.domain.documents import INVALID, READ, UNREADABLE, DocumentReading
from reviewer_app.domain.mrz import parse

# A name cell is trusted when its template score beats the runner-up character by NAME_MARGIN and the winner
# itself fits (NAME_SCORE: a smudged or glared cell can beat its runner-up while resembling neither). Chosen on
# generated pages of seeds 10000-10399 and 20000-20199 (not the benchmark's 0-299), with the half-pixel scoring
# of the name line: wrong name cells (2/Z, B/8, 3/S, O/D) had margins up to 0.051 among cells scoring >= 0.8
# (one cell scoring 0.74 had 0.056; the reader before half-pixel scoring had 0.062 on the same pages).
# An unsure cell is not a guess: it confirms only the letter it read first, and never contradicts.
NAME_MARGIN = 0.05
NAME_SCORE = 0.8
MAX_SIDE = 2000  # larger photos are reduced first: the zone is still ~20 px per character
ROLES = ("passport_scan", "selfie_with_passport")


def decode(data: bytes) -> np.ndarray | None:
    """RGB uint8 with EXIF orientation applied, reduced to MAX_SIDE; None when it is not an image."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            im = ImageOps.exif_transpose(im).convert("RGB")
            if max(im.size) > MAX_SIDE:
                f = MAX_SIDE / max(im.size)
                im = im.resize((round(im.width * f), round(im.height * f)), Image.LANCZOS)
            return np.asarray(im)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def _reading(source: str, z: ZoneRead) -> DocumentReading:
    if z.lines is None:
        return DocumentReading(source, UNREADABLE, z.reason, timings_ms=z.timings_ms)
    l1, l2 = z.lines
    m = parse(l1.text, l2.text)
    uncertain = tuple(i for i in range(5, len(l1.text))
                      if l1.margins[i] < NAME_MARGIN or l1.scores[i] < NAME_SCORE)
    failed = [c.name for c in m.checks if not c.ok]
    corners = tuple((float(x), float(y)) for x, y in z.corners)
    return DocumentReading(source, INVALID if failed else READ,
                           ("check_digit_failed:" + ",".join(failed)) if failed else None,
                           (l1.text, l2.text), names_reliable=not uncertain, uncertain=uncertain,
                           runner_up="".join(l1.alternatives), corners=corners, timings_ms=z.timings_ms)


def read_array(rgb: np.ndarray, source: str) -> DocumentReading:
    return _reading(source, read_zone(rgb))


def read_image(data: bytes | None, source: str) -> DocumentReading | None:
    """None when there is no image; an "unreadable" reading when the bytes are not an image."""
    if not data:
        return None
    rgb = decode(data)
    if rgb is None:
        return DocumentReading(source, UNREADABLE, "not_an_image")
    return read_array(rgb, source)


def read_pack_documents(pack: Any) -> tuple[DocumentReading, ...]:
    """The readings of a pack's passport scan and selfie (the images it has)."""
    out = []
    for role in ROLES:
        r = read_image(pack.document(role), role)
        if r is not None:
            out.append(r)
    return tuple(out)
