"""What travels for the supervisor's screens (`api/routes_supervision.py`): the request bodies. The answers are
the screens' own dataclasses (`domain.supervision_views`), which pydantic validates straight back on the desk.
Imports no database code (the client imports this module)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from reviewer_app.domain.supervision_views import DecisionQuery


class SearchIn(BaseModel):
    """A decision search (sent in the body: a passport or phone typed in full never lands in an address log)."""

    query: DecisionQuery = Field(default_factory=DecisionQuery)
    page: int = Field(0, ge=0)
    page_size: int = Field(50, ge=1, le=500)


class SampleIn(BaseModel):
    date_from: date | None = None
    date_to: date | None = None


class ConfirmIn(BaseModel):
    comment: str = ""


class OverturnIn(BaseModel):
    comment: str = Field(description="why the decision is overturned (required)")
    reason_code: str = Field("other", description="the reason the applicant is given")


class ResolveIn(BaseModel):
    """A supervisor's decision on an escalated application (the reviewer's decision, minus escalating again)."""

    outcome: str = Field(description="approve, reject, return or in_person")
    reason_code: str | None = Field(None, description="the reason the applicant is given (reject, return)")
    comment_applicant: str | None = None
    comment_internal: str | None = None
    acknowledged_checks: list[str] = Field(default_factory=list,
                                           description="checks to be done by hand that the supervisor took as seen")


class ResolvedOut(BaseModel):
    status: str = Field(description="the application's status afterwards")


class ReassignIn(BaseModel):
    to_reviewer: str = Field(description="the name of the reviewer or supervisor who takes the application")


class SettleIn(BaseModel):
    """Verifying an MFC confirmation may carry a comment; refusing one needs it."""

    comment: str | None = None


__all__ = ["ConfirmIn", "OverturnIn", "ReassignIn", "ResolveIn", "ResolvedOut", "SampleIn", "SearchIn",
           "SettleIn"]
