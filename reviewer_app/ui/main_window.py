"""The workstation window: login, queue and review pages, menus, keys and the status bar.

The review loop itself (claim, prefetch, leases, decide, undo) is `services.review_session.ReviewSession`, plain
Python with an injected clock; the window lays out, wires the keys and buttons to it, and shows what it reports.
Every service call goes through the TaskRunner (never on the UI thread). Actions the session would refuse are
disabled too (while saving or loading), so repeated key presses cannot decide twice; a decision key pressed again
as the next application appears is ignored by the session (it has not been on screen `settle_seconds` yet) and the
status bar says so; held-down decision keys do not repeat.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import DecisionOutcome, StaffRole
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.permissions import Permission, allowed
from reviewer_app.domain.reasons import RejectReason
from reviewer_app.domain.views import ApplicationView, DecisionRequest, DecisionResult
from reviewer_app.services.desk import DeskService
from reviewer_app.services.review_session import SETTLE_SECONDS, UNDO_SECONDS, Loader, Phase, ReviewSession
from reviewer_app.ui import loading
from reviewer_app.ui.decision import DecisionDialog, MfcConfirmationDialog, dialog_needed, plain_request
from reviewer_app.ui.image_view import ZOOM_STEP
from reviewer_app.ui.loading import Loaded
from reviewer_app.ui.login import LoginPage
from reviewer_app.ui.plain import PlainLabel, show_message
from reviewer_app.ui.queue_page import QueuePage
from reviewer_app.ui.review_page import LEASE_WARNING_SECONDS, ReviewPage
from reviewer_app.ui.service_session import end_after_pending
from reviewer_app.ui.shortcuts import NON_REVIEW_KEYS, HelpOverlay, apply_single_keys, make_actions
from reviewer_app.ui.tasks import TaskRunner, error_text
from reviewer_app.ui.words import role_label

log = logging.getLogger(__name__)

SETTINGS_ORG, SETTINGS_APP = "reviewer-app", "workstation"
DECISION_KEYS = {"approve": DecisionOutcome.APPROVE, "reject": DecisionOutcome.REJECT,
                 "in_person": DecisionOutcome.IN_PERSON, "return": DecisionOutcome.RETURN,
                 "escalate": DecisionOutcome.ESCALATE}


class _SessionEvents:
    """The window's side of `SessionListener` (QWidget has a `show` of its own)."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def show(self, item) -> None:
        self.w.on_session_show(item)

    def prescored(self, item) -> None:
        self.w.on_session_prescored(item)

    def cleared(self, reason: str, application_id: str | None) -> None:
        self.w.on_session_cleared(reason, application_id)

    def changed(self) -> None:
        self.w.on_session_changed()

    def decided(self, result: DecisionResult) -> None:
        self.w.on_session_decided(result)

    def failed(self, what: str, exc: BaseException, application_id: str | None) -> None:
        self.w.on_session_failed(what, exc, application_id)


class _LabelledRunner:
    """The session names its tasks by code; the status bar shows them in words."""

    def __init__(self, runner: TaskRunner, labels: dict[str, str]) -> None:
        self.runner, self.labels = runner, labels

    def run(self, fn, *, on_success=None, on_failure=None, label: str = "") -> None:
        self.runner.run(fn, on_success=on_success, on_failure=on_failure, label=self.labels.get(label, ""))


class MainWindow(QMainWindow):
    #: Emitted on the UI thread after a decision is stored (training mode shows feedback on it).
    decision_made = Signal(str, str)
    #: Emitted whenever an application is fully shown on the review screen (images, checks, pre-score).
    application_shown = Signal(str)
    logged_in = Signal(object)

    def __init__(self, desk: DeskService, *, lang: str = "ru", app_context=None, banner: QWidget | None = None,
                 settings: QSettings | None = None, ask: Callable[..., DecisionRequest | None] | None = None,
                 clock: Callable[[], float] = time.monotonic, undo_seconds: float = UNDO_SECONDS,
                 settle_seconds: float = SETTLE_SECONDS) -> None:
        super().__init__()
        self.desk = desk
        self.lang = lang
        self.app_context = app_context
        self.settings = settings or QSettings(SETTINGS_ORG, SETTINGS_APP)
        self.runner = TaskRunner(self, error_parent=self)
        labels = {"opening": self.tr("Opening the next application…"), "opening_one": self.tr("Opening…"),
                  "scoring": self.tr("Comparing faces…"), "saving": self.tr("Saving the decision…")}
        self.session = ReviewSession(
            # the session loads with prescore=True only ahead of time (the prefetch): not audited as seen until
            # it is shown (`seen`)
            desk, Loader(lambda actor, kind, exclude, prescore: loading.claim_and_load(
                desk, actor, kind, exclude, with_prescore=prescore, audited=not prescore),
                lambda actor, app_id: loading.claim_one_and_load(desk, actor, app_id, reason=self._open_reason),
                partial(loading.with_prescore_of, desk),
                seen=lambda actor, item: desk.open_application(actor, item.id)),
            _LabelledRunner(self.runner, labels), _SessionEvents(self), clock, undo_seconds=undo_seconds,
            settle_seconds=settle_seconds)
        self._reasons: list[RejectReason] | None = None
        self._open_reason: str | None = None  # a supervisor's reason for opening a chosen application
        # Tests replace the reason prompt: ask_open_reason(application_id) -> str | None.
        self.ask_open_reason: Callable[[str], str | None] = self._ask_open_reason
        # Tests replace the dialog: ask(view, outcome, reasons) -> DecisionRequest | None.
        self.ask = ask or self._ask_dialog
        # and the MFC confirmation's: ask_mfc(on_screen_id, filled, error) -> (application_id, values) | None
        self.ask_mfc: Callable[[str | None, dict | None, str], tuple[str, dict] | None] = self._mfc_dialog
        self.setWindowTitle(self.tr("Reviewer's desk — EMK access"))

        self.login_page = LoginPage()
        self.queue_page = QueuePage()
        self.review_page = ReviewPage(lang)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Work areas"))
        self.tabs.addTab(self.queue_page, self.tr("Queue"))
        self.tabs.addTab(self.review_page, self.tr("Review"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.login_page)
        self.stack.addWidget(self.tabs)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.training_banner = PlainLabel(self.tr("ТРЕНИРОВКА / TRAINING — decisions here grant no access"))
        self.training_banner.setAccessibleName(self.tr("Training database"))
        self.training_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_banner.setStyleSheet("background:#c62828; color:white; font-weight:bold; padding:4px;")
        self.training_banner.hide()  # shown once the database says it is a training one (asked off the UI thread)
        layout.addWidget(self.training_banner)
        self.rules_banner = PlainLabel()  # the rule table's warning (calendar running out), when there is one
        self.rules_banner.setAccessibleName(self.tr("Rule table warning"))
        self.rules_banner.setWordWrap(True)
        self.rules_banner.setStyleSheet("background:#fff3e0; color:#e65100; padding:4px;")
        self.rules_banner.hide()
        layout.addWidget(self.rules_banner)
        if banner is not None:
            layout.addWidget(banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.hide()
        self.busy_label = PlainLabel()
        self.user_label = PlainLabel()
        self.undo_label = PlainLabel()
        self.undo_label.setAccessibleName(self.tr("Undo the last decision"))
        self.undo_label.setStyleSheet("background:#fff3e0; color:#e65100; padding:2px 6px; font-weight:bold;")
        self.undo_label.hide()
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.undo_label)  # a passing message must not hide the undo
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.runner.busy.connect(self._busy)

        self.help = HelpOverlay(self)
        self.actions_by_id = make_actions(self)
        self.single_keys = self.settings.value("single_key_shortcuts", True, type=bool)
        apply_single_keys(self.actions_by_id, self.single_keys)
        self._build_menu()
        self._connect()
        self._restore_layout()

        self.tick = QTimer(self)  # lease countdown and renewal, the undo countdown
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._on_tick)
        QApplication.instance().installEventFilter(self)
        self._set_actions_enabled()
        self.runner.run(lambda: bool(self.desk.is_training), on_success=self.training_banner.setVisible,
                        on_failure=lambda exc: log.warning("training flag unknown: %s", exc))
        rules_warning = getattr(desk, "rules_warning", None)
        if rules_warning is not None:
            self.runner.run(lambda: rules_warning(lang), on_success=self._show_rules_warning,
                            on_failure=lambda exc: log.warning("rule table warning unknown: %s", exc))

    def _show_rules_warning(self, text: str | None) -> None:
        self.rules_banner.setText(text or "")
        self.rules_banner.setVisible(bool(text))

    # --- setup ------------------------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        view = self.menuBar().addMenu(self.tr("&View"))
        self.single_key_action = QAction(self.tr("Single-key shortcuts"), self)
        self.single_key_action.setCheckable(True)
        self.single_key_action.setChecked(self.single_keys)
        self.single_key_action.toggled.connect(self.set_single_keys)
        view.addAction(self.single_key_action)
        lang = view.addMenu(self.tr("Language (after restart)"))
        for code, name in (("ru", "Русский"), ("en", "English")):
            a = QAction(name, self)
            a.setCheckable(True)
            a.setChecked(code == self.lang)
            a.triggered.connect(partial(self._choose_lang, code))
            lang.addAction(a)
        self.apps_menu = apps_menu = self.menuBar().addMenu(self.tr("&Applications"))
        self.mfc_action = apps_menu.addAction(self.tr("Record an MFC kinship confirmation…"))
        self.mfc_action.triggered.connect(lambda: self.record_mfc_confirmation(any_application=True))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.actions_by_id["help"])
        desk = self.menuBar().addMenu(self.tr("&Desk"))
        for key in ("next", "undo", "release", "acknowledge", "queue"):
            desk.addAction(self.actions_by_id[key])
        desk.addSeparator()
        self.logout_action = self.actions_by_id["logout"]
        self.logout_action.triggered.connect(self.logout)
        desk.addAction(self.logout_action)
        self.menuBar().insertMenu(view.menuAction(), desk)  # Desk first, then View, then Help

    def _connect(self) -> None:
        a = self.actions_by_id
        for key, outcome in DECISION_KEYS.items():
            a[key].triggered.connect(partial(self.choose_outcome, str(outcome)))
        a["next"].triggered.connect(self.next_application)
        a["undo"].triggered.connect(self.undo_decision)
        a["release"].triggered.connect(self.release_current)
        a["acknowledge"].triggered.connect(self.acknowledge_manual_checks)
        a["fit"].triggered.connect(self.review_page.images.fit)
        a["zoom_in"].triggered.connect(lambda: self.review_page.images.zoom(ZOOM_STEP))
        a["zoom_out"].triggered.connect(lambda: self.review_page.images.zoom(1 / ZOOM_STEP))
        a["rotate"].triggered.connect(lambda: self.review_page.images.selfie.rotate_by(90))
        a["queue"].triggered.connect(lambda: self.tabs.setCurrentWidget(self.queue_page))
        a["help"].triggered.connect(lambda: self.help.open(
            self.single_keys, NON_REVIEW_KEYS if self.actor is not None and not self.reviews else None))
        self.login_page.submitted.connect(self._login)
        self.queue_page.next_requested.connect(self.next_application)
        self.queue_page.open_requested.connect(self.open_application)
        self.queue_page.filters_changed.connect(self.refresh_queue)
        self.queue_page.refresh_requested.connect(self.refresh_queue)
        self.review_page.decision_bar.chosen.connect(self.choose_outcome)
        self.review_page.decision_bar.next_requested.connect(self.next_application)
        self.review_page.decision_bar.release_requested.connect(self.release_current)
        self.review_page.decision_bar.mfc_requested.connect(self.record_mfc_confirmation)
        self.tabs.currentChanged.connect(lambda _i: self._set_actions_enabled())

    def _restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 880)
        for splitter in (self.review_page.main, self.review_page.right):
            state = self.settings.value(splitter.objectName())
            if isinstance(state, QByteArray) and not state.isEmpty() and splitter.restoreState(state):
                splitter.setChildrenCollapsible(False)  # the saved state carries the flag of its day
                if all(size > 0 for size in splitter.sizes()):
                    self.review_page.layout_restored = True
                else:  # a pane saved collapsed (before panes could not be): the default split, not a hidden pane
                    self.review_page.layout_restored = False
                    break

    def save_layout(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        for splitter in (self.review_page.main, self.review_page.right):
            self.settings.setValue(splitter.objectName(), splitter.saveState())
        self.settings.sync()

    def set_single_keys(self, enabled: bool) -> None:
        self.single_keys = enabled
        apply_single_keys(self.actions_by_id, enabled)
        self.settings.setValue("single_key_shortcuts", enabled)
        if self.single_key_action.isChecked() != enabled:
            self.single_key_action.setChecked(enabled)

    def _choose_lang(self, code: str) -> None:
        self.settings.setValue("lang", code)
        self.statusBar().showMessage(self.tr("The language changes at the next start."), 5000)

    def _busy(self, label: str) -> None:
        self.busy_label.setText(label)
        self.busy_bar.setVisible(bool(label))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self.session.touch()
        return False

    @property
    def actor(self) -> Actor | None:
        return self.session.actor

    @property
    def reviews(self) -> bool:
        """The signed-in user takes applications from the queue (the permission matrix says who does; the
        service refuses the others anyway): an administrator or an MFC operator is not offered N, K, Q…"""
        actor = self.session.actor
        # a trainer claims only on a training database: the service enforces that part
        return actor is not None and allowed(actor, Permission.CLAIM, training_db=True)

    def _set_actions_enabled(self) -> None:
        """Enable what the session would accept now (it refuses the rest itself too)."""
        session = self.session
        logged = session.actor is not None
        reviews = self.reviews
        on_review = reviews and self.tabs.currentWidget() is self.review_page
        can_decide = on_review and session.can_decide
        for key in DECISION_KEYS:
            self.actions_by_id[key].setEnabled(can_decide)
        self.actions_by_id["release"].setEnabled(can_decide)
        self.actions_by_id["acknowledge"].setEnabled(can_decide)
        self.actions_by_id["next"].setEnabled(reviews and session.can_next)
        self.actions_by_id["undo"].setEnabled(reviews and session.can_undo)
        for key in ("fit", "zoom_in", "zoom_out", "rotate"):
            self.actions_by_id[key].setEnabled(on_review)
        self.actions_by_id["queue"].setEnabled(reviews)
        self.apps_menu.menuAction().setVisible(logged and allowed(session.actor, Permission.RECORD_MFC,
                                                                  training_db=True))
        self.review_page.decision_bar.set_enabled(can_decide, session.can_next)
        self.actions_by_id["logout"].setEnabled(logged and session.phase != Phase.SAVING)

    # --- login ------------------------------------------------------------------------------------------------
    def _login(self, name: str, password: str, code: str) -> None:
        self.runner.run(partial(self.desk.login, name, password, code), on_success=self._logged_in,
                        on_failure=self.login_page.show_error, label=self.tr("Logging in…"))

    def _logged_in(self, actor: Actor) -> None:
        self.session.start(actor)
        role = actor.role.value if actor.role else ""
        self.user_label.setText(self.tr("{0} ({1})").format(actor.name, role_label(role)))
        self.queue_page.set_chooser(actor.role is StaffRole.SUPERVISOR, actor.name)
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentWidget(self.queue_page)
        if actor.role is StaffRole.ADMIN:  # staff and the audit trail first (ui.admin), then the audit screens
            self._add_admin_tabs()
        if actor.role in (StaffRole.SUPERVISOR, StaffRole.TRAINER, StaffRole.ADMIN):  # filtered by permission
            self._add_supervisor_tabs()
        if actor.role is StaffRole.TRAINER:  # the trainees' work, on the TrainingDesk beside this desk
            from reviewer_app.ui.trainer_tab import add_trainer_tab

            add_trainer_tab(self)
        # An administrator reviews nothing: the queue and review tabs would only show refusals (an MFC operator
        # only records confirmations).
        works = self.reviews
        for page in (self.queue_page, self.review_page):
            self.tabs.setTabVisible(self.tabs.indexOf(page), works)
        if not works and self.tabs.count() > 2:
            self.tabs.setCurrentIndex(2)
        self._set_actions_enabled()
        self.tick.start()
        if works:
            self.refresh_queue()
        self.logged_in.emit(actor)

    def _add_admin_tabs(self) -> None:
        from reviewer_app.ui.admin import build_admin_tabs
        from reviewer_app.ui.role_desks import admin_desk_for

        admin_desk = admin_desk_for(self.desk, self.app_context)
        if admin_desk is not None:
            today = moscow_date(self.desk.now())  # the service clock, read at sign-in: no I/O here
            for title, widget in build_admin_tabs(admin_desk, self.actor, self.runner, today, self):
                self.tabs.addTab(widget, title)

    def _add_supervisor_tabs(self) -> None:
        try:
            from reviewer_app.ui.supervisor import build_supervisor_tabs  # type: ignore[attr-defined]
        except ImportError:
            return
        desk = self.supervisor_desk()
        if desk is None:
            return
        try:
            for title, widget in build_supervisor_tabs(self, desk, self.actor, self.runner, lang=self.lang):
                self.tabs.addTab(widget, title)
        except Exception as exc:  # a broken supervisor screen must not stop the reviewer's work
            log.exception("supervisor tabs failed")
            self.runner.report(exc, self.tr("Supervisor screens unavailable"))

    def supervisor_desk(self):
        """The supervisor's screens' interface on the same footing as the reviewer's desk (ui.role_desks)."""
        from reviewer_app.ui.role_desks import supervisor_desk_for

        return supervisor_desk_for(self.desk, self.app_context)

    def logout(self) -> None:
        """A held decision is written now; what is on screen and prefetched goes back to the queue."""
        if self.session.phase == Phase.SAVING:
            return
        self.session.end()
        end_after_pending(self.desk, self.runner)  # a desk on the reviewer service: its session ends too
        self.tick.stop()
        while self.tabs.count() > 2:
            self.tabs.removeTab(2)
        self.user_label.setText("")
        self.statusBar().clearMessage()
        self.queue_page.set_items([], self.queue_page.model.today)  # the next user must not see this one's queue
        self.stack.setCurrentWidget(self.login_page)
        self.login_page.reset()
        self._set_actions_enabled()

    # --- queue ------------------------------------------------------------------------------------------------
    def refresh_queue(self) -> None:
        if self.actor is None:
            return
        actor, filters = self.actor, self.queue_page.filters()

        def fetch():
            return self.desk.list_queue(actor, filters), self.desk.now()

        self.runner.run(fetch, on_success=lambda r: self.queue_page.set_items(
            r[0], moscow_date(r[1]), self.prefetched.id if self.prefetched is not None else None),
                        label=self.tr("Loading the queue…"))

    # --- the review loop: ReviewSession decides, the window forwards and shows ---------------------------------
    @property
    def current(self) -> Loaded | None:
        return self.session.current  # type: ignore[return-value]

    @property
    def prefetched(self) -> Loaded | None:
        return self.session.prefetched  # type: ignore[return-value]

    @property
    def saving(self) -> bool:
        return self.session.phase == Phase.SAVING

    @property
    def loading(self) -> bool:
        return self.session.phase == Phase.LOADING

    def next_application(self) -> None:
        self.session.kind = self.queue_page.filters().kind
        if self.session.next():
            self.tabs.setCurrentWidget(self.review_page)

    def open_application(self, application_id: str) -> None:
        self.session.kind = self.queue_page.filters().kind
        held = self.current is not None and self.current.id == application_id
        mine = self.queue_page.held_by_me(application_id)
        self._open_reason = None
        if self.queue_page.can_choose and self.actor is not None and self.actor.role is not StaffRole.REVIEWER \
                and not (held or mine):
            # Choosing a case is a supervisor's action, audited with its reason.
            reason = self.ask_open_reason(application_id)
            if not (reason or "").strip():
                return
            self._open_reason = reason.strip()
        if self.session.open(application_id):
            self.tabs.setCurrentWidget(self.review_page)

    def _ask_open_reason(self, application_id: str) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("Open a chosen application"),
                                        self.tr("Why do you open {0} out of turn? (kept in the audit trail)")
                                        .format(application_id))
        return text if ok else None

    def reasons(self) -> list[RejectReason]:
        if self._reasons is None:
            self._reasons = self.desk.reject_reasons()  # a fixed list in code: no I/O
        return self._reasons

    def choose_outcome(self, outcome: str) -> None:
        if not self.session.ready_to_decide():  # nothing on screen, saving, or it has only just appeared
            return
        if self.session.approval_waits(outcome):  # faces still being compared, or K not pressed yet
            return
        view = self.session.current.view
        if dialog_needed(view, outcome):
            request = self.ask(view, outcome, self.reasons())
            if request is None:
                return
            if self.ask == self._ask_dialog:
                self._decide_after_dialog(request)
                return
        else:
            request = plain_request(view, outcome)
        self.session.decide(request)

    def record_mfc_confirmation(self, any_application: bool = False) -> None:
        """The MFC confirmed a kinship: record it (service). The application on screen is shown again (Approve
        opens); one waiting in "in person at MFC" (`any_application`: its id is typed) goes back to the queue."""
        if self.saving or self.actor is None or (self.current is None and not any_application):
            return
        on_screen = self.current.view.id if self.current is not None and not any_application else None
        if on_screen is not None and self.current.view.kind != "child_access":
            # refused before anything is typed: the service would refuse it after
            self.statusBar().showMessage(self.tr(
                "{0} is not an application for access to a child's record: an MFC kinship confirmation is not "
                "recorded on it.").format(on_screen), 10000)
            return
        self._ask_mfc(on_screen)

    def _mfc_dialog(self, on_screen: str | None, filled: dict | None, error: str) -> tuple[str, dict] | None:
        """The confirmation dialog: (application id, the service call's values), or None if cancelled."""
        dialog = MfcConfirmationDialog(on_screen, moscow_date(self.desk.now()), self, filled=filled, error=error)
        if dialog.exec() != MfcConfirmationDialog.DialogCode.Accepted:
            return None
        return dialog.application_id.text().strip(), dialog.values()

    def _ask_mfc(self, on_screen: str | None, filled: dict | None = None, error: str = "") -> None:
        typed = self.ask_mfc(on_screen, filled, error)
        if typed is None:
            return
        actor, (app_id, values) = self.actor, typed

        def record_and_reopen():
            self.desk.record_mfc_confirmation(actor, app_id, **values)
            held = self.current is not None and self.current.id == app_id
            return self.desk.open_application(actor, app_id) if held else app_id

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, ReviewerError) or self.actor is None:
                self.runner.report(exc, self.tr("The MFC confirmation was not saved"))
                return
            # the dialog comes back with what was typed and why it was not saved
            self._ask_mfc(on_screen, {**values, "application_id": app_id},
                          self.tr("Not saved: {0}").format(error_text(exc)))

        self.runner.run(record_and_reopen, on_success=self._mfc_recorded, on_failure=refused,
                        label=self.tr("Saving the MFC confirmation…"))

    def _mfc_recorded(self, shown: ApplicationView | str) -> None:
        app_id = shown if isinstance(shown, str) else shown.id
        if not isinstance(shown, str) and self.current is not None and self.current.id == app_id:
            self.session.current = replace(self.current, view=shown)
            self.review_page.show_loaded(self.current)
            self._set_actions_enabled()
        self.statusBar().showMessage(self.tr("{0}: the MFC confirmation is recorded; it counts once another "
                                             "supervisor confirms it.").format(app_id), 8000)
        self.refresh_queue()

    def _ask_dialog(self, view, outcome, reasons) -> DecisionRequest | None:
        dialog = DecisionDialog(view, outcome, reasons, self.lang, self)
        return dialog.request() if dialog.exec() == DecisionDialog.DialogCode.Accepted else None

    def _reask(self, view, refused: DecisionRequest, exc: BaseException) -> None:
        dialog = DecisionDialog(view, refused.outcome, self.reasons(), self.lang, self, initial=refused,
                                error=error_text(exc))
        if dialog.missing():  # say it in words, field by field, as the dialog does itself
            dialog.show_missing(dialog.missing())
        if dialog.exec() == DecisionDialog.DialogCode.Accepted:
            self._decide_after_dialog(dialog.request())

    def _decide_after_dialog(self, request: DecisionRequest) -> None:
        """The dialog leaves the screen first, then the decision goes on: showing the next application (its
        images scaled on this thread) right away kept the closed dialog painted over the window for seconds."""
        self.repaint()
        QTimer.singleShot(0, partial(self.session.decide, request))

    def undo_decision(self) -> None:
        if self.session.undo():
            self.tabs.setCurrentWidget(self.review_page)
            self.statusBar().showMessage(self.tr("Decision taken back: the application is on screen again."), 5000)

    def acknowledge_manual_checks(self) -> None:
        """K: the reviewer has checked the "check by hand" results (Approve is refused until then)."""
        if self.session.acknowledge():
            self.review_page.show_acknowledged(self.session.acknowledged)
            self.statusBar().showMessage(self.tr("Checks by hand acknowledged: Approve is possible."), 5000)

    def release_current(self) -> None:
        self.session.release()

    def _on_tick(self) -> None:
        self.session.tick()

    def _update_lease(self) -> None:
        left = self.review_page.show_lease(self.session.lease_of_current(), self.desk.now())
        if left is not None and 0 < left <= LEASE_WARNING_SECONDS and left % 15 == 0:
            self.statusBar().showMessage(self.tr("Your lease runs out in {0} s: keep working to renew it.")
                                         .format(left), 5000)

    # --- what the session reports (SessionListener) ------------------------------------------------------------
    def on_session_show(self, loaded: Loaded) -> None:
        self.review_page.show_loaded(loaded)
        self.tabs.setCurrentWidget(self.review_page)

    def on_session_prescored(self, loaded: Loaded) -> None:
        self.review_page.show_prescore(loaded)
        self.application_shown.emit(loaded.id)

    def on_session_cleared(self, reason: str, application_id: str | None) -> None:
        texts = {"empty": self.tr("The queue is empty. Well done."),
                 "released": self.tr("{0} put back in the queue.").format(application_id),
                 "conflict": self.tr("Not saved: {0} changed or your lease was lost.").format(application_id),
                 "ended": self.review_page.header_idle_text()}
        text = texts.get(reason, self.review_page.header_idle_text())
        self.review_page.clear(text)
        if reason == "released":  # put back: the reviewer is back at the queue, not on an empty page
            self.tabs.setCurrentWidget(self.queue_page)
            self.statusBar().showMessage(text, 5000)
        self.refresh_queue()

    def on_session_changed(self) -> None:
        self._set_actions_enabled()
        self.queue_page.mark_reserved(self.prefetched.id if self.prefetched is not None else None)
        self._update_lease()
        held = self.session.held
        if held is not None and self.session.can_undo:
            self.undo_label.setText(self.tr("{0}: {1} — undo with U or Ctrl+Z ({2} s)").format(
                held.request.application_id, self.review_page.decision_bar.outcome_text(held.request.outcome),
                math.ceil(self.session.undo_seconds_left())))
            self.undo_label.show()
        else:
            self.undo_label.hide()

    def on_session_decided(self, result: DecisionResult) -> None:
        if result.second_review:
            self.statusBar().showMessage(self.tr("{0}: saved; it goes to a second review.")
                                         .format(result.application_id), 8000)
        else:
            self.statusBar().showMessage(self.tr("{0}: decision saved.").format(result.application_id), 5000)
        self.decision_made.emit(result.application_id, result.outcome)
        self.refresh_queue()

    def on_session_failed(self, what: str, exc: BaseException, application_id: str | None) -> None:
        if what == "acknowledge_first":
            self.review_page.show_acknowledged(self.session.acknowledged)
            self.statusBar().showMessage(self.tr("Check the results marked “check by hand” first, then press K to "
                                                 "acknowledge them; Approve after that."), 10000)
        elif what == "comparing":
            self.statusBar().showMessage(self.tr("The faces are still being compared: Approve once the comparison "
                                                 "is done."), 10000)
        elif what == "too_soon":
            self.statusBar().showMessage(self.tr("Key ignored: {0} has only just appeared. Look at it, then "
                                                 "decide.").format(application_id), 5000)
        elif what == "finish_first":
            show_message(self, self.tr("Finish first"),
                         self.tr("Decide on or put back {0} before opening another application.")
                         .format(application_id), icon=QMessageBox.Icon.Information)
        elif what == "open":
            self.runner.report(exc, self.tr("Cannot open the application"))
            self.refresh_queue()
        elif what in ("decide", "incomplete"):
            refused = self.session.refused
            current = self.session.current
            if (refused is not None and current is not None and current.id == refused.application_id
                    and self.ask == self._ask_dialog and (what == "incomplete"
                                                          or dialog_needed(current.view, refused.outcome))):
                # not saved and still on screen: the dialog comes back with what was typed and why
                self._reask(current.view, refused, exc)
                return
            self.runner.report(exc, self.tr("The decision on {0} was not saved").format(application_id))
            self.refresh_queue()
        elif what == "prescore":
            log.warning("pre-score of %s failed: %s", application_id, exc)
            self.statusBar().showMessage(self.tr("Face comparison failed: compare by eye."), 10000)
            if self.session.current is not None:
                loaded = replace(self.session.current, prescore=None, prescore_ready=True)
                self.session.current = loaded
                self.on_session_prescored(loaded)
        elif what == "renew":
            self.statusBar().showMessage(self.tr("Could not renew the lease on {0}: {1}").format(
                application_id, error_text(exc)), 10000)

    # --- closing ----------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.session.end()  # writes a held decision, gives back what is held
        self.runner.wait(3000)
        end_after_pending(self.desk, self.runner, timeout=3, block=True)
        QApplication.instance().removeEventFilter(self)
        super().closeEvent(event)
