"""Finding, choosing, straightening and encoding the faces of one image.

Selfie (`analyse_selfie`):

1. Detect on a downscaled copy (long side `DETECT_SIDE`, searched at 5/6 of it: one HOG pyramid step less,
   faces from ~12% of the long side) with dlib HOG, no upsampling: this finds the live face. The full detection
   copy is searched only when that finds nothing or the card gives no face (for the smaller faces of the
   fallbacks).
2. The live face is the largest face found, preferring frontal detections (reason recorded).
3. The document face: the card is found on the small copy as a light, low-saturation quadrilateral beside the
   live face (`_card_quads`: blobs at a few brightness thresholds, with and without strong edges cut out, and
   light textured blobs (print against a pale wall), scored by how well they fill a 4-corner outline, a page's
   aspect ratio, the print inside and size); its corners are warped from the full-resolution image to an
   upright rectangle `CARD_H` px high (`_rectify`: undoes rotation and shear), where HOG looks for the upright
   printed face (every card at 5/6 first, then at 1.5x). Only when no card gives a face: a smaller
   face of the detection copy, else a tiled search near the live face (slow, rare).
4. Encoding (`_encode`): 68-point landmarks and dlib's descriptor on an aligned chip. The printed face is
   encoded from the straightened card, turned grey with max-of-channels (coloured guilloche fades); the live
   face is encoded in grey too, after being brought down to the printed face's resolution, so neither colour
   nor sharpness counts as a difference.

Scan (`analyse_scan`): the largest face, upsampling once when nothing is found; encoded like a printed face.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np

from reviewer_app.matching import identity, models
from reviewer_app.matching.chips import Box, crop_around, jittered_copies, resize_by

DETECT_SIDE = 800  # long side of the detection copy
LIVE_DETECT_SCALE = 5 / 6  # the live face is searched on the detection copy at this scale (one HOG pyramid step)
CARD_HOG_SCALE = 5 / 6  # every straightened card is searched at this scale first (then at 1.5x)
HOG_WINDOW = 80  # dlib frontal detector window


@dataclass
class Face:
    box: Box
    role: str = "other"
    reason: str = ""
    score: float = 0.0  # detector confidence
    kind: int = 0  # HOG sub-detector: 0 front, 1 left, 2 right, 3/4 tilted
    encoding: list[float] | None = None
    roll_deg: float | None = None
    yaw: float | None = None  # nose offset from the eye midpoint, in eye distances (0 = frontal)
    identity: list[float] | None = None  # live face only: the face-duplicate search's descriptor (identity.py)
    identity_version: str = ""

    @property
    def height(self) -> int:
        return self.box[2] - self.box[0]

    def to_dict(self) -> dict:
        return {
            "box": list(self.box), "role": self.role, "reason": self.reason, "score": self.score,
            "kind": self.kind, "encoding": self.encoding, "roll_deg": self.roll_deg, "yaw": self.yaw,
            "identity": self.identity, "identity_version": self.identity_version,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Face:
        return cls(tuple(d["box"]), d["role"], d["reason"], d["score"], d["kind"], d["encoding"],
                   d["roll_deg"], d["yaw"], d.get("identity"), d.get("identity_version", ""))


@dataclass
class Analysis:
    """What one image gave: its faces (with roles and encodings) and simple quality measures."""

    kind: str  # "selfie" or "scan"
    width: int
    height: int
    faces: list[Face] = field(default_factory=list)
    colour: bool = True
    brightness: float = 128.0  # mean luma of the live/scan face (or of the image when none)
    sharpness: float = 0.0  # variance of the Laplacian of the live/scan face at 128 px height
    doc_search: str = ""  # how the document face was found
    timings_ms: dict[str, float] = field(default_factory=dict)
    fallback: str = ""  # why the full-resolution search ran, and what it gave ("" when it did not run)
    doc_glare: float = 0.0  # share of near-white pixels on the printed face (a glare spot)
    doc_contrast: float = 0.0  # standard deviation of the printed face's grey levels (a washed-out print: low)

    def face(self, role: str) -> Face | None:
        return next((f for f in self.faces if f.role == role), None)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "width": self.width, "height": self.height,
            "faces": [f.to_dict() for f in self.faces], "colour": self.colour,
            "brightness": self.brightness, "sharpness": self.sharpness, "doc_search": self.doc_search,
            "timings_ms": dict(self.timings_ms), "fallback": self.fallback, "doc_glare": self.doc_glare,
            "doc_contrast": self.doc_contrast,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Analysis:
        return cls(d["kind"], d["width"], d["height"], [Face.from_dict(f) for f in d["faces"]], d["colour"],
                   d["brightness"], d["sharpness"], d["doc_search"], dict(d["timings_ms"]), d.get("fallback", ""),
                   d.get("doc_glare", 0.0), d.get("doc_contrast", 0.0))


def to_photo_frame(a: Analysis, width: int, height: int) -> Analysis:
    """`a` with its boxes and size mapped from the array it was computed on to the photo's own pixels.

    A large JPEG is analysed on a reduced-scale decode; boxes must still point at the faces in the full-size photo
    (the review screen draws them there and cuts the face crops from it). Quality figures are scale-free
    (brightness; sharpness measured at a fixed face height), so only the geometry changes.
    """
    if (width, height) == (a.width, a.height):
        return a
    sx, sy = width / max(1, a.width), height / max(1, a.height)
    for f in a.faces:
        t, r, b, left = f.box
        f.box = (min(height, round(t * sy)), min(width, round(r * sx)), min(height, round(b * sy)),
                 min(width, round(left * sx)))
    a.width, a.height = width, height
    return a


# --- helpers ----------------------------------------------------------------------------------------------------


def _detect(img: np.ndarray, upsample: int = 0, threshold: float = 0.0):
    hog = models.detector()  # loaded outside the lock: loading takes the models' own lock
    with models.dlib_lock:
        rects, scores, kinds = hog.run(img, upsample, threshold)
    return [((r.top(), r.right(), r.bottom(), r.left()), float(s), int(k))
            for r, s, k in zip(rects, scores, kinds, strict=True)]


def _map_box(box, scale: float, ox: int = 0, oy: int = 0, shape=None) -> Box:
    t, r, b, left = box
    out = [round(t / scale) + oy, round(r / scale) + ox, round(b / scale) + oy, round(left / scale) + ox]
    if shape is not None:
        h, w = shape[:2]
        out = [max(0, min(h, out[0])), max(0, min(w, out[1])), max(0, min(h, out[2])), max(0, min(w, out[3]))]
    return tuple(out)


def _iou(a: Box, b: Box) -> float:
    t, r = max(a[0], b[0]), min(a[1], b[1])
    bt, left = min(a[2], b[2]), max(a[3], b[3])
    inter = max(0, r - left) * max(0, bt - t)
    area = lambda x: max(0, x[1] - x[3]) * max(0, x[2] - x[0])  # noqa: E731
    union = area(a) + area(b) - inter
    return inter / union if union else 0.0


def _overlap(a: Box, b: Box) -> float:
    """Share of `a` covered by `b`."""
    t, r = max(a[0], b[0]), min(a[1], b[1])
    bt, left = min(a[2], b[2]), max(a[3], b[3])
    inter = max(0, r - left) * max(0, bt - t)
    area = max(1, (a[1] - a[3]) * (a[2] - a[0]))
    return inter / area


# --- finding the printed face -----------------------------------------------------------------------------------


def _document_regions(small: np.ndarray, live: Box | None, max_regions: int = 3) -> list[Box]:
    """Bright, low-saturation compact blobs (a document page) in the detection copy, best first."""
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    s, v = hsv[:, :, 1], hsv[:, :, 2]
    vthr = max(120.0, float(np.percentile(v, 50)))
    mask = ((s < 70) & (v > vthr)).astype(np.uint8) * 255
    k = max(3, round(max(small.shape[:2]) / 160))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(mask, 8)
    img_area = small.shape[0] * small.shape[1]
    live_area = (live[1] - live[3]) * (live[2] - live[0]) if live else img_area * 0.05
    cands = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if area < max(0.1 * live_area, 0.003 * img_area) or area > 0.35 * img_area:
            continue
        if min(w, h) < 12:
            continue
        box = (int(y), int(x + w), int(y + h), int(x))
        if live and _overlap(box, live) > 0.5:
            continue
        fill = area / float(w * h)
        aspect = max(w, h) / max(1, min(w, h))
        if aspect > 4:
            continue
        # a page is compact and of a size comparable with the live face
        size_fit = -abs(math.log(area / live_area))
        cands.append((fill + 0.15 * size_fit, box))
    cands.sort(key=lambda c: -c[0])
    return [b for _, b in cands[:max_regions]]


def _search_region(
    rgb: np.ndarray, region: Box, min_face: float, threshold: float = 0.0
) -> list[tuple[Box, float, int]]:
    """HOG on a full-resolution cut of `region` scaled so faces of `min_face` px reach the detector window."""
    crop, ox, oy = crop_around(rgb, region, 0.15)
    if crop.size == 0:
        return []
    scale = float(np.clip((HOG_WINDOW + 6) / max(min_face, 1.0), 0.25, 4.0))
    # Keep the search cheap: at most ~1.2 megapixels.
    area = crop.shape[0] * crop.shape[1] * scale * scale
    if area > 1.2e6:
        scale *= math.sqrt(1.2e6 / area)
    work = resize_by(crop, scale)
    return [(_map_box(b, scale, ox, oy, rgb.shape), s, k) for b, s, k in _detect(work, 0, threshold)]


def _tiles_outside(shape, live: Box | None, tile: int) -> list[Box]:
    h, w = shape[:2]
    step = int(tile * 0.8)
    out = []
    for y in range(0, max(1, h - tile // 5), step):
        for x in range(0, max(1, w - tile // 5), step):
            box = (y, min(w, x + tile), min(h, y + tile), x)
            if live and _overlap(box, live) > 0.6:
                continue
            out.append(box)
    return out


# --- the card: find it, straighten it ----------------------------------------------------------------------------

CARD_H = 400  # height of the straightened card; a passport photo page's face (~0.3 of it) is then ~120 px


def _order_quad(pts: np.ndarray) -> np.ndarray:
    """Four corners as top-left, top-right, bottom-right, bottom-left (the card is held roughly upright)."""
    c = pts.mean(axis=0)
    ang = np.arctan2(pts[:, 1] - c[1], pts[:, 0] - c[0])
    p = pts[np.argsort(ang)]  # clockwise in image coordinates, starting near "left"
    start = int(np.argmin(p.sum(axis=1)))  # top-left: smallest x + y
    return np.roll(p, -start, axis=0).astype(np.float32)


def _quad_size(quad: np.ndarray) -> tuple[float, float]:
    """Mean width and height of a quadrilateral ordered top-left, top-right, bottom-right, bottom-left."""
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    return width, (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2


def _quad_of(cnt: np.ndarray) -> np.ndarray:
    """The 4 corners of a blob's convex hull (falling back to its minimum-area rectangle)."""
    hull = cv2.convexHull(cnt)
    peri = cv2.arcLength(hull, True)
    for eps in (0.02, 0.04, 0.06, 0.08):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4 and cv2.contourArea(approx) >= 0.8 * cv2.contourArea(hull):
            return _order_quad(approx.reshape(4, 2).astype(np.float32))
    return _order_quad(cv2.boxPoints(cv2.minAreaRect(cnt)).astype(np.float32))


def _card_quads(small: np.ndarray, live: Box | None, max_cards: int = 3) -> list[np.ndarray]:
    """Corners (in `small`'s pixels) of light, low-saturation quadrilaterals beside the live face, best first.

    A document page is a light, weakly coloured rectangle with print on it; rotation and shear make it a
    parallelogram. The brightness threshold is not known (a grey shirt or wall may be nearly as light), so blobs
    are taken at a few thresholds and the most card-like one wins: filling its 4-corner outline, with a page's
    aspect ratio (ID-1 cards 1.59, passport pages 1.42), textured inside (guilloche, text, the photo), of a size
    comparable with the live face.
    """
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    sat, val = hsv[:, :, 1], hsv[:, :, 2]
    low_sat = cv2.inRange(sat, 0, 69)
    k = max(3, round(max(small.shape[:2]) / 160))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    img_area = small.shape[0] * small.shape[1]
    live_area = (live[1] - live[3]) * (live[2] - live[0]) if live else img_area * 0.05
    cum = np.bincount(val.ravel(), minlength=256).cumsum()
    pct = lambda q: float(np.searchsorted(cum, q * cum[-1]))  # noqa: E731 - percentile of a uint8 channel
    base = max(120.0, pct(0.5))
    # Against a light background the page is only separated by its edge (and shadow): a second set of blobs has
    # the strong edges cut out.
    blurred = cv2.GaussianBlur(val, (3, 3), 0)
    edges = {lo: cv2.Canny(blurred, lo, 2.5 * lo) for lo in (30, 60)}
    cuts = [cv2.bitwise_not(cv2.dilate(e, np.ones((3, 3), np.uint8))) for e in edges.values()]
    masks = []
    # A pale wall may be brighter than the page: also take the page as a band below the brightest tones.
    bands = [(t, 256.0) for t in sorted({base, *(t for t in (160.0, 190.0, 215.0) if t > base)})]
    bands += [(160.0, hi) for hi in (238.0, 246.0) if pct(0.9) > hi]
    for vlo, vhi in bands:
        mask = cv2.bitwise_and(low_sat, cv2.inRange(val, math.floor(vlo) + 1, math.ceil(vhi) - 1))
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
        masks.append(cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel))
        masks += [cv2.morphologyEx(cv2.bitwise_and(mask, cut), cv2.MORPH_OPEN, kernel) for cut in cuts]
    # Against a pale wall of the same tone the page is told apart by its texture: light pixels with many edges
    # around them. Plain walls have none; a textured jacket or hair is not light.
    density = cv2.boxFilter(edges[30], cv2.CV_32F, (2 * k + 3, 2 * k + 3), normalize=True)
    textured = np.where(density > 0.06 * 255, 255, 0).astype(np.uint8)
    for vlo in sorted({base, 170.0}):
        mask = cv2.bitwise_and(cv2.bitwise_and(low_sat, cv2.inRange(val, math.floor(vlo) + 1, 255)), textured)
        masks.append(cv2.morphologyEx(cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel), cv2.MORPH_OPEN, kernel))
    cands: list[tuple[float, Box, np.ndarray]] = []
    for mask in masks:
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for cnt in contours:
            area = cv2.contourArea(cnt)
            if area < max(0.1 * live_area, 0.003 * img_area) or area > 0.35 * img_area:
                continue
            x, y, w, h = cv2.boundingRect(cnt)
            if min(w, h) < 12:
                continue
            box = (y, x + w, y + h, x)
            if live and _overlap(box, live) > 0.5:
                continue
            quad = _quad_of(cnt)
            qw, qh = _quad_size(quad)
            aspect = max(qw, qh) / max(1.0, min(qw, qh))
            fill = area / max(1.0, cv2.contourArea(quad))
            inside = np.zeros((h, w), np.uint8)
            cv2.drawContours(inside, [cnt - (x, y)], -1, 1, -1)
            tex = cv2.mean(textured[y:y + h, x:x + w], mask=inside)[0] / 255  # share of print inside
            score = min(fill, 1.0) - 0.5 * max(0.0, abs(math.log(aspect / 1.5)) - 0.15) + 0.4 * tex
            score -= 0.15 * abs(math.log(area / live_area))
            if x <= 1 or y <= 1 or x + w >= small.shape[1] - 1 or y + h >= small.shape[0] - 1:
                score -= 0.3  # cut by the frame: more likely clothing or background than a held card
            cands.append((score, box, quad))
    # The same blob comes from several masks: keep the best of each place.
    cands.sort(key=lambda c: -c[0])
    kept: list[tuple[float, Box, np.ndarray]] = []
    for c in cands:
        if all(_iou(c[1], o[1]) <= 0.8 for o in kept):
            kept.append(c)
            if len(kept) == max_cards:
                break
    return [q for _, _, q in kept]


def _rectify(rgb: np.ndarray, quad: np.ndarray, out_h: int = CARD_H) -> tuple[np.ndarray, np.ndarray]:
    """Warp the card with corners `quad` (full-resolution pixels) to an upright rectangle `out_h` px high.

    Returns the straightened card and the 3x3 matrix mapping its pixels back to the image.
    """
    w, h = _quad_size(quad)
    # 8% margin: the corner estimate may clip the photo, which sits near the card's edge.
    m = 0.08
    out_w = max(16, round(out_h * w / max(h, 1.0)))
    dst = np.array([[m * out_w, m * out_h], [(1 + m) * out_w, m * out_h], [(1 + m) * out_w, (1 + m) * out_h],
                    [m * out_w, (1 + m) * out_h]], np.float32)
    size = (round(out_w * (1 + 2 * m)), round(out_h * (1 + 2 * m)))
    mat = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    card = cv2.warpPerspective(rgb, mat, size, flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return card, np.linalg.inv(mat)


def _box_to_image(box: Box, inv: np.ndarray, shape) -> Box:
    t, r, b, left = box
    pts = np.array([[[left, t], [r, t], [r, b], [left, b]]], np.float32)
    q = cv2.perspectiveTransform(pts, inv)[0]
    h, w = shape[:2]
    return (int(max(0, q[:, 1].min())), int(min(w, q[:, 0].max())), int(min(h, q[:, 1].max())),
            int(max(0, q[:, 0].min())))


# --- encoding ----------------------------------------------------------------------------------------------------


def _grey3(rgb: np.ndarray, printed: bool) -> np.ndarray:
    # coloured security lines are darker in one channel only: max() fades them
    return rgb.max(axis=2) if printed else cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


PRINTED_FACE_PX = 150.0  # the printed face is landmarked at this height (dlib's chip is 150 px)
LIVE_FACE_PX = 200.0


def _jitter_for(print_px: float | None) -> int:
    return JITTERS if print_px is not None and print_px < JITTER_BELOW_PX else 0


def _describe(chip: np.ndarray, jitter: int) -> list[float]:
    """The descriptor of a chip; with `jitter`, the mean over the chip, its mirror and `jitter` jittered copies."""
    if not jitter:
        return models.describe(chip)
    chips = [chip, np.ascontiguousarray(chip[:, ::-1]), *jittered_copies(chip, jitter)]
    return [float(x) for x in np.mean([models.describe(x) for x in chips], axis=0)]


def _encode(
    rgb: np.ndarray, face: Face, printed: bool, src: tuple[np.ndarray, Box] | None = None,
    match_px: float | None = None, jitter: int = 0,
) -> None:
    """Landmarks + descriptor; fills face.encoding / roll / yaw. Works on a cut-out so nothing big is copied.

    `src` = (image, box in it) to encode from instead of `rgb` / `face.box` (the straightened card).
    `match_px`: the live face is first brought down to the printed face's resolution (then back up), so both
    descriptors see the same amount of detail: a sharp face against a 50 px print otherwise reads as "different".
    Measured on the hard composites, denoising, CLAHE or glare inpainting of the print all *raised* same-person
    distances (the descriptor copes with noise better than with the smoothing), so the print is only turned grey.
    """
    import dlib

    img, box = src if src is not None else (rgb, face.box)
    crop, ox, oy = crop_around(img, box, 0.6)
    fh = max(1, box[2] - box[0])
    if match_px and not printed and match_px < fh:
        crop = resize_by(resize_by(crop, match_px / fh), fh / match_px)
    scale = (PRINTED_FACE_PX if printed else LIVE_FACE_PX) / fh
    if not printed and scale > 1:
        scale = 1.0
    work = resize_by(crop, scale) if abs(scale - 1) > 0.02 else crop
    g = _grey3(work, printed)
    work3 = np.ascontiguousarray(np.repeat(g[:, :, None], 3, axis=2))
    t, r, b, left = box
    rect = dlib.rectangle(
        round((left - ox) * scale), round((t - oy) * scale), round((r - ox) * scale), round((b - oy) * scale)
    )
    predictor = models.landmarks68()
    with models.dlib_lock:
        shape = predictor(work3, rect)
        # The aligned chip dlib's compute_face_descriptor(img, shape, 1, 0.25) would encode, encoded ~4x faster.
        chip = dlib.get_face_chip(work3, shape, 150, 0.25)
    face.encoding = _describe(chip, jitter)
    pts = np.array([(p.x, p.y) for p in shape.parts()], np.float64)
    le, re = pts[36:42].mean(axis=0), pts[42:48].mean(axis=0)
    dx, dy = re - le
    face.roll_deg = float(math.degrees(math.atan2(dy, dx)))
    eye_d = max(1e-6, math.hypot(dx, dy))
    mid = (le + re) / 2
    face.yaw = float(((pts[30] - mid) @ np.array([dx, dy]) / eye_d) / eye_d)


def _face_quality(rgb: np.ndarray, face: Face) -> tuple[float, float]:
    crop, _, _ = crop_around(rgb, face.box, 0.0)
    if crop.size == 0:
        return 128.0, 0.0
    g = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    g = resize_by(g, 128.0 / max(1, g.shape[0]))
    return float(g.mean()), float(cv2.Laplacian(g, cv2.CV_64F).var())


def _print_quality(rgb: np.ndarray, face: Face) -> tuple[float, float]:
    crop, _, _ = crop_around(rgb, face.box, 0.0)
    if crop.size == 0:
        return 0.0, 0.0
    g = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    return float(np.mean(g >= 235)), float(g.std())


# --- the two analyses ----------------------------------------------------------------------------------------------


#: A printed face found on a straightened card with a HOG score below this is "weak": the fallback looks too.
#: (The card search accepts down to -0.3, since a face is expected there; the lower half of that extra range is
#: weak.)
CONFIDENT_CARD_SCORE = -0.15
#: A tiled-search printed face this strong is trusted without the full-resolution search: on the tuning people's
#: wide/reshoot composites every tiled-search face (scores 0.17-1.45) was the printed face, and the
#: full-resolution search, run after it, cost 0.2-2.3 s and confirmed it each time.
CONFIDENT_TILE_SCORE = 0.5
#: Printed faces smaller than this (photo pixels) are encoded with test-time jitter (the chip, its mirror image and
#: fixed jittered copies, descriptors averaged): it steadies the descriptor of a small grey print. The live face
#: is not jittered (see analyse_selfie).
JITTER_BELOW_PX = 90.0
JITTERS = 4


def _not_confident(live: Face | None, doc: Face | None, doc_search: str) -> str:
    """Why the fast path's answer is not trusted (empty when it is).

    Not trusted: no face at all; no printed face; a printed face found only on the detection copy (faces there are
    at the copy's detection limit: a 40 px print is ~20 px on it) or by a weak tiled search, i.e. not on a
    recognised card; a weak detection on the card. A small live face alone is not a reason: the live face is the
    largest face, and a larger one is not missed by the pyramid (as a trigger, together with a score limit of 0.0,
    it ran the fallback on 21 of 80 wide-range composites whose card face was right, ~4-7 s each).
    """
    if live is None:
        return "no face on the detection copy"
    if doc is None:
        return "no printed face"
    if doc_search == "tiled search" and doc.score >= CONFIDENT_TILE_SCORE:
        return ""  # a strong detection at twice the copy's scale near the live face: the plain call adds nothing
    if doc_search != "straightened card":
        return f"printed face only by {doc_search}"
    if doc.score < CONFIDENT_CARD_SCORE:
        return f"weak printed face (HOG {doc.score:.2f})"
    return ""


def _fallback(
    rgb: np.ndarray, live: Face | None, doc: Face | None, full: Callable[[], np.ndarray] | None = None,
    sources: dict | None = None,
) -> tuple[Face | None, Face | None, str]:
    """The plain call's search: HOG with upsampling on the whole photo; the two largest faces.

    The largest face is the live face; the printed face is the largest other face (what the plain call compares).
    A fast-path printed face that the full search confirms is kept (it was encoded from the straightened card).
    `full` gives the photo at full scale when `rgb` is a reduced decode: the search then runs on it, exactly as the
    plain call does (boxes are mapped to `rgb`'s frame; `sources[id(face)]` = (full image, box in it) to encode
    from).
    """
    if full is not None:
        big = full()
        f = big.shape[1] / rgb.shape[1]
        found = []
        for b, sc, k in _detect(big, 1):
            face = Face(_map_box(b, f, shape=rgb.shape), score=sc, kind=k)
            if sources is not None:
                sources[id(face)] = (big, b)
            found.append(face)
    else:
        found = [Face(b, score=sc, kind=k) for b, sc, k in _detect(rgb, 1)]
    if not found:
        return live, doc, "full-resolution search found no face"
    found.sort(key=lambda f: f.height, reverse=True)
    # A larger face than the fast path's live face (which was at the detection limit) is the live face.
    if live is None or (_iou(live.box, found[0].box) < 0.3 and found[0].height > 1.2 * live.height):
        live = found[0]
    others = [f for f in found if _iou(f.box, live.box) < 0.3 and _overlap(f.box, live.box) < 0.5]
    if doc is not None and any(_iou(doc.box, f.box) >= 0.3 for f in others):
        return live, doc, "full-resolution search confirmed the printed face"
    # Not confirmed: the plain call's own answer, its two largest faces (keeping the fast path's live face where it
    # is the same face). Anything else could compare a pair the plain call would not, and miss a print it finds
    # (4 of 960 held-out composites did, when the fast path's live face was not the largest).
    plain_live = live if _iou(live.box, found[0].box) >= 0.3 else found[0]
    if len(found) >= 2:
        return plain_live, found[1], "full-resolution search (plain call)"
    return plain_live, doc, "full-resolution search found no second face"


def analyse_selfie(rgb: np.ndarray, full_scale: Callable[[], np.ndarray] | None = None) -> Analysis:
    """`full_scale`: when `rgb` is a reduced-scale decode, a way to get the photo at full scale (for the fallback)."""
    from reviewer_app.matching.images import is_colour

    t0 = time.perf_counter()
    h, w = rgb.shape[:2]
    res = Analysis("selfie", w, h)
    s = min(1.0, DETECT_SIDE / max(h, w))
    small = resize_by(rgb, s) if s < 1 else rgb
    # The live face is large: HOG on a copy one pyramid step (5/6) smaller finds it at ~30% less cost. The
    # detection copy itself is searched only if that finds nothing, or later for small faces (no card face).
    full_detect = max(small.shape[:2]) < DETECT_SIDE * 0.9
    ls = 1.0 if full_detect else LIVE_DETECT_SCALE
    dets = _detect(resize_by(small, ls), 0) if ls < 1 else _detect(small, 0)
    if not dets and not full_detect:
        ls, full_detect = 1.0, True
        dets = _detect(small, 0)
    if not dets:
        # A small live face (under ~14% of the short side is under HOG's 80 px window on the copy) or a small
        # image: the copy upsampled once finds faces from ~40 px of it, at a fraction of the full-resolution
        # search's cost (which would otherwise run on every such photo).
        dets = _detect(small, 1)
    faces = [Face(_map_box(b, s * ls, shape=rgb.shape), score=sc, kind=k) for b, sc, k in dets]
    t1 = time.perf_counter()
    res.timings_ms["detect"] = (t1 - t0) * 1000
    live = doc = doc_src = doc_px = None
    if faces:
        # The live face: the largest; a frontal detection wins over a profile of similar size.
        def live_key(f: Face) -> float:
            return f.height * (1.0 if f.kind in (0, 3, 4) else 0.8)

        faces.sort(key=live_key, reverse=True)
        live = faces[0]
        live.role = "live"
        live.reason = f"largest {'frontal ' if live.kind in (0, 3, 4) else ''}face ({live.height} px)"
        others = [f for f in faces[1:] if f.height < 0.85 * live.height]
        live_small = _map_box(live.box, 1 / s) if s < 1 else live.box
        # The card first: straighten it (rotation, shear) and look for an upright face on it.
        # Each candidate card at one scale first (cheap), the 1.5x retry for small printed faces only after.
        cards = [(quad, *_rectify(rgb, quad)) for quad in (q / s for q in _card_quads(small, live_small))]
        for hog_scale in (CARD_HOG_SCALE, 1.5):
            for quad, card, inv in cards:
                # A face is expected on a page: accept weaker detections.
                found = [(_map_box(bx, hog_scale), sc, k) for bx, sc, k in _detect(resize_by(card, hog_scale), 0, -0.3)]
                found = [x for x in found if 0.1 * card.shape[0] < x[0][2] - x[0][0] < 0.7 * card.shape[0]]
                if not found:
                    continue
                bx, sc, k = max(found, key=lambda x: x[1])
                full = _box_to_image(bx, inv, rgb.shape)
                if _overlap(full, live.box) < 0.3:
                    doc = Face(full, score=sc, kind=k)
                    doc_src = (card, bx)
                    # the printed face's height in image pixels (before straightening)
                    doc_px = (bx[2] - bx[0]) * _quad_size(quad)[1] / CARD_H
                    res.doc_search = "straightened card"
                    break
            if doc is not None:
                break
        if doc is None and not full_detect:
            # Small faces are only found on the detection copy itself.
            for b, sc, k in _detect(small, 0):
                f = Face(_map_box(b, s, shape=rgb.shape), score=sc, kind=k)
                if all(_iou(f.box, g.box) < 0.3 for g in faces):
                    faces.append(f)
                    if f.height < 0.85 * live.height:
                        others.append(f)
        if doc is None:
            regions = [_map_box(r, s, shape=rgb.shape) for r in _document_regions(small, live_small)]
            on_page = [
                f for f in others
                if any(_overlap(f.box, r) > 0.6 and (r[2] - r[0]) > 1.8 * f.height
                       and (r[1] - r[3]) > 2.2 * f.height for r in regions)
            ]
            if on_page:
                doc = max(on_page, key=lambda f: f.score)
                res.doc_search = "detection copy, on a document region"
            elif others:
                doc = max(others, key=lambda f: f.score)
                res.doc_search = "detection copy (no document region recognised)"
            else:
                # Slow path: tiles outside the live face, at 2x the detection scale (faces from ~40 px).
                # A held card is near the face: nearest tiles first, stop at a confident detection.
                tile = max(200, round(live.height * 1.6))
                lcy, lcx = (live.box[0] + live.box[2]) / 2, (live.box[1] + live.box[3]) / 2
                dist = {r: math.hypot((r[0] + r[2]) / 2 - lcy, (r[1] + r[3]) / 2 - lcx)
                        for r in _tiles_outside(rgb.shape, live.box, tile)}
                tiles = sorted((r for r in dist if dist[r] < 2.5 * live.height), key=dist.get)
                for region in tiles:
                    if doc is not None and doc.score > 0.2:
                        break
                    found = [
                        Face(b, score=sc, kind=k)
                        for b, sc, k in _search_region(rgb, region, max(live.height / 9.0, 36.0))
                        if _overlap(b, live.box) < 0.3 and (b[2] - b[0]) < 0.85 * live.height
                    ]
                    if found and (doc is None or max(f.score for f in found) > doc.score):
                        doc = max(found, key=lambda f: f.score)
                        res.doc_search = "tiled search"
        if doc is not None and doc not in faces:
            faces = [f for f in faces if f is live or _iou(doc.box, f.box) < 0.3]
            faces.append(doc)
        if doc is not None:
            doc.role = "document"
            doc.reason = (
                f"smaller face ({doc.height} px, {doc.height / max(1, live.height):.0%} of the live face)"
                f" found by {res.doc_search}"
            )
        for f in faces:
            if f.role == "other":
                f.reason = "an additional face"
    t2 = time.perf_counter()
    res.timings_ms["document_search"] = (t2 - t1) * 1000
    # The plain call is the floor: when the fast path is not sure, search as the plain call does.
    why = _not_confident(live, doc, res.doc_search)
    if why:
        old_live, old_doc = live, doc
        sources: dict = {}
        live, doc, how = _fallback(rgb, live, doc, full_scale, sources)
        res.timings_ms["fallback"] = (time.perf_counter() - t2) * 1000
        res.fallback = f"{why}: {how}"
        if live is not old_live:
            faces = [f for f in faces if _iou(f.box, live.box) < 0.3]
            faces.insert(0, live)
            for f in faces:
                f.role = "other"
            live.role = "live"
            live.reason = f"largest face of the full-resolution search ({live.height} px)"
        if doc is not old_doc and doc is not None:
            if old_doc is not None:
                faces = [f for f in faces if f is not old_doc]
                old_doc.role = "other"
            faces = [f for f in faces if f is live or _iou(doc.box, f.box) < 0.3]
            faces.append(doc)
            doc.role = "document"
            doc.reason = f"smaller face ({doc.height} px) found by the full-resolution search"
            res.doc_search = "full-resolution search"
            doc_src, doc_px = sources.get(id(doc)), None
        for f in faces:
            if f.role == "other" and not f.reason:
                f.reason = "an additional face"
    if live is not None:
        # Only the print is jittered: on the tuning people (pairs.csv, 201 hard composites) jittering the live face
        # too changed nothing measurable (AUC 0.9979 vs 0.9981, FNMR@FMR1% 3.8% vs 1.9%) and cost ~100 ms.
        _encode(rgb, live, printed=False, match_px=doc_px or (doc.height if doc is not None else None))
    if doc is not None:
        _encode(rgb, doc, printed=True, src=doc_src, jitter=_jitter_for(doc_px or doc.height))
    t3 = time.perf_counter()
    res.timings_ms["encode"] = (t3 - t2) * 1000
    if live is not None:  # the face-duplicate search's own descriptor: colour, full resolution (identity.py)
        live.identity, live.identity_version = identity.describe(rgb, live.box), identity.VERSION
        res.timings_ms["identity"] = (time.perf_counter() - t3) * 1000
        t3 = time.perf_counter()
    res.faces = faces
    if doc is not None:
        res.doc_glare, res.doc_contrast = _print_quality(rgb, doc)
    if live is not None:
        res.brightness, res.sharpness = _face_quality(rgb, live)
    else:
        res.brightness = float(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY).mean())
    res.colour = is_colour(small)
    res.timings_ms["quality"] = (time.perf_counter() - t3) * 1000
    return res


def analyse_scan(rgb: np.ndarray) -> Analysis:
    from reviewer_app.matching.images import is_colour

    t0 = time.perf_counter()
    h, w = rgb.shape[:2]
    res = Analysis("scan", w, h)
    s = min(1.0, DETECT_SIDE / max(h, w))
    small = resize_by(rgb, s) if s < 1 else rgb
    dets = _detect(small, 0) or _detect(small, 1)
    faces = [Face(_map_box(b, s, shape=rgb.shape), score=sc, kind=k) for b, sc, k in dets]
    res.timings_ms["detect"] = (time.perf_counter() - t0) * 1000
    t1 = time.perf_counter()
    if faces:
        faces.sort(key=lambda f: f.height, reverse=True)
        faces[0].role = "scan"
        faces[0].reason = f"largest face on the scan ({faces[0].height} px)"
        for f in faces[1:]:
            f.reason = "an additional face (e.g. the ghost image)"
        _encode(rgb, faces[0], printed=True)
        res.brightness, res.sharpness = _face_quality(rgb, faces[0])
    res.faces = faces
    res.colour = is_colour(small)
    res.timings_ms["encode"] = (time.perf_counter() - t1) * 1000
    return res


def distance(a: list[float], b: list[float]) -> float:
    return float(np.linalg.norm(np.asarray(a) - np.asarray(b)))
