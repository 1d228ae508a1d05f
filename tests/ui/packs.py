"""Tiny valid application packs for desk tests (plain generated images; a fake matcher supplies face boxes)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image, ImageDraw

from reviewer_app.domain.prescore import FaceBox, PreScore, QualityFlag


def _jpeg(w: int, h: int, colour: tuple[int, int, int], ellipses: list[tuple[int, int, int, int]]) -> bytes:
    img = Image.new("RGB", (w, h), colour)
    d = ImageDraw.Draw(img)
    for top, right, bottom, left in ellipses:
        d.ellipse((left, top, right, bottom), fill=(225, 185, 150))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _snils(n: int) -> str:
    """A valid SNILS of pack n's own: each pack is another person (one SNILS links one person's packs)."""
    digits = f"{112233000 + n * 7:09d}"
    total = sum(int(d) * w for d, w in zip(digits, range(9, 0, -1), strict=True))
    while total > 101:
        total %= 101
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]} {0 if total in (100, 101) else total:02d}"


def write_pack(root: Path, n: int, *, submitted_at: str = "2026-11-24T10:15:00+03:00",
               last_name: str = "Иванова") -> Path:
    pack = root / f"pack{n}"
    pack.mkdir(parents=True)
    number = f"{573480 + n:06d}"
    doc = {
        "format": 1, "id": f"EMK-2026-{n:06d}", "kind": "own_access", "submitted_at": submitted_at,
        "applicant": {
            "last_name": last_name, "first_name": "Мария", "middle_name": "Петровна", "birth_date": "1990-05-17",
            "phone": "+7 916 123-45-67", "snils": _snils(n), "account_confirmed_at_mfc": False,
            "account": {"level": "full", "confirmed": True}, "biometric_consent": True,
            "passport": {"series": "4512", "number": number, "issued_on": "2012-06-01",
                         "issued_by": "ОВД района Арбат г. Москвы", "division_code": "770-001"},
            "oms_policy": {"number": "7700000000000008", "region": "77"},
        },
        "documents": {"selfie_with_passport": "selfie.jpg", "passport_scan": "passport.jpg"},
    }
    (pack / "application.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (pack / "selfie.jpg").write_bytes(_jpeg(640, 480, (80, 120, 190), [(80, 300, 300, 120), (260, 560, 360, 480)]))
    (pack / "passport.jpg").write_bytes(_jpeg(300, 400, (215, 205, 190), [(60, 220, 250, 80)]))
    return pack


class FakeMatcher:
    """Stands in for FaceMatcher (no dlib in UI tests): a fixed 'match' with boxes where the packs draw faces."""

    def __init__(self, delay: float = 0.0) -> None:
        self.calls = 0
        self.delay = delay

    def prescore(self, selfie, scan=None, *, consent: bool, selfie_name: str = "selfie",
                 scan_name: str = "scan") -> PreScore:
        import time

        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        return PreScore(band="match", score=84.0, distance=0.38,
                        faces=(FaceBox("selfie", "live", 80, 300, 300, 120),
                               FaceBox("selfie", "document", 260, 560, 360, 480),
                               FaceBox("scan", "scan", 60, 220, 250, 80)),
                        flags=(QualityFlag("small_document_face", "Лицо в паспорте мелкое",
                                           "The passport face is small"),),
                        summary_ru="Лица совпадают", summary_en="The faces match", model="fake-matcher",
                        consent=consent)
