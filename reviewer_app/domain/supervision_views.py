"""What the supervisor's screens show: plain frozen dataclasses returned by the supervision, statistics,
integrity and MFC services (and, unchanged, by the reviewer service's client).

They live here, apart from the services that build them, so that a desk on the reviewer service reads them
without importing any database code (`client/supervision.py` validates the service's JSON straight into them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


# --- search -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DecisionQuery:
    """Filters for past decisions; every field optional. Dates are Moscow calendar dates, both inclusive."""

    date_from: date | None = None
    date_to: date | None = None
    reviewer: str | None = None  # staff name
    kind: str | None = None
    outcome: str | None = None
    reason: str | None = None
    band: str | None = None  # pre-score band as shown
    overrides_only: bool = False
    sla_breached_only: bool = False
    second_review: str | None = None  # '', pending, confirmed, overturned
    application_id: str | None = None
    face_duplicates_only: bool = False  # the face_duplicate check failed: the same face under another identity
    # Finding a person (each an exact or prefix look-up through an index; see domain.search):
    name: str | None = None  # the start of "last first middle", any case, ё or е
    passport: str | None = None  # series and number typed in full (10 digits); matched by its identity hash
    phone: str | None = None  # any way a Russian mobile is written; matched in E.164

    def finds_a_person(self) -> bool:
        """The query looks for someone (a read of personal data: audited)."""
        return any((self.application_id or "").strip() or (v or "").strip()
                   for v in (self.name, self.passport, self.phone))


@dataclass(frozen=True)
class DecisionRow:
    decision_id: int
    application_id: str
    decided_at: datetime
    reviewer: str
    kind: str
    outcome: str
    reason_code: str | None
    prescore_band: str | None
    is_override: bool
    sla_breached: bool
    second_review: str
    applicant: str = ""  # the applicant's full name, so lists say whose application it is
    comment: str = ""  # the reviewer's internal comment (second-review queue only)
    failed_checks: tuple[dict[str, Any], ...] = ()  # failed/manual entries of the checks snapshot (same)


@dataclass(frozen=True)
class DecisionPage:
    rows: tuple[DecisionRow, ...]
    page: int
    page_size: int
    has_more: bool
    unknown_reviewer: str | None = None  # the reviewer asked for is no staff member's name (nothing can match)


def not_passed(snapshot: list[dict[str, Any]] | tuple[dict[str, Any], ...] | None) -> tuple[dict[str, Any], ...]:
    """The entries of a checks snapshot that did not simply pass (failed, to check by hand, in person, not yet
    done when the decision was made)."""
    return tuple(c for c in snapshot or () if c.get("status") in ("fail", "manual", "in_person", "not_run"))


# --- a past case, read-only -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditEntry:
    """One audit entry as shown to a supervisor."""

    id: int
    at: datetime
    actor: str
    action: str
    target_type: str
    target_id: str
    details: dict[str, Any]


@dataclass(frozen=True)
class CaseDocument:
    role: str
    filename: str
    sha256: str
    media_type: str
    purged: bool


@dataclass(frozen=True)
class CaseView:
    """A decided application exactly as the reviewer saw it when deciding."""

    decision: DecisionRow
    comment_applicant: str | None
    comment_internal: str | None
    claimed_at: datetime | None
    rule_version: str
    checks: tuple[dict[str, Any], ...]  # Decision.checks_snapshot
    prescore: dict[str, Any] | None  # Decision.prescore_snapshot
    application: dict[str, Any]  # the pack as received
    status: str
    documents: tuple[CaseDocument, ...]
    history: tuple[AuditEntry, ...]
    second_reviewer: str | None
    second_review_comment: str | None


# --- claims -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClaimRow:
    application_id: str
    kind: str
    holder: str
    lease_expires_at: datetime | None
    sla_deadline: date
    applicant: str = ""
    # False: claimed ahead by the holder's desk (the next one, prefetched) and not yet shown to them: reserved,
    # not being looked at. It is still theirs (the queue does not hand it out twice).
    seen: bool = True


@dataclass(frozen=True)
class StaffRow:
    staff_id: int
    name: str
    role: str


# --- statistics -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewerLoad:
    reviewer: str
    handled: int
    median_minutes: float | None  # claim to decision


@dataclass(frozen=True)
class Stats:
    date_from: date
    date_to: date
    total: int
    per_day: tuple[tuple[date, dict[str, int]], ...]  # every day in range, outcome -> count
    workload: tuple[ReviewerLoad, ...]
    reject_reasons: tuple[tuple[str, int], ...]  # rejects and returns, most frequent first
    sla_met: int
    sla_breached: int
    band_outcome: dict[str, dict[str, int]] = field(default_factory=dict)  # band -> outcome -> count
    auc: float | None = None  # P(score of an approval > score of a non-approval); None without both kinds
    scored: int = 0  # decisions with a numeric pre-score
    # Four eyes over the period's decisions: second reviews done, and how many overturned the decision.
    second_reviewed: int = 0
    overturned: int = 0
    # The queue now (at the service clock): applications waiting, the oldest's and the median age in days.
    queue_waiting: int = 0
    queue_oldest_days: int | None = None
    queue_median_days: float | None = None

    @property
    def sla_compliance(self) -> float | None:
        n = self.sla_met + self.sla_breached
        return self.sla_met / n if n else None

    @property
    def agreement(self) -> float | None:
        """The share of second reviews that confirmed the decision."""
        return (self.second_reviewed - self.overturned) / self.second_reviewed if self.second_reviewed else None

    @property
    def overturn_rate(self) -> float | None:
        return self.overturned / self.second_reviewed if self.second_reviewed else None

    def calibration(self, band: str) -> tuple[int, int]:
        """(approved, decided) of the decisions whose pre-score said `band`."""
        counts = self.band_outcome.get(band, {})
        return counts.get("approve", 0), sum(counts.values())


# --- integrity --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IntegrityFailure:
    at: datetime
    sha256: str
    application_id: str | None
    role: str | None
    reader: str
    problem: str


# --- MFC confirmations ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConfirmationResult:
    confirmation_id: int
    application_id: str
    status: str  # the application's status afterwards
    requeued: bool
    state: str = "confirmed"  # the confirmation's: 'pending' until another supervisor verifies a desk record


@dataclass(frozen=True)
class PendingConfirmation:
    """A desk-recorded confirmation waiting for a supervisor (what `mfc pending` and the supervisor list show)."""

    id: int
    application_id: str | None
    application_status: str | None
    recorded_by: str
    recorded_at: datetime
    confirmed_by: str
    mfc_office: str
    confirmed_on: date
    document_ref: str
