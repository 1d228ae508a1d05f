"""Find the machine-readable zone in a photo or scan, straighten it and read it (OpenCV + NumPy only).

Why a template reader and not a general OCR engine: the zone's font is fixed by ICAO 9303 (OCR-B, 10 characters
per inch, 37 characters) and its layout is fixed (two lines of 44 cells), so a reader that knows both is small,
fast and installs from PyPI with nothing to download: the templates are rendered at first use from the OCR-B
font shipped in `fonts/` (public domain), not taken from any generated page. The general engines tried on the
same generated pages (see docs/documents.md) were slower and dropped or merged runs of '<'.

Steps:
1. Locate: dark text on light paper, joined by morphology into line-shaped blobs; the two longest parallel
   blobs of MRZ proportions are the zone (any rotation; perspective is taken out by the next step).
2. Straighten: the zone's four corners (from the two lines' fitted edges) are warped to a flat band.
3. Read each line: every template is matched along the line (normalised cross-correlation), then the 44 cell
   positions are chosen together (dynamic programming over the pitch), then each cell takes the best character
   allowed at that position of the Russian TD3 layout. Each cell keeps its score and its margin over the
   runner-up.
4. The caller validates the check digits (`reviewer_app.domain.mrz`); the names, which have none, are trusted
   only when every cell's margin is clear.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from reviewer_app.domain.mrz import ALPHABET, LINE_LENGTH, parse

FONT_PATH = Path(__file__).with_name("fonts") / "OCRB.otf"
PITCH = 16  # template cell width in pixels (the zone is read at this pitch)
GLYPH_H = 22  # template height: the tallest glyph plus a margin, at the same scale as the width
SLACK = 3  # vertical search either side of the expected line position

DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NAME_CHARS = LETTERS + "2346789<"  # the Russian table writes ё ч ш э ю я ь as digits


def allowed(line: int, pos: int) -> str:
    """The characters the Russian internal passport's TD3 layout allows at (line, position)."""
    if line == 0:
        if pos < 5:
            return "PNRUS"[pos]  # fixed by the form (the check digits prove the zone is one)
        return NAME_CHARS
    if pos < 10 or 13 <= pos < 20 or pos == 43:
        return DIGITS
    if 10 <= pos < 13:
        return "RUS"[pos - 10]
    if pos == 20:
        return "MF<"
    if 21 <= pos < 28 or pos == 41:
        return "<"  # no expiry date on this passport; the optional data's filler
    return DIGITS  # optional data: series digit, issue date, division code (28-40); its check digit (42)


@lru_cache(maxsize=1)
def templates() -> np.ndarray:
    """(variants, 37, GLYPH_H, PITCH) float32 glyph templates rendered from OCR-B: regular and heavier print
    (zones are printed with different inks and toners), each sharp and lightly blurred."""
    size = 100
    font = ImageFont.truetype(str(FONT_PATH), size)
    adv = font.getlength("<")
    top = min(font.getbbox(c, anchor="ls")[1] for c in ALPHABET)  # tallest glyph, relative to the baseline
    variants = []
    for weight in (0, 3):
        cells = []
        for ch in ALPHABET:
            w, h = round(adv), round(GLYPH_H * adv / PITCH)
            margin = (h + top) / 2  # the glyph box centred vertically
            img = Image.new("L", (w, h), 255)
            ImageDraw.Draw(img).text((0, h - margin), ch, font=font, fill=0, anchor="ls", stroke_width=weight,
                                     stroke_fill=0)
            cells.append(cv2.resize(np.asarray(img, np.float32), (PITCH, GLYPH_H), interpolation=cv2.INTER_AREA))
        variants.append(np.stack(cells))
        variants.append(np.stack([cv2.GaussianBlur(c, (0, 0), 1.0) for c in cells]))
    return np.stack(variants)


@dataclass(frozen=True)
class LineRead:
    text: str
    scores: tuple[float, ...]  # the winner's correlation per cell
    margins: tuple[float, ...]  # winner minus runner-up (among allowed characters) per cell
    alternatives: tuple[str, ...]  # the runner-up per cell


@dataclass
class ZoneRead:
    lines: tuple[LineRead, LineRead] | None
    reason: str | None = None  # why nothing was read ("no_zone_found", "lines_not_separated", ...)
    corners: list[list[float]] = field(default_factory=list)  # the zone's quad in the input image
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """Every check digit of line 2 holds."""
        if self.lines is None:
            return False
        return parse(self.lines[0].text, self.lines[1].text).valid


# --- 1. locate -----------------------------------------------------------------------------------------------


def _line_blobs(gray: np.ndarray, turn: float = 0.0) -> list[tuple[float, float, float, float, float]]:
    """Dark, thin, long runs of print: (cx, cy, length, thickness, angle in degrees) in `gray` pixels.

    The morphology joins characters along the horizontal, so a tilted zone is looked for in the image turned
    by `turn` degrees (the blobs are turned back)."""
    h, w = gray.shape
    scale = min(1.0, 900 / max(h, w))
    small = cv2.resize(gray, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 \
        else gray
    back = None
    if turn:
        sh, sw = small.shape
        m = cv2.getRotationMatrix2D((sw / 2, sh / 2), turn, 1.0)
        small = cv2.warpAffine(small, m, (sw, sh), borderMode=cv2.BORDER_REPLICATE)
        back = cv2.invertAffineTransform(m)
    k = max(3, round(min(small.shape) / 60))
    blackhat = cv2.morphologyEx(small, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (k * 3, k)))
    thr, _ = cv2.threshold(blackhat, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    _, bw = cv2.threshold(blackhat, max(thr, 30), 255, cv2.THRESH_BINARY)
    bw = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    contours, _ = cv2.findContours(bw, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    blobs = []
    for c in contours:
        if len(c) < 5:
            continue
        (cx, cy), (rw, rh), ang = cv2.minAreaRect(c)
        if rw < rh:
            rw, rh, ang = rh, rw, ang + 90
        ang = (ang + 90) % 180 - 90
        if rw < small.shape[1] * 0.12 or rh < 2 or not 10 <= rw / rh <= 80 or abs(ang) > 45:
            continue
        if back is not None:
            cx, cy = back @ np.array([cx, cy, 1.0])
            ang = ang + turn
        blobs.append((cx / scale, cy / scale, rw / scale, rh / scale, ang))
    return blobs


def _candidates(gray: np.ndarray, turn: float = 0.0) -> list[np.ndarray]:
    """Quads (4x2, TL TR BR BL in `gray` pixels) around two parallel lines of equal length, best first."""
    blobs = _line_blobs(gray, turn)
    pairs = []
    for a in blobs:
        for b in blobs:
            if a is b or b[1] <= a[1]:
                continue
            if abs(a[4] - b[4]) > 6 or not 0.8 <= a[2] / b[2] <= 1.25:
                continue
            t = np.radians((a[4] + b[4]) / 2)
            u = np.array([np.cos(t), np.sin(t)])  # along the lines
            n = np.array([-u[1], u[0]])  # down the page
            d = np.array([b[0] - a[0], b[1] - a[1]])
            gap, shift = float(d @ n), float(d @ u)
            th = (a[3] + b[3]) / 2
            if not 1.2 * th <= gap <= 4.0 * th or abs(shift) > 0.1 * max(a[2], b[2]):
                continue
            pairs.append((min(a[2], b[2]), a, b, u, n))
    pairs.sort(key=lambda p: -p[0])
    quads = []
    for _, a, b, _u, _n in pairs[:4]:
        quads.append(np.array([_end(a, -1, -1), _end(a, 1, -1), _end(b, 1, 1), _end(b, -1, 1)], np.float32))
    return quads


def _end(blob: tuple[float, float, float, float, float], along: int, across: int) -> np.ndarray:
    """A corner of a line blob: along = -1 left / +1 right, across = -1 top / +1 bottom."""
    cx, cy, length, thick, ang = blob
    t = np.radians(ang)
    u = np.array([np.cos(t), np.sin(t)])
    n = np.array([-u[1], u[0]])
    return np.array([cx, cy]) + u * along * length / 2 + n * across * thick / 2


# --- 2. straighten ---------------------------------------------------------------------------------------------


def _flatten(gray: np.ndarray, quad: np.ndarray, pad: float = 0.25) -> np.ndarray:
    """Warp the quad (grown by `pad` of its height) to a band whose cell pitch is about PITCH pixels."""
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    ux = (tr - tl + br - bl) / 2 / max(width, 1)
    uy = (bl - tl + br - tr) / 2 / max(height, 1)
    grow_x, grow_y = 0.04 * width, pad * height
    src = np.array([tl - ux * grow_x - uy * grow_y, tr + ux * grow_x - uy * grow_y,
                    br + ux * grow_x + uy * grow_y, bl - ux * grow_x + uy * grow_y], np.float32)
    out_w = round((width + 2 * grow_x) * (PITCH * LINE_LENGTH) / max(width, 1))
    out_h = round((height + 2 * grow_y) * out_w / (width + 2 * grow_x))
    dst = np.array([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]], np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(gray, m, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _ink(band: np.ndarray) -> np.ndarray:
    """1 where there is print: the band divided by its local background (takes out glare), then Otsu."""
    bg = cv2.morphologyEx(band, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (31, 31)))
    norm = np.clip(band.astype(np.float32) / np.maximum(bg.astype(np.float32), 1) * 255, 0, 255).astype(np.uint8)
    _, bw = cv2.threshold(norm, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return bw


def _deskew(band: np.ndarray) -> np.ndarray:
    """The small residual rotation that makes the rows of ink sharpest (±4 degrees)."""
    ink = _ink(band).astype(np.float32)
    h, w = ink.shape
    best, best_a = -1.0, 0.0
    for a in np.arange(-4, 4.01, 0.5):
        m = cv2.getRotationMatrix2D((w / 2, h / 2), a, 1.0)
        prof = cv2.warpAffine(ink, m, (w, h)).sum(axis=1)
        score = float((prof ** 2).sum())
        if score > best:
            best, best_a = score, a
    if best_a == 0:
        return band
    m = cv2.getRotationMatrix2D((w / 2, h / 2), best_a, 1.0)
    return cv2.warpAffine(band, m, (w, h), borderMode=cv2.BORDER_REPLICATE)


def _rows(ink: np.ndarray) -> list[tuple[int, int]]:
    """Row ranges of the text lines (runs where the row has a fair share of ink)."""
    prof = ink.sum(axis=1).astype(np.float32)
    on = prof > max(prof.max() * 0.25, 3)
    runs, start = [], None
    for y, v in enumerate(on):
        if v and start is None:
            start = y
        elif not v and start is not None:
            runs.append((start, y))
            start = None
    if start is not None:
        runs.append((start, len(on)))
    return [r for r in runs if r[1] - r[0] >= 4]


# --- 3. read a line ----------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _template_matrix() -> np.ndarray:
    """Every template as a zero-mean, unit-norm row: (variants * 37, GLYPH_H * PITCH) float32."""
    t = templates().reshape(-1, GLYPH_H * PITCH).astype(np.float32)
    t = t - t.mean(axis=1, keepdims=True)
    return np.ascontiguousarray(t / np.linalg.norm(t, axis=1, keepdims=True))


def _correlate(strip: np.ndarray) -> np.ndarray:
    """(37, x positions): the best normalised correlation of each character at each x, over the vertical slack
    and the print variants. One matrix product for all templates (what cv2.matchTemplate computes one by one)."""
    win = np.lib.stride_tricks.sliding_window_view(strip, (GLYPH_H, PITCH))  # (ny, nx, GLYPH_H, PITCH)
    ny, nx = win.shape[:2]
    patches = win.reshape(ny * nx, GLYPH_H * PITCH)
    mean = patches.mean(axis=1, keepdims=True)
    norm = np.sqrt(np.maximum((patches * patches).sum(axis=1) - GLYPH_H * PITCH * mean[:, 0] ** 2, 1e-6))
    corr = (patches @ _template_matrix().T) / norm[:, None]  # templates are zero-mean: the patch mean drops out
    corr = corr.reshape(ny, nx, -1).max(axis=0)  # best vertical offset
    return corr.reshape(nx, -1, len(ALPHABET)).max(axis=1).T  # best print variant


SUBPIXEL = ((0.5, 0.0), (0.0, 0.5), (0.5, 0.5))  # extra half-pixel shifts of a name line (cells are ~16 px)


def _shifted(strip: np.ndarray, dx: float, dy: float) -> np.ndarray:
    m = np.float32([[1, 0, dx], [0, 1, dy]])
    return cv2.warpAffine(strip, m, (strip.shape[1], strip.shape[0]), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)


def _read_line(band: np.ndarray, rows: tuple[int, int], line_no: int) -> LineRead | None:
    y0, y1 = rows
    ink = _ink(band[y0:y1])
    cols = np.nonzero(ink.sum(axis=0) >= 1)[0]
    if len(cols) < 10:
        return None
    x_left, x_right = int(cols[0]), int(cols[-1]) + 1
    pitch = (x_right - x_left) / (LINE_LENGTH - 0.25)
    scale = PITCH / pitch
    glyph_h = (y1 - y0) * scale
    cy = (y0 + y1) / 2
    half = GLYPH_H / 2 + SLACK
    top, bottom = cy - half / scale, cy + half / scale
    x0, x1 = x_left - pitch, x_right + pitch
    src = np.array([[x0, top], [x1, top], [x1, bottom]], np.float32)
    out_w, out_h = round((x1 - x0) * scale), round(2 * half)
    dst = np.array([[0, 0], [out_w, 0], [out_w, out_h]], np.float32)
    strip = cv2.warpAffine(band, cv2.getAffineTransform(src, dst), (out_w, out_h), flags=cv2.INTER_AREA,
                           borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
    if not 0.5 * GLYPH_H <= glyph_h <= 1.4 * GLYPH_H:
        return None
    scores = _correlate(strip)
    width = scores.shape[1]
    best = scores.max(axis=0)
    # choose 44 positions together: each step is one pitch (±15%)
    steps = range(round(PITCH * 0.85), round(PITCH * 1.15) + 1)
    dp = best.copy()
    back = np.zeros((LINE_LENGTH, width), np.int32)
    for k in range(1, LINE_LENGTH):
        prev = np.full(width, -1e9, np.float32)
        arg = np.zeros(width, np.int32)
        for s in steps:
            cand = np.full(width, -1e9, np.float32)
            cand[s:] = dp[:-s]
            better = cand > prev
            prev = np.where(better, cand, prev)
            arg = np.where(better, s, arg)
        dp = prev + best
        back[k] = arg
    pos = [int(np.argmax(dp))]
    for k in range(LINE_LENGTH - 1, 0, -1):
        pos.append(pos[-1] - int(back[k][pos[-1]]))
    pos.reverse()
    if pos[0] < 0:
        return None
    if line_no == 0:
        # the names have no check digit: score each cell also half a pixel off the integer grid, so that a
        # glyph straddling two pixels is compared with its templates aligned (the cell positions stay as chosen)
        for dx, dy in SUBPIXEL:
            scores = np.maximum(scores, _correlate(_shifted(strip, dx, dy)))
    text, sc, mg, alt = [], [], [], []
    index = {c: i for i, c in enumerate(ALPHABET)}
    for k, x in enumerate(pos):
        chars = allowed(line_no, k)
        lo, hi = max(0, x - 1), min(width, x + 2)
        vals = sorted(((float(scores[index[c], lo:hi].max()), c) for c in chars), reverse=True)
        text.append(vals[0][1])
        sc.append(vals[0][0])
        mg.append(vals[0][0] - (vals[1][0] if len(vals) > 1 else -1.0))
        alt.append(vals[1][1] if len(vals) > 1 else vals[0][1])
    # '<' and '0' weigh the same in a check digit: a digit field read as '<' (or a filler read as a digit) would
    # pass them. The layout above never allows both in one cell, so the check digits stay a real guard.
    return LineRead("".join(text), tuple(sc), tuple(mg), tuple(alt))


def read_zone(rgb_or_gray: np.ndarray) -> ZoneRead:
    """Find and read the zone in a photo or scan (RGB or grey uint8). Never guesses: see `ZoneRead.reason`."""
    t0 = time.perf_counter()
    gray = cv2.cvtColor(rgb_or_gray, cv2.COLOR_RGB2GRAY) if rgb_or_gray.ndim == 3 else rgb_or_gray
    timings: dict[str, float] = {}
    reason = "no_zone_found"
    best: ZoneRead | None = None
    for turn in (0.0, 14.0, -14.0):  # a zone tilted by more than ~10 degrees is found in a turned image
        quads = _candidates(gray, turn)
        found = _read_quads(gray, quads)
        if isinstance(found, ZoneRead):
            if found.valid:
                best = found
                break
            best = best or found
        elif quads:
            reason = found
    timings["total"] = (time.perf_counter() - t0) * 1000
    if best is not None:
        best.timings_ms = timings
        return best
    return ZoneRead(None, reason, timings_ms=timings)


def _read_quads(gray: np.ndarray, quads: list[np.ndarray]) -> ZoneRead | str:
    """The first quad read as a Russian zone (valid check digits preferred), or why none was."""
    reason = "lines_not_separated"
    first: ZoneRead | None = None
    for quad in quads:
        band = _deskew(_flatten(gray, quad))
        rows = _rows(_ink(band))
        if len(rows) < 2:
            continue
        rows = sorted(sorted(rows, key=lambda r: r[0] - r[1])[:2])  # the two tallest runs, top to bottom
        lines = (_read_line(band, rows[0], 0), _read_line(band, rows[1], 1))
        if lines[0] is None or lines[1] is None:
            reason = "characters_not_found"
            continue
        z = ZoneRead((lines[0], lines[1]), None, quad.tolist())
        if z.valid:  # four check digits over 30 cells: no other text passes them by chance
            return z
        if min(lines[1].scores[10:13] + lines[0].scores[0:5]) < 0.3:  # no "PNRUS ... RUS" printed there
            reason = "not_a_russian_zone"
            continue
        first = first or z
    return first if first is not None else reason
