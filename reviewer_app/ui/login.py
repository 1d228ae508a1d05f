"""The login page: staff name, password and the TOTP code from the authenticator app."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.ui.errors import user_message
from reviewer_app.ui.plain import PlainLabel


class LoginPage(QWidget):
    """Emits `submitted(name, password, code)`; the window runs the login off the UI thread."""

    submitted = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = PlainLabel(self.tr("EMK access applications — reviewer's desk"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Staff name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.code = QLineEdit()
        self.code.setAccessibleName(self.tr("Six-digit code from the authenticator app"))
        self.code.setMaxLength(8)
        self.code.setInputMask("")
        self.code.setPlaceholderText("000000")
        self.button = QPushButton(self.tr("Log in"))
        self.button.setAccessibleName(self.tr("Log in"))
        self.button.setDefault(True)
        self.message = PlainLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Login message"))
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Code"), self.code)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setMinimumWidth(420)
        box.setMaximumWidth(520)
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addWidget(self.button)
        inner.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(24)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

        self.button.clicked.connect(self._submit)
        for edit in (self.name, self.password, self.code):
            edit.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        name, password, code = self.name.text().strip(), self.password.text(), self.code.text().strip()
        if not name or not password or not code:
            self.show_message(self.tr("Enter your name, password and the code from the authenticator app."))
            return
        self.set_busy(True)
        self.submitted.emit(name, password, code)

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        if busy:
            self.message.setStyleSheet("color: palette(text);")
            self.message.setText(self.tr("Checking…"))

    def show_message(self, text: str) -> None:
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.setText(text)

    def show_error(self, exc: BaseException) -> None:
        """Wrong code, locked account and an unreachable database each get their own clear message."""
        self.set_busy(False)
        self.code.clear()
        if isinstance(exc, PermissionDenied) and exc.code not in ("account_locked", "account_disabled"):
            user_message(exc)  # logged; the page never says which of name, password or code was wrong
            text = self.tr("Wrong name, password or code. Codes change every 30 seconds: use the current one.")
        else:  # locked or disabled accounts and an unreachable database each have their own words (ui.errors)
            text = user_message(exc)
        self.show_message(text)

    def reset(self) -> None:
        self.set_busy(False)
        self.password.clear()
        self.code.clear()
        self.message.clear()
        self.name.setFocus()
