"""The decision bar and the dialog that collects a reason and comments when a decision needs them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
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

from reviewer_app.domain.enums import CheckStatus, DecisionOutcome, ScoreBand
from reviewer_app.domain.views import (
    ApplicationView,
    DecisionRequest,
    RejectReason,
    comment_required,
    missing_inputs,
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
    """Reason (reject/return) with the applicant-facing text, comments, what failed, and the override warning.

    Keyboard to the end: Tab moves between the fields (the comment boxes do not swallow it), Ctrl+Enter
    submits, Esc cancels; Alt+letter jumps to a field. A missing input is said in the dialog, next to what was
    typed, and the field gets the focus: nothing typed is ever thrown away. `initial` refills a request (the
    service refused it) and `error` says why.
    """

    def __init__(self, view: ApplicationView, outcome: str, reasons: list[RejectReason], lang: str,
                 parent: QWidget | None = None, *, initial: DecisionRequest | None = None,
                 error: str = "") -> None:
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
            form.addRow(self.tr("&Reason"), self.reason)
            form.addRow(self.tr("The applicant reads"), self.applicant_text)
            self.reason.currentIndexChanged.connect(self._reason_changed)
            self._reason_changed()
        self.comment_applicant = QPlainTextEdit()
        self.comment_applicant.setAccessibleName(self.tr("Comment for the applicant"))
        self.comment_applicant.setFixedHeight(60)
        self.comment_applicant.setTabChangesFocus(True)
        if needs_reason(outcome):
            self.applicant_label = QLabel(self.tr("Comment for the &applicant (optional)"))
            self.applicant_label.setBuddy(self.comment_applicant)
            form.addRow(self.applicant_label, self.comment_applicant)
        self.comment_internal = QPlainTextEdit()
        self.comment_internal.setAccessibleName(self.tr("Internal comment"))
        self.comment_internal.setFixedHeight(70)
        self.comment_internal.setTabChangesFocus(True)
        form.addRow(self.tr("&Internal comment"), self.comment_internal)

        self.overrides = override_reasons(view, outcome)
        self.evidence = QLabel(self._evidence_text())
        self.evidence.setWordWrap(True)
        self.evidence.setAccessibleName(self.tr("What failed"))
        self.evidence.setStyleSheet("color:#b71c1c; background:#ffebee; padding:6px;")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color:#b71c1c; font-weight:bold;")
        if self.overrides:
            lines = [self.tr("This approval goes against the evidence:")]
            lines += [f"• {c.message(lang)}" for c in view.checks if c.failed]
            if "band_mismatch" in self.overrides:
                lines.append("• " + self.tr("the faces were scored as a mismatch"))
            lines.append(self.tr("A comment is required, and the decision goes to a second review."))
            self.warning.setText("\n".join(lines))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("What is missing"))
        self.error.setStyleSheet("color:#c62828; font-weight:bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save (Ctrl+Enter)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._accept)
        for field in (self.reason, self.comment_applicant, self.comment_internal):
            field.installEventFilter(self)  # a text box takes Ctrl+Enter as a line break before any shortcut
        hint = QLabel(self.tr("Tab: next field · Ctrl+Enter: save · Esc: cancel"))
        hint.setStyleSheet("color:#546e7a;")
        layout = QVBoxLayout(self)
        if self.overrides:
            layout.addWidget(self.warning)
        elif self.evidence.text():
            layout.addWidget(self.evidence)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        if initial is not None:
            self._refill(initial)
        if error:
            self.error.setText(error)
        self._first = self.reason if needs_reason(outcome) else self.comment_internal

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._first is not None:  # the keyboard starts in the first field, once
            self._first.setFocus()
            self._first = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self._accept()
            return True
        return super().eventFilter(obj, event)

    def _evidence_text(self) -> str:
        """What failed or waits for a look, for every decision (a reviewer rejecting should see it too)."""
        lines = [f"• {c.message(self.lang)}" for c in self.view.checks
                 if c.status in (CheckStatus.FAIL, CheckStatus.MANUAL, CheckStatus.IN_PERSON)]
        lines += ["• " + self.tr("{0}: the applicant typed “{1}”, the document says “{2}”")
                  .format(f.label(self.lang), f.applicant, f.document) for f in self.view.fields if f.mismatch]
        if self.view.band == ScoreBand.MISMATCH:
            lines.append("• " + self.tr("the faces were scored as a mismatch"))
        return (self.tr("What failed:") + "\n" + "\n".join(lines)) if lines else ""

    def _refill(self, request: DecisionRequest) -> None:
        if request.reason_code:
            index = self.reason.findData(request.reason_code)
            if index >= 0:
                self.reason.setCurrentIndex(index)
        self.comment_applicant.setPlainText(request.comment_applicant or "")
        self.comment_internal.setPlainText(request.comment_internal or "")

    @property
    def comment_required(self) -> bool:
        return comment_required(self.outcome, self.overrides)

    def _reason_changed(self) -> None:
        code = self.reason.currentData()
        for r in self.reasons:
            if r.code == code:
                self.applicant_text.setText(r.applicant_text(self.lang))
        # "other" tells the applicant nothing by itself: their comment becomes required
        required = "comment_applicant" in missing_inputs(self.outcome, code, "", "x")
        if hasattr(self, "applicant_label"):
            self.applicant_label.setText(self.tr("Comment for the &applicant (required)") if required
                                         else self.tr("Comment for the &applicant (optional)"))

    def missing(self) -> list[str]:
        """The inputs still missing, by field: the same rules as the decision service (domain.views)."""
        return missing_inputs(self.outcome, self.reason.currentData() if needs_reason(self.outcome) else None,
                              self.comment_applicant.toPlainText(), self.comment_internal.toPlainText(),
                              self.overrides)

    def _accept(self) -> None:
        missing = self.missing()
        if not missing:
            self.accept()
            return
        self.show_missing(missing)

    def show_missing(self, missing: list[str]) -> None:
        texts = {"reason_code": self.tr("Choose a reason."),
                 "comment_applicant": self.tr("The reason “other” needs a comment for the applicant: "
                                              "say what to correct."),
                 "comment_internal": self.tr("Write an internal comment: why this decision?")}
        self.error.setText("\n".join(texts[m] for m in missing))
        focus = {"reason_code": self.reason, "comment_applicant": self.comment_applicant,
                 "comment_internal": self.comment_internal}
        focus[missing[0]].setFocus()

    def request(self) -> DecisionRequest:
        return DecisionRequest(
            application_id=self.view.id, expected_version=self.view.version, outcome=self.outcome,
            reason_code=self.reason.currentData() if needs_reason(self.outcome) else None,
            comment_applicant=self.comment_applicant.toPlainText().strip() or None,
            comment_internal=self.comment_internal.toPlainText().strip() or None,
        )


def plain_request(view: ApplicationView, outcome: str) -> DecisionRequest:
    return DecisionRequest(application_id=view.id, expected_version=view.version, outcome=outcome)


