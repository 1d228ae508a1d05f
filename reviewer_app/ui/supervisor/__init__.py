"""Supervisor screens, added to the main window for supervisors (and trainers on a training database)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.permissions import Permission, allowed
from reviewer_app.ui.supervisor.mfc_tab import MfcTab
from reviewer_app.ui.supervisor.widgets import (
    CaseDialog,
    ClaimsTab,
    IntegrityTab,
    SearchTab,
    SecondReviewTab,
    StatsTab,
)

__all__ = ["CaseDialog", "ClaimsTab", "IntegrityTab", "MfcTab", "SearchTab", "SecondReviewTab", "StatsTab",
           "build_supervisor_tabs"]


def build_supervisor_tabs(parent: QWidget, app_context, actor: Actor, runner,
                          lang: str = "ru") -> list[tuple[str, QWidget]]:
    """(title, widget) pairs for the tabs this actor may use; nothing loads until a tab asks (off the UI thread).
    The services check the role again on every call; this only hides what would be refused."""
    # Cached by then: the desk's login reads the training mark on its worker thread (DbDeskService.login).
    training = bool(getattr(app_context, "is_training_db", False))

    def may(p: Permission) -> bool:
        return allowed(actor, p, training_db=training)

    def tr(text: str) -> str:
        return QCoreApplication.translate("Supervisor", text)

    if app_context is None:  # a desk on the reviewer service (`gui --service`): these screens are not served yet
        return [(tr("Supervisor"), _not_over_service(tr))]
    tabs: list[tuple[str, QWidget]] = []
    if may(Permission.AUDIT):
        tabs.append((tr("Decisions"), SearchTab(app_context, actor, runner, parent, lang)))
    if may(Permission.SECOND_REVIEW):
        tabs.append((tr("Second review"), SecondReviewTab(app_context, actor, runner, parent, lang)))
        tabs.append((tr("MFC confirmations"), MfcTab(app_context, actor, runner, parent, lang)))
    if may(Permission.REASSIGN):
        tabs.append((tr("Claims"), ClaimsTab(app_context, actor, runner, parent, lang)))
    if may(Permission.AUDIT):
        tabs.append((tr("Statistics"), StatsTab(app_context, actor, runner, parent, lang)))
        tabs.append((tr("Integrity"), IntegrityTab(app_context, actor, runner, parent, lang)))
    return tabs


def _not_over_service(tr) -> QWidget:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    label = QLabel(tr("The supervisor, trainer and administrator screens are not yet available on a desk connected "
                      "to the reviewer service. Use them on a workstation started with the database settings "
                      "(reviewer-app gui without --service)."))
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setObjectName("not_over_service")
    return label
