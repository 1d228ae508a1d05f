"""The supervisor's list of MFC confirmations typed in at a desk and waiting for a second person (issue 22):
confirm one (it then counts, and the application waiting for the MFC goes back to the queue) or refuse it with
a comment. The service refuses the recorder and anyone but a supervisor; this screen only forwards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from reviewer_app.services.supervisor_desk import SupervisorDesk
from reviewer_app.ui.supervisor.widgets import _Base
from reviewer_app.ui.words import moscow_time


class MfcTab(_Base):
    def __init__(self, desk: SupervisorDesk, actor, runner, parent=None, lang: str = "ru") -> None:
        super().__init__(desk, actor, runner, parent, lang)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("MFC confirmations waiting for a supervisor"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.confirm_button = QPushButton(self.tr("Confirm"))
        self.refuse_button = QPushButton(self.tr("Refuse…"))
        buttons = QHBoxLayout()
        for w in (self.refresh_button, self.confirm_button, self.refuse_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("MFC confirmations typed in at a desk count only once another supervisor "
                                        "confirms them. Check the reference with the MFC office first.")))
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh_button.clicked.connect(self.refresh)
        self.confirm_button.clicked.connect(lambda: self.settle(confirm=True))
        self.refuse_button.clicked.connect(lambda: self.settle(confirm=False))
        # Tests replace it: ask_comment() -> str | None (None: cancelled).
        self.ask_comment = self._ask_comment

    def refresh(self) -> None:
        desk, actor = self.desk, self.actor
        self._run(lambda: desk.pending_confirmations(actor), self._show, self.tr("Loading MFC confirmations"))

    def _show(self, rows) -> None:
        self.list.clear()
        for r in rows:
            text = self.tr("{0} · recorded by {1} at {2} · {3}, {4}, {5}, confirmed by {6}").format(
                r.application_id or "—", r.recorded_by, moscow_time(r.recorded_at), r.mfc_office,
                r.confirmed_on.strftime("%d.%m.%Y"), r.document_ref, r.confirmed_by)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.list.addItem(item)
        self.status.setText(self.tr("Waiting: {0}").format(len(rows)))

    def _ask_comment(self) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("Refuse the MFC confirmation"), self.tr("Why?"))
        return text if ok else None

    def settle(self, *, confirm: bool) -> None:
        item = self.list.currentItem()
        if item is None:
            self.status.setText(self.tr("Select a confirmation first."))
            return
        cid = int(item.data(Qt.ItemDataRole.UserRole))
        desk, actor = self.desk, self.actor
        if confirm:
            self._run(lambda: desk.verify_confirmation(actor, cid), lambda _r: self.refresh())
            return
        comment = self.ask_comment()
        if comment is None:
            return
        self._run(lambda: desk.refuse_confirmation(actor, cid, comment), lambda _r: self.refresh())
