"""Table models of the administrator's screen: the staff and the audit entries, in words."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
)
from PySide6.QtGui import QBrush, QColor

from reviewer_app.domain.admin import ACTIVE, AuditRecord, StaffMember
from reviewer_app.ui.admin.words import action_label, details_text, state_label, target_text, who_label
from reviewer_app.ui.supervisor.models import RowsModel
from reviewer_app.ui.words import moscow_time, role_label, yes_no

_Index = QModelIndex | QPersistentModelIndex
NOT_ACTIVE_BG = QColor("#ffe0b2")


def _t(text: str) -> str:
    return QCoreApplication.translate("AdminScreen", text)


class Rows(RowsModel):
    """The supervisor screens' rows model; headers translated in context "AdminScreen"."""

    CONTEXT = "AdminScreen"

class StaffModel(Rows):
    def __init__(self, parent=None) -> None:
        super().__init__([
            (QT_TRANSLATE_NOOP("AdminScreen", "Name"), lambda m: m.name),
            (QT_TRANSLATE_NOOP("AdminScreen", "Full name"), lambda m: m.full_name or "—"),
            (QT_TRANSLATE_NOOP("AdminScreen", "Role"), lambda m: role_label(m.role)),
            (QT_TRANSLATE_NOOP("AdminScreen", "State"), lambda m: state_label(m.state, m.locked_until)),
            (QT_TRANSLATE_NOOP("AdminScreen", "Authenticator"), lambda m: yes_no(m.has_totp)),
            (QT_TRANSLATE_NOOP("AdminScreen", "Failed sign-ins"), lambda m: m.failed_logins),
            (QT_TRANSLATE_NOOP("AdminScreen", "Kind"),
             lambda m: _t("script") if m.service else _t("person")),
            (QT_TRANSLATE_NOOP("AdminScreen", "Created"), lambda m: moscow_time(m.created_at)),
        ], parent)

    def background(self, item: StaffMember) -> QBrush | None:
        return None if item.state == ACTIVE else QBrush(NOT_ACTIVE_BG)

    def member(self, row: int) -> StaffMember | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


class AuditModel(Rows):
    def __init__(self, parent=None) -> None:
        super().__init__([
            (QT_TRANSLATE_NOOP("AdminScreen", "No."), lambda e: e.id),
            (QT_TRANSLATE_NOOP("AdminScreen", "Time (Moscow)"), lambda e: moscow_time(e.at, seconds=True)),
            (QT_TRANSLATE_NOOP("AdminScreen", "Who"), lambda e: who_label(e.actor)),
            (QT_TRANSLATE_NOOP("AdminScreen", "What"), lambda e: action_label(e.action, e.details)),
            (QT_TRANSLATE_NOOP("AdminScreen", "About"), lambda e: target_text(e.target_type, e.target_id)),
            (QT_TRANSLATE_NOOP("AdminScreen", "Details"), lambda e: details_text(e.details)),
        ], parent)

    def entry(self, row: int) -> AuditRecord | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
