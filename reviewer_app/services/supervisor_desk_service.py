"""`DbSupervisorDesk`: the supervisor's screens' interface (`services.supervisor_desk.SupervisorDesk`) in
process, over the supervision, statistics, integrity and MFC services. Thin on purpose: each call is the service
function, which checks the role (re-read from the database) and audits; the reviewer service's endpoints
(`api/routes_supervision.py`) delegate to it too."""

from __future__ import annotations

from datetime import date, datetime

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
from reviewer_app.services import decisions, integrity, mfc, reports
from reviewer_app.services import stats as stats_service
from reviewer_app.services import supervision as sv
from reviewer_app.services.context import AppContext
from reviewer_app.services.desk_service import DbDeskService


class DbSupervisorDesk:
    def __init__(self, app: AppContext) -> None:
        self.app = app

    def now(self) -> datetime:
        return self.app.clock.now()

    @property
    def is_training(self) -> bool:
        return bool(getattr(self.app, "is_training_db", False))

    @property
    def image_max_decoded_bytes(self) -> int | None:
        return getattr(getattr(self.app, "settings", None), "image_max_decoded_bytes", None)

    def search_decisions(self, actor: Actor, query: DecisionQuery | None = None, *, page: int = 0,
                         page_size: int = 50) -> DecisionPage:
        return sv.search_decisions(self.app, actor, query, page=page, page_size=page_size)

    def decision_makers(self, actor: Actor) -> list[str]:
        return sv.decision_makers(self.app, actor)

    def open_case(self, actor: Actor, decision_id: int) -> CaseView:
        return sv.open_case(self.app, actor, decision_id)

    def case_image(self, actor: Actor, decision_id: int, sha256: str) -> bytes:
        return sv.case_image(self.app, actor, decision_id, sha256)

    def second_review_queue(self, actor: Actor, *, page: int = 0, page_size: int = 100) -> DecisionPage:
        return sv.second_review_queue(self.app, actor, page=page, page_size=page_size)

    def set_aside_sample(self, actor: Actor, *, date_from: date | None = None,
                         date_to: date | None = None) -> list[int]:
        return sv.set_aside_sample(self.app, actor, date_from=date_from, date_to=date_to)

    def confirm(self, actor: Actor, decision_id: int, comment: str = "") -> None:
        sv.confirm(self.app, actor, decision_id, comment)

    def overturn(self, actor: Actor, decision_id: int, comment: str, *, reason_code: str = "other") -> None:
        sv.overturn(self.app, actor, decision_id, comment, reason_code=reason_code)

    def open_application(self, actor: Actor, application_id: str) -> ApplicationView:
        # The reviewer desk's own reader: it lets an auditor open any application, and audits the read.
        return DbDeskService(self.app).open_application(actor, application_id)

    def resolve_escalation(self, actor: Actor, decision_id: int, *, outcome: str, reason_code: str | None = None,
                           comment_applicant: str | None = None, comment_internal: str | None = None,
                           acknowledged_checks: tuple[str, ...] = ()) -> str:
        return decisions.resolve_escalation(self.app, actor, decision_id, outcome=outcome, reason_code=reason_code,
                                            comment_applicant=comment_applicant,
                                            comment_internal=comment_internal,
                                            acknowledged_checks=tuple(acknowledged_checks)).status

    def current_claims(self, actor: Actor) -> list[ClaimRow]:
        return sv.current_claims(self.app, actor)

    def reviewers(self, actor: Actor) -> list[StaffRow]:
        return sv.reviewers(self.app, actor)

    def release_claim(self, actor: Actor, application_id: str) -> None:
        sv.release_claim(self.app, actor, application_id)

    def reassign_claim(self, actor: Actor, application_id: str, to_reviewer: str) -> datetime:
        return sv.reassign_claim(self.app, actor, application_id, to_reviewer)

    def integrity_failures(self, actor: Actor) -> list[IntegrityFailure]:
        return integrity.integrity_failures(self.app, actor)

    def statistics(self, actor: Actor, date_from: date, date_to: date) -> Stats:
        return stats_service.compute(self.app, actor, date_from, date_to)

    def export_statistics(self, actor: Actor, date_from: date, date_to: date, fmt: str, lang: str) -> bytes:
        return reports.export_statistics(self.app, actor, date_from, date_to, fmt, lang)

    def pending_confirmations(self, actor: Actor) -> list[PendingConfirmation]:
        return mfc.pending_confirmations(self.app, actor)

    def verify_confirmation(self, actor: Actor, confirmation_id: int,
                            comment: str | None = None) -> ConfirmationResult:
        return mfc.verify_confirmation(self.app, actor, confirmation_id, comment)

    def refuse_confirmation(self, actor: Actor, confirmation_id: int, comment: str) -> ConfirmationResult:
        return mfc.refuse_confirmation(self.app, actor, confirmation_id, comment)
