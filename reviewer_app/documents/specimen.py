"""Generated specimen documents for the sample packs, the benchmark and the tests (generated art only).

`passport_spread(data, portrait, seed)` draws a Russian internal passport opened at the photo page, as it is
held in a selfie: the upper page with the issue data (issued by, date of issue, division code) and the lower
photo page (photo, surname, name, patronymic, sex, date and place of birth, series and number printed
vertically in red, and the machine-readable zone in OCR-B at the bottom). 125 x 176 mm at `PX_PER_MM`.
`birth_certificate(data, seed)` draws a birth certificate (series, number, date, the child and the parents).
`photograph(page, live, seed, ...)` holds a page beside a live face in a selfie, with the degradations the
benchmark varies (scale, rotation, perspective, blur, glare, JPEG quality), and returns where the page is.

Nothing here copies a real document: the layout follows the public description of the form, the background
is drawn guilloche, the fonts are OCR-B (public domain, shipped in `fonts/`) and DejaVu (matplotlib, dev only).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from reviewer_app.domain import mrz

PX_PER_MM = 8
PAGE_W, PAGE_H = 125 * PX_PER_MM, 88 * PX_PER_MM  # one page, landscape
SPREAD_H = 2 * PAGE_H
OCRB_PATH = Path(__file__).with_name("fonts") / "OCRB.otf"
MRZ_PITCH_MM = 2.54  # ICAO: 10 characters per inch (TD3 line: 44 characters, 111.8 mm)


@dataclass(frozen=True)
class PassportData:
    last_name: str
    first_name: str
    middle_name: str | None
    sex: str  # "M" / "F"
    birth_date: date
    birth_place: str
    series: str
    number: str
    issued_on: date
    issued_by: str
    division_code: str
    mrz_override: tuple[str, str] | None = None  # a sample case with a damaged zone

    def mrz_lines(self) -> tuple[str, str]:
        if self.mrz_override is not None:
            return self.mrz_override
        return mrz.compose(last_name=self.last_name, first_name=self.first_name, middle_name=self.middle_name,
                           sex=self.sex, birth_date=self.birth_date, series=self.series, number=self.number,
                           issued_on=self.issued_on, division_code=self.division_code)


@dataclass(frozen=True)
class CertificateData:
    series: str
    number: str
    issued_on: date
    child_last: str
    child_first: str
    child_middle: str | None
    child_birth: date
    birth_place: str
    father: str | None
    mother: str | None
    registry_office: str = "Отдел ЗАГС Москвы № 1"


@lru_cache(maxsize=32)
def _font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    if kind == "ocrb":
        return ImageFont.truetype(str(OCRB_PATH), size)
    from matplotlib import font_manager  # dev-only dependency (sample generation, bench, tests)

    name = {"sans": "DejaVu Sans", "serif": "DejaVu Serif", "bold": "DejaVu Sans"}[kind]
    props = font_manager.FontProperties(family=name, weight="bold" if kind == "bold" else "normal")
    return ImageFont.truetype(font_manager.findfont(props, fallback_to_default=True), size)


def _f(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def _guilloche(h: int, w: int, rng: np.random.Generator, colour: tuple[float, float, float],
               base: tuple[float, float, float]) -> np.ndarray:
    """Drawn at half resolution and enlarged (fast; the lines are soft anyway)."""
    full = (w, h)
    h, w = h // 2, w // 2
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32) * 2
    img = np.empty((h, w, 3), np.float32)
    img[:] = base
    for _ in range(int(rng.integers(3, 6))):
        f1, f2 = rng.uniform(0.004, 0.02), rng.uniform(0.01, 0.05)
        ph = rng.uniform(0, 6.28)
        wave = np.sin(xx * f1 + np.sin(yy * f2 + ph) * rng.uniform(2, 6) + ph)
        line = np.exp(-(wave ** 2) / 0.02) * rng.uniform(0.10, 0.22)
        img = img * (1 - line[:, :, None]) + np.array(colour, np.float32) * line[:, :, None]
    return cv2.resize(img, full, interpolation=cv2.INTER_LINEAR)


def _portrait_crop(image: np.ndarray, face_box: tuple[int, int, int, int], w: int, h: int) -> np.ndarray:
    """A 35x45-proportioned crop with the face filling ~60% of the height, desaturated as a print."""
    t, r, b, left = face_box
    fh = b - t
    ch = fh / 0.58
    cw = ch * w / h
    cx, cy = (left + r) / 2, t + fh * 0.45
    x0, y0 = cx - cw / 2, cy - ch * 0.45
    m = np.array([[w / cw, 0, -x0 * w / cw], [0, h / ch, -y0 * h / ch]], np.float64)
    crop = cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)
    grey = crop.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    out = grey[:, :, None] * 0.8 + crop.astype(np.float32) * 0.2
    return np.clip(out * 0.88 + 18, 0, 255).astype(np.uint8)


def _draw_mrz(draw: ImageDraw.ImageDraw, lines: tuple[str, str], x0: int, y_bottom: int, ink: int,
              weight: int) -> None:
    font = _font("ocrb", 10)
    size = round(10 * MRZ_PITCH_MM * PX_PER_MM / font.getlength("<"))  # the size whose advance is the pitch
    font = _font("ocrb", size)
    line_gap = round(4.3 * PX_PER_MM)  # ICAO: lines ~4.2 mm apart
    for i, line in enumerate(lines):
        y = y_bottom - (2 - i) * line_gap
        draw.text((x0, y), line, font=font, fill=(ink, ink, ink), anchor="ls", stroke_width=weight,
                  stroke_fill=(ink, ink, ink))


def passport_spread(data: PassportData, portrait_image: np.ndarray, face_box: tuple[int, int, int, int], *,
                    seed: int) -> np.ndarray:
    """The passport open at the photo page (RGB uint8, PAGE_W x SPREAD_H): issue page above, photo page below."""
    rng = np.random.default_rng([seed, 16])
    paper = (rng.uniform(236, 246), rng.uniform(226, 236), rng.uniform(222, 232))
    tint = (rng.uniform(170, 210), rng.uniform(120, 160), rng.uniform(140, 180))
    bg = _guilloche(SPREAD_H, PAGE_W, rng, tint, paper)
    img = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    ink = int(rng.integers(20, 60))
    label = (110, 90, 100)
    sans, small, bold = _font("sans", 26), _font("sans", 18), _font("bold", 30)
    # the fold between the pages
    d.line([(0, PAGE_H), (PAGE_W, PAGE_H)], fill=(200, 185, 190), width=3)

    # --- upper page: issue data ---------------------------------------------------------------------------
    d.text((PAGE_W // 2, 60), "РОССИЙСКАЯ ФЕДЕРАЦИЯ", font=bold, fill=(150, 60, 70), anchor="mm")
    d.text((60, 130), "Паспорт выдан", font=small, fill=label)
    words, line, y = data.issued_by.upper().split(), "", 165
    for w in words:  # wrap "issued by" over two or three lines
        if d.textlength(line + " " + w, font=sans) > PAGE_W - 140 and line:
            d.text((70, y), line, font=sans, fill=(ink,) * 3)
            line, y = w, y + 40
        else:
            line = (line + " " + w).strip()
    d.text((70, y), line, font=sans, fill=(ink,) * 3)
    d.text((60, 330), "Дата выдачи", font=small, fill=label)
    d.text((70, 360), _f(data.issued_on), font=sans, fill=(ink,) * 3)
    d.text((480, 330), "Код подразделения", font=small, fill=label)
    d.text((490, 360), data.division_code, font=sans, fill=(ink,) * 3)
    d.text((60, 470), "Личный код", font=small, fill=label)
    pts = [(600 + i * 12, 520 + 18 * math.sin(i * rng.uniform(0.6, 1.2))) for i in range(20)]
    d.line(pts, fill=(40, 50, 120), width=3)  # the officer's signature

    # --- lower page: the photo page ------------------------------------------------------------------------
    top = PAGE_H
    pw, ph = 35 * PX_PER_MM, 45 * PX_PER_MM
    px0, py0 = 40, top + 50
    img.paste(Image.fromarray(_portrait_crop(portrait_image, face_box, pw, ph)), (px0, py0))
    fx = px0 + pw + 50
    fields = [("Фамилия", data.last_name.upper()), ("Имя", data.first_name.upper()),
              ("Отчество", (data.middle_name or "").upper()),
              ("Пол", "МУЖ." if data.sex == "M" else "ЖЕН."), ("Дата рождения", _f(data.birth_date)),
              ("Место рождения", data.birth_place.upper())]
    y = top + 45
    for name, value in fields:
        d.text((fx, y), name, font=small, fill=label)
        d.text((fx + 10, y + 24), value, font=sans, fill=(ink,) * 3)
        y += 68 if name != "Пол" else 62
    # series and number, printed vertically in red along the right edge
    sn = f"{data.series[:2]} {data.series[2:]} {data.number}"
    band = Image.new("RGBA", (300, 44), (0, 0, 0, 0))
    ImageDraw.Draw(band).text((0, 4), sn, font=_font("bold", 30), fill=(170, 30, 40, 255))
    band = band.rotate(90, expand=True)
    img.paste(band, (PAGE_W - 60, top + 70), band)
    _draw_mrz(d, data.mrz_lines(), x0=round(6.5 * PX_PER_MM), y_bottom=SPREAD_H - round(4 * PX_PER_MM),
              ink=ink, weight=int(rng.integers(0, 2)))
    out = np.asarray(img).astype(np.float32)
    out += rng.normal(0, 2.0, out.shape[:2])[:, :, None]
    return np.clip(out, 0, 255).astype(np.uint8)


def birth_certificate(data: CertificateData, *, seed: int) -> np.ndarray:
    """A birth certificate (A4 proportions, 900 x 1270 px, RGB uint8)."""
    rng = np.random.default_rng([seed, 17])
    w, h = 900, 1270
    bg = _guilloche(h, w, rng, (120, 160, 130), (240, 242, 230))
    img = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    ink, label = (30, 30, 40), (90, 100, 90)
    sans, small, bold = _font("sans", 26), _font("sans", 18), _font("bold", 34)
    d.rectangle([20, 20, w - 20, h - 20], outline=(120, 150, 120), width=6)
    d.text((w // 2, 90), "СВИДЕТЕЛЬСТВО", font=bold, fill=(60, 90, 70), anchor="mm")
    d.text((w // 2, 135), "О РОЖДЕНИИ", font=bold, fill=(60, 90, 70), anchor="mm")
    rows = [("Фамилия", data.child_last), ("Имя", data.child_first), ("Отчество", data.child_middle or ""),
            ("Дата рождения", _f(data.child_birth)), ("Место рождения", data.birth_place),
            ("Отец", data.father or "—"), ("Мать", data.mother or "—"),
            ("Место государственной регистрации", data.registry_office), ("Дата выдачи", _f(data.issued_on))]
    y = 220
    for name, value in rows:
        d.text((70, y), name, font=small, fill=label)
        d.text((80, y + 26), value, font=sans, fill=ink)
        d.line([(70, y + 62), (w - 70, y + 62)], fill=(170, 180, 170), width=1)
        y += 95
    d.text((w // 2, h - 90), f"{data.series}   № {data.number}", font=_font("bold", 36), fill=(170, 30, 40),
           anchor="mm")
    return np.asarray(img)


# --- holding a page in a selfie -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Photographed:
    image: np.ndarray  # RGB uint8, decoded from `jpeg`
    jpeg: bytes
    corners: np.ndarray  # 4x2: where the page's corners landed (TL, TR, BR, BL)
    params: dict[str, float]


def _jpeg(rgb: np.ndarray, quality: int) -> tuple[np.ndarray, bytes]:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=int(quality))
    data = buf.getvalue()
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB")), data


def photograph(page: np.ndarray, background: np.ndarray, *, seed: int, canvas: tuple[int, int] = (1600, 1200),
               page_height: tuple[float, float] = (0.70, 0.95), max_rotation: float = 20.0,
               perspective: float = 0.08, blur: tuple[float, float] = (0.0, 1.4), glare: float = 0.5,
               quality: tuple[int, int] = (40, 95), centre_x: tuple[float, float] | None = None) -> Photographed:
    """`page` held in front of `background` (a selfie scene scaled to `canvas`), photographed and saved as JPEG.

    page_height: the page's height as a fraction of the canvas height (the scale); max_rotation in degrees;
    perspective: how far (fraction of the page size) each corner may move; blur: Gaussian sigma range;
    glare: the chance of a glare spot; quality: JPEG quality range; centre_x: where the page's centre may be, as
    fractions of the canvas width (default: anywhere it fits). The same seed gives the same bytes.
    """
    rng = np.random.default_rng([seed, 18])
    cw, ch = canvas
    bg = cv2.resize(background, canvas, interpolation=cv2.INTER_AREA)
    h, w = page.shape[:2]
    scale = rng.uniform(*page_height) * ch / h
    angle = math.radians(rng.uniform(-max_rotation, max_rotation))
    sw, sh = w * scale, h * scale
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    base = np.array([[-sw / 2, -sh / 2], [sw / 2, -sh / 2], [sw / 2, sh / 2], [-sw / 2, sh / 2]])
    jitter = rng.uniform(-perspective, perspective, (4, 2)) * [sw, sh]
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    pts = (base + jitter) @ rot.T
    ext = pts.max(axis=0) - pts.min(axis=0)
    if ext[1] > ch * 0.98 or ext[0] > cw * 0.98:  # keep the whole page in the frame
        pts *= min(ch * 0.98 / ext[1], cw * 0.98 / ext[0])
        ext = pts.max(axis=0) - pts.min(axis=0)
    lo = -pts.min(axis=0) + 2
    hi = np.array([cw, ch]) - pts.max(axis=0) - 2
    if centre_x is not None:
        lo[0], hi[0] = max(lo[0], centre_x[0] * cw), min(hi[0], centre_x[1] * cw)
    centre = np.array([rng.uniform(lo[0], max(lo[0], hi[0])), rng.uniform(lo[1], max(lo[1], hi[1]))])
    dst = (pts + centre).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    shade = rng.uniform(0.8, 1.05)  # the room light on the page
    lit = np.clip(page.astype(np.float32) * shade, 0, 255).astype(np.uint8)
    warped = cv2.warpPerspective(lit, m, canvas, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), m, canvas, flags=cv2.INTER_LINEAR)
    mk = mask.astype(np.float32)[:, :, None] / 255
    out = bg.astype(np.float32) * (1 - mk) + warped.astype(np.float32) * mk
    has_glare = rng.random() < glare
    if has_glare:
        gx, gy = dst[:, 0].mean() + rng.uniform(-0.3, 0.3) * ext[0], dst[:, 1].mean() + rng.uniform(-0.3, 0.3) * ext[1]
        r = rng.uniform(0.06, 0.15) * ext[0]
        yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
        spot = np.exp(-(((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * r * r))) * rng.uniform(60, 120)
        out += (spot * mk[:, :, 0])[:, :, None]
    sigma = rng.uniform(*blur)
    if sigma > 0.3:
        out = cv2.GaussianBlur(out, (0, 0), sigma)
    out += rng.normal(0, 3, out.shape[:2])[:, :, None]
    q = int(rng.integers(quality[0], quality[1] + 1))
    final, data = _jpeg(np.clip(out, 0, 255).astype(np.uint8), q)
    return Photographed(final, data, dst, {"scale": float(scale), "angle": math.degrees(angle),
                                           "blur": float(sigma), "glare": float(has_glare), "quality": q})


def selfie_scene(live: np.ndarray, face_box: tuple[int, int, int, int], *, seed: int,
                 canvas: tuple[int, int] = (1600, 1200)) -> tuple[np.ndarray, bool]:
    """The live person framed as in a selfie (face ~330 px tall on one side); and whether the page goes right."""
    rng = np.random.default_rng([seed, 20])
    cw, ch = canvas
    t, r, b, left = face_box
    f = rng.uniform(300, 360) / max(1, b - t)
    page_right = bool(rng.integers(0, 2))
    fcx = cw * (rng.uniform(0.24, 0.30) if page_right else rng.uniform(0.70, 0.76))
    fcy = ch * rng.uniform(0.33, 0.42)
    m = np.array([[f, 0, fcx - f * (left + r) / 2], [0, f, fcy - f * (t + b) / 2]], np.float64)
    img = cv2.warpAffine(live, m, canvas, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    inside = cv2.warpAffine(np.full(live.shape[:2], 255, np.uint8), m, canvas, flags=cv2.INTER_NEAREST)
    if inside.min() == 0:  # outside the photo: a blurred continuation of its edges (never a second face)
        blurred = cv2.GaussianBlur(img, (0, 0), 25)
        soft = cv2.GaussianBlur(inside, (0, 0), 8).astype(np.float32)[:, :, None] / 255.0
        img = (img * soft + blurred * (1 - soft)).astype(np.uint8)
    return img, page_right


def selfie(page: np.ndarray, live: np.ndarray, face_box: tuple[int, int, int, int], *, seed: int,
           hard: bool = False) -> Photographed:
    """A selfie holding `page` beside the live face (the sample packs' selfies)."""
    scene, right = selfie_scene(live, face_box, seed=seed)
    return photograph(page, scene, seed=seed, page_height=(0.80, 0.92), max_rotation=14 if hard else 6,
                      perspective=0.05 if hard else 0.03, blur=(0.6, 1.2) if hard else (0.0, 0.6),
                      glare=0.6 if hard else 0.2, quality=(55, 70) if hard else (84, 90),
                      centre_x=(0.62, 0.80) if right else (0.20, 0.38))


def scan(page: np.ndarray, *, seed: int, width: int = 820, quality: int = 85) -> bytes:
    """The page as a flatbed scan: slightly skewed, resized to `width`, JPEG."""
    rng = np.random.default_rng([seed, 19])
    h, w = page.shape[:2]
    a = rng.uniform(-1.5, 1.5)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), a, 1.0)
    skewed = cv2.warpAffine(page, m, (w, h), borderMode=cv2.BORDER_CONSTANT, borderValue=(250, 250, 250))
    out = cv2.resize(skewed, (width, round(h * width / w)), interpolation=cv2.INTER_AREA)
    return _jpeg(out, quality)[1]
