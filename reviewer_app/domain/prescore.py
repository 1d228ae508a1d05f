"""The face pre-score as stored with an application and shown to the reviewer.

Plain dataclasses with an exact JSON round trip (`to_dict` / `from_dict`), so a stored result is shown again
exactly as it was computed. Produced by `reviewer_app.matching.FaceMatcher.prescore`.

Boxes are `(top, right, bottom, left)` in pixels of the image as loaded (EXIF orientation applied), the same
order as face_recognition uses.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from reviewer_app.domain.enums import ScoreBand

#: Face roles in a pre-score.
ROLE_LIVE = "live"  # the applicant's own face in the selfie
ROLE_DOCUMENT = "document"  # the printed photo on the passport held in the selfie
ROLE_SCAN = "scan"  # the face on a separate passport scan
ROLE_OTHER = "other"  # any other face (a bystander, a second printed face, ...)
ROLES = (ROLE_LIVE, ROLE_DOCUMENT, ROLE_SCAN, ROLE_OTHER)


@dataclass(frozen=True)
class FaceBox:
    """One face found in one image."""

    image: str  # "selfie" or "scan"
    role: str  # one of ROLES
    top: int
    right: int
    bottom: int
    left: int
    reason: str = ""  # why this role was given (English, for the log and the tooltip)

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.top, self.right, self.bottom, self.left)

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def width(self) -> int:
        return self.right - self.left

    def to_dict(self) -> dict[str, Any]:
        return {
            "image": self.image,
            "role": self.role,
            "box": [self.top, self.right, self.bottom, self.left],
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FaceBox:
        top, right, bottom, left = (int(v) for v in d["box"])
        return cls(d.get("image", "selfie"), d["role"], top, right, bottom, left, d.get("reason", ""))


@dataclass(frozen=True)
class QualityFlag:
    """A quality problem: a stable code, and a message in Russian and English."""

    code: str
    message_ru: str
    message_en: str
    image: str = "selfie"  # which image it concerns: "selfie", "scan" or "" for the pair

    def message(self, lang: str = "ru") -> str:
        return self.message_en if lang == "en" else self.message_ru

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> QualityFlag:
        return cls(d["code"], d["message_ru"], d["message_en"], d.get("image", "selfie"))


@dataclass(frozen=True)
class PreScore:
    """The automated face comparison. Never a decision: a hint for the reviewer, with its reasons."""

    band: str  # ScoreBand value: match, uncertain, mismatch, manual
    score: float | None = None  # 0..99 (calibrated; never 100: the pre-score never claims certainty)
    distance: float | None = None  # the face-descriptor distance behind `score` (lower = more alike)
    distances: dict[str, float] = field(default_factory=dict)  # e.g. {"live-document": .., "live-scan": ..}
    faces: tuple[FaceBox, ...] = ()
    flags: tuple[QualityFlag, ...] = ()
    reasons: tuple[str, ...] = ()  # why the band (English), e.g. "no biometric consent"
    summary_ru: str = ""
    summary_en: str = ""
    model: str = ""
    consent: bool = True
    match_threshold: float = 60.0
    mismatch_threshold: float = 40.0
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def score_band(self) -> ScoreBand:
        return ScoreBand(self.band)

    def flag_codes(self) -> list[str]:
        return [f.code for f in self.flags]

    def faces_with_role(self, role: str) -> list[FaceBox]:
        return [f for f in self.faces if f.role == role]

    def summary(self, lang: str = "ru") -> str:
        return self.summary_en if lang == "en" else self.summary_ru

    def to_dict(self) -> dict[str, Any]:
        return {
            "band": self.band,
            "score": self.score,
            "distance": self.distance,
            "distances": dict(self.distances),
            "faces": [f.to_dict() for f in self.faces],
            "flags": [f.to_dict() for f in self.flags],
            "reasons": list(self.reasons),
            "summary_ru": self.summary_ru,
            "summary_en": self.summary_en,
            "model": self.model,
            "consent": self.consent,
            "match_threshold": self.match_threshold,
            "mismatch_threshold": self.mismatch_threshold,
            "timings_ms": dict(self.timings_ms),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PreScore:
        return cls(
            band=d["band"],
            score=d.get("score"),
            distance=d.get("distance"),
            distances={k: float(v) for k, v in (d.get("distances") or {}).items()},
            faces=tuple(FaceBox.from_dict(f) for f in d.get("faces", ())),
            flags=tuple(QualityFlag.from_dict(f) for f in d.get("flags", ())),
            reasons=tuple(d.get("reasons", ())),
            summary_ru=d.get("summary_ru", ""),
            summary_en=d.get("summary_en", ""),
            model=d.get("model", ""),
            consent=bool(d.get("consent", True)),
            match_threshold=float(d.get("match_threshold", 60.0)),
            mismatch_threshold=float(d.get("mismatch_threshold", 40.0)),
            timings_ms={k: float(v) for k, v in (d.get("timings_ms") or {}).items()},
        )


# --- the pre-score as stored with a decision -------------------------------------------------------------------
# One shape, written by `decision_snapshot` when a decision is saved and read back by `snapshot_prescore` (the
# supervisor's case view, second reviews) and `snapshot_score` (statistics): the stored row's columns at the top,
# and under "result" the full pre-score exactly as the reviewer saw it (`PreScore.to_dict`: faces, flags, texts).
SNAPSHOT_RESULT = "result"


def decision_snapshot(*, row_id: int | None, band: str, score: float | None, distance: float | None,
                      model_version: str, selfie_sha256: str | None, scan_sha256: str | None,
                      result: dict[str, Any], computed_at: str) -> dict[str, Any]:
    """The pre-score a decision records (`Decision.prescore_snapshot`)."""
    return {"id": row_id, "band": band, "score": score, "distance": distance, "model_version": model_version,
            "selfie_sha256": selfie_sha256, "scan_sha256": scan_sha256, SNAPSHOT_RESULT: result,
            "computed_at": computed_at}


def snapshot_prescore(snapshot: dict[str, Any] | None) -> PreScore | None:
    """The pre-score the reviewer saw, from a decision's stored snapshot; None when the decision had none.

    The stored band and score (the row's columns) fill in a result that lacks them; everything else (quality
    flags, faces, texts) is the stored result's."""
    if not snapshot:
        return None
    result = snapshot.get(SNAPSHOT_RESULT)
    merged = dict(result) if isinstance(result, dict) else {}
    for key in ("band", "score", "distance"):
        if merged.get(key) is None and snapshot.get(key) is not None:
            merged[key] = snapshot[key]
    if not merged.get("band"):
        return None
    return PreScore.from_dict(merged)


def snapshot_score(snapshot: dict[str, Any] | None) -> float | None:
    """Just the score of a stored snapshot (statistics read it for every decision, so no full parse)."""
    if not snapshot:
        return None
    score = snapshot.get("score")
    if score is None and isinstance(snapshot.get(SNAPSHOT_RESULT), dict):
        score = snapshot[SNAPSHOT_RESULT].get("score")
    return float(score) if isinstance(score, int | float) and not isinstance(score, bool) else None
