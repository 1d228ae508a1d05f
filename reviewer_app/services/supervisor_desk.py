"""The seam between the supervisor's screens and the services: every call the supervisor's tabs make (decision
search, the read-only case, the second-review queue, claims, integrity alerts, statistics, MFC confirmations).

The widgets in `ui/supervisor` are written against `SupervisorDesk` only. Two implementations: `DbSupervisorDesk`
(`services/supervisor_desk_service.py`, in process, over the supervision, statistics, integrity and MFC services)
and `client.supervision.HttpSupervisorDesk` (the same calls on the reviewer service). Roles are checked where the
data is, in the services, on every call. Every method may block: the screens call them from the task runner.
This module imports no database code, so a desk on the reviewer service can name the interface.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol, runtime_checkable

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


@runtime_checkable
class SupervisorDesk(Protocol):
    # --- what the screens read without asking the data ----------------------------------------------------------
    def now(self) -> datetime:
        """The service clock (aware): the date filters default to the last days before it."""
        ...

    @property
    def is_training(self) -> bool:
        """A training database (a trainer's permissions hold only there); read once at sign-in."""
        ...

    @property
    def image_max_decoded_bytes(self) -> int | None:
        """The image gate's limit the desk decodes within (None: the decoder's default)."""
        ...

    # --- search and the read-only case ------------------------------------------------------------------------
    def search_decisions(self, actor: Actor, query: DecisionQuery | None = None, *, page: int = 0,
                         page_size: int = 50) -> DecisionPage:
        """Past decisions matching `query`, newest first; looking a person up is audited."""
        ...

    def decision_makers(self, actor: Actor) -> list[str]:
        """Everyone who has decided an application (the search's reviewer list)."""
        ...

    def open_case(self, actor: Actor, decision_id: int) -> CaseView:
        """A past decision read-only; audited ('application.open')."""
        ...

    def case_image(self, actor: Actor, decision_id: int, sha256: str) -> bytes:
        """One image of a past case (an auditor's read, audited 'image.open'); NotFound if purged."""
        ...

    # --- four eyes --------------------------------------------------------------------------------------------
    def second_review_queue(self, actor: Actor, *, page: int = 0, page_size: int = 100) -> DecisionPage:
        ...

    def set_aside_sample(self, actor: Actor, *, date_from: date | None = None,
                         date_to: date | None = None) -> list[int]:
        """Sampled approvals of the date range set aside for a second review; the ids newly set aside."""
        ...

    def confirm(self, actor: Actor, decision_id: int, comment: str = "") -> None:
        ...

    def overturn(self, actor: Actor, decision_id: int, comment: str, *, reason_code: str = "other") -> None:
        ...

    # --- escalations: the supervisor decides, under the reviewer's plan (stage ESCALATION) -----------------------
    def open_application(self, actor: Actor, application_id: str) -> ApplicationView:
        """The application as a reviewer sees it (the decision dialog asks its plan); an auditor's read, audited
        ('application.open')."""
        ...

    def resolve_escalation(self, actor: Actor, decision_id: int, *, outcome: str, reason_code: str | None = None,
                           comment_applicant: str | None = None, comment_internal: str | None = None,
                           acknowledged_checks: tuple[str, ...] = ()) -> str:
        """Decide an escalated application (approve, reject, return, in person); the application's status
        afterwards. The plan's routes hold; a refusal comes back as the domain's error, in words."""
        ...

    # --- claims -----------------------------------------------------------------------------------------------
    def current_claims(self, actor: Actor) -> list[ClaimRow]:
        ...

    def reviewers(self, actor: Actor) -> list[StaffRow]:
        ...

    def release_claim(self, actor: Actor, application_id: str) -> None:
        ...

    def reassign_claim(self, actor: Actor, application_id: str, to_reviewer: str) -> datetime:
        """Returns the new lease's expiry."""
        ...

    # --- integrity, statistics, MFC confirmations -------------------------------------------------------------
    def integrity_failures(self, actor: Actor) -> list[IntegrityFailure]:
        ...

    def statistics(self, actor: Actor, date_from: date, date_to: date) -> Stats:
        ...

    def export_statistics(self, actor: Actor, date_from: date, date_to: date, fmt: str, lang: str) -> bytes:
        """The statistics as a 'csv' or 'pdf' file in `lang` ('ru', 'en'), in words; audited as an export."""
        ...

    def pending_confirmations(self, actor: Actor) -> list[PendingConfirmation]:
        ...

    def verify_confirmation(self, actor: Actor, confirmation_id: int,
                            comment: str | None = None) -> ConfirmationResult:
        ...

    def refuse_confirmation(self, actor: Actor, confirmation_id: int, comment: str) -> ConfirmationResult:
        ...

