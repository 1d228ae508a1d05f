"""The training feedback dialog follows the main window's decision_made signal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from reviewer_app.db.models import TrainingAnswer
from reviewer_app.services import training
from reviewer_app.ui.tasks import TaskRunner
from reviewer_app.ui.training_feedback import FeedbackDialog, attach_training_feedback

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "integration" / "supervision"))
import sv_factories as f


class FakeWindow(QWidget):
    decision_made = Signal(str, str)


@pytest.fixture
def training_ctx(db_url, app):
    if not db_url.startswith("sqlite"):
        pytest.skip("training databases are SQLite files")
    ctx = training.open_training(app.settings, clock=app.clock)
    yield ctx
    ctx.close()


def test_feedback_shown_after_decision(qtbot, training_ctx) -> None:
    ctx = training_ctx
    trainee = f.staff(ctx, "trainee", "reviewer")
    f.application(ctx, "T-1")
    with ctx.uow() as s:
        s.add(TrainingAnswer(application_id="T-1", expected_outcome="reject", expected_reason="face_mismatch",
                             explanation="Лица разные."))
    f.decision(ctx, "T-1", trainee, outcome="reject", reason="face_mismatch")
    window = FakeWindow()
    qtbot.addWidget(window)
    runner = TaskRunner(window)
    runner.show_errors = False
    hook = attach_training_feedback(window, ctx, runner)
    assert hook is not None
    with qtbot.waitSignal(hook.shown, timeout=5000) as sig:
        window.decision_made.emit("T-1", "reject")
    dialog: FeedbackDialog = sig.args[0]
    assert dialog.feedback.correct and dialog.verdict.text() == "Correct"
    assert "Лица разные." in dialog.explanation.text()
    runner.wait(3000)


def test_no_feedback_on_production(qtbot, app) -> None:
    window = FakeWindow()
    qtbot.addWidget(window)
    assert attach_training_feedback(window, app, TaskRunner(window)) is None


def test_wrong_decision_dialog(qtbot) -> None:
    fb = training.Feedback("T-2", "approve", None, False, "reject", "expired_document", "Паспорт просрочен.")
    dialog = FeedbackDialog(fb)
    qtbot.addWidget(dialog)
    assert dialog.verdict.text() == "Not quite" and "expired_document" in dialog.details.text()
