"""What the reviewer's desk shows: plain frozen dataclasses returned by `reviewer_app.services.desk.DeskService`.

They carry display-ready facts (no ORM objects, no Qt), so the UI can be built and tested against a fake
service, and a supervisor later sees the same values the reviewer saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from reviewer_app.domain.checks import NOT_RUN
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.decision_plan import DecisionFacts
from reviewer_app.domain.enums import CheckStatus
from reviewer_app.domain.prescore import PreScore

if TYPE_CHECKING:  # the wire carries its own rules type (api.schemas.WireRules): pydantic must not see this one
    from reviewer_app.domain.decision_plan import DecisionRules

#: Document roles the review screen shows side by side.
ROLE_SELFIE = "selfie_with_passport"
ROLE_SCAN = "passport_scan"
ROLE_CERTIFICATE = "birth_certificate_scan"

#: Days after submission while an application counts as fresh (green badge).
FRESH_DAYS = 3
#: Calendar days before the SLA deadline from which an application is "due soon".
DUE_SOON_DAYS = 2


@dataclass(frozen=True)
class QueueFilter:
    kind: str | None = None  # an ApplicationKind value, or None for all
    due_soon: bool = False  # only applications due within DUE_SOON_DAYS (or overdue)


@dataclass(frozen=True)
class QueueItem:
    """One row of the queue. Document numbers are never part of it (152-FZ: show only what is needed)."""

    id: str
    kind: str
    status: str
    submitted_at: datetime
    sla_deadline: date
    band: str | None = None  # ScoreBand value once pre-scored
    claimed_by: str | None = None
    lease_expires_at: datetime | None = None
    applicant: str = ""  # short name (Иванова М. П.): whose application, without document numbers

    def age_days(self, today: date) -> int:
        """Whole days since submission, on Moscow calendar dates (as deadlines are counted)."""
        submitted = moscow_date(self.submitted_at) if self.submitted_at.tzinfo else self.submitted_at.date()
        return (today - submitted).days

    def days_left(self, today: date) -> int:
        """Calendar days to the SLA deadline (negative: overdue)."""
        return (self.sla_deadline - today).days

    def age_badge(self, today: date) -> str:
        """'green' (under FRESH_DAYS old), 'amber', or 'red' (past the SLA deadline)."""
        if self.days_left(today) < 0:
            return "red"
        return "green" if self.age_days(today) < FRESH_DAYS else "amber"

    def is_due_soon(self, today: date) -> bool:
        return self.days_left(today) <= DUE_SOON_DAYS


@dataclass(frozen=True)
class FieldRow:
    """The applicant's typed value next to what the document/registry says; `mismatch` marks a difference."""

    key: str  # stable id, e.g. "last_name", "passport_number"
    label_ru: str
    label_en: str
    applicant: str
    document: str | None = None  # None: nothing to compare against
    mismatch: bool = False

    def label(self, lang: str = "ru") -> str:
        return self.label_en if lang == "en" else self.label_ru


@dataclass(frozen=True)
class CheckView:
    id: str
    status: str  # CheckStatus value
    message_ru: str
    message_en: str
    details: dict[str, Any] = field(default_factory=dict)
    intake_status: str | None = None  # set when the result for the decision date differs from intake's

    def message(self, lang: str = "ru") -> str:
        return self.message_en if lang == "en" else self.message_ru

    @property
    def failed(self) -> bool:
        return self.status == CheckStatus.FAIL

    @property
    def changed_since_intake(self) -> bool:
        return self.intake_status is not None and self.intake_status != self.status


#: Display order of check statuses: failures first.
STATUS_ORDER = {CheckStatus.FAIL: 0, CheckStatus.IN_PERSON: 1, CheckStatus.MANUAL: 2, CheckStatus.WARN: 3,
                CheckStatus.PASS: 4}


def _rank(status: str) -> int:
    if status == NOT_RUN:  # as prominent as a result to check by hand
        return STATUS_ORDER[CheckStatus.MANUAL]
    try:
        return STATUS_ORDER[CheckStatus(status)]
    except ValueError:
        return len(STATUS_ORDER)


def checks_failures_first(checks: tuple[CheckView, ...] | list[CheckView]) -> list[CheckView]:
    return sorted(checks, key=lambda c: _rank(c.status))


@dataclass(frozen=True)
class DocumentView:
    role: str
    filename: str
    sha256: str
    size: int
    media_type: str
    purged: bool = False


@dataclass(frozen=True)
class HistoryItem:
    """An earlier application or a grant of the same person."""

    type: str  # "application" or "grant"
    id: str
    kind: str  # application kind, or grant subject kind (self/child)
    status: str
    on: date | None = None
    note: str = ""  # e.g. the outcome, or whose record a grant opens
    # A corrected pack and the returned application it corrects: "corrected_by_this" (this earlier application is
    # the one the application on screen corrects) or "corrects_this" (this later one corrects the one on screen).
    link: str = ""


@dataclass(frozen=True)
class ApplicationView:
    """Everything the review screen shows for one claimed application."""

    id: str
    kind: str
    status: str
    version: int
    submitted_at: datetime
    sla_deadline: date
    applicant_name: str
    lease_expires_at: datetime | None = None
    rule_version: str = ""
    biometric_consent: bool = True
    fields: tuple[FieldRow, ...] = ()
    checks: tuple[CheckView, ...] = ()
    prescore: PreScore | None = None
    prescore_state: str = ""  # '', 'processing', 'done', 'failed'
    documents: tuple[DocumentView, ...] = ()
    history: tuple[HistoryItem, ...] = ()
    # What the decision plan needs (domain.decision_plan): the desk fills them, the dialog asks the plan.
    decision_facts: DecisionFacts | None = None
    decision_rules: DecisionRules | None = None
    decision_on: date | None = None  # the Moscow date the desk judged the checks for

    def document(self, role: str) -> DocumentView | None:
        for d in self.documents:
            if d.role == role:
                return d
        return None

    @property
    def band(self) -> str | None:
        return self.prescore.band if self.prescore is not None else None


@dataclass(frozen=True)
class DecisionRequest:
    application_id: str
    expected_version: int
    outcome: str  # DecisionOutcome value
    reason_code: str | None = None
    comment_applicant: str | None = None
    comment_internal: str | None = None
    #: The "check by hand" results the reviewer acknowledged having checked (needed to approve).
    acknowledged_checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class DecisionResult:
    application_id: str
    outcome: str
    status: str  # the application's status after the decision
    second_review: bool = False
