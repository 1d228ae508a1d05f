"""The decision bar and the dialog that collects a reason and comments when a decision needs them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.enums import DecisionOutcome
from reviewer_app.domain.views import (
    ApplicationView,
    DecisionRequest,
    RejectReason,
    comment_required,
    needs_reason,
    override_reasons,
    reason_allowed,
)

BUTTON_STYLES = {
    "approve": "background:#2e7d32; color:white; font-weight:bold;",
    "reject": "background:#c62828; color:white; font-weight:bold;",
}


class DecisionBar(QWidget):
    """Buttons for every outcome; emits `chosen(outcome)` (a DecisionOutcome value) and `next_requested`."""

    chosen = Signal(str)
    next_requested = Signal()
    release_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        specs = (
            (DecisionOutcome.APPROVE, self.tr("Approve (A)"), self.tr("Approve the application")),
            (DecisionOutcome.REJECT, self.tr("Reject… (R)"), self.tr("Reject with a reason")),
            (DecisionOutcome.IN_PERSON, self.tr("In person at MFC (M)"), self.tr("In-person visit required")),
            (DecisionOutcome.RETURN, self.tr("Return for correction… (C)"), self.tr("Return for correction")),
            (DecisionOutcome.ESCALATE, self.tr("Escalate… (E)"), self.tr("Escalate to a supervisor")),
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        self.names = {str(outcome): name for outcome, _text, name in specs}
        for outcome, text, name in specs:
            b = QPushButton(text)
            b.setAccessibleName(name)
            b.setMinimumHeight(36)
            b.setStyleSheet(BUTTON_STYLES.get(str(outcome), ""))
            b.clicked.connect(lambda _=False, o=str(outcome): self.chosen.emit(o))
            self.buttons[str(outcome)] = b
            layout.addWidget(b)
        layout.addStretch(1)
        self.release_button = QPushButton(self.tr("Put back (P)"))
        self.release_button.setAccessibleName(self.tr("Put the application back in the queue"))
        self.release_button.clicked.connect(self.release_requested.emit)
        self.next_button = QPushButton(self.tr("Next (N)"))
        self.next_button.setAccessibleName(self.tr("Next application"))
        self.next_button.clicked.connect(self.next_requested.emit)
        layout.addWidget(self.release_button)
        layout.addWidget(self.next_button)

    def outcome_text(self, outcome: str) -> str:
        """The outcome in words, e.g. for the undo line."""
        return self.names.get(outcome, outcome)

    def set_enabled(self, deciding: bool, can_next: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(deciding)
        self.release_button.setEnabled(deciding)
        self.next_button.setEnabled(can_next)


def dialog_needed(view: ApplicationView, outcome: str) -> bool:
    """Approve and in-person go straight through unless approving overrides the evidence."""
    if outcome == DecisionOutcome.APPROVE:
        return bool(override_reasons(view, outcome))
    return outcome != DecisionOutcome.IN_PERSON


class DecisionDialog(QDialog):
    """Reason (reject/return) with the applicant-facing text, comments, and the override warning."""

    def __init__(self, view: ApplicationView, outcome: str, reasons: list[RejectReason], lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view, self.outcome, self.lang = view, outcome, lang
        titles = {
            DecisionOutcome.APPROVE: self.tr("Approve against the evidence"),
            DecisionOutcome.REJECT: self.tr("Reject"),
            DecisionOutcome.RETURN: self.tr("Return for correction"),
            DecisionOutcome.ESCALATE: self.tr("Escalate to a supervisor"),
            DecisionOutcome.IN_PERSON: self.tr("In-person visit required"),
        }
        self.setWindowTitle(f"{titles.get(DecisionOutcome(outcome), outcome)} — {view.id}")
        self.setMinimumWidth(560)
        form = QFormLayout()
        self.reason = QComboBox()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.applicant_text = QLabel()
        self.applicant_text.setWordWrap(True)
        self.applicant_text.setAccessibleName(self.tr("Text the applicant receives"))
        self.applicant_text.setStyleSheet("background:#eceff1; padding:6px;")
        self.reasons = [r for r in reasons if reason_allowed(outcome, r.final)]
        if needs_reason(outcome):
            for r in self.reasons:
                self.reason.addItem(r.label(lang) + ("" if not r.final else " " + self.tr("(final)")), r.code)
            form.addRow(self.tr("Reason"), self.reason)
            form.addRow(self.tr("The applicant reads"), self.applicant_text)
            self.reason.currentIndexChanged.connect(self._reason_changed)
            self._reason_changed()
        self.comment_applicant = QPlainTextEdit()
        self.comment_applicant.setAccessibleName(self.tr("Comment for the applicant"))
        self.comment_applicant.setFixedHeight(60)
        if needs_reason(outcome):
            form.addRow(self.tr("Comment for the applicant (optional)"), self.comment_applicant)
        self.comment_internal = QPlainTextEdit()
        self.comment_internal.setAccessibleName(self.tr("Internal comment"))
        self.comment_internal.setFixedHeight(70)
        form.addRow(self.tr("Internal comment"), self.comment_internal)

        self.overrides = override_reasons(view, outcome)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color:#b71c1c; font-weight:bold;")
        if self.overrides:
            failed = [c.message(lang) for c in view.checks if c.failed]
            lines = [self.tr("This approval goes against the evidence:")]
            lines += [f"• {m}" for m in failed]
            if "band_mismatch" in self.overrides:
                lines.append("• " + self.tr("the faces were scored as a mismatch"))
            lines.append(self.tr("A comment is required, and the decision goes to a second review."))
            self.warning.setText("\n".join(lines))
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        if self.overrides:
            layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @property
    def comment_required(self) -> bool:
        return comment_required(self.outcome, self.overrides)

    def _reason_changed(self) -> None:
        code = self.reason.currentData()
        for r in self.reasons:
            if r.code == code:
                self.applicant_text.setText(r.applicant_text(self.lang))

    def _accept(self) -> None:
        if self.comment_required and not self.comment_internal.toPlainText().strip():
            self.error.setText(self.tr("Write an internal comment: why this decision?"))
            self.comment_internal.setFocus()
            return
        if needs_reason(self.outcome) and not self.reason.currentData():
            self.error.setText(self.tr("Choose a reason."))
            return
        self.accept()

    def request(self) -> DecisionRequest:
        return DecisionRequest(
            application_id=self.view.id, expected_version=self.view.version, outcome=self.outcome,
            reason_code=self.reason.currentData() if needs_reason(self.outcome) else None,
            comment_applicant=self.comment_applicant.toPlainText().strip() or None,
            comment_internal=self.comment_internal.toPlainText().strip() or None,
        )


def plain_request(view: ApplicationView, outcome: str) -> DecisionRequest:
    return DecisionRequest(application_id=view.id, expected_version=view.version, outcome=outcome)


