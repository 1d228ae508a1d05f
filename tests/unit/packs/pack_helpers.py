from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

from PIL import Image

from tests.example_pack import EXAMPLE

SAMPLE: dict[str, Any] = EXAMPLE


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
