"""Screenshots of every screen of every role, offscreen, at 1366x768 (the smallest desk screen we support).

`tour(ctx, accounts, out, training_ctx=None)` logs in through the real login screen as the reviewer, the supervisor,
the administrator and (on a training database) the trainer, and saves each screen and dialog they meet as
`<role>-<screen>.png`. Between the roles it makes a few decisions through the services (so the supervisor's lists,
the read-only case and the statistics have something to show). Run by `tools/screenshots.py`.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from reviewer_app.ui.app import SMALLEST_SCREEN, wait_for_signal


def _settle(window, ms: int = 20000) -> None:
    """Let the background tasks finish and their results land on screen."""
    app = QApplication.instance()
    for _ in range(3):
        window.runner.wait(ms)
        app.processEvents()


def _wait_until(condition: Callable[[], bool], timeout_ms: int = 20000) -> bool:
    app = QApplication.instance()
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: condition() and loop.quit())
    timer.start()
    QTimer.singleShot(timeout_ms, loop.quit)
    if not condition():
        loop.exec()
    timer.stop()
    app.processEvents()
    return condition()


class Shooter:
    def __init__(self, out: Path, size: tuple[int, int] = SMALLEST_SCREEN) -> None:
        self.out, self.size = out, size  # the screen every window and dialog is shown at
        self.written: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)

    def __call__(self, widget: QWidget, name: str) -> None:
        QApplication.instance().processEvents()
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        self.written.append(path)


def _size(shoot) -> tuple[int, int]:
    """The screen a shooter renders at (another collector of screens may not say: the smallest)."""
    return getattr(shoot, "size", SMALLEST_SCREEN)


def _window(desk, lang: str, app_context, size: tuple[int, int] = SMALLEST_SCREEN):
    from reviewer_app.ui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp(prefix="reviewer-shots-")) / "ui.ini"), QSettings.Format.IniFormat)
    # Nobody looks at an unattended run: a decision it makes right after a screen is shown is meant.
    window = MainWindow(desk, lang=lang, app_context=app_context, settings=settings, settle_seconds=0)
    window.runner.show_errors = False
    window.resize(*size)
    window.show()
    QApplication.instance().processEvents()
    return window


def _login(window, name: str, password: str, secret: str) -> bool:
    import pyotp

    page = window.login_page
    page.name.setText(name)
    page.password.setText(password)
    page.code.setText(pyotp.TOTP(secret).now())
    page.button.click()
    if not wait_for_signal(window.logged_in, 20000):
        print(f"{name}: login failed: {page.message.text()}", file=sys.stderr)
        return False
    _settle(window)
    return True


def _tab(window, widget: QWidget) -> None:
    window.tabs.setCurrentWidget(widget)
    QApplication.instance().processEvents()
    loaded = getattr(widget, "loaded", None)
    if loaded is not None and not getattr(widget, "_shot_loaded", False):
        _settle(window)
    _settle(window)


def reviewer_screens(window, shoot: Shooter, account, prefix: str = "reviewer") -> bool:
    from reviewer_app.ui.decision import DecisionDialog

    name, _role, password, secret = account
    window.login_page.name.setText(name)
    window.login_page.password.setText(password)
    shoot(window, "login")
    if not _login(window, name, password, secret):
        return False
    _wait_until(lambda: window.queue_page.model.rowCount() > 0, 10000)
    shoot(window, f"{prefix}-queue")
    window.next_application()
    if not wait_for_signal(window.application_shown, 120000):
        print("the first application did not open in time", file=sys.stderr)
        return False
    _settle(window)
    shoot(window, f"{prefix}-review")
    window.help.open(window.single_keys)
    shoot(window, f"{prefix}-shortcuts")
    window.help.hide()
    view = window.current.view
    for outcome, screen in (("reject", "reject-dialog"), ("return", "return-dialog"),
                            ("escalate", "escalate-dialog")):
        dialog = DecisionDialog(view, outcome, window.reasons(), window.lang, window)
        dialog.show()
        shoot(dialog, f"{prefix}-{screen}")
        dialog.close()
    window.release_current()
    _settle(window)
    return True


def seed_decisions(ctx, reviewer, supervisor, *, count: int = 4) -> None:
    """A few decisions by the reviewer through the services, one approval against the evidence (goes to a
    second review) and a sample set aside, so the supervisor's screens have something to show."""
    from reviewer_app.domain.views import DecisionRequest
    from reviewer_app.services import supervision as sv
    from reviewer_app.services.desk_service import DbDeskService

    desk = DbDeskService(ctx)
    for i in range(count):
        app_id = desk.claim_next(reviewer)
        if app_id is None:
            return
        view = desk.open_application(reviewer, app_id)
        try:
            desk.prescore(reviewer, app_id)  # the decision records the pre-score the reviewer saw
        except Exception as exc:
            print(f"pre-score of {app_id}: {exc}", file=sys.stderr)
        view = desk.open_application(reviewer, app_id)
        failed = [c for c in view.checks if c.failed]
        if i == 1:
            request = DecisionRequest(app_id, view.version, "reject", reason_code="photo_unclear",
                                      comment_internal="Лицо на селфи размыто.")
        elif i == 2:
            request = DecisionRequest(app_id, view.version, "return", reason_code="data_mismatch",
                                      comment_internal="Опечатка в номере паспорта.")
        elif failed:
            request = DecisionRequest(app_id, view.version, "approve",
                                      comment_internal="Проверил по оригиналу: данные верны, ошибка ввода.")
        else:
            request = DecisionRequest(app_id, view.version, "approve")
        try:
            desk.decide(reviewer, request)
        except Exception:
            desk.decide(reviewer, DecisionRequest(app_id, view.version, "reject", reason_code="data_mismatch",
                                                  comment_internal="Данные не совпадают с паспортом."))
    sv.set_aside_sample(ctx, supervisor, share=0.5)
    held = desk.claim_next(reviewer)  # one application under review now, for the Claims tab
    if held:
        desk.open_application(reviewer, held)


def supervisor_screens(window, shoot: Shooter, account, prefix: str = "supervisor") -> bool:
    from reviewer_app.ui.supervisor.escalation import EscalationDialog
    from reviewer_app.ui.supervisor.stats_tab import StatsTab
    from reviewer_app.ui.supervisor.widgets import (
        ClaimsTab,
        SearchTab,
        SecondReviewTab,
        VerdictDialog,
    )

    name, _role, password, secret = account
    if not _login(window, name, password, secret):
        return False
    tabs = {type(window.tabs.widget(i)): window.tabs.widget(i) for i in range(window.tabs.count())}
    if window.tabs.isTabVisible(window.tabs.indexOf(window.queue_page)):
        _tab(window, window.queue_page)
        shoot(window, f"{prefix}-queue")
    search = tabs.get(SearchTab)
    if search is not None:
        _tab(window, search)
        shoot(window, f"{prefix}-decisions")
        if search.model.rowCount():
            search.view.selectRow(0)
            search.open_selected()
            _settle(window)
            if search.case_dialog is not None:
                search.case_dialog.resize(*_size(shoot))
                _settle(window)
                shoot(search.case_dialog, f"{prefix}-case")
                search.case_dialog.tabs.setCurrentIndex(2)
                shoot(search.case_dialog, f"{prefix}-case-history")
                search.case_dialog.tabs.setCurrentIndex(1)
                _settle(window)
                shoot(search.case_dialog, f"{prefix}-case-images")
                search.case_dialog.close()
    second = tabs.get(SecondReviewTab)
    if second is not None:
        _tab(window, second)
        shoot(window, f"{prefix}-second-review")
        if second.model.rowCount():
            second.view.selectRow(0)
            second.open_selected()
            _settle(window)
            if second.case_dialog is not None:
                second.case_dialog.resize(*_size(shoot))
                shoot(second.case_dialog, f"{prefix}-second-review-case")
                second.case_dialog.close()
            dialog = VerdictDialog(second.model.row(0), False, window.lang, window)
            dialog.show()
            dialog._accept()  # no comment yet: the inline error
            shoot(dialog, f"{prefix}-overturn-dialog")
            dialog.close()
            dialog = VerdictDialog(second.model.row(0), True, window.lang, window)
            dialog.show()
            shoot(dialog, f"{prefix}-confirm-dialog")
            dialog.close()
        escalated = next((second.model.row(i) for i in range(second.model.rowCount())
                          if second.model.row(i).outcome == "escalate"), None)
        if escalated is not None:  # the supervisor decides it: the outcomes the plan offers
            view = second.desk.open_application(second.actor, escalated.application_id)
            dialog = EscalationDialog(escalated, view, window.lang, window)
            dialog.show()
            shoot(dialog, f"{prefix}-escalation-dialog")
            dialog.close()
    claims = tabs.get(ClaimsTab)
    if claims is not None:
        _tab(window, claims)
        shoot(window, f"{prefix}-claims")
    stats = tabs.get(StatsTab)
    if stats is not None:
        _tab(window, stats)
        shoot(window, f"{prefix}-statistics")
    known = {SearchTab, SecondReviewTab, ClaimsTab, StatsTab}
    for i in range(window.tabs.count()):  # any other tab of this role (e.g. integrity), so none is missed
        widget = window.tabs.widget(i)
        if widget not in (window.queue_page, window.review_page) and type(widget) not in known:
            _tab(window, widget)
            shoot(window, f"{prefix}-{type(widget).__name__.removesuffix('Tab').lower()}")
    return True


def trainer_screens(training_ctx, account, shoot: Shooter, lang: str) -> bool:
    from reviewer_app.services.desk_service import DbDeskService
    from reviewer_app.ui.decision import plain_request
    from reviewer_app.ui.training_feedback import attach_training_feedback

    window = _window(DbDeskService(training_ctx), lang, training_ctx, _size(shoot))
    from reviewer_app.services.training_desk import DbTrainingDesk

    feedback = attach_training_feedback(window, DbTrainingDesk(training_ctx), window.runner, is_training=True)
    try:
        name, _role, password, secret = account
        if not _login(window, name, password, secret):
            return False
        _wait_until(lambda: window.queue_page.model.rowCount() > 0, 10000)
        _settle(window)
        shoot(window, "trainer-queue")
        window.next_application()
        if wait_for_signal(window.application_shown, 120000):
            _settle(window)
            shoot(window, "trainer-review")
            # An unattended run answers the confirmation itself: a modal dialog would wait for a person forever.
            window.ask = lambda view, outcome, _reasons: plain_request(view, outcome)
            window.choose_outcome("in_person")
            if feedback is not None and wait_for_signal(feedback.shown, 30000):
                _settle(window)
                shoot(feedback.last, "trainer-feedback")
                feedback.last.close()
            _settle(window)
        for i in range(window.tabs.count()):
            widget = window.tabs.widget(i)
            if widget not in (window.queue_page, window.review_page):
                _tab(window, widget)
                names = {"SearchTab": "decisions", "StatsTab": "statistics", "ClaimsTab": "claims",
                         "TraineesTab": "trainees",
                         "SecondReviewTab": "second-review"}
                shoot(window, f"trainer-{names.get(type(widget).__name__, type(widget).__name__.lower())}")
        return True
    finally:
        window.close()


def tour(ctx, accounts, actors: dict, out: Path, *, lang: str = "ru", training_ctx=None,
         training_accounts=None, size: tuple[int, int] = SMALLEST_SCREEN) -> int:
    """Every screen of every role into `out`; returns 0, or 1 when a step failed (and says which).

    accounts: (name, role, password, totp_secret) to log in through the screen; actors: role -> Actor, for the
    decisions made through the services between the roles (no second login, no code reused)."""
    from reviewer_app.services.desk_service import DbDeskService
    from reviewer_app.ui.app import ensure_qapp, install_translations

    ensure_qapp()
    install_translations(lang)
    shoot = Shooter(out, size)
    by_role = {a[1]: a for a in accounts}
    ok = True
    desk = DbDeskService(ctx)
    window = _window(desk, lang, ctx, size)
    try:
        ok &= reviewer_screens(window, shoot, by_role["reviewer"])
        window.logout()
        _settle(window)
        seed_decisions(ctx, actors["reviewer"], actors["supervisor"])
        ok &= supervisor_screens(window, shoot, by_role["supervisor"])
        window.logout()
        _settle(window)
        shoot(window, "login-after-logout")
        ok &= supervisor_screens(window, shoot, by_role["admin"], prefix="admin")
        window.logout()
        _settle(window)
    finally:
        window.close()
    if training_ctx is not None and training_accounts:
        trainer = next(a for a in training_accounts if a[1] == "trainer")
        ok &= trainer_screens(training_ctx, trainer, shoot, lang)
    for path in shoot.written:
        print(f"screenshot: {path}")
    return 0 if ok else 1

