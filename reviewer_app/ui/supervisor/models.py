"""Table models for the supervisor screens: plain rows in, cells out; `ITEM_ROLE` returns the row object.

Column titles are marked with QT_TRANSLATE_NOOP("Supervisor", ...) so the string-coverage test finds them; every
cell shows words (outcome, reason, band, second-review state), never a stored code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from reviewer_app.domain.supervision_views import DecisionRow
from reviewer_app.ui.models import band_label, kind_label
from reviewer_app.ui.plain import plain_tooltip
from reviewer_app.ui.words import check_label, moscow_time, outcome_label, reason_label, second_review_label

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
FLAG_BG = QColor("#ffe0b2")

_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("Supervisor", text)


class RowsModel(QAbstractTableModel):
    """Columns are (header, getter) pairs; rows any objects. Headers are translated in context `CONTEXT`
    ("Supervisor"; the administrator's screens use their own)."""

    CONTEXT = "Supervisor"

    def __init__(self, columns: Sequence[tuple[Any, Callable[[Any], Any]]], parent=None) -> None:  # header: str
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
            return QCoreApplication.translate(self.CONTEXT, self.columns[section][0])
        return None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, r: int) -> Any:
        return self._rows[r]

    @property
    def rows(self) -> list[Any]:
        return self._rows

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self.columns):
            return None
        item = self._rows[index.row()]
        if role == ITEM_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.columns[index.column()][1](item)
            text = "" if value is None else str(value)
            # A tooltip that looks like markup would be rendered as rich text (a cell never is).
            return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(item)
        return None

    def background(self, item: Any) -> QBrush | None:
        return None


class DecisionTableModel(RowsModel):
    # No column for the decision's internal number: staff know a case by its application (and applicant).
    COL_APP, COL_APPLICANT, COL_AT, COL_REVIEWER, COL_KIND, COL_OUTCOME, COL_REASON, COL_BAND, \
        COL_FLAGS, COL_SECOND = range(10)

    def __init__(self, parent=None, lang: str = "ru") -> None:
        super().__init__([
            (QT_TRANSLATE_NOOP("Supervisor", "Application"), lambda r: r.application_id),
            (QT_TRANSLATE_NOOP("Supervisor", "Applicant"), lambda r: r.applicant or "—"),
            (QT_TRANSLATE_NOOP("Supervisor", "Decided"), lambda r: moscow_time(r.decided_at)),
            (QT_TRANSLATE_NOOP("Supervisor", "Reviewer"), lambda r: r.reviewer),
            (QT_TRANSLATE_NOOP("Supervisor", "Kind"), lambda r: kind_label(r.kind)),
            (QT_TRANSLATE_NOOP("Supervisor", "Outcome"), lambda r: outcome_label(r.outcome)),
            (QT_TRANSLATE_NOOP("Supervisor", "Reason"), lambda r: reason_label(r.reason_code, lang)),
            (QT_TRANSLATE_NOOP("Supervisor", "Pre-score"), lambda r: band_label(r.prescore_band)),
            (QT_TRANSLATE_NOOP("Supervisor", "Flags"), self.flags),
            (QT_TRANSLATE_NOOP("Supervisor", "Second review"), lambda r: second_review_label(r.second_review)),
        ], parent)

    @staticmethod
    def flags(r: DecisionRow) -> str:
        return ", ".join(f for f, on in ((_tr("override"), r.is_override), (_tr("SLA breached"), r.sla_breached))
                         if on)

    def background(self, item: DecisionRow) -> QBrush | None:
        return QBrush(FLAG_BG) if item.is_override or item.sla_breached else None


def failed_checks_text(row: DecisionRow, lang: str) -> str:
    return "; ".join(check_label(c.get("check_id", "")) for c in row.failed_checks) or "—"


class SecondReviewTableModel(DecisionTableModel):
    """The four-eyes queue: whose decision, what, and at a glance what did not pass and why (the comment),
    within the first screen width; the stored state (always "waiting" here) is left out."""

    COL_APP, COL_APPLICANT, COL_OUTCOME, COL_NOT_PASSED, COL_COMMENT, COL_BAND, COL_REVIEWER, COL_AT, COL_FLAGS = \
        range(9)

    def __init__(self, parent=None, lang: str = "ru") -> None:
        super().__init__(parent, lang)
        self.columns = [
            (QT_TRANSLATE_NOOP("Supervisor", "Application"), lambda r: r.application_id),
            (QT_TRANSLATE_NOOP("Supervisor", "Applicant"), lambda r: r.applicant or "—"),
            (QT_TRANSLATE_NOOP("Supervisor", "Outcome"), lambda r: outcome_label(r.outcome)),
            (QT_TRANSLATE_NOOP("Supervisor", "Not passed"), lambda r: failed_checks_text(r, lang)),
            (QT_TRANSLATE_NOOP("Supervisor", "Reviewer's comment"), self.comment),
            (QT_TRANSLATE_NOOP("Supervisor", "Pre-score"), lambda r: band_label(r.prescore_band)),
            (QT_TRANSLATE_NOOP("Supervisor", "Reviewer"), lambda r: r.reviewer),
            (QT_TRANSLATE_NOOP("Supervisor", "Decided"), lambda r: moscow_time(r.decided_at)),
            (QT_TRANSLATE_NOOP("Supervisor", "Flags"), self.flags),
        ]


    @staticmethod
    def comment(r) -> str:
        """An escalation says who escalated and why; another decision shows the reviewer's comment."""
        if r.outcome == "escalate":
            return _tr("Escalated by {0}: {1}").format(r.reviewer, r.comment or "—")
        return r.comment or "—"


class ClaimTableModel(RowsModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            (QT_TRANSLATE_NOOP("Supervisor", "Application"), lambda r: r.application_id),
            (QT_TRANSLATE_NOOP("Supervisor", "Applicant"), lambda r: r.applicant or "—"),
            (QT_TRANSLATE_NOOP("Supervisor", "Kind"), lambda r: kind_label(r.kind)),
            # a prefetched claim its holder has not seen yet is reserved for them, not being reviewed
            (QT_TRANSLATE_NOOP("Supervisor", "Held by"),
             lambda r: r.holder if getattr(r, "seen", True)
             else _tr("{0} (next in line, not opened yet)").format(r.holder)),
            (QT_TRANSLATE_NOOP("Supervisor", "Lease until"), lambda r: moscow_time(r.lease_expires_at)),
            (QT_TRANSLATE_NOOP("Supervisor", "SLA deadline"), lambda r: r.sla_deadline.strftime("%d.%m.%Y")),
        ], parent)
