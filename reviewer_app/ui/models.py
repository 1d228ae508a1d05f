"""Qt table models for the desk: queue, checks, applicant-vs-document fields, history.

Each has COL_* constants and ITEM_ROLE returning the row object (Vorta's pattern), and is tested with
pytest-qt's qtmodeltester.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from reviewer_app.domain.views import CheckView, FieldRow, HistoryItem, QueueItem, checks_failures_first
from reviewer_app.ui.plain import plain_tooltip
from reviewer_app.ui.words import check_label, facts_sentence, outcome_label, plural

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1

BADGE_COLOURS = {"green": QColor("#c8e6c9"), "amber": QColor("#ffe0b2"), "red": QColor("#ffcdd2")}
STATUS_COLOURS = {"pass": QColor("#2e7d32"), "fail": QColor("#c62828"), "warn": QColor("#ef6c00"),
                  "manual": QColor("#1565c0"), "in_person": QColor("#6a1b9a"), "not_run": QColor("#616161")}
# Glyphs the desk fonts have (DejaVu): the emoji once used for "in person" drew an empty box.
STATUS_ICONS = {"pass": "✔", "fail": "✖", "warn": "⚠", "manual": "?", "in_person": "⌂", "not_run": "…"}
MISMATCH_BG = QColor("#ffcdd2")

_Index = QModelIndex | QPersistentModelIndex


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def kind_label(kind: str) -> str:
    labels = {
        "own_access": tr("Kinds", "Own record"),
        "child_access": tr("Kinds", "Child's record"),
        "change_access": tr("Kinds", "Change access"),
        "cancel_access": tr("Kinds", "Cancel access"),
        "opt_out": tr("Kinds", "Opt out"),
        "opt_in": tr("Kinds", "Opt in"),
    }
    return labels.get(kind, kind)


def band_label(band: str | None) -> str:
    labels = {
        "match": tr("Bands", "match"),
        "uncertain": tr("Bands", "uncertain"),
        "mismatch": tr("Bands", "mismatch"),
        "manual": tr("Bands", "manual comparison"),
    }
    return labels.get(band or "", band or tr("Bands", "not scored yet"))


def status_label(status: str) -> str:
    labels = {
        "pending": tr("Statuses", "waiting"),
        "in_review": tr("Statuses", "in review"),
        "decided": tr("Statuses", "decided"),
        "returned": tr("Statuses", "returned"),
        "in_person_required": tr("Statuses", "in-person visit"),
        "awaiting_second_review": tr("Statuses", "second review"),
        "pass": tr("Statuses", "passed"),
        "fail": tr("Statuses", "failed"),
        "warn": tr("Statuses", "warning"),
        "manual": tr("Statuses", "check by hand"),
        "in_person": tr("Statuses", "in person"),
        "not_run": tr("Statuses", "not yet done"),
        "active": tr("Statuses", "active"),
        "revoked": tr("Statuses", "revoked"),
        "expired": tr("Statuses", "expired"),
    }
    return labels.get(status, status)


class _RowsModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()
    CONTEXT = "Models"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return tr(self.CONTEXT, self.HEADERS[section])
        return None

    def row(self, r: int) -> Any:
        return self._rows[r]

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        item = self._rows[index.row()]
        if role == ITEM_ROLE:
            return item
        value = self.cell(item, index.column(), role)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str):
            return plain_tooltip(value)  # a tooltip that looks like markup would be rendered as rich text
        return value

    def cell(self, item: Any, col: int, role: int) -> Any:  # pragma: no cover - overridden
        return None


class QueueTableModel(_RowsModel):
    COL_ID, COL_APPLICANT, COL_KIND, COL_AGE, COL_DUE, COL_BAND, COL_STATE = range(7)
    CONTEXT = "QueueModel"
    HEADERS = ("Application", "Applicant", "Kind", "Age", "SLA deadline", "Pre-score", "State")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self.reserved: str | None = None  # the one this desk claimed ahead (prefetched): next, not yet opened

    def set_items(self, items: list[QueueItem], today: date, reserved: str | None = None) -> None:
        self.today = today
        self.reserved = reserved
        self.set_rows(items)

    def cell(self, item: QueueItem, col: int, role: int) -> Any:
        today = self.today
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.COL_ID:
                return item.id
            if col == self.COL_APPLICANT:
                return item.applicant or "—"
            if col == self.COL_KIND:
                return kind_label(item.kind)
            if col == self.COL_AGE:
                return plural(self.CONTEXT, "%n day(s)", item.age_days(today))
            if col == self.COL_DUE:
                left = item.days_left(today)
                when = item.sla_deadline.strftime("%d.%m.%Y")
                if left < 0:
                    return plural(self.CONTEXT, "{0} (overdue %n day(s))", -left).format(when)
                return plural(self.CONTEXT, "{0} (%n day(s) left)", left).format(when)
            if col == self.COL_BAND:
                return band_label(item.band)
            if col == self.COL_STATE:
                if item.id == self.reserved:
                    return tr(self.CONTEXT, "next for you (not opened yet)")
                if item.claimed_by:
                    return tr(self.CONTEXT, "{0}: {1}").format(status_label(item.status), item.claimed_by)
                return status_label(item.status)
        if role == Qt.ItemDataRole.BackgroundRole and col in (self.COL_AGE, self.COL_DUE):
            return QBrush(BADGE_COLOURS[item.age_badge(today)])
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.COL_AGE, self.COL_DUE):
            badge = item.age_badge(today)
            return {"green": tr(self.CONTEXT, "Fresh: under 3 days old"),
                    "amber": tr(self.CONTEXT, "3 days old or more"),
                    "red": tr(self.CONTEXT, "Past the SLA deadline")}[badge]
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_BAND and item.band == "mismatch":
            return QBrush(STATUS_COLOURS["fail"])
        return None


class ChecksModel(_RowsModel):
    COL_STATUS, COL_MESSAGE, COL_FACTS = range(3)
    CONTEXT = "ChecksModel"
    HEADERS = ("Status", "Check", "Facts")

    def __init__(self, parent=None, lang: str = "ru") -> None:
        super().__init__(parent)
        self.lang = lang

    def set_checks(self, checks: tuple[CheckView, ...] | list[CheckView]) -> None:
        self.set_rows(checks_failures_first(checks))

    def cell(self, item: CheckView, col: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.COL_STATUS:
                return f"{STATUS_ICONS.get(item.status, '•')} {status_label(item.status)}"
            if col == self.COL_MESSAGE:
                if item.changed_since_intake:  # judged again for today: say what intake found
                    return tr(self.CONTEXT, "{0} (changed since intake: was {1})").format(
                        item.message(self.lang), status_label(item.intake_status or ""))
                return item.message(self.lang)
            if col == self.COL_FACTS:
                return facts_sentence(item.details)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_STATUS:
            return QBrush(STATUS_COLOURS.get(item.status, QColor("black")))
        if role == Qt.ItemDataRole.BackgroundRole and item.changed_since_intake:
            return QBrush(MISMATCH_BG)
        if role == Qt.ItemDataRole.ToolTipRole:
            facts = facts_sentence(item.details)
            return f"{check_label(item.id)}: {item.message(self.lang)}" + (f"\n{facts}" if facts else "")
        return None


class FieldsModel(_RowsModel):
    COL_FIELD, COL_APPLICANT, COL_DOCUMENT = range(3)
    CONTEXT = "FieldsModel"
    HEADERS = ("Field", "Applicant typed", "Document / registry")

    def __init__(self, parent=None, lang: str = "ru") -> None:
        super().__init__(parent)
        self.lang = lang

    def set_fields(self, fields: tuple[FieldRow, ...] | list[FieldRow]) -> None:
        self.set_rows(fields)

    def cell(self, item: FieldRow, col: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.COL_FIELD:
                return ("⚠ " if item.mismatch else "") + item.label(self.lang)
            if col == self.COL_APPLICANT:
                return item.applicant
            if col == self.COL_DOCUMENT:
                return "—" if item.document is None else item.document
        if role == Qt.ItemDataRole.BackgroundRole and item.mismatch:
            return QBrush(MISMATCH_BG)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole value (a narrow column elides it)
            text = self.cell(item, col, Qt.ItemDataRole.DisplayRole)
            if item.mismatch:
                differs = tr(self.CONTEXT, "The applicant's value differs from the document")
                return f"{differs}\n{text}"
            return text
        return None


class HistoryModel(_RowsModel):
    COL_TYPE, COL_ID, COL_KIND, COL_STATUS, COL_DATE, COL_NOTE = range(6)
    CONTEXT = "HistoryModel"
    HEADERS = ("Type", "Id", "Kind", "Status", "Date", "Note")

    def cell(self, item: HistoryItem, col: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.COL_TYPE:
                return tr(self.CONTEXT, "application") if item.type == "application" else tr(self.CONTEXT, "grant")
            if col == self.COL_ID:
                return item.id
            if col == self.COL_KIND:
                return kind_label(item.kind) if item.type == "application" else (
                    tr(self.CONTEXT, "own record") if item.kind == "self" else tr(self.CONTEXT, "child's record"))
            if col == self.COL_STATUS:
                return status_label(item.status)
            if col == self.COL_DATE:
                return item.on.strftime("%d.%m.%Y") if item.on else ""
            if col == self.COL_NOTE:  # an earlier application's note is its decision's outcome: in words
                note = outcome_label(item.note) if item.type == "application" and item.note else item.note
                link = {"corrected_by_this": tr(self.CONTEXT, "corrected by the application on screen"),
                        "corrects_this": tr(self.CONTEXT, "corrects the application on screen")}.get(item.link)
                return f"{note}; {link}" if note and link else link or note
        return None
