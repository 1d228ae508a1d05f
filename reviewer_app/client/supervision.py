"""`HttpSupervisorDesk`: the supervisor's screens' interface (`services.supervisor_desk.SupervisorDesk`) over
the reviewer service (`api/routes_supervision.py`).

It wraps the signed-in `HttpDeskService`, so one sign-in serves the reviewer's and the supervisor's screens; the
service's refusals come back as the domain's errors (`desk.send`). Answers are validated straight into the same
dataclasses the in-process desk returns (`domain.supervision_views`). Images stay in memory.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from pydantic import TypeAdapter

from reviewer_app.api.schemas import LeaseOut
from reviewer_app.api.schemas_supervision import ResolvedOut
from reviewer_app.client.desk import HttpDeskService
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.supervision_views import (
    CaseView,
    ClaimRow,
    ConfirmationResult,
    DecisionPage,
    DecisionQuery,
    IntegrityFailure,
    PendingConfirmation,
    StaffRow,
    Stats,
)
from reviewer_app.domain.views import ApplicationView

_PAGE = TypeAdapter(DecisionPage)
_CASE = TypeAdapter(CaseView)
_NAMES = TypeAdapter(list[str])
_IDS = TypeAdapter(list[int])
_CLAIMS = TypeAdapter(list[ClaimRow])
_STAFF = TypeAdapter(list[StaffRow])
_FAILURES = TypeAdapter(list[IntegrityFailure])
_STATS = TypeAdapter(Stats)
_PENDING = TypeAdapter(list[PendingConfirmation])
_SETTLED = TypeAdapter(ConfirmationResult)


def _day(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _query(q: DecisionQuery) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(q).items()}


class HttpSupervisorDesk:
    """`actor` arguments are for the interface's sake: the service acts for the account behind the session."""

    def __init__(self, desk: HttpDeskService) -> None:
        self.desk = desk

    def _get(self, path: str, **kwargs: Any) -> bytes:
        return self.desk.send("GET", "/supervision" + path, **kwargs).content

    def _post(self, path: str, body: dict[str, Any] | None = None) -> bytes:
        return self.desk.send("POST", "/supervision" + path, json=body or {}).content

    def now(self) -> datetime:
        return self.desk.now()

    @property
    def is_training(self) -> bool:
        return self.desk.is_training

    @property
    def image_max_decoded_bytes(self) -> int | None:
        return getattr(self.desk, "image_max_decoded_bytes", None)

    # --- search and the read-only case ------------------------------------------------------------------------
    def search_decisions(self, actor: Actor, query: DecisionQuery | None = None, *, page: int = 0,
                         page_size: int = 50) -> DecisionPage:
        return _PAGE.validate_json(self._post("/decisions/search", {
            "query": _query(query or DecisionQuery()), "page": page, "page_size": page_size}))

    def decision_makers(self, actor: Actor) -> list[str]:
        return _NAMES.validate_json(self._get("/decision-makers"))

    def open_case(self, actor: Actor, decision_id: int) -> CaseView:
        return _CASE.validate_json(self._get(f"/decisions/{int(decision_id)}"))

    def case_image(self, actor: Actor, decision_id: int, sha256: str) -> bytes:
        return self._get(f"/decisions/{int(decision_id)}/images/{sha256}")

    # --- four eyes --------------------------------------------------------------------------------------------
    def second_review_queue(self, actor: Actor, *, page: int = 0, page_size: int = 100) -> DecisionPage:
        return _PAGE.validate_json(self._get("/second-review", params={"page": page, "page_size": page_size}))

    def set_aside_sample(self, actor: Actor, *, date_from: date | None = None,
                         date_to: date | None = None) -> list[int]:
        return _IDS.validate_json(self._post("/second-review/sample", {"date_from": _day(date_from),
                                                                        "date_to": _day(date_to)}))

    def confirm(self, actor: Actor, decision_id: int, comment: str = "") -> None:
        self._post(f"/decisions/{int(decision_id)}/confirm", {"comment": comment})

    def overturn(self, actor: Actor, decision_id: int, comment: str, *, reason_code: str = "other") -> None:
        self._post(f"/decisions/{int(decision_id)}/overturn", {"comment": comment, "reason_code": reason_code})

    # --- escalations -------------------------------------------------------------------------------------------
    def open_application(self, actor: Actor, application_id: str) -> ApplicationView:
        return self.desk.open_application(actor, application_id)  # GET /v1/applications/{id}: serves an auditor

    def resolve_escalation(self, actor: Actor, decision_id: int, *, outcome: str, reason_code: str | None = None,
                           comment_applicant: str | None = None, comment_internal: str | None = None,
                           acknowledged_checks: tuple[str, ...] = ()) -> str:
        return ResolvedOut.model_validate_json(self._post(f"/decisions/{int(decision_id)}/resolve", {
            "outcome": str(outcome), "reason_code": reason_code, "comment_applicant": comment_applicant,
            "comment_internal": comment_internal, "acknowledged_checks": list(acknowledged_checks)})).status

    # --- claims -----------------------------------------------------------------------------------------------
    def current_claims(self, actor: Actor) -> list[ClaimRow]:
        return _CLAIMS.validate_json(self._get("/claims"))

    def reviewers(self, actor: Actor) -> list[StaffRow]:
        return _STAFF.validate_json(self._get("/reviewers"))

    def release_claim(self, actor: Actor, application_id: str) -> None:
        self._post(f"/claims/{application_id}/release")

    def reassign_claim(self, actor: Actor, application_id: str, to_reviewer: str) -> datetime:
        return LeaseOut.model_validate_json(self._post(f"/claims/{application_id}/reassign",
                                                       {"to_reviewer": to_reviewer})).lease_expires_at

    # --- integrity, statistics, MFC confirmations -------------------------------------------------------------
    def integrity_failures(self, actor: Actor) -> list[IntegrityFailure]:
        return _FAILURES.validate_json(self._get("/integrity-failures"))

    def statistics(self, actor: Actor, date_from: date, date_to: date) -> Stats:
        return _STATS.validate_json(self._get("/statistics", params={"date_from": date_from.isoformat(),
                                                                     "date_to": date_to.isoformat()}))

    def export_statistics(self, actor: Actor, date_from: date, date_to: date, fmt: str, lang: str) -> bytes:
        return self._get("/statistics/export", params={"date_from": date_from.isoformat(),
                                                       "date_to": date_to.isoformat(), "format": fmt, "lang": lang})

    def pending_confirmations(self, actor: Actor) -> list[PendingConfirmation]:
        return _PENDING.validate_json(self._get("/mfc-confirmations"))

    def verify_confirmation(self, actor: Actor, confirmation_id: int,
                            comment: str | None = None) -> ConfirmationResult:
        return _SETTLED.validate_json(self._post(f"/mfc-confirmations/{int(confirmation_id)}/verify",
                                                 {"comment": comment}))

    def refuse_confirmation(self, actor: Actor, confirmation_id: int, comment: str) -> ConfirmationResult:
        return _SETTLED.validate_json(self._post(f"/mfc-confirmations/{int(confirmation_id)}/refuse",
                                                 {"comment": comment}))
