"""A supervisor decides an escalated application: what the reviewer said, the outcomes the decision plan offers
(a refused one disabled, why in words), then the reviewer's own decision dialog (`ui.decision.DecisionDialog`)
for the reason and the comments. No rules here: both ask the domain's plan (`domain.screen_plan`), and the
service applies the same plan at stage ESCALATION (`SupervisorDesk.resolve_escalation`).

Keyboard: A, R, C, M choose an outcome; Esc cancels; in the decision dialog Tab, Ctrl+Enter, Esc as for a
reviewer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from reviewer_app.domain import supervision_views as sv
from reviewer_app.domain.checks import NOT_RUN
from reviewer_app.domain.enums import CheckStatus, DecisionOutcome
from reviewer_app.domain.reasons import REASONS
from reviewer_app.domain.screen_plan import manual_check_ids, plans_for_view
from reviewer_app.domain.views import ApplicationView, DecisionRequest
from reviewer_app.ui.decision import BUTTON_STYLES, DecisionDialog
from reviewer_app.ui.models import band_label, kind_label
from reviewer_app.ui.plain import PlainLabel, plain_tooltip
from reviewer_app.ui.words import check_label, moscow_time

#: The outcomes a supervisor chooses from (escalating again is not one), with their keys.
OUTCOMES = (DecisionOutcome.APPROVE, DecisionOutcome.REJECT, DecisionOutcome.RETURN, DecisionOutcome.IN_PERSON)


class EscalationDialog(QDialog):
    """Who escalated, why, what did not pass; then one of the four outcomes (`chosen` after accept)."""

    def __init__(self, row: sv.DecisionRow, view: ApplicationView, lang: str = "ru",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row, self.view, self.lang = row, view, lang
        self.chosen: str | None = None
        self.setWindowTitle(self.tr("Decide the escalated application — {0}").format(row.application_id))
        self.setMinimumWidth(720)
        head = PlainLabel(f"{row.application_id} · {kind_label(row.kind)} · {row.applicant or '—'}")
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        self.said = PlainLabel(escalated_by(row))
        self.said.setWordWrap(True)
        self.said.setStyleSheet("background:#fff8e1; padding:6px;")
        self.evidence = PlainLabel(self._evidence_text())
        self.evidence.setWordWrap(True)
        self.evidence.setStyleSheet("color:#b71c1c;" if self._not_passed() else "color:#2e7d32;")
        facts = QGroupBox(self.tr("The application"))
        box = QVBoxLayout(facts)
        box.addWidget(self.evidence)
        box.addWidget(PlainLabel(self.tr("Pre-score: {0}").format(band_label(view.band))))

        self.blocked = {o: (p.blocked_ru if lang != "en" else p.blocked) or ""
                        for o, p in plans_for_view(view).items() if p.blocked is not None}
        names = {DecisionOutcome.APPROVE: self.tr("Approve"), DecisionOutcome.REJECT: self.tr("Reject"),
                 DecisionOutcome.RETURN: self.tr("Return for correction"),
                 DecisionOutcome.IN_PERSON: self.tr("In person at MFC")}
        texts = {
            DecisionOutcome.APPROVE: (self.tr("Approve (A)"), "A"),
            DecisionOutcome.REJECT: (self.tr("Reject… (R)"), "R"),
            DecisionOutcome.RETURN: (self.tr("Return for correction… (C)"), "C"),
            DecisionOutcome.IN_PERSON: (self.tr("In person at MFC (M)"), "M"),
        }
        self.buttons: dict[str, QPushButton] = {}
        row_of_buttons = QHBoxLayout()
        for outcome in OUTCOMES:
            text, key = texts[outcome]
            b = QPushButton(text)
            b.setMinimumHeight(36)
            b.setStyleSheet(BUTTON_STYLES.get(str(outcome), ""))
            why = self.blocked.get(str(outcome))
            b.setEnabled(why is None)
            b.setToolTip(plain_tooltip(why or ""))
            b.clicked.connect(lambda _=False, o=str(outcome): self.choose(o))
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda o=str(outcome): self.choose(o))
            self.buttons[str(outcome)] = b
            row_of_buttons.addWidget(b)
        row_of_buttons.addStretch(1)
        self.route_note = PlainLabel("\n".join(
            self.tr("{0} is not possible: {1}").format(names[DecisionOutcome(o)], why)
            for o, why in self.blocked.items() if o in self.buttons))
        self.route_note.setWordWrap(True)
        self.route_note.setStyleSheet("color:#8d6e00; font-weight:bold;")
        self.route_note.setVisible(bool(self.route_note.text()))
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        cancel.rejected.connect(self.reject)
        hint = PlainLabel(self.tr("A: approve · R: reject · C: return · M: in person at an MFC · Esc: cancel"))
        hint.setStyleSheet("color:#546e7a;")
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.said)
        layout.addWidget(facts)
        replaces = PlainLabel(self.tr("Your decision replaces the escalation; the applicant is told as after a "
                                      "reviewer's decision."))
        replaces.setWordWrap(True)
        layout.addWidget(replaces)
        layout.addWidget(self.route_note)
        layout.addLayout(row_of_buttons)
        layout.addWidget(hint)
        layout.addWidget(cancel)

    def _not_passed(self) -> list:
        return [c for c in self.view.checks if c.status in (CheckStatus.FAIL, CheckStatus.MANUAL,
                                                              CheckStatus.IN_PERSON, NOT_RUN)]

    def _evidence_text(self) -> str:
        # A check not yet done is said so (never counted as passed).
        lines = [f"• {check_label(c.id)}: {self.tr('not yet done')}" if c.status == NOT_RUN
                 else f"• {c.message(self.lang) or check_label(c.id)}" for c in self._not_passed()]
        return (self.tr("What did not pass:") + "\n" + "\n".join(lines)) if lines else \
            self.tr("Every check passed.")

    def choose(self, outcome: str) -> None:
        if outcome in self.blocked or outcome not in self.buttons:
            return  # the note above the buttons says why
        self.chosen = outcome
        self.accept()


def escalated_by(row: sv.DecisionRow) -> str:
    """"Escalated by anna, 27.11.2026 12:00: <their comment>" (the row's internal comment)."""
    text = QCoreApplication.translate("Supervisor", "Escalated by {0}, {1}: {2}")
    return text.format(row.reviewer, moscow_time(row.decided_at), row.comment or "—")


def decision_dialog(row: sv.DecisionRow, view: ApplicationView, outcome: str, lang: str,
                    parent: QWidget | None = None, *, initial: DecisionRequest | None = None,
                    error: str = "") -> DecisionDialog:
    """The reviewer's dialog for the supervisor's outcome (the plan says what it needs)."""
    dialog = DecisionDialog(view, outcome, list(REASONS), lang, parent, initial=initial, error=error)
    dialog.setWindowTitle(dialog.windowTitle() + " · " + QCoreApplication.translate(
        "Supervisor", "escalated by {0}").format(row.reviewer))
    return dialog


def acknowledged(view: ApplicationView, outcome: str) -> tuple[str, ...]:
    """The checks to do by hand (and those not yet done) that the supervisor saw listed in the dialog: the plan
    shown took them as acknowledged, so the service is told the same."""
    return manual_check_ids(view.checks) if outcome == DecisionOutcome.APPROVE else ()


def ask_escalation(parent: QWidget, row: sv.DecisionRow, view: ApplicationView,
                   lang: str) -> DecisionRequest | None:
    """Choose the outcome, then fill in the decision dialog; None if cancelled at either step."""
    chooser = EscalationDialog(row, view, lang, parent)
    if chooser.exec() != QDialog.DialogCode.Accepted or chooser.chosen is None:
        return None
    dialog = decision_dialog(row, view, chooser.chosen, lang, parent)
    return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
