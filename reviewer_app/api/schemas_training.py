"""What travels for training (`api.routes_training`): the domain's own dataclasses (`domain.training_views`)
where they fit, and the few request bodies. Imports no database code (the desk's client imports this module)."""

from __future__ import annotations

from pydantic import BaseModel, Field, TypeAdapter

from reviewer_app.domain.training_views import (
    CaseChoices,
    CaseSet,
    Feedback,
    ResetResult,
    TraineeCase,
    TraineeSummary,
)


class CaseSetIn(BaseModel):
    """The cases given: application kinds and lessons (the key's expected reason, or its outcome); both empty give
    every case. `trainee` absent: the set of everybody without one of their own."""

    trainee: str | None = Field(default=None, max_length=100)
    kinds: list[str] = Field(default_factory=list, max_length=20)
    lessons: list[str] = Field(default_factory=list, max_length=100)


TRAINEES = TypeAdapter(list[TraineeSummary])
CASES = TypeAdapter(list[TraineeCase])
FEEDBACK = TypeAdapter(Feedback)
RESET = TypeAdapter(ResetResult)
CHOICES = TypeAdapter(CaseChoices)
CASE_SET = TypeAdapter(CaseSet)

__all__ = ["CASES", "CASE_SET", "CHOICES", "FEEDBACK", "RESET", "TRAINEES", "CaseChoices", "CaseSet", "CaseSetIn",
           "Feedback", "ResetResult", "TraineeCase", "TraineeSummary"]
