"""Selfie-with-passport composites drawn from wide, documented ranges, in two independently written styles.

Used by `bench/face_accuracy.py` (and, through its rows, `bench/calibrate_faces.py`) to measure the face pre-score
on people and pictures it was never tuned on. Deterministic: the same inputs and seed give the same bytes.

Every parameter is drawn from these ranges (the issue's list), independently per composite:

| parameter | range |
|---|---|
| frame | 0.3-12 megapixels, log-uniform; aspect 4:3, 3:2 or 16:9; portrait or landscape (50/50) |
| printed face | 30-120 px tall (uniform within what the card width range allows for the frame) |
| card width | 8-45% of the frame width (follows from the printed face: a data page's face is ~21% of its width) |
| card pose | rotation up to 25 degrees either way, shear up to 0.2, perspective (corner jitter up to 8% of the card) |
| print | desaturated (10-60% colour kept), contrast 0.65-0.95, blur sigma 0.3-1.6, noise sigma 2-9 |
| guilloche | across the card always, across the photo with strength 0-0.5 |
| glare | on 40% of composites: a bright spot (70-160 levels) somewhere on the card |
| background | pale wall, busy clutter, or card-coloured (equal shares) |
| live face | 6-40% of the frame's short side tall (1 in 5 small: 6-12%), anywhere that leaves room for the card |
| colour cast | per-channel gain 0.85-1.15 on the whole photo |
| blur | whole-photo Gaussian blur sigma 0-1.5 (motion-free) |
| JPEG | quality 35-95 |

Styles:

* ``"wide"``: the card is pasted flat and then rotated, sheared and perspective-warped into the scene; glare,
  guilloche and the rest as above.
* ``"reshoot"`` (written separately, shares only the ranges and the print helper): the card is held with fingers
  over one of its edges (skin-coloured, shaded), and the *whole photo* is then re-shot under a perspective
  (a photo of a screen or of a print): a homography of the full frame, a brightness gradient, defocus, sensor
  noise and a second JPEG.

Boxes are (top, right, bottom, left) in the final image's pixels.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]
STYLES = ("wide", "reshoot")
FACE_TO_CARD_W = 0.58 * (45 / 88) * (88 / 125)  # printed face height / card width on a 125x88 mm data page


@dataclass(frozen=True)
class Composite:
    jpeg: bytes
    width: int
    height: int
    live_box: Box
    document_box: Box
    printed_face_px: int
    style: str
    seed: int
    params: dict


def _jpeg(img: np.ndarray, quality: int) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(img)).save(buf, "JPEG", quality=int(quality))
    return buf.getvalue()


def _frame(rng: np.random.Generator) -> tuple[int, int]:
    mp = math.exp(rng.uniform(math.log(0.3), math.log(12.0)))
    aspect = float(rng.choice([4 / 3, 3 / 2, 16 / 9]))
    long_side = math.sqrt(mp * 1e6 * aspect)
    w, h = round(long_side), round(long_side / aspect)
    return (h, w) if rng.random() < 0.5 else (w, h)  # portrait or landscape


def _face_px(rng: np.random.Generator, frame_w: int) -> tuple[int, float]:
    lo = max(30.0, 0.08 * frame_w * FACE_TO_CARD_W)
    hi = min(120.0, 0.45 * frame_w * FACE_TO_CARD_W)
    px = rng.uniform(lo, max(lo, hi))
    return round(px), px / (frame_w * FACE_TO_CARD_W)


def _background(rng: np.random.Generator, w: int, h: int) -> tuple[np.ndarray, str]:
    kind = str(rng.choice(["pale", "busy", "card"]))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "pale":
        base = rng.uniform(200, 245, 3)
        img = base[None, None, :] + ((xx / w - 0.5) * rng.uniform(-25, 25))[:, :, None]
    elif kind == "card":  # the page's own colour: only its edge and print tell it apart
        base = np.array([rng.uniform(220, 240), rng.uniform(212, 232), rng.uniform(198, 222)])
        img = np.broadcast_to(base, (h, w, 3)).astype(np.float32) + ((yy / h - 0.5) * rng.uniform(-15, 15))[:, :, None]
    else:  # busy: shelves, posters, coloured blocks and lines, slightly out of focus
        img = np.empty((h, w, 3), np.float32)
        img[:] = rng.uniform(60, 200, 3)
        for _ in range(int(rng.integers(25, 60))):
            x0, y0 = int(rng.integers(0, w)), int(rng.integers(0, h))
            x1, y1 = x0 + int(rng.integers(w // 30, w // 4)), y0 + int(rng.integers(h // 30, h // 4))
            col = tuple(float(c) for c in rng.uniform(0, 255, 3))
            if rng.random() < 0.7:
                cv2.rectangle(img, (x0, y0), (x1, y1), col, -1)
            else:
                cv2.line(img, (x0, y0), (x1, y1), col, max(1, w // 300))
        img = cv2.GaussianBlur(img, (0, 0), max(1.0, w / 600))
    return img.astype(np.float32), kind


def _guilloche(h: int, w: int, rng: np.random.Generator, n: int) -> np.ndarray:
    mask = np.zeros((h, w), np.uint8)
    xs = np.arange(0, w, 1, dtype=np.float64)
    for i in range(n):
        ys = (i + 0.5) * h / n + rng.uniform(0.03, 0.12) * h * np.sin(
            2 * math.pi * xs / (rng.uniform(0.2, 0.7) * w) + rng.uniform(0, 2 * math.pi))
        cv2.polylines(mask, [np.stack([xs, ys], 1).round().astype(np.int32)], False, 255, 1, cv2.LINE_AA)
    return mask.astype(np.float32) / 255.0


def printed_page(rng: np.random.Generator, doc: np.ndarray, doc_box: Box, face_px: int) -> tuple[np.ndarray, Box]:
    """A passport data page (125x88 mm) whose 35x45 mm photo shows `doc`'s face `face_px` tall, as printed.

    The page is drawn at a resolution where the face is `face_px` tall (what the camera will see), so the print's
    blur and noise are at the scale of the final photo. Returns the page (float RGB) and the face box on it.
    """
    ph = max(8, round(face_px / 0.58))
    pw = round(ph * 35 / 45)
    t, r, b, left = doc_box
    s = face_px / max(1, b - t)
    cx, cy = (left + r) / 2 * s, (t + b) / 2 * s
    m = np.array([[s, 0, pw / 2 - cx], [0, s, 0.55 * ph - cy]])
    photo = cv2.warpAffine(doc, m, (pw, ph), flags=cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC,
                           borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
    grey = photo @ np.array([0.299, 0.587, 0.114], np.float32)
    keep = rng.uniform(0.1, 0.6)
    photo = grey[:, :, None] * (1 - keep) + photo * keep
    photo = photo * rng.uniform(0.65, 0.95) + rng.uniform(10, 45)
    photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.3, 1.6))
    photo = photo + rng.normal(0, rng.uniform(2, 9), photo.shape[:2])[:, :, None]
    card_h, card_w = round(ph * 88 / 45), round(ph * 125 / 45)
    base = np.array([rng.uniform(215, 242), rng.uniform(208, 235), rng.uniform(195, 225)], np.float32)
    card = np.broadcast_to(base, (card_h, card_w, 3)).astype(np.float32).copy()
    tint = rng.uniform(120, 210, 3).astype(np.float32)
    g = _guilloche(card_h, card_w, rng, int(rng.integers(8, 20)))[:, :, None]
    card = card * (1 - 0.5 * g) + tint * 0.5 * g
    px0, py0 = round(card_w * rng.uniform(0.03, 0.07)), round(card_h * rng.uniform(0.10, 0.18))
    py0 = min(py0, card_h - ph - 1)
    gl = _guilloche(ph, pw, rng, int(rng.integers(4, 10)))[:, :, None] * rng.uniform(0.0, 0.5)
    card[py0:py0 + ph, px0:px0 + pw] = photo * (1 - gl) + tint * gl
    ink = float(rng.uniform(30, 90))
    tx = px0 + pw + round(card_w * 0.05)
    for i in range(7):
        y = py0 + round(i * ph / 7.5) + 2
        cv2.rectangle(card, (tx, y), (min(card_w - 4, tx + int(rng.integers(card_w // 10, card_w // 3))),
                                      y + max(1, ph // 45)), (ink,) * 3, -1)
    for i in range(2):  # the machine-readable zone: two lines of dark dashes
        y = card_h - round(card_h * (0.13 - i * 0.06))
        for x in range(px0, card_w - px0, max(3, card_w // 45)):
            cv2.rectangle(card, (x, y), (x + max(1, card_w // 70), y + max(1, card_h // 60)), (ink,) * 3, -1)
    if rng.random() < 0.4:  # glare somewhere on the page
        yy, xx = np.mgrid[0:card_h, 0:card_w].astype(np.float32)
        gx, gy = rng.uniform(0, card_w * 0.6), rng.uniform(0, card_h)
        rad = card_w * rng.uniform(0.05, 0.2)
        card += np.exp(-((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * rad * rad))[:, :, None] * rng.uniform(70, 160)
    fw = (r - left) * s
    face = (py0 + round(0.55 * ph - face_px / 2), px0 + round(pw / 2 + fw / 2), py0 + round(0.55 * ph + face_px / 2),
            px0 + round(pw / 2 - fw / 2))
    return np.clip(card, 0, 255), face


def _place_live(rng, canvas, live, live_box, frac_small: float = 0.2) -> Box:
    """Scale the live photo so its face is 6-40% of the short side tall; paste it anywhere, feathered."""
    h, w = canvas.shape[:2]
    frac = rng.uniform(0.06, 0.12) if rng.random() < frac_small else rng.uniform(0.12, 0.40)
    fh = max(40.0, frac * min(w, h))
    s = fh / max(1, live_box[2] - live_box[0])
    photo = cv2.resize(live, None, fx=s, fy=s, interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC)
    ph, pw = photo.shape[:2]
    if ph > h or pw > w:  # keep the face, crop the photo around it
        c = np.array([(live_box[0] + live_box[2]) / 2 * s, (live_box[1] + live_box[3]) / 2 * s])
        y0 = int(np.clip(c[0] - h / 2, 0, max(0, ph - h)))
        x0 = int(np.clip(c[1] - w / 2, 0, max(0, pw - w)))
        photo = photo[y0:y0 + h, x0:x0 + w]
        off = (y0, x0)
        ph, pw = photo.shape[:2]
    else:
        off = (0, 0)
    y = int(rng.integers(0, max(1, h - ph + 1)))
    x = int(rng.integers(0, max(1, w - pw + 1)))
    mask = np.zeros((ph, pw), np.float32)
    cv2.ellipse(mask, (pw // 2, ph // 2), (int(pw * 0.48), int(ph * 0.5)), 0, 0, 360, 1.0, -1)
    mask = cv2.GaussianBlur(mask, (0, 0), max(1.0, min(ph, pw) / 25))[:, :, None]
    region = canvas[y:y + ph, x:x + pw]
    canvas[y:y + ph, x:x + pw] = region * (1 - mask) + photo.astype(np.float32) * mask
    t, r, b, left = (v * s for v in live_box)
    return (round(t - off[0] + y), round(r - off[1] + x), round(b - off[0] + y), round(left - off[1] + x))


def _box_of(pts: np.ndarray) -> Box:
    return (round(pts[:, 1].min()), round(pts[:, 0].max()), round(pts[:, 1].max()), round(pts[:, 0].min()))


def _corners(box: Box) -> np.ndarray:
    t, r, b, left = box
    return np.array([[left, t], [r, t], [r, b], [left, b]], np.float64)


def _card_spot(rng, w, h, cw, chh, live_box) -> tuple[float, float]:
    """A centre for a card of (cw, chh) inside the frame, overlapping the live face as little as possible."""
    best, best_overlap = (w / 2, h / 2), 1e18
    for _ in range(30):
        cx = rng.uniform(cw / 2 + 2, max(cw / 2 + 3, w - cw / 2 - 2))
        cy = rng.uniform(chh / 2 + 2, max(chh / 2 + 3, h - chh / 2 - 2))
        t, r, b, left = live_box
        ox = max(0.0, min(r, cx + cw / 2) - max(left, cx - cw / 2))
        oy = max(0.0, min(b, cy + chh / 2) - max(t, cy - chh / 2))
        if ox * oy < best_overlap:
            best, best_overlap = (cx, cy), ox * oy
            if best_overlap == 0:
                break
    return best


def _finish(rng, img: np.ndarray) -> tuple[np.ndarray, dict]:
    cast = rng.uniform(0.85, 1.15, 3)
    blur = float(rng.uniform(0, 1.5))
    img = img * cast[None, None, :]
    if blur > 0.3:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    return np.clip(img, 0, 255).astype(np.uint8), {"cast": [round(float(c), 3) for c in cast], "blur": round(blur, 2)}


def make_wide(live, live_box: Box, doc, doc_box: Box, seed: int) -> Composite:
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, 71])
    w, h = _frame(rng)
    face_px, card_frac = _face_px(rng, w)
    canvas, bg = _background(rng, w, h)
    lbox = _place_live(rng, canvas, live, live_box)
    page, fbox = printed_page(rng, doc, doc_box, face_px)
    ch_, cw_ = page.shape[:2]
    angle = math.radians(rng.uniform(-25, 25))
    shear = rng.uniform(-0.2, 0.2)
    lin = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]]) @ np.array(
        [[1, shear], [0, 1]])
    src = _corners((0, cw_, ch_, 0))
    dst = (src - [cw_ / 2, ch_ / 2]) @ lin.T
    dst += rng.uniform(-0.08, 0.08, (4, 2)) * [cw_, ch_]  # perspective: each corner moved a little
    span = dst.max(axis=0) - dst.min(axis=0)
    cx, cy = _card_spot(rng, w, h, span[0], span[1], lbox)
    dst += [cx, cy]
    hom = cv2.getPerspectiveTransform(src.astype(np.float32), dst.astype(np.float32))
    warped = cv2.warpPerspective(page, hom, (w, h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones(page.shape[:2], np.float32), hom, (w, h), flags=cv2.INTER_LINEAR)
    shadow = cv2.GaussianBlur(mask, (0, 0), max(1.0, cw_ / 60))[:, :, None]
    mask = mask[:, :, None]
    canvas = canvas * (1 - 0.3 * shadow) * (1 - mask) + warped * mask
    doc_pts = cv2.perspectiveTransform(_corners(fbox)[None].astype(np.float32), hom)[0]
    img, fin = _finish(rng, canvas)
    q = int(rng.integers(35, 96))
    params = {"frame": [w, h], "face_px": face_px, "card_frac": round(card_frac, 3), "bg": bg,
              "angle": round(math.degrees(angle), 1), "shear": round(float(shear), 3), "jpeg": q, **fin}
    return Composite(_jpeg(img, q), w, h, lbox, _box_of(doc_pts), face_px, "wide", int(seed), params)


def _fingers(rng, page: np.ndarray, face: Box) -> np.ndarray:
    """Two to four fingers over one edge of the page (never over the printed face), as an RGBA overlay."""
    ch_, cw_ = page.shape[:2]
    out = page.copy()
    skin = np.array([rng.uniform(150, 230), rng.uniform(100, 175), rng.uniform(80, 150)], np.float32)
    edge = str(rng.choice(["right", "bottom", "top"]))  # the photo sits at the left: fingers come from elsewhere
    n = int(rng.integers(2, 5))
    fw = cw_ * rng.uniform(0.05, 0.08)
    for i in range(n):
        layer = np.zeros((ch_, cw_), np.float32)
        length = cw_ * rng.uniform(0.12, 0.25)
        if edge == "right":
            y = ch_ * (0.2 + 0.6 * i / max(1, n - 1)) + rng.uniform(-3, 3)
            p0, p1 = (cw_ + fw, y), (cw_ - length, y + rng.uniform(-fw, fw))
        else:
            x = face[1] + (cw_ - face[1]) * (0.15 + 0.7 * i / max(1, n - 1))
            y_edge = ch_ + fw if edge == "bottom" else -fw
            p0 = (x, y_edge)
            p1 = (x + rng.uniform(-fw, fw), y_edge - length if edge == "bottom" else y_edge + length)
        cv2.line(layer, tuple(int(v) for v in p0), tuple(int(v) for v in p1), 1.0, max(2, int(fw)), cv2.LINE_AA)
        layer = cv2.GaussianBlur(layer, (0, 0), max(0.8, fw / 8))[:, :, None]
        shade = 0.75 + 0.25 * layer  # rounded: darker at the sides
        out = out * (1 - layer) + skin * shade * layer
    return out


def make_reshoot(live, live_box: Box, doc, doc_box: Box, seed: int) -> Composite:
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, 97])
    w, h = _frame(rng)
    face_px, card_frac = _face_px(rng, w)
    canvas, bg = _background(rng, w, h)
    lbox = _place_live(rng, canvas, live, live_box)
    page, fbox = printed_page(rng, doc, doc_box, face_px)
    page = _fingers(rng, page, fbox)
    ch_, cw_ = page.shape[:2]
    # The card held at an angle to the camera: a homography from a tilted plane (rotation about the vertical and
    # horizontal axes, then in-plane rotation), not an affine map.
    yaw, pitch, roll = (math.radians(rng.uniform(-a, a)) for a in (35, 25, 25))
    f = 1.5 * max(cw_, ch_)
    k = np.array([[f, 0, cw_ / 2], [0, f, ch_ / 2], [0, 0, 1]])
    rx = np.array([[1, 0, 0], [0, math.cos(pitch), -math.sin(pitch)], [0, math.sin(pitch), math.cos(pitch)]])
    ry = np.array([[math.cos(yaw), 0, math.sin(yaw)], [0, 1, 0], [-math.sin(yaw), 0, math.cos(yaw)]])
    rz = np.array([[math.cos(roll), -math.sin(roll), 0], [math.sin(roll), math.cos(roll), 0], [0, 0, 1]])
    rot = rz @ ry @ rx
    pts = []
    for x, y in _corners((0, cw_, ch_, 0)):
        p = rot @ np.array([x - cw_ / 2, y - ch_ / 2, 0.0]) + [0, 0, f]
        q = k @ p
        pts.append(q[:2] / q[2])
    dst = np.array(pts)
    dst -= dst.min(axis=0)
    span = dst.max(axis=0)
    cx, cy = _card_spot(rng, w, h, span[0], span[1], lbox)
    dst += [cx - span[0] / 2, cy - span[1] / 2]
    hom = cv2.getPerspectiveTransform(_corners((0, cw_, ch_, 0)).astype(np.float32), dst.astype(np.float32))
    warped = cv2.warpPerspective(page, hom, (w, h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones((ch_, cw_), np.float32), hom, (w, h))[:, :, None]
    canvas = canvas * (1 - mask) + warped * mask
    doc_pts = cv2.perspectiveTransform(_corners(fbox)[None].astype(np.float32), hom)[0]
    first, fin = _finish(rng, canvas)
    # Re-shot: the whole photo seen again under a perspective (a photo of a screen or print), with a brightness
    # gradient, defocus, sensor noise, and JPEG twice.
    src = _corners((0, w, h, 0)).astype(np.float32)
    jitter = rng.uniform(0.0, 0.07, (4, 2)) * [w, h] * np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]])
    whole = cv2.getPerspectiveTransform((src + jitter).astype(np.float32), src)
    first = np.asarray(Image.open(io.BytesIO(_jpeg(first, int(rng.integers(60, 96))))).convert("RGB"))
    shot = cv2.warpPerspective(first, whole, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    grad = 1 + rng.uniform(-0.2, 0.2) * (xx / w - 0.5) + rng.uniform(-0.2, 0.2) * (yy / h - 0.5)
    shot = shot.astype(np.float32) * grad[:, :, None]
    shot = cv2.GaussianBlur(shot, (0, 0), rng.uniform(0.3, 1.2))
    shot = np.clip(shot + rng.normal(0, rng.uniform(1, 6), shot.shape), 0, 255).astype(np.uint8)
    doc_pts = cv2.perspectiveTransform(doc_pts[None], whole)[0]
    live_pts = cv2.perspectiveTransform(_corners(lbox)[None].astype(np.float32), whole)[0]
    q = int(rng.integers(35, 96))
    params = {"frame": [w, h], "face_px": face_px, "card_frac": round(card_frac, 3), "bg": bg,
              "yaw_pitch_roll": [round(math.degrees(a), 1) for a in (yaw, pitch, roll)], "jpeg": q, **fin}
    return Composite(_jpeg(shot, q), w, h, _box_of(live_pts), _box_of(doc_pts), face_px, "reshoot", int(seed),
                     params)


def make(style: str, live, live_box: Box, doc, doc_box: Box, seed: int) -> Composite:
    if style == "wide":
        return make_wide(live, live_box, doc, doc_box, seed)
    if style == "reshoot":
        return make_reshoot(live, live_box, doc, doc_box, seed)
    raise ValueError(f"style must be one of {STYLES}, not {style!r}")
