"""The queue: what the reviewer may take, most urgent first, with age badges, filters and Next."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.enums import ApplicationKind
from reviewer_app.domain.views import QueueFilter
from reviewer_app.ui.models import ITEM_ROLE, QueueTableModel, kind_label
from reviewer_app.ui.plain import PlainLabel


class QueuePage(QWidget):
    filters_changed = Signal()
    next_requested = Signal()
    open_requested = Signal(str)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QueueTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Application queue"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        self.table.installEventFilter(self)  # Enter on a row opens it, as a double click does
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Filter by kind"))
        self.kind.addItem(self.tr("All kinds"), None)
        for k in ApplicationKind:
            self.kind.addItem(kind_label(k.value), k.value)
        self.due_soon = QCheckBox(self.tr("Due soon only"))
        self.due_soon.setAccessibleName(self.tr("Show only applications due soon or overdue"))
        self.next_button = QPushButton(self.tr("Next: take the most urgent (N)"))
        self.next_button.setAccessibleName(self.tr("Claim the most urgent application"))
        self.next_button.setStyleSheet("font-weight:bold;")
        self.open_button = QPushButton(self.tr("Open selected"))
        self.open_button.setAccessibleName(self.tr("Open the selected application"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the queue"))
        # Reviewers take the next application; choosing one by id is a supervisor's (set_chooser).
        self.can_choose = True
        self.me = ""
        self.summary = PlainLabel()
        self.summary.setAccessibleName(self.tr("Queue summary"))
        self.kind.currentIndexChanged.connect(self.filters_changed.emit)
        self.due_soon.toggled.connect(self.filters_changed.emit)
        self.next_button.clicked.connect(self.next_requested.emit)
        self.open_button.clicked.connect(self._open)
        self.refresh_button.clicked.connect(self.refresh_requested.emit)

        bar = QHBoxLayout()
        bar.addWidget(PlainLabel(self.tr("Kind:")))
        bar.addWidget(self.kind)
        bar.addWidget(self.due_soon)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def filters(self) -> QueueFilter:
        return QueueFilter(kind=self.kind.currentData(), due_soon=self.due_soon.isChecked())

    def set_items(self, items, today, reserved: str | None = None) -> None:
        self.model.set_items(items, today, reserved)
        overdue = sum(1 for i in items if i.days_left(today) < 0)
        self.summary.setText(self.tr("{0} applications, {1} overdue").format(len(items), overdue))

    def mark_reserved(self, application_id: str | None) -> None:
        """The application this desk has claimed ahead (prefetched) changed: its row says so."""
        model = self.model
        if model.reserved != application_id:
            model.reserved = application_id
            if model.rowCount():
                model.dataChanged.emit(model.index(0, model.COL_STATE),
                                       model.index(model.rowCount() - 1, model.COL_STATE))

    def set_chooser(self, can_choose: bool, me: str) -> None:
        """Whether this user may open a chosen application (a supervisor); anyone may reopen their own."""
        self.can_choose, self.me = can_choose, me
        self.open_button.setVisible(can_choose)
        self.open_button.setText(self.tr("Open selected (give a reason)") if can_choose else self.tr("Open selected"))

    def held_by_me(self, application_id: str) -> bool:
        """The queue shows `application_id` as held by this user (reopening it needs no reason)."""
        rows = (self.model.row(r) for r in range(self.model.rowCount()))
        return bool(self.me) and any(i.id == application_id and i.claimed_by == self.me for i in rows)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.table and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self._open()
            return True
        return super().eventFilter(obj, event)

    def _open(self, *_args) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            item = self.model.data(self.model.index(index.row(), 0), ITEM_ROLE)
            if self.can_choose or (item.claimed_by and item.claimed_by == self.me):
                self.open_requested.emit(item.id)
            else:
                self.summary.setText(self.tr("Reviewers take the next application (N); a supervisor may open a "
                                             "chosen one."))


