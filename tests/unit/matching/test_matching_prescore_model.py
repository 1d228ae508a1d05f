"""PreScore JSON round trip."""

from __future__ import annotations

import json

from reviewer_app.domain.prescore import FaceBox, PreScore, QualityFlag


def test_round_trip_is_exact():
    p = PreScore(
        band="match", score=87.5, distance=0.41, distances={"live-document": 0.41},
        faces=(FaceBox("selfie", "live", 10, 200, 190, 20, "largest"), FaceBox("selfie", "document", 5, 6, 7, 1)),
        flags=(QualityFlag("blurred", "Фото размыто.", "The photo is blurred."),),
        reasons=("score from live-document",), summary_ru="Вероятно", summary_en="Likely", model="m",
        timings_ms={"total": 12.5},
    )
    d = json.loads(json.dumps(p.to_dict(), ensure_ascii=False))
    assert PreScore.from_dict(d) == p
    assert PreScore.from_dict(d).to_dict() == p.to_dict()
