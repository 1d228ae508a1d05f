"""What the reviewer's desk shows: plain frozen dataclasses returned by `reviewer_app.services.desk.DeskService`.

They carry display-ready facts (no ORM objects, no Qt), so the UI can be built and tested against a fake
service, and a supervisor later sees the same values the reviewer saw.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import CheckStatus, DecisionOutcome
from reviewer_app.domain.prescore import PreScore

if TYPE_CHECKING:  # decision_plan imports this module (RejectReason): no import cycle at run time
    from reviewer_app.domain.decision_plan import DecisionFacts, DecisionPlan, DecisionRules

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


#: The status of an expected check that has not run yet (not a CheckStatus: nothing is stored for it). The face
#: comparison's checks are expected on every application: until the worker (or the desk) has compared the faces,
#: `face_duplicate` is shown as "not yet done" and an Approve waits for it (`decision_plan.not_run_problems`).
NOT_RUN = "not_run"
#: Checks the face comparison produces, expected before an approval.
FACE_CHECKS = ("face_duplicate",)

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
class RejectReason:
    """A fixed reject/return reason, with the text the applicant receives."""

    code: str
    label_ru: str
    label_en: str
    applicant_text_ru: str
    applicant_text_en: str
    final: bool = False  # False: the applicant may submit again (RETRY); True: FINAL

    def label(self, lang: str = "ru") -> str:
        return self.label_en if lang == "en" else self.label_ru

    def applicant_text(self, lang: str = "ru") -> str:
        return self.applicant_text_en if lang == "en" else self.applicant_text_ru


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


def facts_of(view: ApplicationView) -> DecisionFacts:
    """The decision facts of the application on screen: the desk's, or (a view built without them) the checks,
    band and kind it shows."""
    from reviewer_app.domain import decision_plan as dp

    if view.decision_facts is not None:
        # A pre-score that arrived after the application was opened counts too.
        if view.band is not None and view.band != view.decision_facts.band:
            return replace(view.decision_facts, band=view.band)
        return view.decision_facts
    return dp.DecisionFacts(
        application_id=view.id, kind=view.kind, person_key="", applicant=None,
        checks=tuple(dp.CheckFact(c.id, c.status, c.message_ru, c.message_en, dict(c.details), c.intake_status)
                     for c in view.checks),
        band=view.band, sla_deadline=view.sla_deadline)


def plan_for_view(view: ApplicationView, outcome: str, reason_code: str | None = None,
                  comment_applicant: str | None = None, comment_internal: str | None = None,
                  on: date | None = None) -> DecisionPlan:
    """The domain's decision plan for the application on screen (the same function the service applies)."""
    from reviewer_app.domain import decision_plan as dp

    day = on or view.decision_on or moscow_date(view.submitted_at)
    # The desk's session asks for K before any dialog (`ReviewSession.approval_waits`): the plan shown to the
    # reviewer takes the checks by hand and those not yet done as acknowledged; the service gets the real list.
    return dp.plan_decision(facts_of(view), dp.DecisionAsk(outcome, reason_code, comment_applicant,
                                                           comment_internal,
                                                           acknowledged=manual_check_ids(view.checks)),
                            on=day, rules=view.decision_rules or dp.DEFAULT_RULES)


def plans_for_view(view: ApplicationView) -> dict[str, DecisionPlan]:
    """The plan of every outcome with nothing filled in: `blocked` says why one is not offered."""
    from reviewer_app.domain import decision_plan as dp

    return dp.available(facts_of(view), on=view.decision_on or moscow_date(view.submitted_at),
                        rules=view.decision_rules or dp.DEFAULT_RULES)


def override_reasons(view: ApplicationView, outcome: str) -> list[str]:
    """Why approving the application on screen goes against the evidence (the plan's overrides)."""
    return list(plan_for_view(view, outcome).overrides)


def needs_reason(outcome: str) -> bool:
    """Reject and return-for-correction must name a reason from the fixed list."""
    return outcome in (DecisionOutcome.REJECT, DecisionOutcome.RETURN)


def reason_allowed(outcome: str, final: bool) -> bool:
    """A return for correction invites a new application: it may not carry a FINAL reason."""
    return not (outcome == DecisionOutcome.RETURN and final)


def comment_required(outcome: str, overrides: list[str]) -> bool:
    """An internal comment is required to approve against the evidence and to escalate (the supervisor's brief);
    the decision plan's `comment_required` is this rule."""
    return bool(overrides) or outcome == DecisionOutcome.ESCALATE


def manual_check_ids(checks: Iterable[CheckView]) -> tuple[str, ...]:
    """The checks whose result is "check by hand", and the expected checks that have not run yet (the reviewer
    acknowledges both with K)."""
    return tuple(c.id for c in checks if c.status in (CheckStatus.MANUAL, NOT_RUN))


def unacknowledged_manual(outcome: str, manual_ids: Iterable[str], acknowledged: Iterable[str]) -> list[str]:
    """The "check by hand" results an Approve would pass without the reviewer acknowledging them (then it is
    refused). Other outcomes need no acknowledgement."""
    if outcome != DecisionOutcome.APPROVE:
        return []
    done = set(acknowledged)
    return [check_id for check_id in manual_ids if check_id not in done]


def missing_inputs(outcome: str, reason_code: str | None, comment_applicant: str | None,
                   comment_internal: str | None, overrides: Iterable[str] = ()) -> list[str]:
    """The inputs a decision still lacks, by field ('reason_code', 'comment_applicant', 'comment_internal'):
    the dialog says so beside what was typed, and the decision service refuses on the same rule."""
    missing = []
    if needs_reason(outcome) and not reason_code:
        missing.append("reason_code")
    if needs_reason(outcome) and reason_code == "other" and not (comment_applicant or "").strip():
        missing.append("comment_applicant")  # "other" tells the applicant nothing by itself
    if comment_required(outcome, list(overrides)) and not (comment_internal or "").strip():
        missing.append("comment_internal")
    return missing
