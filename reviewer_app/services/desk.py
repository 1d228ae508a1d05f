"""The seam between the workstation UI and the services: every operation the reviewer's desk needs.

The UI is written (and tested) against this Protocol only; `reviewer_app.services.desk_service.DbDeskService`
is the real implementation, `tests/ui/fakes.py` an in-memory one. All methods may block (database, document
store, face matching): the UI calls them from its background task runner, never from the UI thread.
Errors are `ReviewerError`s with a message fit to show the user.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol, runtime_checkable

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.prescore import PreScore
from reviewer_app.domain.reasons import RejectReason
from reviewer_app.domain.views import ApplicationView, DecisionRequest, DecisionResult, QueueFilter, QueueItem


@runtime_checkable
class DeskService(Protocol):
    # --- session ----------------------------------------------------------------------------------------------
    def login(self, name: str, password: str, code: str) -> Actor:
        """Check password and TOTP code; raises PermissionDenied (wrong credentials, locked) or DatabaseError."""
        ...

    def now(self) -> datetime:
        """The service clock (aware, UTC): the UI computes lease countdowns and badges from it."""
        ...

    @property
    def is_training(self) -> bool: ...

    @property
    def lease_seconds(self) -> int: ...

    # --- queue ------------------------------------------------------------------------------------------------
    def list_queue(self, actor: Actor, filters: QueueFilter | None = None) -> list[QueueItem]:
        """Applications this actor may take or already holds, most urgent first."""
        ...

    def claim_next(self, actor: Actor, kind: str | None = None, *, exclude: tuple[str, ...] = ()) -> str | None:
        """Claim the most urgent pending application (optionally of one kind); its id, or None if none left.
        `exclude`: ids the caller already holds (the one on screen), so prefetch never returns them."""
        ...

    def claim(self, actor: Actor, application_id: str, *, reason: str | None = None) -> datetime:
        """Reopen the actor's own claim, or (a supervisor, with `reason`) claim one chosen application; returns
        the lease expiry. PermissionDenied for a reviewer choosing one (they take the next) or a recused claim;
        ConflictError if someone else holds it."""
        ...

    def renew_lease(self, actor: Actor, application_id: str) -> datetime:
        """Extend the actor's lease; ConflictError if it was lost."""
        ...

    def release(self, actor: Actor, application_id: str) -> None:
        """Give the application back to the queue without a decision."""
        ...

    # --- review -----------------------------------------------------------------------------------------------
    def open_application(self, actor: Actor, application_id: str) -> ApplicationView:
        """Everything the review screen shows; the opening is audited ('application.open')."""
        ...

    def reload_application(self, actor: Actor, application_id: str) -> ApplicationView:
        """The application on screen read again after its face comparison ran (its checks, e.g. the face-duplicate
        search, are stored now); not audited as a second opening."""
        ...

    def load_image(self, actor: Actor, application_id: str, role: str) -> bytes:
        """The document image bytes for a role; audited ('image.open'). NotFound if missing or purged."""
        ...

    def prescore(self, actor: Actor, application_id: str) -> PreScore | None:
        """The stored pre-score, computing and storing it first if the worker has not yet (may be slow).
        None when there is nothing to compare (no images)."""
        ...

    def reject_reasons(self) -> list[RejectReason]:
        """The fixed list of reject/return reasons with their applicant-facing texts."""
        ...

    def decide(self, actor: Actor, request: DecisionRequest) -> DecisionResult:
        """Record the decision in one transaction (decision, grant, SMS, audit); ConflictError on a stale
        version or a lost lease. What is allowed is the domain's decision plan (the view carries its facts)."""
        ...

    def record_mfc_confirmation(self, actor: Actor, application_id: str, *, confirmed_by: str, mfc_office: str,
                                confirmed_on: date | str, document_ref: str) -> None:
        """Record that an MFC office confirmed a child's kinship in person (audited); the application can then
        be approved. ReviewerError naming the field for a missing or bad value."""
        ...
