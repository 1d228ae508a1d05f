"""Two small training packs with their answer key (pack1: approve; pack2: reject, the face does not match), for
the trainer's desk tests in tests/ui and tests/integration/service."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ui.packs import write_pack

EXPLANATIONS = {
    "pack1": ("Документы в порядке, лицо совпадает с паспортом.", "The documents are in order; the face matches."),
    "pack2": ("Лицо на селфи не совпадает с фото в паспорте.", "The face in the selfie is not the passport's."),
}


def write_training_packs(root: Path) -> Path:
    write_pack(root, 1)
    write_pack(root, 2, last_name="Петрова")
    answers = [
        {"application_id": "EMK-2026-000001", "pack": "pack1", "expected_outcome": "approve", "expected_reason": None,
         "explanation": {"ru": EXPLANATIONS["pack1"][0], "en": EXPLANATIONS["pack1"][1]}},
        {"application_id": "EMK-2026-000002", "pack": "pack2", "expected_outcome": "reject",
         "expected_reason": "face_mismatch",
         "explanation": {"ru": EXPLANATIONS["pack2"][0], "en": EXPLANATIONS["pack2"][1]}},
    ]
    (root / "answer_key.json").write_text(json.dumps({"format": 1, "answers": answers}, ensure_ascii=False),
                                          encoding="utf-8")
    return root
