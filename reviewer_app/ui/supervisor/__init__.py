"""Supervisor screens, added to the main window for supervisors (and trainers on a training database)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.permissions import Permission, allowed
from reviewer_app.services.supervisor_desk import SupervisorDesk
from reviewer_app.ui.supervisor.mfc_tab import MfcTab
from reviewer_app.ui.supervisor.stats_tab import StatsTab
from reviewer_app.ui.supervisor.widgets import (
    CaseDialog,
    ClaimsTab,
    IntegrityTab,
    SearchTab,
    SecondReviewTab,
)

__all__ = ["CaseDialog", "ClaimsTab", "IntegrityTab", "MfcTab", "SearchTab", "SecondReviewTab", "StatsTab",
           "build_supervisor_tabs"]


def build_supervisor_tabs(parent: QWidget, desk: SupervisorDesk, actor: Actor, runner,
                          lang: str = "ru") -> list[tuple[str, QWidget]]:
    """(title, widget) pairs for the tabs this actor may use; nothing loads until a tab asks (off the UI thread).
    `desk` is in process (`DbSupervisorDesk`) or on the reviewer service (`client.HttpSupervisorDesk`). The
    services check the role again on every call; this only hides what would be refused."""
    # Cached by then: the desk's sign-in read the training mark on its worker thread.
    training = bool(desk.is_training)

    def may(p: Permission) -> bool:
        return allowed(actor, p, training_db=training)

    def tr(text: str) -> str:
        return QCoreApplication.translate("Supervisor", text)

    tabs: list[tuple[str, QWidget]] = []
    if may(Permission.AUDIT):
        tabs.append((tr("Decisions"), SearchTab(desk, actor, runner, parent, lang)))
    if may(Permission.SECOND_REVIEW):
        tabs.append((tr("Second review"), SecondReviewTab(desk, actor, runner, parent, lang)))
        tabs.append((tr("MFC confirmations"), MfcTab(desk, actor, runner, parent, lang)))
    if may(Permission.REASSIGN):
        tabs.append((tr("Claims"), ClaimsTab(desk, actor, runner, parent, lang)))
    if may(Permission.AUDIT):
        tabs.append((tr("Statistics"), StatsTab(desk, actor, runner, parent, lang)))
        tabs.append((tr("Integrity"), IntegrityTab(desk, actor, runner, parent, lang)))
    return tabs
