"""What travels between a desk and the service: pydantic models, published in the OpenAPI document.

The desk's own frozen dataclasses (`domain.views`, `domain.prescore`, `domain.decision_plan`) are used as they
are wherever they can be: pydantic validates JSON straight back into them, so the client hands the screens the
very types the in-process desk does. Imports no database code (the client imports this module).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from reviewer_app.domain.decision_plan import DecisionFacts
from reviewer_app.domain.prescore import PreScore
from reviewer_app.domain.reasons import RejectReason
from reviewer_app.domain.views import ApplicationView, DecisionResult, QueueItem


@dataclass(frozen=True)
class WireRules:
    """The part of the rule table the desk's decision plan reads (`decision_plan.DecisionRules`)."""

    child_max_age: int = 15
    feb29_birthday: str = "mar1"


class ErrorOut(BaseModel):
    """Every refusal: `kind` names the error class, `code` the case (the desk words it in the user's language),
    `message` says it in English."""

    kind: str
    code: str
    message: str
    params: dict[str, Any] = Field(default_factory=dict)


class InfoOut(BaseModel):
    api_version: str
    now: datetime
    is_training: bool
    lease_seconds: int


class LoginIn(BaseModel):
    name: str
    password: str
    code: str = Field(description="the current TOTP code of the account")


class StaffOut(BaseModel):
    staff_id: int
    name: str
    role: str


class SessionOut(BaseModel):
    token: str = Field(description="opaque; send as 'Authorization: Bearer <token>'; kept in memory only")
    staff: StaffOut
    expires_at: datetime = Field(description="the absolute end of the session")
    idle_seconds: int = Field(description="the session ends after this long without a call")


class ClaimIn(BaseModel):
    """Reopening one's own claim needs nothing; a supervisor choosing an application by id gives the reason."""

    reason: str | None = None


class ClaimNextIn(BaseModel):
    kind: str | None = None
    exclude: list[str] = Field(default_factory=list)


class ClaimNextOut(BaseModel):
    application_id: str | None


class LeaseOut(BaseModel):
    lease_expires_at: datetime


class ApplicationOut(BaseModel):
    view: ApplicationView


class PreScoreOut(BaseModel):
    prescore: PreScore | None


class DecisionIn(BaseModel):
    idempotency_key: str = Field(description="a UUID the desk makes for this decision; a retry sends it again")
    expected_version: int
    outcome: str
    reason_code: str | None = None
    comment_applicant: str | None = None
    comment_internal: str | None = None
    acknowledged_checks: list[str] = Field(default_factory=list)


class MfcConfirmationIn(BaseModel):
    confirmed_by: str
    mfc_office: str
    confirmed_on: date | str
    document_ref: str


# The views name these under TYPE_CHECKING only; the wire carries the rule table as WireRules.
ApplicationOut.model_rebuild(_types_namespace={"DecisionFacts": DecisionFacts, "DecisionRules": WireRules})

__all__ = ["ApplicationOut", "ClaimNextIn", "ClaimNextOut", "DecisionIn", "DecisionResult", "ErrorOut", "InfoOut",
           "LeaseOut", "LoginIn", "MfcConfirmationIn", "PreScoreOut", "QueueItem", "RejectReason", "SessionOut",
           "StaffOut", "WireRules"]
