"""The audit trail for its readers: search by who, what, application (or any target) and period; verify the
chain. The search is itself audited by the service; nothing here writes an entry."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.admin import AuditCheck, AuditQuery, AuditRecord
from reviewer_app.services.admin_desk import AdminDesk
from reviewer_app.ui.admin.models import AuditModel
from reviewer_app.ui.admin.words import action_choices, refusal_text
from reviewer_app.ui.plain import PlainLabel, show_message

PAGE = 200
MAX_COLUMN = 280  # pixels


def _t(text: str) -> str:
    return QCoreApplication.translate("AdminScreen", text)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class AuditTab(QWidget):
    loaded = Signal()

    def __init__(self, desk: AdminDesk, actor: Actor, runner, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.actor, self.runner = desk, actor, runner
        self.opened_once = False
        self.last_check: AuditCheck | None = None
        self.who = QLineEdit()
        self.who.setPlaceholderText(_t("who (staff name)"))
        self.action = QComboBox()
        self.action.setAccessibleName(_t("What happened"))
        self.action.addItem(_t("Any action"), None)
        for words, code in action_choices():
            self.action.addItem(words, code)
        self.target = QLineEdit()
        self.target.setPlaceholderText(_t("application number or other target"))
        self.period = QCheckBox(_t("Period"))
        self.date_from = QDateEdit(_qdate(today - timedelta(days=6)))
        self.date_to = QDateEdit(_qdate(today))
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd.MM.yyyy")
        self.period.toggled.connect(self.date_from.setEnabled)
        self.period.toggled.connect(self.date_to.setEnabled)
        self.period.setChecked(True)  # the last week at first: the recent activity, not the installation's first day
        self.search_button = QPushButton(_t("Search"))
        self.more_button = QPushButton(_t("Next page"))
        self.more_button.setEnabled(False)
        self.verify_button = QPushButton(_t("Verify the audit trail"))
        for edit in (self.who, self.target):
            edit.returnPressed.connect(self.search)
        top = QHBoxLayout()
        for widget in (self.who, self.action, self.target, self.period, self.date_from, PlainLabel("—"),
                       self.date_to, self.search_button):
            top.addWidget(widget)
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_t("Audit entries"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        bottom = QHBoxLayout()
        self.status = PlainLabel("")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.verify_button)
        self.verdict = PlainLabel("")
        self.verdict.setWordWrap(True)
        self.verdict.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.search_button.clicked.connect(self.search)
        self.more_button.clicked.connect(self.next_page)
        self.verify_button.clicked.connect(self.verify)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.opened_once:  # the newest activity at once, not an empty table
            self.opened_once = True
            self.search()

    def query(self, after_id: int = 0) -> AuditQuery:
        since = _day(self.date_from.date()) if self.period.isChecked() else None
        until = _day(self.date_to.date()) if self.period.isChecked() else None
        return AuditQuery(actor=self.who.text().strip() or None, action=self.action.currentData(),
                          target=self.target.text().strip() or None, since=since, until=until, limit=PAGE,
                          after_id=after_id)

    def search(self) -> None:
        self._load(self.query(), append=False)

    def next_page(self) -> None:
        if self.model.rows:
            self._load(self.query(after_id=self.model.rows[-1].id), append=True)

    def _load(self, query: AuditQuery, *, append: bool) -> None:
        desk, actor = self.desk, self.actor
        self.status.setText(_t("Searching the audit trail…"))
        self.runner.run(lambda: desk.search_audit(actor, query), on_success=lambda rows: self._show(rows, append),
                        on_failure=self._failed, label=_t("Searching the audit trail…"))

    def _show(self, rows: list[AuditRecord], append: bool) -> None:
        self.model.set_rows((self.model.rows if append else []) + rows)
        self._fit_columns()
        shown = len(self.model.rows)
        self.more_button.setEnabled(len(rows) == PAGE)
        self.status.setText(_t("Entries shown: {0}; more on the next page.").format(shown)
                            if len(rows) == PAGE else _t("Entries found: {0}.").format(shown))
        self.loaded.emit()

    def _fit_columns(self) -> None:
        """Each column as wide as its text but at most MAX_COLUMN, so one long entry cannot push the details out
        (the whole text is in the cell's tooltip); the details take the rest."""
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN))

    def verify(self) -> None:
        desk, actor = self.desk, self.actor
        self.verify_button.setEnabled(False)
        self.runner.run(lambda: desk.verify_audit(actor), on_success=self._verified, on_failure=self._failed,
                        label=_t("Verifying the audit trail…"))

    def _verified(self, check: AuditCheck) -> None:
        self.last_check = check
        self.verify_button.setEnabled(True)
        if check.anchor_missing:
            text = _t("The audit trail's signed anchor is missing: a shortened trail could not be told from an "
                      "intact one. On a new installation it is set up once; otherwise restore it from a backup.")
            colour = "#b71c1c"
        elif check.broken_entry is not None:
            text = _t("The audit trail is BROKEN at entry {0}: it was changed, removed or inserted after it was "
                      "written. Report it to security.").format(check.broken_entry)
            colour = "#b71c1c"
        else:
            text = _t("The audit trail is intact. Entries checked: {0}; signed checkpoints matched: {1}.").format(
                check.entries, check.checkpoints)
            colour = "#1b5e20"
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color:{colour}; font-weight:bold; padding:4px;")
        self.verdict.show()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        text = refusal_text(exc)
        self.status.setText(text)
        if self.runner.show_errors:
            show_message(self, _t("Audit trail"), text)
        else:
            self.runner.last_error = text
        self.loaded.emit()
