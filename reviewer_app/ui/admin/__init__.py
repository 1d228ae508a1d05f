"""The administrator's desk: staff accounts and the audit trail, as tabs of the main window.

The tabs talk to an `AdminDesk`: `HttpAdminDesk` on the desk's own session when the desk works through the
reviewer service, `DbAdminDesk` when it runs beside the database. Widgets never receive the application context.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.permissions import Permission, allowed
from reviewer_app.ui.admin.audit_tab import AuditTab
from reviewer_app.ui.admin.staff_tab import StaffTab

__all__ = ["AuditTab", "StaffTab", "build_admin_tabs"]


def _t(text: str) -> str:
    return QCoreApplication.translate("AdminScreen", text)


def build_admin_tabs(admin_desk, actor: Actor, runner, today: date,
                     parent: QWidget | None = None) -> list[tuple[str, QWidget]]:
    """(title, widget) pairs for what this actor may do here; each loads itself when first shown (off the UI
    thread). The service checks the role again on every call."""
    tabs: list[tuple[str, QWidget]] = []
    if allowed(actor, Permission.MANAGE_STAFF, training_db=False):
        tabs.append((_t("Staff"), StaffTab(admin_desk, actor, runner, parent)))
    if allowed(actor, Permission.AUDIT, training_db=False):
        tabs.append((_t("Audit trail"), AuditTab(admin_desk, actor, runner, today, parent)))
    return tabs
