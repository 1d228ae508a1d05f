"""The administrator's dialogs: a new account, and a new TOTP secret shown once (QR code and key)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.admin import TotpEnrollment
from reviewer_app.domain.enums import StaffRole
from reviewer_app.ui.plain import PlainLabel
from reviewer_app.ui.words import role_label

MIN_PASSWORD = 10  # as services.staff.MIN_PASSWORD; the service checks it again


def _t(text: str) -> str:
    return QCoreApplication.translate("AdminScreen", text)


def role_combo(current: str | None = None) -> QComboBox:
    combo = QComboBox()
    for role in StaffRole:
        combo.addItem(role_label(role.value), role.value)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


@dataclass(frozen=True)
class NewStaff:
    name: str
    role: str
    password: str


class AddStaffDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Add a staff member"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_t("latin letters, digits, “.”, “_” or “-”"))
        self.role = role_combo("reviewer")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = PlainLabel("")
        self.problem.setStyleSheet("color:#b71c1c;")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_t("Name"), self.name)
        form.addRow(_t("Role"), self.role)
        form.addRow(_t("First password"), self.password)
        form.addRow(_t("Password again"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def missing(self) -> str:
        """What is wrong with what was typed, in words ('' when nothing is)."""
        if not self.name.text().strip():
            return _t("Name: type the staff member's sign-in name.")
        if len(self.password.text()) < MIN_PASSWORD:
            return _t("First password: at least 10 characters.")
        if self.password.text() != self.repeat.text():
            return _t("Password again: the two passwords differ.")
        return ""

    def _accept(self) -> None:
        problem = self.missing()
        self.problem.setText(problem)
        if not problem:
            self.accept()

    def values(self) -> NewStaff:
        return NewStaff(self.name.text().strip(), self.role.currentData(), self.password.text())


def qr_pixmap(uri: str, scale: int = 5) -> QPixmap:
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="png", scale=scale, border=4)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class EnrollmentDialog(QDialog):
    """The new secret, this once: the staff member scans the code (or types the key) into an authenticator app.
    Nothing keeps it after the dialog closes."""

    def __init__(self, enrollment: TotpEnrollment, parent: QWidget | None = None, *, new_account: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Authenticator code for {0}").format(enrollment.name))
        intro = (_t("{0} is added as {1}. Let them scan this code with an authenticator app now: it is shown only "
                    "once.") if new_account else
                 _t("{0} ({1}) has a new authenticator code; the old codes no longer work. Let them scan this code "
                    "now: it is shown only once.")).format(enrollment.name, role_label(enrollment.role))
        text = PlainLabel(intro)
        text.setWordWrap(True)
        self.qr = QLabel()
        self.qr.setPixmap(qr_pixmap(enrollment.uri))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setAccessibleName(_t("QR code of the authenticator key"))
        key = " ".join(enrollment.secret[i:i + 4] for i in range(0, len(enrollment.secret), 4))
        self.key = PlainLabel(_t("Or type this key by hand: {0}").format(key))
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.key)
        layout.addWidget(buttons)
