"""Supervisor screens: decision search, read-only case view, second-review queue, claims, statistics.

Every database call goes through the runner passed in (`runner.run(fn, on_success=..., on_failure=...)`), so
the UI thread never waits on the database; the service layer checks the role again on every call. Each tab
loads the first time it is shown. Every code on screen is in words (ui/words.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain import supervision_views as sv
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import ApplicationKind, DecisionOutcome, ScoreBand
from reviewer_app.domain.prescore import snapshot_prescore
from reviewer_app.domain.views import CheckView, DecisionRequest
from reviewer_app.services.supervisor_desk import SupervisorDesk
from reviewer_app.ui.errors import user_message
from reviewer_app.ui.images import ImageDecodeError, decode_image
from reviewer_app.ui.models import ChecksModel, band_label, kind_label, status_label
from reviewer_app.ui.plain import PlainLabel
from reviewer_app.ui.review_page import PreScorePanel
from reviewer_app.ui.supervisor.escalation import acknowledged, ask_escalation
from reviewer_app.ui.supervisor.models import (
    ITEM_ROLE,
    ClaimTableModel,
    DecisionTableModel,
    RowsModel,
    SecondReviewTableModel,
)
from reviewer_app.ui.words import (
    action_sentence,
    actor_label,
    check_label,
    document_label,
    moscow_time,
    outcome_choices,
    outcome_label,
    plural,
    reason_choices,
    reason_label,
    second_review_label,
)

PAGE_SIZE = 50


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class _Table(QTableView):
    """A read-only list whose columns fit their contents after each load, none wider than CAP pixels (long
    texts are elided, whole in the tooltip), so a list fits a 1366-pixel screen."""

    CAP = 160

    def fit_columns(self) -> None:
        self.resizeColumnsToContents()
        for col in range(self.model().columnCount()):
            if self.columnWidth(col) > self.CAP:
                self.setColumnWidth(col, self.CAP)


def _table(model) -> _Table:
    view = _Table()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    model.modelReset.connect(view.fit_columns)  # a slot of the view: disconnected when the view goes
    view.fit_columns()
    return view


def _combo(choices: list[tuple[str, str]], everything: str) -> QComboBox:
    """A filter list in words: the first entry (no filter) carries None, the others their stored code."""
    box = QComboBox()
    box.addItem(everything, None)
    for code, words in choices:
        box.addItem(words, code)
    return box


def _t(text: str) -> str:
    return QCoreApplication.translate("Supervisor", text)


def after_colon(text: str) -> str:
    """A title as it reads after a colon: lower-case first letter ("причина: данные не совпадают"), an
    abbreviation kept ("СНИЛС", "ОМС")."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def snapshot_checks(snapshot) -> list[CheckView]:
    """A decision's checks snapshot as the desk's CheckView rows (so the case reads like the review screen)."""
    return [CheckView(c.get("check_id") or c.get("id") or "?", c.get("status", ""), c.get("message_ru", ""),
                      c.get("message_en", ""), dict(c.get("details") or {})) for c in snapshot or ()]


class _Base(QWidget):
    """Holds the supervisor's desk (`SupervisorDesk`, never the application context), the actor and the runner;
    `status` shows the last result or error. The first time the tab is shown it loads itself (`refresh`), so no
    tab is empty until a button is pressed."""

    loaded = Signal()  # emitted after each successful load (tests wait on it)

    def __init__(self, desk: SupervisorDesk, actor: Actor, runner, parent=None, lang: str = "ru") -> None:
        super().__init__(parent)
        self.desk, self.actor, self.runner, self.lang = desk, actor, runner, lang
        self.status = PlainLabel("")
        self.status.setWordWrap(True)
        self.opened_once = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.opened_once:
            self.opened_once = True
            self.refresh()

    def refresh(self) -> None:  # pragma: no cover - every tab overrides it
        pass

    def _run(self, fn, done, label: str = "") -> None:
        self.status.setText(_t("Working…"))

        def ok(result) -> None:
            done(result)
            self.loaded.emit()

        def failed(exc: BaseException) -> None:
            self.status.setText(user_message(exc))
            self.runner.report(exc)

        self.runner.run(fn, on_success=ok, on_failure=failed, label=label)


# --- search -----------------------------------------------------------------------------------------------------
class SearchTab(_Base):
    def __init__(self, desk: SupervisorDesk, actor, runner, parent=None, lang: str = "ru") -> None:
        super().__init__(desk, actor, runner, parent, lang)
        today = moscow_date(desk.now())
        self.date_from = QDateEdit(_qdate(today - timedelta(days=30)))
        self.date_to = QDateEdit(_qdate(today))
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd.MM.yyyy")
        # Everyone who has decided, to pick from (typing filters the list); a name no one has is said so.
        self.reviewer = QComboBox()
        self.reviewer.setEditable(True)
        self.reviewer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reviewer.setMinimumContentsLength(16)
        self.reviewer.setMaximumWidth(self.fontMetrics().horizontalAdvance("m") * 30)  # a name, not the window
        self.reviewer.lineEdit().setPlaceholderText(self.tr("all reviewers"))
        self.reviewer.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.reviewer.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.reviewers_loaded = False
        self.kind = _combo([(k.value, kind_label(k.value)) for k in ApplicationKind], self.tr("all kinds"))
        self.outcome = _combo(outcome_choices(), self.tr("all outcomes"))
        self.reason = _combo(reason_choices(lang), self.tr("all reasons"))
        self.band = _combo([(b.value, band_label(b.value)) for b in ScoreBand], self.tr("all pre-scores"))
        self.overrides = QCheckBox(self.tr("Overrides only"))
        self.breached = QCheckBox(self.tr("SLA breaches only"))
        self.face_duplicates = QCheckBox(self.tr("Same face under another name"))
        # Find a person: each is looked up exactly (or by the start of the name) and the look-up is audited.
        self.application_id = QLineEdit()
        self.application_id.setPlaceholderText(self.tr("application number"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("surname, first name (the start is enough)"))
        self.passport = QLineEdit()
        self.passport.setPlaceholderText(self.tr("series and number, in full"))
        self.passport.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)  # typed in full, shown masked
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("+7 9xx xxx-xx-xx"))
        for box in (self.application_id, self.name, self.passport, self.phone):
            box.returnPressed.connect(lambda: self.search(0))
        self.search_button = QPushButton(self.tr("Search"))
        self.prev_button, self.next_button = QPushButton(self.tr("◀ Previous")), QPushButton(self.tr("Next ▶"))
        self.model = DecisionTableModel(self, lang)
        self.view = _table(self.model)
        self.view.doubleClicked.connect(self.open_selected)
        self.open_button = QPushButton(self.tr("Open read-only"))
        self.page = 0
        self.case_dialog: CaseDialog | None = None

        form = QFormLayout()
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(PlainLabel("—"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        person = QHBoxLayout()
        for label, box in ((self.tr("Application"), self.application_id), (self.tr("Name"), self.name),
                           (self.tr("Passport"), self.passport), (self.tr("Phone"), self.phone)):
            person.addWidget(QLabel(label))
            person.addWidget(box, 2 if box is self.name else 1)
        form.addRow(self.tr("Find"), person)
        form.addRow(self.tr("Decided"), dates)
        form.addRow(self.tr("Reviewer"), self.reviewer)
        lists = QHBoxLayout()
        for label, box in ((self.tr("Kind"), self.kind), (self.tr("Outcome"), self.outcome),
                           (self.tr("Reason"), self.reason), (self.tr("Pre-score"), self.band)):
            lists.addWidget(PlainLabel(label))
            lists.addWidget(box)
        lists.addStretch(1)
        form.addRow(lists)
        flags = QHBoxLayout()
        flags.addWidget(self.overrides)
        flags.addWidget(self.breached)
        flags.addWidget(self.face_duplicates)
        flags.addStretch(1)
        form.addRow(flags)
        buttons = QHBoxLayout()
        for b in (self.search_button, self.prev_button, self.next_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.search_button.clicked.connect(lambda: self.search(0))
        self.prev_button.clicked.connect(lambda: self.search(max(0, self.page - 1)))
        self.next_button.clicked.connect(lambda: self.search(self.page + 1))
        self.open_button.clicked.connect(self.open_selected)
        self.prev_button.setEnabled(False)
        self.next_button.setEnabled(False)

    def person_typed(self) -> bool:
        return any(b.text().strip() for b in (self.application_id, self.name, self.passport, self.phone))

    def query(self) -> sv.DecisionQuery:
        # Looking for someone searches every date: a case is found by its number or name whenever decided.
        any_date = self.person_typed()
        return sv.DecisionQuery(
            date_from=None if any_date else _pydate(self.date_from.date()),
            date_to=None if any_date else _pydate(self.date_to.date()),
            application_id=self.application_id.text().strip() or None, name=self.name.text().strip() or None,
            passport=self.passport.text().strip() or None, phone=self.phone.text().strip() or None,
            reviewer=self.reviewer.currentText().strip().lower() or None, kind=self.kind.currentData(),
            outcome=self.outcome.currentData(), reason=self.reason.currentData(),
            band=self.band.currentData(), overrides_only=self.overrides.isChecked(),
            sla_breached_only=self.breached.isChecked(), face_duplicates_only=self.face_duplicates.isChecked())

    def refresh(self) -> None:
        self.search(0)

    def search(self, page: int = 0) -> None:
        q, desk, actor = self.query(), self.desk, self.actor
        names = not self.reviewers_loaded  # the reviewer list comes with the first search (same worker call)

        def fn():
            return (desk.search_decisions(actor, q, page=page, page_size=PAGE_SIZE),
                    desk.decision_makers(actor) if names else None)

        self._run(fn, self._show, self.tr("Searching decisions"))

    def _show(self, found: tuple[sv.DecisionPage, list[str] | None]) -> None:
        result, names = found
        if names is not None:
            typed = self.reviewer.currentText()
            self.reviewer.clear()
            self.reviewer.addItems(["", *names])
            self.reviewer.setEditText(typed)
            self.reviewers_loaded = True
        if result.unknown_reviewer:
            self.page = 0
            self.model.set_rows(())
            self.prev_button.setEnabled(False)
            self.next_button.setEnabled(False)
            self.status.setText(self.tr("No staff member is named “{0}”: pick a name from the list.")
                                .format(result.unknown_reviewer))
            return
        self.page = result.page
        self.model.set_rows(result.rows)
        self.prev_button.setEnabled(result.page > 0)
        self.next_button.setEnabled(result.has_more)
        text = self.tr("Page {0}: {1}").format(result.page + 1,
                                               plural("Supervisor", "%n decision(s)", len(result.rows)))
        if self.person_typed():
            text += " " + self.tr("(all dates)")
        self.status.setText(text)

    def open_selected(self, *_args) -> None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            self.status.setText(self.tr("Select a decision first."))
            return
        row: sv.DecisionRow = self.model.data(idx, ITEM_ROLE)
        desk, actor = self.desk, self.actor
        self._run(lambda: desk.open_case(actor, row.decision_id), self._open_case, self.tr("Opening the case"))

    def _open_case(self, case: sv.CaseView) -> None:
        self.status.setText("")
        self.case_dialog = CaseDialog(case, self.desk, self.actor, self.runner, self, lang=self.lang)
        self.case_dialog.show()


# --- a past case, read-only -------------------------------------------------------------------------------------
class CaseDialog(QDialog):
    """A past case, read-only, as the reviewer saw it: at the top what a second look needs (the reviewer's
    comments, what did not pass, the pre-score); below, every check, the images and the history, in words.
    With `verdict` (the second-review queue) it also offers Confirm and Overturn."""

    def __init__(self, case: sv.CaseView, desk: SupervisorDesk, actor: Actor, runner, parent=None, *, lang: str = "ru",
                 verdict: Callable[[bool], None] | None = None, decide: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.case, self.desk, self.actor, self.runner, self.lang = case, desk, actor, runner, lang
        d = case.decision
        self.setWindowTitle(self.tr("Case {0} (read-only)").format(d.application_id))
        self.resize(1100, 720)
        self.head = PlainLabel(self.headline(case))
        self.head.setWordWrap(True)
        self.head.setTextFormat(Qt.TextFormat.PlainText)
        font = self.head.font()
        font.setBold(True)
        self.head.setFont(font)

        # what a second look needs first
        self.prescore = PreScorePanel()
        snapshot = snapshot_prescore(case.prescore)
        self.prescore.show_prescore(snapshot, True, lang, consent=snapshot is not None)
        self.comments = PlainLabel(self.comments_text(case))
        self.comments.setWordWrap(True)
        self.comments.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.not_passed = PlainLabel(self.not_passed_text(case))
        self.not_passed.setWordWrap(True)
        # red only when something did not pass: "every check passed" is not an alarm
        self.not_passed.setStyleSheet("color:#c62828;" if sv.not_passed(list(case.checks)) else "color:#2e7d32;")
        summary = QGroupBox(self.tr("The reviewer's decision"))
        box = QVBoxLayout(summary)
        box.addWidget(self.comments)
        box.addWidget(self.not_passed)
        box.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(summary, 3)
        top.addWidget(self.prescore, 2)

        self.checks = ChecksModel(self, lang)
        self.checks.set_checks(snapshot_checks(case.checks))
        self.history = RowsModel([
            (QT_TRANSLATE_NOOP("Supervisor", "When"), lambda e: moscow_time(e.at, seconds=True)),
            (QT_TRANSLATE_NOOP("Supervisor", "Who"), lambda e: actor_label(e.actor)),
            (QT_TRANSLATE_NOOP("Supervisor", "What"), lambda e: action_sentence(e.action, e.details)),
        ], self)
        self.history.set_rows(list(case.history))
        images = QWidget()
        self.image_row = QHBoxLayout(images)
        self.image_labels: dict[str, QLabel] = {}
        for doc in case.documents:
            col = QVBoxLayout()
            label = PlainLabel(self.tr("destroyed after the retention period") if doc.purged else self.tr("loading…"))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumSize(240, 180)
            caption = PlainLabel(document_label(doc.role))
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            col.addWidget(label, 1)
            col.addWidget(caption)
            self.image_row.addLayout(col)
            self.image_labels[doc.sha256] = label
            if not doc.purged:
                self._load_image(doc.sha256)
        scroll = QScrollArea()
        scroll.setWidget(images)
        scroll.setWidgetResizable(True)
        self.tabs = QTabWidget()
        checks_view = _table(self.checks)
        checks_view.horizontalHeader().setSectionResizeMode(ChecksModel.COL_MESSAGE,
                                                            QHeaderView.ResizeMode.Interactive)
        checks_view.setColumnWidth(ChecksModel.COL_MESSAGE, 420)
        self.tabs.addTab(checks_view, self.tr("Checks"))
        self.tabs.addTab(scroll, self.tr("Images"))
        self.tabs.addTab(_table(self.history), self.tr("History"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        self.confirm_button = self.overturn_button = None
        if verdict is not None:
            self.confirm_button = buttons.addButton(self.tr("Confirm…"), QDialogButtonBox.ButtonRole.ActionRole)
            self.overturn_button = buttons.addButton(self.tr("Overturn…"), QDialogButtonBox.ButtonRole.ActionRole)
            self.confirm_button.clicked.connect(lambda: verdict(True))
            self.overturn_button.clicked.connect(lambda: verdict(False))
        self.decide_button = None
        if decide is not None:  # an escalation: the supervisor decides it
            self.decide_button = buttons.addButton(self.tr("Decide…"), QDialogButtonBox.ButtonRole.ActionRole)
            self.decide_button.clicked.connect(decide)
        split = QSplitter(Qt.Orientation.Vertical)
        upper = QWidget()
        upper.setLayout(top)
        split.addWidget(upper)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.head)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

    def headline(self, case: sv.CaseView) -> str:
        d = case.decision
        parts = [f"{d.application_id} · {kind_label(d.kind)} · {d.applicant or '—'}",
                 self.tr("{0} by {1}, {2}").format(outcome_label(d.outcome), d.reviewer, moscow_time(d.decided_at))]
        if d.reason_code:
            parts.append(self.tr("reason: {0}").format(after_colon(reason_label(d.reason_code, self.lang))))
        parts.append(self.tr("second review: {0}").format(second_review_label(d.second_review)))
        if d.is_override:
            parts.append(self.tr("against the checks"))
        if d.sla_breached:
            parts.append(self.tr("answer deadline missed"))
        parts.append(self.tr("rules of {0}").format(case.rule_version))
        return " · ".join(parts)

    def comments_text(self, case: sv.CaseView) -> str:
        lines = [self.tr("Internal comment: {0}").format(case.comment_internal or "—"),
                 self.tr("To the applicant: {0}").format(case.comment_applicant or "—")]
        if case.second_reviewer:
            lines.append(self.tr("Second reviewer {0}: {1}").format(case.second_reviewer,
                                                                     case.second_review_comment or "—"))
        return "\n".join(lines)

    def not_passed_text(self, case: sv.CaseView) -> str:
        rows = sv.not_passed(list(case.checks))
        if not rows:
            return self.tr("Every check passed.")
        lines = [f"✖ {check_label(c.get('check_id', ''))} ({status_label(c.get('status', ''))}): "
                 f"{c.get('message_en' if self.lang == 'en' else 'message_ru') or ''}" for c in rows]
        return plural("CaseDialog", "%n check(s) did not pass:", len(rows)) + "\n" + "\n".join(lines)

    def _load_image(self, sha: str) -> None:
        desk, actor, decision_id = self.desk, self.actor, self.case.decision.decision_id

        def show(image: QImage) -> None:
            label = self.image_labels[sha]
            if image.isNull():
                label.setText(self.tr("cannot display this image"))
            else:
                label.setPixmap(QPixmap.fromImage(image))

        def failed(exc: BaseException) -> None:
            self.image_labels[sha].setText(user_message(exc))

        limit = desk.image_max_decoded_bytes
        self.runner.run(lambda: _thumbnail(desk.case_image(actor, decision_id, sha), limit), on_success=show,
                        on_failure=failed)


def _thumbnail(data: bytes, max_decoded_bytes: int | None = None) -> QImage:
    """Decode (through the image gate) and scale on the worker (QImage, unlike QPixmap, is safe off the UI
    thread); null if undecodable."""
    try:
        image = decode_image(data, max_decoded_bytes=max_decoded_bytes)
    except ImageDecodeError:
        return QImage()
    return image.scaled(320, 240, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


# --- second review ----------------------------------------------------------------------------------------------
class VerdictDialog(QDialog):
    """The one question before a second review is written: what was decided, and a comment (required to
    overturn, with the reason the applicant will get). Errors show inline and keep what was typed."""

    def __init__(self, row: sv.DecisionRow, confirm: bool, lang: str = "ru", parent=None) -> None:
        super().__init__(parent)
        self.confirm = confirm
        self.setMinimumWidth(560)
        self.setWindowTitle(self.tr("Confirm the decision") if confirm else self.tr("Overturn the decision"))
        what = PlainLabel(self.tr("{0} · {1}: {2} by {3}, {4}").format(
            row.application_id, row.applicant or "—", outcome_label(row.outcome), row.reviewer,
            moscow_time(row.decided_at)))
        what.setWordWrap(True)
        question = PlainLabel(self.tr("Confirm this decision? It stays as it is.") if confirm else
                              self.tr("Overturn this decision? An approval's access is revoked and the applicant "
                                      "is told why."))
        question.setWordWrap(True)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(self.tr("Comment (optional)") if confirm else
                                        self.tr("Why is it overturned? (required)"))
        self.reason = _combo(reason_choices(lang), self.tr("choose a reason"))
        self.error = PlainLabel("")
        self.error.setStyleSheet("color:#c62828;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Confirm") if confirm else self.tr("Overturn"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._accept)
        form = QFormLayout()
        if not confirm:
            form.addRow(self.tr("Reason for the applicant"), self.reason)
        form.addRow(self.tr("Comment"), self.comment)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if not self.confirm and not self.comment.toPlainText().strip():
            self.error.setText(self.tr("Write why the decision is overturned."))
            self.comment.setFocus()
            return
        if not self.confirm and self.reason.currentData() is None:
            self.error.setText(self.tr("Choose the reason the applicant will get."))
            self.reason.setFocus()
            return
        self.accept()

    def answer(self) -> tuple[str, str | None]:
        return self.comment.toPlainText().strip(), self.reason.currentData()


def ask_verdict(parent: QWidget, row: sv.DecisionRow, confirm: bool, lang: str) -> tuple[str, str | None] | None:
    dialog = VerdictDialog(row, confirm, lang, parent)
    return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class SecondReviewTab(_Base):
    """Decisions waiting for a second look. An override (or a sampled approval) is confirmed or overturned; an
    escalation is decided (`ask_escalation`: the reviewer's outcomes and dialog, the plan's routes).
    Keys: Enter opens the case, D decides an escalation."""

    #: Tests replace the question: ask(parent, row, confirm, lang) -> (comment, reason_code) or None.
    ask: Callable[..., tuple[str, str | None] | None] = staticmethod(ask_verdict)
    #: ... and the escalation's: ask_escalation(parent, row, view, lang) -> DecisionRequest or None.
    ask_escalation: Callable[..., DecisionRequest | None] = staticmethod(ask_escalation)

    def __init__(self, desk: SupervisorDesk, actor, runner, parent=None, lang: str = "ru") -> None:
        super().__init__(desk, actor, runner, parent, lang)
        self.model = SecondReviewTableModel(self, lang)
        self.view = _table(self.model)
        self.view.doubleClicked.connect(self.open_selected)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.sample_button = QPushButton(self.tr("Set aside a sample of approvals"))
        self.open_button = QPushButton(self.tr("Open the case (Enter)"))
        self.confirm_button = QPushButton(self.tr("Confirm…"))
        self.overturn_button = QPushButton(self.tr("Overturn…"))
        self.decide_button = QPushButton(self.tr("Decide… (D)"))
        self.decide_button.setAccessibleName(self.tr("Decide the escalated application"))
        self.case_dialog: CaseDialog | None = None
        buttons = QHBoxLayout()
        for b in (self.open_button, self.decide_button, self.confirm_button, self.overturn_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.sample_button)
        hint = PlainLabel(self.tr("Decisions waiting for a second look (four eyes: not your own): confirm or "
                                  "overturn a decision; decide an escalated application. Open one to see the "
                                  "images, the checks and the pre-score."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh_button.clicked.connect(self.refresh)
        self.sample_button.clicked.connect(self.set_aside)
        self.open_button.clicked.connect(self.open_selected)
        self.confirm_button.clicked.connect(lambda: self.verdict(confirm=True))
        self.overturn_button.clicked.connect(lambda: self.verdict(confirm=False))
        self.decide_button.clicked.connect(lambda: self.decide())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._fit_buttons())
        self.model.modelReset.connect(self._fit_buttons)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("D", lambda: self.decide()), ("Return", self.open_selected),
                           ("Enter", self.open_selected)):
            QShortcut(QKeySequence(keys), self, activated=slot, context=context)
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        """An escalation is decided; any other decision confirmed or overturned: only the fitting buttons work."""
        row = self.selected()
        escalation = row is not None and row.outcome == DecisionOutcome.ESCALATE
        self.decide_button.setEnabled(escalation)
        for b in (self.confirm_button, self.overturn_button):
            b.setEnabled(row is not None and not escalation)
        self.open_button.setEnabled(row is not None)

    def refresh(self) -> None:
        desk, actor = self.desk, self.actor
        self._run(lambda: desk.second_review_queue(actor), self._show, self.tr("Loading second reviews"))

    def _show(self, page: sv.DecisionPage) -> None:
        self.model.set_rows(page.rows)
        self.status.setText(plural("SecondReviewTab", "%n decision(s) waiting", len(page.rows)))
        if page.rows and not self.view.currentIndex().isValid():
            self.view.selectRow(0)
        self._fit_buttons()

    def set_aside(self) -> None:
        desk, actor = self.desk, self.actor
        today = moscow_date(desk.now())
        self._run(lambda: desk.set_aside_sample(actor, date_from=today - timedelta(days=7), date_to=today),
                  lambda ids: (self.refresh(), self.status.setText(
                      plural("SecondReviewTab", "%n approval(s) set aside", len(ids)))))

    def selected(self) -> sv.DecisionRow | None:
        idx = self.view.currentIndex()
        return self.model.data(idx, ITEM_ROLE) if idx.isValid() else None

    def open_selected(self, *_args) -> None:
        row = self.selected()
        if row is None:
            self.status.setText(self.tr("Select a decision first."))
            return
        desk, actor = self.desk, self.actor
        self._run(lambda: desk.open_case(actor, row.decision_id), lambda case: self._open_case(row, case),
                  self.tr("Opening the case"))

    def _open_case(self, row: sv.DecisionRow, case: sv.CaseView) -> None:
        self.status.setText("")

        def verdict(confirm: bool) -> None:
            if self.verdict(confirm=confirm, row=row) and self.case_dialog is not None:
                self.case_dialog.accept()

        def decide() -> None:
            if self.case_dialog is not None:
                self.case_dialog.accept()
            self.decide(row)

        escalation = row.outcome == DecisionOutcome.ESCALATE
        self.case_dialog = CaseDialog(case, self.desk, self.actor, self.runner, self, lang=self.lang,
                                      verdict=None if escalation else verdict,
                                      decide=decide if escalation else None)
        self.case_dialog.show()

    def verdict(self, *, confirm: bool, row: sv.DecisionRow | None = None) -> bool:
        """Ask once (what, comment, reason), then write the second review off the UI thread."""
        row = row or self.selected()
        if row is None:
            self.status.setText(self.tr("Select a decision first."))
            return False
        if row.outcome == DecisionOutcome.ESCALATE:
            self.status.setText(self.tr("An escalated application is decided, not confirmed: press D."))
            return False
        answer = self.ask(self, row, confirm, self.lang)
        if answer is None:
            return False
        comment, reason = answer
        desk, actor = self.desk, self.actor
        fn = (lambda: desk.confirm(actor, row.decision_id, comment)) if confirm else \
            (lambda: desk.overturn(actor, row.decision_id, comment, reason_code=reason or "other"))
        done = self.tr("{0}: decision confirmed.") if confirm else self.tr("{0}: decision overturned.")
        self._run(fn, lambda _r: (self.refresh(), self.status.setText(done.format(row.application_id))),
                  self.tr("Saving the second review"))
        return True

    # --- escalations ------------------------------------------------------------------------------------------
    def decide(self, row: sv.DecisionRow | None = None) -> None:
        """Open the escalated application (off the UI thread; an audited read), then ask and save."""
        row = row or self.selected()
        if row is None or row.outcome != DecisionOutcome.ESCALATE:
            self.status.setText(self.tr("Select an escalated application first."))
            return
        desk, actor = self.desk, self.actor
        self._run(lambda: desk.open_application(actor, row.application_id),
                  lambda view: self._ask_and_resolve(row, view), self.tr("Opening the application"))

    def _ask_and_resolve(self, row: sv.DecisionRow, view) -> None:
        self.status.setText("")
        request = self.ask_escalation(self, row, view, self.lang)
        if request is not None:
            self.resolve(row, view, request)

    def resolve(self, row: sv.DecisionRow, view, request: DecisionRequest) -> None:
        """Save the supervisor's decision off the UI thread; a refusal (the plan's, in words) shows below."""
        desk, actor = self.desk, self.actor
        ack = acknowledged(view, request.outcome)

        def fn() -> str:
            return desk.resolve_escalation(actor, row.decision_id, outcome=request.outcome,
                                           reason_code=request.reason_code,
                                           comment_applicant=request.comment_applicant,
                                           comment_internal=request.comment_internal, acknowledged_checks=ack)

        def done(_status: str) -> None:
            self.refresh()
            self.status.setText(self.tr("{0}: decided, {1}.").format(row.application_id,
                                                                     outcome_label(request.outcome)))

        self._run(fn, done, self.tr("Saving the decision"))


# --- claims -----------------------------------------------------------------------------------------------------
class ClaimsTab(_Base):
    def __init__(self, desk: SupervisorDesk, actor, runner, parent=None, lang: str = "ru") -> None:
        super().__init__(desk, actor, runner, parent, lang)
        self.model = ClaimTableModel(self)
        self.view = _table(self.model)
        self.reviewers = QComboBox()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.release_button = QPushButton(self.tr("Release to the queue"))
        self.reassign_button = QPushButton(self.tr("Reassign to"))
        buttons = QHBoxLayout()
        for w in (self.refresh_button, self.release_button, self.reassign_button, self.reviewers):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel(self.tr("Applications under review now, and who holds them.")))
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh_button.clicked.connect(self.refresh)
        self.release_button.clicked.connect(self.release)
        self.reassign_button.clicked.connect(self.reassign)

    def refresh(self) -> None:
        desk, actor = self.desk, self.actor
        self._run(lambda: (desk.current_claims(actor), desk.reviewers(actor)), self._show,
                  self.tr("Loading claims"))

    def _show(self, result) -> None:
        claims, people = result
        self.model.set_rows(claims)
        current = self.reviewers.currentText()
        self.reviewers.clear()
        self.reviewers.addItems([p.name for p in people])
        if current:
            self.reviewers.setCurrentText(current)
        self.status.setText(plural("ClaimsTab", "%n application(s) under review", len(claims)))

    def _selected(self) -> str | None:
        idx = self.view.currentIndex()
        return self.model.data(idx, ITEM_ROLE).application_id if idx.isValid() else None

    def release(self) -> None:
        app_id = self._selected()
        if app_id:
            desk, actor = self.desk, self.actor
            self._run(lambda: desk.release_claim(actor, app_id), lambda _r: self.refresh())
        else:
            self.status.setText(self.tr("Select an application first."))

    def reassign(self) -> None:
        app_id, to = self._selected(), self.reviewers.currentText()
        if app_id and to:
            desk, actor = self.desk, self.actor
            self._run(lambda: desk.reassign_claim(actor, app_id, to), lambda _r: self.refresh())
        else:
            self.status.setText(self.tr("Select an application first."))


# --- integrity --------------------------------------------------------------------------------------------------
class IntegrityTab(_Base):
    """Stored documents that failed their integrity check (altered on disk), newest first: who read them, when."""

    def __init__(self, desk: SupervisorDesk, actor, runner, parent=None, lang: str = "ru") -> None:
        super().__init__(desk, actor, runner, parent, lang)
        self.list = QPlainTextEdit()
        self.list.setReadOnly(True)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.refresh_button)
        layout.addWidget(self.status)
        self.refresh_button.clicked.connect(self.refresh)

    def refresh(self) -> None:
        desk, actor = self.desk, self.actor
        self._run(lambda: desk.integrity_failures(actor), self._show, self.tr("Loading integrity alerts"))

    def _show(self, rows) -> None:
        self.list.setPlainText("\n".join(
            f"{moscow_time(r.at)}  {r.application_id or '?'}  {r.role or '?'}  "
            f"{r.sha256[:16]}…  {r.reader}" for r in rows))
        self.status.setText(plural("IntegrityTab", "%n document(s) failed their integrity check", len(rows))
                            if rows else self.tr("No document has failed its integrity check"))
