"""The decision bar and the dialog that collects a reason and comments when a decision needs them.

Neither keeps rules of its own: both ask the domain's decision plan (`domain.screen_plan.plan_for_view`, the same
`plan_decision` the decision service applies) what an outcome needs, what it does and whether it is possible.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.decision_plan import DecisionPlan, kinship_route, needs_reason, reason_allowed
from reviewer_app.domain.enums import CheckStatus, DecisionOutcome, ScoreBand
from reviewer_app.domain.reasons import RejectReason
from reviewer_app.domain.screen_plan import facts_of, plan_for_view, plans_for_view
from reviewer_app.domain.views import ApplicationView, DecisionRequest
from reviewer_app.ui.plain import PlainLabel, plain_tooltip

BUTTON_STYLES = {  # a disabled button must look disabled (Approve refused on the in-person route)
    "approve": "QPushButton{background:#2e7d32; color:white; font-weight:bold;}"
               "QPushButton:disabled{background:#c8e6c9; color:#7a7a7a;}",
    "reject": "QPushButton{background:#c62828; color:white; font-weight:bold;}"
              "QPushButton:disabled{background:#ffcdd2; color:#7a7a7a;}",
}


class DecisionBar(QWidget):
    """Buttons for every outcome; emits `chosen(outcome)` (a DecisionOutcome value) and `next_requested`."""

    chosen = Signal(str)
    next_requested = Signal()
    release_requested = Signal()
    mfc_requested = Signal()  # record an MFC kinship confirmation for the application on screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._blocked: dict[str, str] = {}  # outcome → why it is not offered on this application
        self._deciding = False
        specs = (
            (DecisionOutcome.APPROVE, self.tr("Approve (A)"), self.tr("Approve the application")),
            (DecisionOutcome.REJECT, self.tr("Reject… (R)"), self.tr("Reject with a reason")),
            (DecisionOutcome.IN_PERSON, self.tr("In person at MFC (M)"), self.tr("In-person visit required")),
            (DecisionOutcome.RETURN, self.tr("Return for correction… (C)"), self.tr("Return for correction")),
            (DecisionOutcome.ESCALATE, self.tr("Escalate… (E)"), self.tr("Escalate to a supervisor")),
        )
        layout = QHBoxLayout()
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
        self.mfc_button = QPushButton(self.tr("MFC confirmation…"))
        self.mfc_button.setAccessibleName(self.tr("Record the kinship confirmation from the MFC"))
        self.mfc_button.clicked.connect(self.mfc_requested.emit)
        self.mfc_button.hide()
        layout.addWidget(self.mfc_button)
        layout.addStretch(1)
        self.release_button = QPushButton(self.tr("Put back (P)"))
        self.release_button.setAccessibleName(self.tr("Put the application back in the queue"))
        self.release_button.clicked.connect(self.release_requested.emit)
        self.next_button = QPushButton(self.tr("Next (N)"))
        self.next_button.setAccessibleName(self.tr("Next application"))
        self.next_button.clicked.connect(self.next_requested.emit)
        layout.addWidget(self.release_button)
        layout.addWidget(self.next_button)
        # Why an outcome is not offered on this application (e.g. kinship to be confirmed at an MFC).
        self.route_note = PlainLabel()
        self.route_note.setWordWrap(True)
        self.route_note.setStyleSheet("color:#8d6e00; font-weight:bold;")
        self.route_note.setAccessibleName(self.tr("Why a decision is not offered"))
        self.route_note.hide()
        outer = QVBoxLayout()
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.route_note)
        outer.addLayout(layout)
        holder = QWidget()
        holder.setLayout(outer)
        wrap = QVBoxLayout(self)
        wrap.setContentsMargins(0, 0, 0, 0)
        wrap.addWidget(holder)

    def outcome_text(self, outcome: str) -> str:
        """The outcome in words, e.g. for the undo line."""
        return self.names.get(outcome, outcome)

    def set_enabled(self, deciding: bool, can_next: bool) -> None:
        self._deciding = deciding
        for outcome, b in self.buttons.items():
            b.setEnabled(deciding and outcome not in self._blocked)
        self.release_button.setEnabled(deciding)
        self.mfc_button.setEnabled(deciding)
        self.next_button.setEnabled(can_next)

    def show_routes(self, view: ApplicationView | None, lang: str = "ru") -> None:
        """Disable the outcomes the decision plan refuses on `view` and say why (None: nothing on screen)."""
        self._blocked = {}
        if view is not None:
            plans = plans_for_view(view)
            self._blocked = {o: (p.blocked_ru if lang != "en" else p.blocked) or ""
                             for o, p in plans.items() if p.blocked is not None}
        for outcome, b in self.buttons.items():
            b.setToolTip(plain_tooltip(self._blocked.get(outcome, "")))
        approve = self._blocked.get(str(DecisionOutcome.APPROVE))
        self.route_note.setText(self.tr("Approve is not offered: {0}").format(approve) if approve else "")
        self.route_note.setVisible(bool(approve))
        self.mfc_button.setVisible(view is not None and kinship_route(facts_of(view)) == "in_person")
        self.set_enabled(self._deciding, self.next_button.isEnabled())


def dialog_needed(view: ApplicationView, outcome: str) -> bool:
    """Ask first when the plan needs a reason or comment, has something to show (a phone change, no SMS, a
    second review) or refuses the outcome (the dialog then says why and offers only Cancel). A plain approval
    or in-person visit goes straight through."""
    plan = plan_for_view(view, outcome)
    return plan.blocked is not None or plan.needs_dialog


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
        if outcome == DecisionOutcome.APPROVE and not plan_for_view(view, outcome).overrides:
            titles[DecisionOutcome.APPROVE] = self.tr("Approve")
        self.setWindowTitle(f"{titles.get(DecisionOutcome(outcome), outcome)} — {view.id}")
        self.setMinimumWidth(640)
        form = QFormLayout()
        self.reason = QComboBox()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.applicant_text = PlainLabel()
        self.applicant_text.setWordWrap(True)
        self.applicant_text.setAccessibleName(self.tr("Text the applicant receives"))
        self.applicant_text.setStyleSheet("background:#eceff1; padding:6px;")
        self.applicant_text.setMinimumHeight(84)  # the longest reason text, wrapped, stays readable
        self.reasons = [r for r in reasons if reason_allowed(outcome, r.final)]
        self.plan: DecisionPlan = plan_for_view(view, outcome)
        if needs_reason(outcome):
            # No reason is chosen for the reviewer unless the evidence points to exactly one (the plan's
            # suggestion): a preselected wrong reason would reach the citizen with R and Ctrl+Enter.
            self.reason.addItem(self.tr("— choose a reason —"), None)
            for r in self.reasons:
                self.reason.addItem(r.label(lang) + ("" if not r.final else " " + self.tr("(final)")), r.code)
            suggested = self.reason.findData(self.plan.suggested_reason) if self.plan.suggested_reason else -1
            self.reason.setCurrentIndex(max(suggested, 0))
            form.addRow(self.tr("&Reason"), self.reason)
            form.addRow(self.tr("The applicant reads"), self.applicant_text)
            self.reason.currentIndexChanged.connect(self._reason_changed)
            self._reason_changed()
        self.comment_applicant = QPlainTextEdit()
        self.comment_applicant.setAccessibleName(self.tr("Comment for the applicant"))
        self.comment_applicant.setFixedHeight(60)
        self.comment_applicant.setTabChangesFocus(True)
        if needs_reason(outcome):
            self.applicant_label = PlainLabel(self.tr("Comment for the &applicant (optional)"))
            self.applicant_label.setBuddy(self.comment_applicant)
            form.addRow(self.applicant_label, self.comment_applicant)
        self.comment_internal = QPlainTextEdit()
        self.comment_internal.setAccessibleName(self.tr("Internal comment"))
        self.comment_internal.setFixedHeight(70)
        self.comment_internal.setTabChangesFocus(True)
        form.addRow(self.tr("&Internal comment"), self.comment_internal)

        self.overrides = list(self.plan.overrides)
        self.evidence = PlainLabel(self._evidence_text())
        self.evidence.setWordWrap(True)
        self.evidence.setAccessibleName(self.tr("What failed"))
        self.evidence.setStyleSheet("color:#b71c1c; background:#ffebee; padding:6px;")
        self.warning = PlainLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color:#b71c1c; font-weight:bold;")
        lines: list[str] = []
        if self.plan.blocked is not None:
            lines.append(self.tr("This decision is not possible:"))
            lines.append(self.plan.blocked_ru if lang != "en" else self.plan.blocked)
        elif self.overrides:
            lines.append(self.tr("This approval goes against the evidence:"))
            lines += [f"• {c.message(lang)}" for c in view.checks if c.failed]
            if "band_mismatch" in self.overrides:
                lines.append("• " + self.tr("the faces were scored as a mismatch"))
            if "kinship_manual" in self.overrides:
                lines.append("• " + self.tr("kinship was not confirmed by the civil registry"))
            if "certificate_country_missing" in self.overrides:
                lines.append("• " + self.tr("the birth certificate's country is not given (taken as Russia)"))
            lines.append(self.tr("A comment is required, and the decision goes to a second review."))
        if self.plan.blocked is None:
            lines += [f"• {n.text(lang)}" for n in self.plan.notes if n.code != "second_review"]
        self.warning.setText("\n".join(lines))
        self.error = PlainLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("What is missing"))
        self.error.setStyleSheet("color:#c62828; font-weight:bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(self.plan.blocked is None)
        self.ok_button.setText(self.tr("Save (Ctrl+Enter)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._accept)
        for field in (self.reason, self.comment_applicant, self.comment_internal):
            field.installEventFilter(self)  # a text box takes Ctrl+Enter as a line break before any shortcut
        hint = PlainLabel(self.tr("Tab: next field · Ctrl+Enter: save · Esc: cancel"))
        hint.setStyleSheet("color:#546e7a;")
        layout = QVBoxLayout(self)
        if lines:
            layout.addWidget(self.warning)
        elif self.evidence.text():
            layout.addWidget(self.evidence)
        if self.plan.blocked is None:  # nothing to fill in for a decision that cannot be made
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
        return self.plan.comment_required

    def _reason_changed(self) -> None:
        code = self.reason.currentData()
        for r in self.reasons:
            if r.code == code:
                self.applicant_text.setText(as_sentence(r.applicant_text(self.lang)))
        # "other" tells the applicant nothing by itself: their comment becomes required
        required = code == "other"
        if hasattr(self, "applicant_label"):
            self.applicant_label.setText(self.tr("Comment for the &applicant (required)") if required
                                         else self.tr("Comment for the &applicant (optional)"))

    def missing(self) -> list[str]:
        """The inputs still missing, by field: the plan's own answer for what was typed."""
        req = self.request()
        return list(plan_for_view(self.view, self.outcome, req.reason_code, req.comment_applicant,
                                  req.comment_internal).missing)

    def _accept(self) -> None:
        """Ask the plan with what was typed: what is missing is said beside the fields, nothing is lost."""
        if self.plan.blocked is not None:
            return
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
        self.error.setText("\n".join(texts[m] for m in missing if m in texts))
        focus = {"reason_code": self.reason, "comment_applicant": self.comment_applicant,
                 "comment_internal": self.comment_internal}
        first = next((m for m in missing if m in focus), None)
        if first:
            focus[first].setFocus()

    def request(self) -> DecisionRequest:
        return DecisionRequest(
            application_id=self.view.id, expected_version=self.view.version, outcome=self.outcome,
            reason_code=self.reason.currentData() if needs_reason(self.outcome) else None,
            comment_applicant=self.comment_applicant.toPlainText().strip() or None,
            comment_internal=self.comment_internal.toPlainText().strip() or None,
        )


def plain_request(view: ApplicationView, outcome: str) -> DecisionRequest:
    return DecisionRequest(application_id=view.id, expected_version=view.version, outcome=outcome)




def as_sentence(text: str) -> str:
    """A reason's text for the applicant follows a colon in the message ("…отклонено: фотография нечёткая…");
    shown on its own it is a sentence: a capital first letter and a full stop."""
    text = text.strip()
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


class MfcConfirmationDialog(QDialog):
    """Who at which MFC office confirmed the kinship, on which date, under which document reference."""

    def __init__(self, application_id: str | None, today: date, parent: QWidget | None = None, *,
                 filled: dict | None = None, error: str = "") -> None:
        """`filled`: what was typed before (`values()` and the typed application id) and `error`: why the
        service refused it, so a refusal never loses the typing."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kinship confirmed at an MFC — {0}").format(application_id or "…"))
        # Without an application on screen (one waiting in "in person at MFC"), the id is typed in.
        self.application_id = QLineEdit(application_id or "")
        self.application_id.setAccessibleName(self.tr("Application"))
        self.setMinimumWidth(480)
        self.confirmed_by = QLineEdit()
        self.confirmed_by.setAccessibleName(self.tr("Confirmed by (MFC officer)"))
        self.mfc_office = QLineEdit()
        self.mfc_office.setAccessibleName(self.tr("MFC office"))
        self.confirmed_on = QDateEdit(today)
        self.confirmed_on.setCalendarPopup(True)
        self.confirmed_on.setDisplayFormat("dd.MM.yyyy")
        self.confirmed_on.setMaximumDate(today)
        self.confirmed_on.setAccessibleName(self.tr("Confirmed on"))
        self.document_ref = QLineEdit()
        self.document_ref.setAccessibleName(self.tr("Document reference"))
        form = QFormLayout()
        if application_id is None:
            form.addRow(self.tr("Application"), self.application_id)
        form.addRow(self.tr("Confirmed by (MFC officer)"), self.confirmed_by)
        form.addRow(self.tr("MFC office"), self.mfc_office)
        form.addRow(self.tr("Confirmed on"), self.confirmed_on)
        form.addRow(self.tr("Document reference"), self.document_ref)
        self.error = PlainLabel()
        self.error.setStyleSheet("color:#c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.error.setWordWrap(True)
        filled = dict(filled or {})
        if application_id is not None:
            filled.pop("application_id", None)  # the one on screen, not typed
        if filled.get("confirmed_on") is not None:
            self.confirmed_on.setDate(filled.pop("confirmed_on"))
        for key, value in filled.items():  # the typing, as it was
            edit = getattr(self, key, None)
            if isinstance(edit, QLineEdit):
                edit.setText(value or "")
        self.error.setText(error)

    def values(self) -> dict:
        """The service call's keyword arguments (the application id is `application_id.text()`)."""
        return {"confirmed_by": self.confirmed_by.text().strip(), "mfc_office": self.mfc_office.text().strip(),
                "confirmed_on": self.confirmed_on.date().toPython(), "document_ref": self.document_ref.text().strip()}

    def _accept(self) -> None:
        if not all((self.application_id.text().strip(), self.confirmed_by.text().strip(),
                    self.mfc_office.text().strip(), self.document_ref.text().strip())):
            self.error.setText(self.tr("Fill in who confirmed it, the MFC office and the document reference."))
            return
        self.accept()
