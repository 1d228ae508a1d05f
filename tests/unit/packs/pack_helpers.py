from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

from PIL import Image

SAMPLE: dict[str, Any] = {
    "format": 1,
    "id": "EMK-2026-000123",
    "kind": "child_access",
    "submitted_at": "2026-11-20T10:15:00+03:00",
    "applicant": {
        "last_name": "Иванова", "first_name": "Мария", "middle_name": "Петровна", "birth_date": "1990-05-17",
        "phone": "+7 916 123-45-67", "snils": "112-233-445 95", "account_confirmed_at_mfc": False,
        "biometric_consent": True,
        "passport": {"series": "4502", "number": "573482", "issued_on": "2010-06-01",
                     "issued_by": "ОВД района Арбат г. Москвы", "division_code": "770-001"},
        "oms_policy": {"number": "7700000000000008", "region": "77"},
    },
    "child": {
        "last_name": "Иванов", "first_name": "Пётр", "middle_name": "Сергеевич", "birth_date": "2019-02-11",
        "oms_policy": {"number": "5049123456789017", "region": "77"},
        "birth_certificate": {"series": "IV-МЮ", "number": "123456", "issued_on": "2019-03-01", "country": "RU"},
    },
    "documents": {"selfie_with_passport": "selfie.jpg", "passport_scan": "passport.jpg",
                  "birth_certificate_scan": "certificate.jpg"},
}


def jpeg(colour: bool = True) -> bytes:
    im = Image.new("RGB", (64, 48), (190, 60, 40) if colour else (120, 120, 120))
    buf = io.BytesIO()
    im.save(buf, "JPEG")
    return buf.getvalue()


def write_pack(folder: Path, raw: dict[str, Any] | None = None, files: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    raw = copy.deepcopy(SAMPLE) if raw is None else raw
    (folder / "application.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    if files is None:
        files = {"selfie.jpg": jpeg(), "passport.jpg": jpeg(False), "certificate.jpg": jpeg(False)}
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder
