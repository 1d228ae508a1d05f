"""Training feedback: after each decision on a training database, show whether it was right and why.

`attach_training_feedback(window, app_context, runner, is_training=...)` hooks the main window's
`decision_made(id, outcome)` signal; grading runs off the UI thread. `run_training_workstation` starts the
workstation on a training context (`ui.app.run_training_workstation`, used by `reviewer-app train`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reviewer_app.services import training


class FeedbackDialog(QDialog):
    def __init__(self, feedback: training.Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feedback = feedback
        self.setWindowTitle(self.tr("Training: %1").replace("%1", feedback.application_id))
        ok = feedback.correct
        self.verdict = QLabel(self.tr("Correct") if ok else
                              (self.tr("Not quite") if feedback.expected_outcome else self.tr("No answer key")))
        colour = "#2e7d32" if ok else "#c62828"
        self.verdict.setStyleSheet(f"font-size:18px; font-weight:bold; color:{colour};")
        self.verdict.setAccessibleName(self.tr("Training verdict"))
        got = feedback.outcome + (f" ({feedback.reason})" if feedback.reason else "")
        want = (feedback.expected_outcome or "—") + (f" ({feedback.expected_reason})"
                                                     if feedback.expected_reason else "")
        self.details = QLabel(self.tr("Your decision: %1\nExpected: %2").replace("%1", got).replace("%2", want))
        self.explanation = QLabel(feedback.explanation or "")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for w in (self.verdict, self.details, self.explanation, buttons):
            layout.addWidget(w)


class TrainingFeedback(QObject):
    """Grades each decision the window reports and shows the dialog (`shown` carries it, for tests)."""

    shown = Signal(object)

    def __init__(self, window, app_context, runner, *, modal: bool = False) -> None:
        super().__init__(window)
        self.window, self.app, self.runner, self.modal = window, app_context, runner, modal
        self.last: FeedbackDialog | None = None
        window.decision_made.connect(self.on_decision)

    def on_decision(self, application_id: str, _outcome: str) -> None:
        app = self.app
        self.runner.run(lambda: training.grade_recorded(app, application_id), on_success=self.show_feedback)

    def show_feedback(self, feedback: training.Feedback) -> None:
        self.last = FeedbackDialog(feedback, self.window)
        if self.modal:
            self.last.exec()
        else:
            self.last.show()
        self.shown.emit(self.last)


def attach_training_feedback(window, app_context, runner, *, is_training: bool) -> TrainingFeedback | None:
    """Hook feedback to a main window, only on a training database.

    `is_training` is read off the UI thread by the caller (the first read of `is_training_db` queries the
    database), e.g. from `DeskService.is_training` in a worker task."""
    if not is_training:
        return None
    return TrainingFeedback(window, app_context, runner)
