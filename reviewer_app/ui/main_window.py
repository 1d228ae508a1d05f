"""The workstation window: login, queue, review; the claim → review → decide → next loop with prefetch.

Every service call goes through the TaskRunner (never on the UI thread). While a decision is being saved, the
decision and navigation actions are disabled, so repeated key presses cannot decide twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
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
from reviewer_app.domain.errors import ConflictError
from reviewer_app.domain.views import ApplicationView, DecisionRequest, DecisionResult, RejectReason
from reviewer_app.services.desk import DeskService
from reviewer_app.ui import loading
from reviewer_app.ui.decision import DecisionDialog, MfcConfirmationDialog, dialog_needed, plain_request
from reviewer_app.ui.image_view import ZOOM_STEP
from reviewer_app.ui.loading import Loaded
from reviewer_app.ui.login import LoginPage
from reviewer_app.ui.queue_page import QueuePage
from reviewer_app.ui.review_page import LEASE_WARNING_SECONDS, ReviewPage
from reviewer_app.ui.shortcuts import HelpOverlay, apply_single_keys, make_actions
from reviewer_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

SETTINGS_ORG, SETTINGS_APP = "reviewer-app", "workstation"
DECISION_KEYS = {"approve": DecisionOutcome.APPROVE, "reject": DecisionOutcome.REJECT,
                 "in_person": DecisionOutcome.IN_PERSON, "return": DecisionOutcome.RETURN,
                 "escalate": DecisionOutcome.ESCALATE}


class MainWindow(QMainWindow):
    #: Emitted on the UI thread after a decision is stored (training mode shows feedback on it).
    decision_made = Signal(str, str)
    #: Emitted whenever an application is fully shown on the review screen (images, checks, pre-score).
    application_shown = Signal(str)
    logged_in = Signal(object)

    def __init__(self, desk: DeskService, *, lang: str = "ru", app_context=None, banner: QWidget | None = None,
                 settings: QSettings | None = None, ask: Callable[..., DecisionRequest | None] | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.lang = lang
        self.app_context = app_context
        self.actor: Actor | None = None
        self.settings = settings or QSettings(SETTINGS_ORG, SETTINGS_APP)
        self.runner = TaskRunner(self, error_parent=self)
        self.current: Loaded | None = None
        self.prefetched: Loaded | None = None
        self.prefetching = False
        self.saving = False
        self.loading = False
        self.lease_expires = None
        self.prefetch_lease = None
        self.last_activity = time.monotonic()
        self._reasons: list[RejectReason] | None = None
        # Tests replace the dialog: ask(view, outcome, reasons) -> DecisionRequest | None.
        self.ask = ask or self._ask_dialog
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
        self.training_banner = QLabel(self.tr("ТРЕНИРОВКА / TRAINING — decisions here grant no access"))
        self.training_banner.setAccessibleName(self.tr("Training database"))
        self.training_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_banner.setStyleSheet("background:#c62828; color:white; font-weight:bold; padding:4px;")
        self.training_banner.hide()  # shown once the database says it is a training one (asked off the UI thread)
        layout.addWidget(self.training_banner)
        if banner is not None:
            layout.addWidget(banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.hide()
        self.busy_label = QLabel()
        self.user_label = QLabel()
        self.statusBar().addWidget(self.user_label)
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

        self.tick = QTimer(self)  # lease countdown and renewal
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._on_tick)
        self.last_renew = time.monotonic()
        QApplication.instance().installEventFilter(self)
        self._set_actions_enabled()
        self.runner.run(lambda: bool(self.desk.is_training), on_success=self.training_banner.setVisible,
                        on_failure=lambda exc: log.warning("training flag unknown: %s", exc))

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
        apps_menu = self.menuBar().addMenu(self.tr("&Applications"))
        self.mfc_action = apps_menu.addAction(self.tr("Record an MFC kinship confirmation…"))
        self.mfc_action.triggered.connect(lambda: self.record_mfc_confirmation(any_application=True))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.actions_by_id["help"])
        self.logout_action = QAction(self.tr("Log out"), self)
        self.logout_action.triggered.connect(self.logout)
        view.addAction(self.logout_action)

    def _connect(self) -> None:
        a = self.actions_by_id
        for key, outcome in DECISION_KEYS.items():
            a[key].triggered.connect(partial(self.choose_outcome, str(outcome)))
        a["next"].triggered.connect(self.next_application)
        a["fit"].triggered.connect(self.review_page.images.fit)
        a["zoom_in"].triggered.connect(lambda: self.review_page.images.zoom(ZOOM_STEP))
        a["zoom_out"].triggered.connect(lambda: self.review_page.images.zoom(1 / ZOOM_STEP))
        a["rotate"].triggered.connect(lambda: self.review_page.images.selfie.rotate_by(90))
        a["queue"].triggered.connect(lambda: self.tabs.setCurrentWidget(self.queue_page))
        a["help"].triggered.connect(lambda: self.help.open(self.single_keys))
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
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)

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
            self.last_activity = time.monotonic()
        return False

    def _set_actions_enabled(self) -> None:
        logged = self.actor is not None
        on_review = logged and self.tabs.currentWidget() is self.review_page
        can_decide = on_review and self.current is not None and not self.saving
        for key in DECISION_KEYS:
            self.actions_by_id[key].setEnabled(can_decide)
        self.actions_by_id["next"].setEnabled(logged and not self.saving and not self.loading
                                             and self.current is None)
        for key in ("fit", "zoom_in", "zoom_out", "rotate"):
            self.actions_by_id[key].setEnabled(on_review)
        self.actions_by_id["queue"].setEnabled(logged)
        self.review_page.decision_bar.set_enabled(can_decide, logged and self.current is None and not self.saving)
        self.logout_action.setEnabled(logged and not self.saving)

    # --- login ------------------------------------------------------------------------------------------------
    def _login(self, name: str, password: str, code: str) -> None:
        self.runner.run(partial(self.desk.login, name, password, code), on_success=self._logged_in,
                        on_failure=self.login_page.show_error, label=self.tr("Logging in…"))

    def _logged_in(self, actor: Actor) -> None:
        self.actor = actor
        role = actor.role.value if actor.role else ""
        self.user_label.setText(self.tr("{0} ({1})").format(actor.name, role))
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentWidget(self.queue_page)
        if actor.role in (StaffRole.SUPERVISOR, StaffRole.TRAINER):  # the builder filters by permission
            self._add_supervisor_tabs()
        self._set_actions_enabled()
        self.tick.start()
        self.refresh_queue()
        self.logged_in.emit(actor)

    def _add_supervisor_tabs(self) -> None:
        try:
            from reviewer_app.ui.supervisor import build_supervisor_tabs  # type: ignore[attr-defined]
        except ImportError:
            return
        try:
            for title, widget in build_supervisor_tabs(self, self.app_context, self.actor, self.runner):
                self.tabs.addTab(widget, title)
        except Exception as exc:  # a broken supervisor screen must not stop the reviewer's work
            log.exception("supervisor tabs failed")
            self.runner.report(exc, self.tr("Supervisor screens unavailable"))

    def logout(self) -> None:
        self._release_held()
        self.actor = None
        self.current = None
        self.review_page.clear(self.review_page.header_idle_text())
        self.tick.stop()
        while self.tabs.count() > 2:
            self.tabs.removeTab(2)
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

        self.runner.run(fetch, on_success=lambda r: self.queue_page.set_items(r[0], moscow_date(r[1])),
                        label=self.tr("Loading the queue…"))

    # --- the review loop --------------------------------------------------------------------------------------
    def next_application(self) -> None:
        if self.actor is None or self.saving or self.loading or self.current is not None:
            return
        self.tabs.setCurrentWidget(self.review_page)
        if self.prefetched is not None and self.prefetch_lease is not None and self.prefetch_lease <= self.desk.now():
            self.prefetched = None  # its lease ran out while the reviewer was away: someone may have it now
        if self.prefetched is not None:
            loaded, self.prefetched = self.prefetched, None
            self.lease_expires, self.prefetch_lease = loaded.view.lease_expires_at, None
            self._show(loaded)
            return
        if self.prefetching:  # the prefetch in flight will be shown when it lands
            self._show_when_prefetched = True
            self.loading = True
            self._set_actions_enabled()
            return
        self.loading = True
        self._set_actions_enabled()
        actor, kind = self.actor, self.queue_page.filters().kind
        self.runner.run(partial(loading.claim_and_load, self.desk, actor, kind, (), with_prescore=False),
                        on_success=self._loaded_next, on_failure=self._load_failed,
                        label=self.tr("Opening the next application…"))

    _show_when_prefetched = False

    def open_application(self, application_id: str) -> None:
        if self.actor is None or self.saving or self.loading:
            return
        if self.current is not None and self.current.id != application_id:
            QMessageBox.information(self, self.tr("Finish first"),
                                    self.tr("Decide on or put back {0} before opening another application.")
                                    .format(self.current.id))
            return
        if self.current is not None:
            self.tabs.setCurrentWidget(self.review_page)
            return
        if self.prefetched is not None and self.prefetched.id == application_id:
            self.next_application()
            return
        self.loading = True
        self._set_actions_enabled()
        self.runner.run(partial(loading.claim_one_and_load, self.desk, self.actor, application_id),
                        on_success=self._loaded_next, on_failure=self._load_failed,
                        label=self.tr("Opening {0}…").format(application_id))
        self.tabs.setCurrentWidget(self.review_page)

    def _loaded_next(self, loaded: Loaded | None) -> None:
        self.loading = False
        if loaded is None:
            self.review_page.clear(self.tr("The queue is empty. Well done."))
            self._set_actions_enabled()
            self.refresh_queue()
            return
        self.lease_expires = loaded.view.lease_expires_at
        self._show(loaded)

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = False
        self._set_actions_enabled()
        self.runner.report(exc, self.tr("Cannot open the application"))
        self.refresh_queue()

    def _show(self, loaded: Loaded) -> None:
        self.current = loaded
        self.last_renew = time.monotonic()
        self.review_page.show_loaded(loaded)
        self._update_lease()
        self._set_actions_enabled()
        if not loaded.prescore_ready:
            actor = self.actor
            self.runner.run(partial(loading.with_prescore_of, self.desk, actor, loaded),
                            on_success=self._prescored, on_failure=self._prescore_failed,
                            label=self.tr("Comparing faces…"))
        else:
            self.application_shown.emit(loaded.id)
        self._prefetch()

    def _prescored(self, loaded: Loaded) -> None:
        if self.current is not None and self.current.id == loaded.id:
            self.current = loaded
            self.review_page.show_prescore(loaded)
            self.application_shown.emit(loaded.id)

    def _prescore_failed(self, exc: BaseException) -> None:
        if self.current is not None:
            self.current = replace(self.current, prescore=None, prescore_ready=True)
            self.review_page.show_prescore(self.current)
        self.statusBar().showMessage(self.tr("Face comparison failed: compare by eye. ({0})").format(exc), 10000)

    def _prefetch(self) -> None:
        """Claim, decode and score the next application while the reviewer works on this one."""
        if self.actor is None or self.prefetched is not None or self.prefetching:
            return
        self.prefetching = True
        actor, kind = self.actor, self.queue_page.filters().kind
        exclude = (self.current.id,) if self.current else ()
        self.runner.run(partial(loading.claim_and_load, self.desk, actor, kind, exclude, with_prescore=True),
                        on_success=self._prefetched, on_failure=self._prefetch_failed)

    def _prefetched(self, loaded: Loaded | None) -> None:
        self.prefetching = False
        if self.actor is None:  # logged out meanwhile: give it back
            if loaded is not None:
                self.runner.run(partial(self.desk.release, self._last_actor, loaded.id))
            return
        self.prefetched = loaded
        self.prefetch_lease = loaded.view.lease_expires_at if loaded else None
        if self._show_when_prefetched:
            self._show_when_prefetched = False
            self.loading = False
            if loaded is None:
                self._loaded_next(None)
            else:
                self.next_application()

    def _prefetch_failed(self, exc: BaseException) -> None:
        self.prefetching = False
        log.warning("prefetch failed: %s", exc)
        if self._show_when_prefetched:
            self._show_when_prefetched = False
            self._load_failed(exc)

    # --- deciding ---------------------------------------------------------------------------------------------
    def reasons(self) -> list[RejectReason]:
        if self._reasons is None:
            self._reasons = self.desk.reject_reasons()  # a fixed list in code: no I/O
        return self._reasons

    def choose_outcome(self, outcome: str) -> None:
        if self.current is None or self.saving or self.actor is None:
            return
        view = self.current.view
        if dialog_needed(view, outcome):
            request = self.ask(view, outcome, self.reasons())
            if request is None:
                return
        else:
            request = plain_request(view, outcome)
        self.save_decision(request)

    def record_mfc_confirmation(self, any_application: bool = False) -> None:
        """The MFC confirmed a kinship: record it (service). The application on screen is shown again (Approve
        opens); one waiting in "in person at MFC" (`any_application`: its id is typed) goes back to the queue."""
        if self.saving or self.actor is None or (self.current is None and not any_application):
            return
        on_screen = self.current.view.id if self.current is not None and not any_application else None
        dialog = MfcConfirmationDialog(on_screen, moscow_date(self.desk.now()), self)
        if dialog.exec() != MfcConfirmationDialog.DialogCode.Accepted:
            return
        actor, values, app_id = self.actor, dialog.values(), dialog.application_id.text().strip()

        def record_and_reopen():
            self.desk.record_mfc_confirmation(actor, app_id, **values)
            held = self.current is not None and self.current.id == app_id
            return self.desk.open_application(actor, app_id) if held else app_id

        self.runner.run(record_and_reopen, on_success=self._mfc_recorded,
                        on_failure=lambda exc: self.runner.report(exc, self.tr("The MFC confirmation was not saved")),
                        label=self.tr("Saving the MFC confirmation…"))

    def _mfc_recorded(self, shown: ApplicationView | str) -> None:
        app_id = shown if isinstance(shown, str) else shown.id
        if not isinstance(shown, str) and self.current is not None and self.current.id == app_id:
            self.current = replace(self.current, view=shown)
            self.review_page.show_loaded(self.current)
            self._set_actions_enabled()
        self.statusBar().showMessage(self.tr("{0}: kinship confirmed at the MFC recorded.").format(app_id), 8000)
        self.refresh_queue()

    def _ask_dialog(self, view, outcome, reasons) -> DecisionRequest | None:
        dialog = DecisionDialog(view, outcome, reasons, self.lang, self)
        return dialog.request() if dialog.exec() == DecisionDialog.DialogCode.Accepted else None

    def save_decision(self, request: DecisionRequest) -> None:
        self.saving = True
        self._set_actions_enabled()
        self.runner.run(partial(self.desk.decide, self.actor, request), on_success=self._decided,
                        on_failure=self._decide_failed, label=self.tr("Saving the decision…"))

    def _decided(self, result: DecisionResult) -> None:
        self.saving = False
        self.current = None
        self.lease_expires = None
        if result.second_review:
            self.statusBar().showMessage(self.tr("{0}: saved; it goes to a second review.")
                                         .format(result.application_id), 8000)
        else:
            self.statusBar().showMessage(self.tr("{0}: decision saved.").format(result.application_id), 5000)
        self.decision_made.emit(result.application_id, result.outcome)
        self.next_application()
        self.refresh_queue()

    def _decide_failed(self, exc: BaseException) -> None:
        self.saving = False
        self._set_actions_enabled()
        if isinstance(exc, ConflictError):
            self.runner.report(exc, self.tr("The application changed or your lease was lost"))
            self.current = None
            self.review_page.clear(self.tr("Not saved: {0}").format(exc))
            self._set_actions_enabled()
            self.refresh_queue()
        else:
            self.runner.report(exc, self.tr("The decision was not saved"))

    def release_current(self) -> None:
        if self.current is None or self.saving or self.actor is None:
            return
        app_id, self.current, self.lease_expires = self.current.id, None, None
        self.review_page.clear(self.tr("{0} put back in the queue.").format(app_id))
        self._set_actions_enabled()
        self.runner.run(partial(self.desk.release, self.actor, app_id), on_success=lambda _r: self.refresh_queue())

    def _release_held(self) -> None:
        if self.actor is None:
            return
        self._last_actor = self.actor
        held = [x.id for x in (self.current, self.prefetched) if x is not None]
        self.prefetched = None
        for app_id in held:
            self.runner.run(partial(self.desk.release, self.actor, app_id), on_failure=lambda e: None)

    _last_actor: Actor | None = None

    # --- the lease --------------------------------------------------------------------------------------------
    def _on_tick(self) -> None:
        self._update_lease()
        renew_every = max(5.0, self.desk.lease_seconds / 3)
        active = time.monotonic() - self.last_activity < self.desk.lease_seconds / 2
        if time.monotonic() - self.last_renew >= renew_every and active:
            self.renew_leases()

    def renew_leases(self) -> None:
        """Renew the leases of the application on screen and of the prefetched one."""
        if self.actor is None:
            return
        self.last_renew = time.monotonic()
        actor = self.actor
        for loaded, is_current in ((self.current, True), (self.prefetched, False)):
            if loaded is None:
                continue
            app_id = loaded.id
            self.runner.run(partial(self.desk.renew_lease, actor, app_id),
                            on_success=partial(self._renewed, app_id, is_current),
                            on_failure=partial(self._renew_failed, app_id, is_current))

    def _renewed(self, app_id: str, is_current: bool, expires) -> None:
        if is_current and self.current is not None and self.current.id == app_id:
            self.lease_expires = expires
            self._update_lease()
        elif self.prefetched is not None and self.prefetched.id == app_id:
            self.prefetch_lease = expires

    def _renew_failed(self, app_id: str, is_current: bool, exc: BaseException) -> None:
        if not is_current and self.prefetched is not None and self.prefetched.id == app_id:
            self.prefetched = None  # lost the prefetched one: claim another when needed
            return
        self.statusBar().showMessage(self.tr("Could not renew the lease on {0}: {1}").format(app_id, exc), 10000)

    def _update_lease(self) -> None:
        left = self.review_page.show_lease(self.lease_expires if self.current else None, self.desk.now())
        if left is not None and 0 < left <= LEASE_WARNING_SECONDS and left % 15 == 0:
            self.statusBar().showMessage(self.tr("Your lease runs out in {0} s: keep working to renew it.")
                                         .format(left), 5000)

    # --- closing ----------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self._release_held()
        self.runner.wait(3000)
        QApplication.instance().removeEventFilter(self)
        super().closeEvent(event)
