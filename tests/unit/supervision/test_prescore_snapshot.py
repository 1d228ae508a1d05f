"""The pre-score a decision stores, read back as the reviewer saw it (one shape, one reader)."""

from reviewer_app.domain.prescore import (
    FaceBox,
    PreScore,
    QualityFlag,
    decision_snapshot,
    snapshot_prescore,
    snapshot_score,
)

SEEN = PreScore(band="uncertain", score=52.0, distance=0.55, model="m1",
                faces=(FaceBox("selfie", "live", 1, 20, 30, 2),),
                flags=(QualityFlag("glare", "Блики", "Glare"),), summary_ru="Неясно", summary_en="Unsure")


def _stored(result: dict) -> dict:
    return decision_snapshot(row_id=7, band="uncertain", score=52.0, distance=0.55, model_version="m1",
                             selfie_sha256="a" * 64, scan_sha256=None, result=result,
                             computed_at="2026-11-27T09:00:00+00:00")


def test_the_stored_snapshot_reads_back_the_prescore_as_shown() -> None:
    stored = _stored(SEEN.to_dict())
    assert stored["result"]["flags"][0]["code"] == "glare"  # nested: the row's columns on top, the result below
    assert snapshot_prescore(stored) == SEEN
    assert snapshot_score(stored) == 52.0


def test_a_result_without_band_or_score_takes_the_stored_columns() -> None:
    got = snapshot_prescore(_stored({"flags": [QualityFlag("blur", "Размыто", "Blurred").to_dict()]}))
    assert (got.band, got.score, got.distance, got.flag_codes()) == ("uncertain", 52.0, 0.55, ["blur"])


def test_no_snapshot_is_no_prescore() -> None:
    assert snapshot_prescore(None) is None and snapshot_prescore({}) is None
    assert snapshot_score(None) is None and snapshot_score({"score": True}) is None
