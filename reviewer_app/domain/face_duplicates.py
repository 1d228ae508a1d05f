"""The `face_duplicate` check: the live face of this application is very close to the face of an earlier
application filed under another identity (another name, birth date or passport).

Plain data in, a `CheckResult` out; the look-up itself is `reviewer_app.matching.face_index` and the worker
(`services.face_duplicates`) feeds this rule. The threshold is chosen by `bench/face_duplicates.py` on half of
the labelled people (at most 0.5% false flags between different people) and reported on the others.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from reviewer_app.domain.checks import CheckResult
from reviewer_app.domain.enums import CheckStatus
from reviewer_app.domain.registry import normalise_name

CHECK_ID = "face_duplicate"
# Identity-descriptor distance (matching/identity.py: the live face in colour at full resolution, averaged with its
# mirror and 4 fixed jitters) at or below which two live faces are "the same person": bench/face_duplicates.py
# found 0.585 at 0.5% false flags on the five calibration people of shared/faces/lfw (rounded down here). On the
# five held-out people and pairs.csv it flags 98.2% of same-person pairs at 0.09% false flags.
DUPLICATE_DISTANCE = 0.58
RULE_VERSION = "face-duplicate-1"


def identity_key(last_name: str, first_name: str, middle_name: str | None, birth_date: str,
                 passport_digits: str) -> str:
    """Who the application says the person is: name, birth date and passport (sha256, no personal data)."""
    text = "|".join((normalise_name(last_name), normalise_name(first_name), normalise_name(middle_name),
                     birth_date, passport_digits))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FaceMatch:
    """An earlier application whose live face is within the threshold."""

    application_id: str
    distance: float
    same_identity: bool
    label: str = ""  # what the reviewer sees: the other application's name and birth date

    def to_dict(self) -> dict[str, Any]:
        return {"application_id": self.application_id, "distance": round(self.distance, 4),
                "same_identity": self.same_identity, "label": self.label}


def face_duplicate(matches: list[FaceMatch], *, searched: int, has_face: bool,
                   threshold: float = DUPLICATE_DISTANCE) -> CheckResult:
    others = sorted((m for m in matches if not m.same_identity and m.distance <= threshold),
                    key=lambda m: m.distance)
    details = {"threshold": threshold, "searched": searched, "matches": [m.to_dict() for m in others],
               "same_identity": [m.to_dict() for m in matches if m.same_identity]}
    if not has_face:
        return CheckResult(CHECK_ID, CheckStatus.MANUAL, "Живое лицо не найдено: поиск повторов лица не выполнен",
                           "No live face found: the face-duplicate search was not run", details, RULE_VERSION)
    if others:
        ids = ", ".join(m.application_id for m in others)
        return CheckResult(CHECK_ID, CheckStatus.FAIL,
                           f"То же лицо в заявлениях на другое имя: {ids}",
                           f"The same face appears under another identity in: {ids}", details, RULE_VERSION)
    return CheckResult(CHECK_ID, CheckStatus.PASS, f"Лицо не встречается под другим именем (проверено: {searched})",
                       f"The face does not appear under another identity ({searched} searched)", details,
                       RULE_VERSION)
