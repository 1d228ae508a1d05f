"""The supervisor's screens on the reviewer service: decision search, the read-only case and its images, the
second-review queue, claims, integrity alerts, statistics and the MFC confirmations waiting for a supervisor.

Each endpoint is one call of `DbSupervisorDesk`, i.e. of the supervision, statistics, integrity and MFC services,
which check the caller's role (re-read from the database) and audit, as for an in-process desk. The caller is the
account behind the session token (`api.deps.Caller`), never what the desk says it is.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from fastapi.responses import Response

from reviewer_app.api.deps import ERRORS, Caller
from reviewer_app.api.schemas import LeaseOut
from reviewer_app.api.schemas_supervision import (
    ConfirmIn,
    OverturnIn,
    ReassignIn,
    ResolvedOut,
    ResolveIn,
    SampleIn,
    SearchIn,
    SettleIn,
)
from reviewer_app.api.version import PREFIX
from reviewer_app.domain.supervision_views import (
    CaseView,
    ClaimRow,
    ConfirmationResult,
    DecisionPage,
    IntegrityFailure,
    PendingConfirmation,
    StaffRow,
    Stats,
)
from reviewer_app.services.context import AppContext
from reviewer_app.services.supervisor_desk_service import DbSupervisorDesk


def build(app: AppContext) -> APIRouter:
    desk = DbSupervisorDesk(app)
    api = APIRouter(prefix=f"{PREFIX}/supervision", tags=["supervision"], responses=ERRORS)

    # --- search and the read-only case ------------------------------------------------------------------------
    @api.post("/decisions/search", response_model=DecisionPage)
    def search(actor: Caller, body: SearchIn) -> DecisionPage:
        """Past decisions, newest first, one page; looking a person up is audited ('decision.search')."""
        return desk.search_decisions(actor, body.query, page=body.page, page_size=body.page_size)

    @api.get("/decision-makers", response_model=list[str])
    def decision_makers(actor: Caller) -> list[str]:
        return desk.decision_makers(actor)

    @api.get("/decisions/{decision_id}", response_model=CaseView)
    def open_case(actor: Caller, decision_id: int) -> CaseView:
        """The case as the reviewer saw it, read-only; audited ('application.open')."""
        return desk.open_case(actor, decision_id)

    @api.get("/decisions/{decision_id}/images/{sha256}", response_class=Response, responses={
        200: {"content": {"application/octet-stream": {}}, "description": "the decrypted image bytes"}})
    def case_image(actor: Caller, decision_id: int, sha256: str) -> Response:
        """Only for an auditor (a supervisor); audited ('image.open', readonly). Never cached."""
        return Response(desk.case_image(actor, decision_id, sha256), media_type="application/octet-stream",
                        headers={"Cache-Control": "no-store"})

    # --- four eyes --------------------------------------------------------------------------------------------
    @api.get("/second-review", response_model=DecisionPage)
    def second_review_queue(actor: Caller, page: int = 0, page_size: int = 100) -> DecisionPage:
        return desk.second_review_queue(actor, page=page, page_size=page_size)

    @api.post("/second-review/sample", response_model=list[int])
    def set_aside_sample(actor: Caller, body: SampleIn) -> list[int]:
        """The sampled approvals of the date range set aside for a second review (the ids newly set aside)."""
        return desk.set_aside_sample(actor, date_from=body.date_from, date_to=body.date_to)

    @api.post("/decisions/{decision_id}/confirm", status_code=204)
    def confirm(actor: Caller, decision_id: int, body: ConfirmIn) -> Response:
        desk.confirm(actor, decision_id, body.comment)
        return Response(status_code=204)

    @api.post("/decisions/{decision_id}/overturn", status_code=204)
    def overturn(actor: Caller, decision_id: int, body: OverturnIn) -> Response:
        desk.overturn(actor, decision_id, body.comment, reason_code=body.reason_code)
        return Response(status_code=204)

    @api.post("/decisions/{decision_id}/resolve", response_model=ResolvedOut)
    def resolve_escalation(actor: Caller, decision_id: int, body: ResolveIn) -> ResolvedOut:
        """A supervisor decides an escalated application under the decision plan (the escalated case itself is
        read with GET /v1/applications/{id}, which serves an auditor)."""
        return ResolvedOut(status=desk.resolve_escalation(
            actor, decision_id, outcome=body.outcome, reason_code=body.reason_code,
            comment_applicant=body.comment_applicant, comment_internal=body.comment_internal,
            acknowledged_checks=tuple(body.acknowledged_checks)))

    # --- claims -----------------------------------------------------------------------------------------------
    @api.get("/claims", response_model=list[ClaimRow])
    def current_claims(actor: Caller) -> list[ClaimRow]:
        return desk.current_claims(actor)

    @api.get("/reviewers", response_model=list[StaffRow])
    def reviewers(actor: Caller) -> list[StaffRow]:
        return desk.reviewers(actor)

    @api.post("/claims/{application_id}/release", status_code=204)
    def release_claim(actor: Caller, application_id: str) -> Response:
        desk.release_claim(actor, application_id)
        return Response(status_code=204)

    @api.post("/claims/{application_id}/reassign", response_model=LeaseOut)
    def reassign_claim(actor: Caller, application_id: str, body: ReassignIn) -> LeaseOut:
        return LeaseOut(lease_expires_at=desk.reassign_claim(actor, application_id, body.to_reviewer))

    # --- integrity, statistics, MFC confirmations -------------------------------------------------------------
    @api.get("/integrity-failures", response_model=list[IntegrityFailure])
    def integrity_failures(actor: Caller) -> list[IntegrityFailure]:
        return desk.integrity_failures(actor)

    @api.get("/statistics", response_model=Stats)
    def statistics(actor: Caller, date_from: date, date_to: date) -> Stats:
        return desk.statistics(actor, date_from, date_to)

    @api.get("/statistics/export", response_class=Response, responses={
        200: {"content": {"text/csv": {}, "application/pdf": {}}, "description": "the report file"}})
    def export_statistics(actor: Caller, date_from: date, date_to: date, format: str = "csv",
                          lang: str = "ru") -> Response:
        """The statistics as a CSV or PDF file in the reader's language, in words; audited as an export."""
        data = desk.export_statistics(actor, date_from, date_to, format, lang)
        return Response(data, media_type="application/pdf" if format == "pdf" else "text/csv; charset=utf-8",
                        headers={"Cache-Control": "no-store"})

    @api.get("/mfc-confirmations", response_model=list[PendingConfirmation])
    def pending_confirmations(actor: Caller) -> list[PendingConfirmation]:
        return desk.pending_confirmations(actor)

    @api.post("/mfc-confirmations/{confirmation_id}/verify", response_model=ConfirmationResult)
    def verify_confirmation(actor: Caller, confirmation_id: int, body: SettleIn) -> ConfirmationResult:
        return desk.verify_confirmation(actor, confirmation_id, body.comment)

    @api.post("/mfc-confirmations/{confirmation_id}/refuse", response_model=ConfirmationResult)
    def refuse_confirmation(actor: Caller, confirmation_id: int, body: SettleIn) -> ConfirmationResult:
        return desk.refuse_confirmation(actor, confirmation_id, body.comment or "")

    return api
