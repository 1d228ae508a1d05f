"""The result of one rule on one application, and the report of all of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reviewer_app.domain.enums import CheckStatus

#: The status of an expected check that has not run yet (not a CheckStatus: nothing is stored for it). The face
#: comparison's checks are expected on every application: until the worker (or the desk) has compared the faces,
#: `face_duplicate` is shown as "not yet done" and an Approve waits for it (`decision_plan.not_run_problems`).
NOT_RUN = "not_run"
#: Checks the face comparison produces, expected before an approval.
FACE_CHECKS = ("face_duplicate",)


@dataclass(frozen=True)
class CheckResult:
    id: str
    status: CheckStatus
    message_ru: str
    message_en: str
    details: dict[str, Any] = field(default_factory=dict)  # JSON-serialisable facts the rule used
    rule_version: str = ""

    def message(self, lang: str = "ru") -> str:
        return self.message_en if lang == "en" else self.message_ru

    def to_dict(self, lang: str = "ru") -> dict[str, Any]:
        return {"id": self.id, "status": str(self.status), "message": self.message(lang),
                "details": self.details}


@dataclass(frozen=True)
class CheckReport:
    application_id: str
    kind: str
    rule_version: str
    sla_deadline: date
    results: tuple[CheckResult, ...]

    def by_id(self, check_id: str) -> CheckResult | None:
        for r in self.results:
            if r.id == check_id:
                return r
        return None

    def to_dict(self, lang: str = "ru") -> dict[str, Any]:
        return {"id": self.application_id, "kind": self.kind, "sla_deadline": self.sla_deadline.isoformat(),
                "rule_version": self.rule_version, "checks": [r.to_dict(lang) for r in self.results]}
