"""The administrator's staff table: every account with its state, and what can be done to it.

Every call goes through the TaskRunner to the `AdminDesk` (in process or over the reviewer service), which
checks the role again; the buttons only offer what fits the selected account's state. The prompts are
attributes so that tests answer them: `confirm(text) -> bool`, `ask_new_staff() -> NewStaff | None`,
`ask_role(member) -> str | None`, `show_enrollment(enrollment, new_account)`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.admin import ACTIVE, DISABLED, LOCKED, StaffMember, TotpEnrollment
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services.admin_desk import AdminDesk
from reviewer_app.ui.admin.dialogs import AddStaffDialog, EnrollmentDialog, NewStaff
from reviewer_app.ui.admin.models import StaffModel
from reviewer_app.ui.admin.words import refusal_text
from reviewer_app.ui.plain import PlainLabel, show_message
from reviewer_app.ui.words import role_label


def _t(text: str) -> str:
    return QCoreApplication.translate("AdminScreen", text)


class StaffTab(QWidget):
    loaded = Signal()  # after each load of the table (tests wait on it)

    def __init__(self, desk: AdminDesk, actor: Actor, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.actor, self.runner = desk, actor, runner
        self.confirm: Callable[[str], bool] = self._confirm
        self.ask_new_staff: Callable[[], NewStaff | None] = self._ask_new_staff
        self.ask_role: Callable[[StaffMember], str | None] = self._ask_role
        self.show_enrollment: Callable[[TotpEnrollment, bool], None] = self._show_enrollment
        self.opened_once = False

        self.model = StaffModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_t("Staff accounts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.add_button = QPushButton(_t("Add…"))
        self.disable_button = QPushButton(_t("Disable"))
        self.enable_button = QPushButton(_t("Enable"))
        self.unlock_button = QPushButton(_t("Unlock"))
        self.totp_button = QPushButton(_t("New authenticator code…"))
        self.role_button = QPushButton(_t("Change role…"))
        self.refresh_button = QPushButton(_t("Refresh"))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.disable_button, self.enable_button, self.unlock_button, self.totp_button,
                  self.role_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        self.status = PlainLabel("")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        self.add_button.clicked.connect(self.add)
        self.disable_button.clicked.connect(self.disable)
        self.enable_button.clicked.connect(self.enable)
        self.unlock_button.clicked.connect(self.unlock)
        self.totp_button.clicked.connect(self.reset_totp)
        self.role_button.clicked.connect(self.change_role)
        self.refresh_button.clicked.connect(self.refresh)
        self._update_buttons()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.opened_once:  # loads the first time it is shown: never an empty page
            self.opened_once = True
            self.refresh()

    # --- loading ----------------------------------------------------------------------------------------------
    def refresh(self, message: str = "") -> None:
        desk, actor = self.desk, self.actor
        self.status.setText(_t("Loading the staff…"))
        self.runner.run(lambda: desk.list_staff(actor), on_success=lambda rows: self._show(rows, message),
                        on_failure=self._failed, label=_t("Loading the staff…"))

    def _show(self, rows: list[StaffMember], message: str) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        if chosen is not None:
            self.select(chosen.name)
        counts = {state: sum(1 for r in rows if r.state == state) for state in (ACTIVE, LOCKED, DISABLED)}
        summary = _t("Accounts: {0} (active {1}, locked {2}, disabled {3}).").format(
            len(rows), counts[ACTIVE], counts[LOCKED], counts[DISABLED])
        self.status.setText(f"{message} {summary}".strip())
        self._update_buttons()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        text = refusal_text(exc)
        self.status.setText(text)
        if self.runner.show_errors:
            show_message(self, _t("Staff administration"), text)
        else:
            self.runner.last_error = text
        self.loaded.emit()

    # --- selection --------------------------------------------------------------------------------------------
    def selected(self) -> StaffMember | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member(rows[0].row()) if rows else None

    def select(self, name: str) -> bool:
        for row, member in enumerate(self.model.rows):
            if member.name == name:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        m = self.selected()
        other = m is not None and m.id != self.actor.staff_id
        self.disable_button.setEnabled(other and m is not None and m.state != DISABLED)
        self.enable_button.setEnabled(m is not None and m.state == DISABLED)
        self.unlock_button.setEnabled(m is not None and (m.state == LOCKED or m.failed_logins > 0))
        self.totp_button.setEnabled(m is not None and not m.service)
        self.role_button.setEnabled(other)

    # --- actions ----------------------------------------------------------------------------------------------
    def _act(self, fn, done_text: str, *, then: Callable | None = None) -> None:
        def ok(result) -> None:
            if then is not None:
                then(result)
            self.refresh(done_text)

        self.runner.run(fn, on_success=ok, on_failure=self._failed, label=_t("Saving…"))

    def add(self) -> None:
        new = self.ask_new_staff()
        if new is None:
            return
        desk, actor = self.desk, self.actor
        self._act(lambda: desk.add_staff(actor, name=new.name, role=new.role, password=new.password),
                  _t("{0} added.").format(new.name.lower()), then=lambda enr: self._enrolled(enr, True))

    def disable(self) -> None:
        m = self.selected()
        if m is None or not self.confirm(_t("Disable {0}? Their open sessions stop at once; they cannot sign in "
                                            "until enabled again.").format(m.name)):
            return
        desk, actor = self.desk, self.actor
        self._act(lambda: desk.disable(actor, m.name), _t("{0} disabled.").format(m.name))

    def enable(self) -> None:
        m = self.selected()
        if m is None:
            return
        desk, actor = self.desk, self.actor
        self._act(lambda: desk.enable(actor, m.name), _t("{0} enabled.").format(m.name))

    def unlock(self) -> None:
        m = self.selected()
        if m is None:
            return
        desk, actor = self.desk, self.actor
        self._act(lambda: desk.unlock(actor, m.name), _t("{0} unlocked.").format(m.name))

    def reset_totp(self) -> None:
        m = self.selected()
        if m is None or not self.confirm(_t("Give {0} a new authenticator code? Their old codes stop working at "
                                            "once.").format(m.name)):
            return
        desk, actor = self.desk, self.actor
        self._act(lambda: desk.reset_totp(actor, m.name), _t("{0} has a new authenticator code.").format(m.name),
                  then=lambda enr: self._enrolled(enr, False))

    def change_role(self) -> None:
        m = self.selected()
        if m is None:
            return
        role = self.ask_role(m)
        if not role or role == m.role:
            return
        desk, actor = self.desk, self.actor
        self._act(lambda: desk.change_role(actor, m.name, role),
                  _t("{0} is now {1}.").format(m.name, role_label(role)))

    def _enrolled(self, enrollment: TotpEnrollment, new_account: bool) -> None:
        self.show_enrollment(enrollment, new_account)

    # --- the default prompts ----------------------------------------------------------------------------------
    def _confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, _t("Staff administration"), "",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setText(text)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _ask_new_staff(self) -> NewStaff | None:
        dialog = AddStaffDialog(self)
        return dialog.values() if dialog.exec() == AddStaffDialog.DialogCode.Accepted else None

    def _ask_role(self, member: StaffMember) -> str | None:
        roles = [r.value for r in StaffRole]
        labels = [role_label(r) for r in roles]
        current = roles.index(member.role) if member.role in roles else 0
        label, ok = QInputDialog.getItem(self, _t("Change role"), _t("New role of {0}:").format(member.name),
                                         labels, current, False)
        return roles[labels.index(label)] if ok and label in labels else None

    def _show_enrollment(self, enrollment: TotpEnrollment, new_account: bool) -> None:
        EnrollmentDialog(enrollment, self, new_account=new_account).exec()
