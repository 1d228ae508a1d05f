"""Training over the reviewer service: a trainee's feedback on their own decision, and the trainer's desk (the
trainees' sessions and cases, a fresh start, the set of cases given). Every call goes to
`services.training_desk.DbTrainingDesk` with the caller behind the session token, so the roles (trainer only,
training database only) are checked where they always are, in the services."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from reviewer_app.api.deps import ERRORS, Caller
from reviewer_app.api.schemas_training import CaseSetIn
from reviewer_app.api.version import PREFIX
from reviewer_app.domain.training_views import (
    CaseChoices,
    CaseSet,
    Feedback,
    ResetResult,
    TraineeCase,
    TraineeSummary,
)
from reviewer_app.services.context import AppContext
from reviewer_app.services.training_desk import DbTrainingDesk


def build(app: AppContext) -> APIRouter:
    desk = DbTrainingDesk(app)
    router = APIRouter(prefix=f"{PREFIX}/training", tags=["training"], responses=ERRORS)

    @router.get("/feedback/{application_id}", response_model=Feedback)
    def feedback(actor: Caller, application_id: str, lang: Literal["ru", "en"] = "ru") -> Feedback:
        """The grade of the caller's own latest decision on the application, the rule in `lang`."""
        return desk.feedback(actor, application_id, lang)

    @router.get("/trainees", response_model=list[TraineeSummary])
    def trainees(actor: Caller) -> list[TraineeSummary]:
        return desk.trainees(actor)

    @router.get("/trainees/{trainee}/cases", response_model=list[TraineeCase])
    def trainee_cases(actor: Caller, trainee: str) -> list[TraineeCase]:
        """Audited as the trainer's read ('training.read')."""
        return desk.trainee_cases(actor, trainee)

    @router.post("/trainees/{trainee}/reset", response_model=ResetResult)
    def reset(actor: Caller, trainee: str) -> ResetResult:
        """The trainee's decisions cleared and their cases back in the queue; one transaction, audited."""
        return desk.reset_trainee(actor, trainee)

    @router.get("/case-choices", response_model=CaseChoices)
    def case_choices(actor: Caller) -> CaseChoices:
        return desk.case_choices(actor)

    @router.get("/case-set", response_model=CaseSet)
    def case_set(actor: Caller, trainee: str | None = None) -> CaseSet:
        return desk.case_set(actor, trainee)

    @router.put("/case-set", response_model=CaseSet)
    def set_case_set(actor: Caller, body: CaseSetIn) -> CaseSet:
        return desk.set_case_set(actor, CaseSet(tuple(body.kinds), tuple(body.lessons)), body.trainee)

    return router
