"""The seam between the training screens and the services: the trainee's feedback and the trainer's desk.

The training screens (`ui.training_feedback`, `ui.trainer_tab`) are written against `TrainingDesk` only;
`DbTrainingDesk` is the in-process implementation over `services.training_trainer`, and
`reviewer_app.client.training.HttpTrainingDesk` the same over the reviewer service. Every method may block: the
screens call them from their task runner, never on the UI thread. Roles are checked by the services (trainer
only, and only on a training database), never by the screens. Errors are `ReviewerError`s fit to show.

This module imports no database code at import time (the HTTP client's package may import it).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.training_views import (
    CaseChoices,
    CaseSet,
    Feedback,
    ResetResult,
    TraineeCase,
    TraineeSummary,
)


@runtime_checkable
class TrainingDesk(Protocol):
    def feedback(self, actor: Actor, application_id: str, lang: str = "ru") -> Feedback:
        """The grade of the actor's latest decision on the application, with the rule in `lang`."""
        ...

    def trainees(self, actor: Actor) -> list[TraineeSummary]:
        """Every trainee with their sessions, cases, right and wrong (trainer only)."""
        ...

    def trainee_cases(self, actor: Actor, trainee: str) -> list[TraineeCase]:
        """One trainee's cases with the given and expected answer and the rule, in both languages; audited."""
        ...

    def reset_trainee(self, actor: Actor, trainee: str) -> ResetResult:
        """Clear the trainee's decisions (the cases go back to the queue); one transaction, audited."""
        ...

    def case_choices(self, actor: Actor) -> CaseChoices:
        """The kinds and lessons a case set can be made of, and everybody's current set."""
        ...

    def case_set(self, actor: Actor, trainee: str | None = None) -> CaseSet:
        """The set of cases given to `trainee` (None: to everybody)."""
        ...

    def set_case_set(self, actor: Actor, chosen: CaseSet, trainee: str | None = None) -> CaseSet:
        """Give `trainee` (None: everybody) only these cases; an empty set gives all. Audited."""
        ...


class DbTrainingDesk:
    """`TrainingDesk` in process, on the application context of a training database."""

    def __init__(self, app) -> None:
        self.app = app

    def feedback(self, actor: Actor, application_id: str, lang: str = "ru") -> Feedback:
        from reviewer_app.services import training_trainer

        return training_trainer.feedback_for(self.app, actor, application_id, lang)

    def trainees(self, actor: Actor) -> list[TraineeSummary]:
        from reviewer_app.services import training_trainer

        return training_trainer.trainees(self.app, actor)

    def trainee_cases(self, actor: Actor, trainee: str) -> list[TraineeCase]:
        from reviewer_app.services import training_trainer

        return training_trainer.trainee_cases(self.app, actor, trainee)

    def reset_trainee(self, actor: Actor, trainee: str) -> ResetResult:
        from reviewer_app.services import training_trainer

        return training_trainer.reset_trainee(self.app, actor, trainee)

    def case_choices(self, actor: Actor) -> CaseChoices:
        from reviewer_app.services import training_trainer

        return training_trainer.case_choices(self.app, actor)

    def case_set(self, actor: Actor, trainee: str | None = None) -> CaseSet:
        from reviewer_app.services import training_trainer

        return training_trainer.case_set(self.app, actor, trainee)

    def set_case_set(self, actor: Actor, chosen: CaseSet, trainee: str | None = None) -> CaseSet:
        from reviewer_app.services import training_trainer

        return training_trainer.set_case_set(self.app, actor, chosen, trainee)
