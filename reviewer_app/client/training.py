"""`HttpTrainingDesk`: `services.training_desk.TrainingDesk` over the reviewer service (`api.routes_training`).

It wraps a signed-in `HttpDeskService` and calls through its `send`, so the one sign-in of the desk serves the
training screens too, and the service's refusals come back as the domain's errors (a reviewer's token asking for
the trainees' work: PermissionDenied). The `actor` arguments are ignored: the service knows the caller by the
session token."""

from __future__ import annotations

from urllib.parse import quote

from reviewer_app.api.schemas_training import CASE_SET, CASES, CHOICES, FEEDBACK, RESET, TRAINEES
from reviewer_app.client.desk import HttpDeskService
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.training_views import (
    CaseChoices,
    CaseSet,
    Feedback,
    ResetResult,
    TraineeCase,
    TraineeSummary,
)


def _name(trainee: str) -> str:
    return quote(trainee, safe="")


class HttpTrainingDesk:
    def __init__(self, desk: HttpDeskService) -> None:
        self.desk = desk

    def feedback(self, actor: Actor, application_id: str, lang: str = "ru") -> Feedback:
        return FEEDBACK.validate_json(self.desk.send("GET", f"/training/feedback/{_name(application_id)}",
                                                     params={"lang": "en" if lang == "en" else "ru"}).content)

    def trainees(self, actor: Actor) -> list[TraineeSummary]:
        return TRAINEES.validate_json(self.desk.send("GET", "/training/trainees").content)

    def trainee_cases(self, actor: Actor, trainee: str) -> list[TraineeCase]:
        return CASES.validate_json(self.desk.send("GET", f"/training/trainees/{_name(trainee)}/cases").content)

    def reset_trainee(self, actor: Actor, trainee: str) -> ResetResult:
        return RESET.validate_json(self.desk.send("POST", f"/training/trainees/{_name(trainee)}/reset").content)

    def case_choices(self, actor: Actor) -> CaseChoices:
        return CHOICES.validate_json(self.desk.send("GET", "/training/case-choices").content)

    def case_set(self, actor: Actor, trainee: str | None = None) -> CaseSet:
        params = {"trainee": trainee} if trainee is not None else {}
        return CASE_SET.validate_json(self.desk.send("GET", "/training/case-set", params=params).content)

    def set_case_set(self, actor: Actor, chosen: CaseSet, trainee: str | None = None) -> CaseSet:
        return CASE_SET.validate_json(self.desk.send("PUT", "/training/case-set", json={
            "trainee": trainee, "kinds": list(chosen.kinds), "lessons": list(chosen.lessons)}).content)
