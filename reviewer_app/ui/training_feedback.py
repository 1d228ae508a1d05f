"""Training feedback: after each decision on a training database, show whether it was right and why.

`attach_training_feedback(window, app_context, runner, is_training=...)` hooks the main window's
`decision_made(id, outcome)` signal; grading runs off the UI thread. `run_training_workstation` starts the
workstation on a training context (`ui.app.run_training_workstation`, used by `reviewer-app train`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from reviewer_app.services import training
from reviewer_app.ui.plain import PlainLabel
from reviewer_app.ui.words import check_label


class FeedbackDialog(QDialog):
    """The verdict on the application just decided, with the rule behind the expected answer."""

    def __init__(self, feedback: training.Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feedback = feedback
        lang = feedback.lang
        self.setWindowTitle(self.tr("Training: %1").replace("%1", feedback.title))
        ok = feedback.correct
        self.verdict = PlainLabel(self.tr("Correct") if ok else
                                  (self.tr("Not quite") if feedback.expected_outcome else self.tr("No answer key")))
        colour = "#2e7d32" if ok else "#c62828"
        self.verdict.setStyleSheet(f"font-size:18px; font-weight:bold; color:{colour};")
        self.verdict.setAccessibleName(self.tr("Training verdict"))
        self.case = PlainLabel(self.tr("Application %1").replace("%1", feedback.title))
        got = training.describe(feedback.outcome, feedback.reason, lang)
        want = training.describe(feedback.expected_outcome, feedback.expected_reason, lang) \
            if feedback.expected_outcome else "—"
        self.details = PlainLabel(self.tr("Your decision: %1\nExpected: %2").replace("%1", got).replace("%2", want))
        # the failed checks beside the verdict: the explanation is never read as "all checks passed" over one
        names = ", ".join(check_label(c) for c in feedback.failed_checks)
        self.failed = PlainLabel(self.tr("Failed checks: %1").replace("%1", names) if names else "")
        self.failed.setVisible(bool(names))
        self.failed.setWordWrap(True)
        self.explanation = PlainLabel(feedback.explanation or "")
        self.explanation.setWordWrap(True)
        self.explanation.setMinimumWidth(420)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Next application"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for w in (self.verdict, self.case, self.details, self.failed, self.explanation, buttons):
            layout.addWidget(w)


class TrainingFeedback(QObject):
    """Grades each decision the window reports and shows the dialog (`shown` carries it, for tests).

    The window's review session writes each decision at once (no undo window in training) and waits (its
    `before_next` hook) until the trainee closes the feedback, so the verdict is read over the application it
    is about, never over the next one."""

    shown = Signal(object)

    def __init__(self, window, app_context, runner, *, modal: bool = False) -> None:
        super().__init__(window)
        self.window, self.app, self.runner, self.modal = window, app_context, runner, modal
        self.lang = getattr(window, "lang", None) or app_context.settings.lang
        self.last: FeedbackDialog | None = None
        self._waiting: dict[str, object] = {}  # application id -> the window's "go on" callback
        window.decision_made.connect(self.on_decision)
        session = getattr(window, "session", None)
        if session is not None:
            # each decision is written and graded at once (no undo window), and the next application waits
            session.undo_seconds = 0
            session.before_next = self.hold_next

    def hold_next(self, application_id: str, go_on) -> None:
        self._waiting[application_id] = go_on

    def _release(self, application_id: str) -> None:
        go_on = self._waiting.pop(application_id, None)
        if go_on is not None:
            go_on()

    def on_decision(self, application_id: str, _outcome: str) -> None:
        app, lang = self.app, self.lang
        self.runner.run(lambda: training.grade_recorded(app, application_id, lang), on_success=self.show_feedback,
                        on_failure=lambda _exc: self._release(application_id))

    def show_feedback(self, feedback: training.Feedback) -> None:
        self.last = dialog = FeedbackDialog(feedback, self.window)
        dialog.finished.connect(lambda _result: self._release(feedback.application_id))
        if self.modal:
            dialog.exec()
        else:
            dialog.setWindowModality(Qt.WindowModality.WindowModal)  # no decision keys reach the desk meanwhile
            dialog.show()
        self.shown.emit(dialog)


def attach_training_feedback(window, app_context, runner, *, is_training: bool) -> TrainingFeedback | None:
    """Hook feedback to a main window, only on a training database.

    `is_training` is read off the UI thread by the caller (the first read of `is_training_db` queries the
    database), e.g. from `DeskService.is_training` in a worker task."""
    if not is_training:
        return None
    return TrainingFeedback(window, app_context, runner)
