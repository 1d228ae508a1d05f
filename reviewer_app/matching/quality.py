"""Quality flags: stable codes with messages in Russian and English, and the rules that raise them."""

from __future__ import annotations

from reviewer_app.domain.prescore import QualityFlag
from reviewer_app.matching.pipeline import Analysis

NO_FACE = "no_face"
NO_DOCUMENT_FACE = "no_document_face"
TOO_MANY_FACES = "too_many_faces"
FACE_TOO_SMALL = "face_too_small"
BLURRED = "blurred"
TOO_DARK = "too_dark"
TOO_BRIGHT = "too_bright"
BLACK_AND_WHITE = "black_and_white"
STRONG_TILT = "strong_tilt"
NO_SCAN_FACE = "no_scan_face"

MESSAGES: dict[str, tuple[str, str]] = {
    NO_FACE: ("На фото не найдено лицо.", "No face was found in the photo."),
    NO_DOCUMENT_FACE: (
        "Не найдено лицо на фотографии в паспорте: паспорт должен быть раскрыт на странице с фото и хорошо виден.",
        "The face on the passport photo was not found: the passport must be open at the photo page and clearly "
        "visible.",
    ),
    TOO_MANY_FACES: (
        "На фото больше двух лиц: на снимке должны быть только заявитель и паспорт.",
        "More than two faces in the photo: only the applicant and the passport should be in the picture.",
    ),
    FACE_TOO_SMALL: (
        "Лицо слишком мелкое для сравнения.",
        "A face is too small to compare.",
    ),
    BLURRED: ("Фото размыто.", "The photo is blurred."),
    TOO_DARK: ("Фото слишком тёмное.", "The photo is too dark."),
    TOO_BRIGHT: ("Фото пересвечено.", "The photo is too bright (overexposed)."),
    BLACK_AND_WHITE: (
        "Фото чёрно-белое: по правилам требуется цветное фото.",
        "The photo is black and white: the rules require a colour photo.",
    ),
    STRONG_TILT: (
        "Голова сильно наклонена или повёрнута.",
        "The head is strongly tilted or turned.",
    ),
    NO_SCAN_FACE: (
        "На скане паспорта не найдено лицо.",
        "No face was found on the passport scan.",
    ),
}

#: Thresholds (documented in docs/face-calibration.md).
MIN_LIVE_FACE_PX = 80
MIN_DOCUMENT_FACE_PX = 36
MIN_SHARPNESS = 60.0  # variance of the Laplacian of the live face resized to 128 px height
MIN_BRIGHTNESS = 55.0  # mean luma of the live face
MAX_BRIGHTNESS = 200.0
MAX_ROLL_DEG = 25.0
MAX_YAW = 0.45  # nose offset from the eye midpoint, in eye distances


def flag(code: str, image: str = "selfie", detail: str | tuple[str, str] = "") -> QualityFlag:
    """`detail`: the same in both languages (a count), or (Russian, English) when it has words or decimals."""
    ru, en = MESSAGES[code]
    detail_ru, detail_en = (detail, detail) if isinstance(detail, str) else detail
    if detail_ru or detail_en:
        ru, en = f"{ru} ({detail_ru})", f"{en} ({detail_en})"
    return QualityFlag(code, ru, en, image)


def _ru_decimal(text: str) -> str:
    """Russian writes a decimal comma: 0,35."""
    return text.replace(".", ",")


def selfie_flags(a: Analysis) -> list[QualityFlag]:
    out: list[QualityFlag] = []
    live = a.face("live")
    doc = a.face("document")
    if live is None:
        out.append(flag(NO_FACE))
    elif doc is None:
        out.append(flag(NO_DOCUMENT_FACE))
    if len(a.faces) > 2:
        out.append(flag(TOO_MANY_FACES, detail=f"{len(a.faces)}"))
    small: list[tuple[str, str]] = []
    if live is not None and live.height < MIN_LIVE_FACE_PX:
        small.append((f"живое лицо {live.height} пикс.", f"live {live.height} px"))
    if doc is not None and doc.height < MIN_DOCUMENT_FACE_PX:
        small.append((f"фото в паспорте {doc.height} пикс.", f"document {doc.height} px"))
    if small:
        out.append(flag(FACE_TOO_SMALL, detail=(", ".join(r for r, _ in small), ", ".join(e for _, e in small))))
    out.extend(_photo_flags(a, live, "selfie"))
    return out


def scan_flags(a: Analysis) -> list[QualityFlag]:
    face = a.face("scan")
    if face is None:
        return [flag(NO_SCAN_FACE, "scan")]
    out = []
    if face.height < MIN_DOCUMENT_FACE_PX:
        out.append(flag(FACE_TOO_SMALL, "scan", (f"{face.height} пикс.", f"{face.height} px")))
    return out


def _photo_flags(a: Analysis, face, image: str) -> list[QualityFlag]:
    out = []
    if face is not None and a.sharpness < MIN_SHARPNESS:
        out.append(flag(BLURRED, image))
    if a.brightness < MIN_BRIGHTNESS:
        out.append(flag(TOO_DARK, image))
    elif a.brightness > MAX_BRIGHTNESS:
        out.append(flag(TOO_BRIGHT, image))
    if not a.colour:
        out.append(flag(BLACK_AND_WHITE, image))
    if face is not None and face.roll_deg is not None and (
        abs(face.roll_deg) > MAX_ROLL_DEG or abs(face.yaw or 0.0) > MAX_YAW
    ):
        out.append(flag(STRONG_TILT, image, (f"наклон {face.roll_deg:.0f}°, поворот {_ru_decimal(f'{face.yaw:+.2f}')}",
                                              f"roll {face.roll_deg:.0f}°, yaw {face.yaw:+.2f}")))
    return out
