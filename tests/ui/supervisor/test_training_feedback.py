"""The training feedback dialog follows the main window's decision_made signal."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from reviewer_app.db.models import TrainingAnswer
from reviewer_app.services import training
from reviewer_app.services.training_desk import DbTrainingDesk
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
    window.actor = trainee  # the main window's signed-in person: the feedback grades their decision
    qtbot.addWidget(window)
    runner = TaskRunner(window)
    runner.show_errors = False
    hook = attach_training_feedback(window, DbTrainingDesk(ctx), runner, is_training=ctx.is_training_db)
    assert hook is not None
    with qtbot.waitSignal(hook.shown, timeout=5000) as sig:
        window.decision_made.emit("T-1", "reject")
    dialog: FeedbackDialog = sig.args[0]
    assert dialog.feedback.correct and dialog.verdict.text() == "Correct"
    assert "Лица разные." in dialog.explanation.text()
    runner.wait(3000)


def test_feedback_names_the_checks_that_failed(qtbot, training_ctx) -> None:
    """Issue 24: the explanation is never read as "all checks passed" beside a failed check; the feedback names
    each failed check in words, in the dialog and in the text of the report."""
    ctx = training_ctx
    trainee = f.staff(ctx, "trainee", "reviewer")
    f.application(ctx, "T-2")
    with ctx.uow() as s:
        s.add(TrainingAnswer(application_id="T-2", expected_outcome="escalate", explanation="Возможна подделка.",
                             explanation_en="Possibly forged."))
    f.decision(ctx, "T-2", trainee, outcome="approve", override=True,
               checks=[{"check_id": "face_duplicate", "status": "fail"}, {"check_id": "sla", "status": "pass"},
                       {"check_id": "document_data", "status": "fail"}])
    ru = training.grade_recorded(ctx, "T-2", "ru")
    assert ru.failed_checks == ("face_duplicate", "document_data")
    assert "Не пройдены проверки: То же лицо под другим именем, Данные заявления и паспорт." in ru.text()
    assert "Checks not passed: Same face under another name, Application data against the passport." in \
        training.grade_recorded(ctx, "T-2", "en").text()
    report = training.session_report(ctx, trainee="trainee", lang="ru")
    assert "Не пройдены проверки: То же лицо под другим именем" in report.text()
    dialog = FeedbackDialog(training.grade_recorded(ctx, "T-2", "en"))
    qtbot.addWidget(dialog)
    assert dialog.failed.text() == ("Checks not passed when you decided: same face under another name, "
                                    "application data against the passport")
    assert not dialog.failed.isHidden()
    f.application(ctx, "T-3")
    f.decision(ctx, "T-3", trainee, outcome="approve", checks=[{"check_id": "sla", "status": "pass"}])
    clean = FeedbackDialog(training.grade_recorded(ctx, "T-3", "en"))
    qtbot.addWidget(clean)
    assert clean.failed.isHidden() and clean.feedback.failed_checks == ()


class HoldingWindow(QWidget):
    """What the main window offers: decision_made, then its review session's before_next(id, go_on)."""

    decision_made = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.lang = "en"
        self.session = SimpleNamespace(before_next=None, undo_seconds=10.0)
        self.moved_on: list[str] = []

    def decided(self, application_id: str) -> None:  # as ReviewSession._write's done() with the window
        self.decision_made.emit(application_id, "approve")
        self.session.before_next(application_id, lambda: self.moved_on.append(application_id))


def test_next_case_waits_until_the_feedback_on_this_one_is_read(qtbot, training_ctx) -> None:
    ctx = training_ctx
    trainee = f.staff(ctx, "trainee", "reviewer")
    f.application(ctx, "T-3")
    with ctx.uow() as s:
        s.add(TrainingAnswer(application_id="T-3", expected_outcome="reject", expected_reason="face_mismatch",
                             explanation="Лица разные.", explanation_en="Different faces.", pack="03-x"))
    f.decision(ctx, "T-3", trainee, outcome="approve")
    window = HoldingWindow()
    window.actor = trainee
    qtbot.addWidget(window)
    runner = TaskRunner(window)
    runner.show_errors = False
    hook = attach_training_feedback(window, DbTrainingDesk(ctx), runner, is_training=ctx.is_training_db)
    with qtbot.waitSignal(hook.shown, timeout=5000) as sig:
        window.decided("T-3")
    dialog: FeedbackDialog = sig.args[0]
    assert window.session.undo_seconds == 0  # training writes and grades each decision at once
    assert window.moved_on == []  # the feedback is over the case just decided
    assert "T-3 (03-x)" in dialog.case.text() and dialog.explanation.text() == "Different faces."
    assert "reject (Face does not match the passport)" in dialog.details.text()
    dialog.accept()
    assert window.moved_on == ["T-3"]
    runner.wait(3000)


def test_no_feedback_on_production(qtbot, app) -> None:
    window = FakeWindow()
    qtbot.addWidget(window)
    assert attach_training_feedback(window, DbTrainingDesk(app), TaskRunner(window),
                                    is_training=app.is_training_db) is None


def test_wrong_decision_dialog(qtbot) -> None:
    fb = training.Feedback("T-2", "in_person", None, False, "reject", "document_expired", "Паспорт просрочен.",
                           failed_checks=("passport_validity",))
    dialog = FeedbackDialog(fb)
    qtbot.addWidget(dialog)
    assert dialog.verdict.text() == "Wrong"
    # the failed check is said beside the verdict, in words
    assert not dialog.failed.isHidden() and "passport validity" in dialog.failed.text()
    assert "passport_validity" not in dialog.failed.text()
    # in words, not the stored codes
    assert "in_person" not in dialog.details.text() and "document_expired" not in dialog.details.text()


def test_launcher_reads_the_training_flag_on_the_worker(qtbot, training_ctx, qsettings, monkeypatch) -> None:
    """`python -m reviewer_app.ui` hooks the feedback with the flag read in the worker task, not in the slot."""
    import threading

    from PySide6.QtWidgets import QApplication

    from reviewer_app.services.context import AppContext
    from reviewer_app.ui import __main__ as launcher
    from reviewer_app.ui import app as ui_app
    from reviewer_app.ui import main_window
    from reviewer_app.ui.training_feedback import TrainingFeedback

    # keep the user's settings file and the installed translators out of it
    real_window = main_window.MainWindow
    monkeypatch.setattr(main_window, "MainWindow", lambda desk, **kw: real_window(desk, settings=qsettings, **kw))
    monkeypatch.setattr(ui_app, "install_translations", lambda _lang: None)

    training_ctx.__dict__.pop("is_training_db", None)  # forget the cached answer: the next read queries
    reads: list[bool] = []
    original = AppContext.__dict__["is_training_db"].func

    def spy(self):
        reads.append(threading.current_thread() is threading.main_thread())
        return original(self)

    monkeypatch.setattr(AppContext, "is_training_db", property(spy))
    windows: list = []

    def fake_exec(_self=None) -> int:
        window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "login_page") and w.isVisible())
        windows.append(window)
        qtbot.waitUntil(lambda: window.findChild(TrainingFeedback) is not None, timeout=10000)
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert launcher.main(training_ctx) == 0
    window = windows[0]
    qtbot.addWidget(window)
    assert window.app_context is None and reads and not any(reads)  # the window holds no context: all over HTTP
