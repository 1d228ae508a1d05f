"""Table models for the supervisor screens: plain rows in, cells out; `ITEM_ROLE` returns the row object."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from reviewer_app.domain.clock import MOSCOW
from reviewer_app.services.supervision import DecisionRow

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
FLAG_BG = QColor("#ffe0b2")

_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("Supervisor", text)


class RowsModel(QAbstractTableModel):
    """Columns are (header, getter) pairs; rows any objects."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[Any], Any]]], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return _tr(self.columns[section][0])
        return None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, r: int) -> Any:
        return self._rows[r]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self.columns):
            return None
        item = self._rows[index.row()]
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.columns[index.column()][1](item)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(item)
        return None

    def background(self, item: Any) -> QBrush | None:
        return None


def _when(moment) -> str:
    return moment.astimezone(MOSCOW).strftime("%d.%m.%Y %H:%M") if moment else ""


class DecisionTableModel(RowsModel):
    COL_ID, COL_APP, COL_AT, COL_REVIEWER, COL_KIND, COL_OUTCOME, COL_REASON, COL_BAND, COL_FLAGS, COL_SECOND = \
        range(10)

    def __init__(self, parent=None) -> None:
        super().__init__([
            ("Decision", lambda r: r.decision_id),
            ("Application", lambda r: r.application_id),
            ("Decided", lambda r: _when(r.decided_at)),
            ("Reviewer", lambda r: r.reviewer),
            ("Kind", lambda r: r.kind),
            ("Outcome", lambda r: r.outcome),
            ("Reason", lambda r: r.reason_code),
            ("Pre-score", lambda r: r.prescore_band),
            ("Flags", self.flags),
            ("Second review", lambda r: r.second_review),
        ], parent)

    @staticmethod
    def flags(r: DecisionRow) -> str:
        return ", ".join(f for f, on in ((_tr("override"), r.is_override), (_tr("SLA breached"), r.sla_breached))
                         if on)

    def background(self, item: DecisionRow) -> QBrush | None:
        return QBrush(FLAG_BG) if item.is_override or item.sla_breached else None


class ClaimTableModel(RowsModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            ("Application", lambda r: r.application_id),
            ("Kind", lambda r: r.kind),
            ("Held by", lambda r: r.holder),
            ("Lease until", lambda r: _when(r.lease_expires_at)),
            ("SLA deadline", lambda r: r.sla_deadline.strftime("%d.%m.%Y")),
        ], parent)
