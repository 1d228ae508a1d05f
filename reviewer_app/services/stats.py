"""Statistics for supervisors: throughput, workload, reasons, SLA compliance, and how well the pre-score
predicts the decision. Per-reviewer figures are workload (how much, how long a case takes), not surveillance:
no ranking and no per-person error rates.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from datetime import date, timedelta

from sqlalchemy import select

from reviewer_app.db.models import Application, Decision, Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import ApplicationStatus, DecisionOutcome
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.permissions import Permission
from reviewer_app.domain.prescore import snapshot_score
from reviewer_app.domain.report_words import NO_BAND
from reviewer_app.domain.supervision_views import ReviewerLoad, Stats  # re-exported
from reviewer_app.services import authz
from reviewer_app.services.supervision import day_start


def auc(positives: list[float], negatives: list[float]) -> float | None:
    """Area under the ROC curve (Mann-Whitney U with ties counted half), O(n log n)."""
    if not positives or not negatives:
        return None
    scored = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum, i = 0.0, 0
    while i < len(scored):
        j = i
        while j < len(scored) and scored[j][0] == scored[i][0]:
            j += 1
        avg_rank = (i + 1 + j) / 2  # ranks i+1..j share their average
        rank_sum += avg_rank * sum(1 for k in range(i, j) if scored[k][1])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def compute(app, actor: Actor, date_from: date, date_to: date) -> Stats:
    """Statistics of decisions taken between two Moscow dates (inclusive)."""
    authz.require(app, actor, Permission.AUDIT)
    if date_from > date_to:
        raise ReviewerError(f"statistics: --from {date_from} is after --to {date_to}", code="date_range")
    D = Decision
    stmt = (select(D.decided_at, D.claimed_at, D.outcome, D.reason_code, D.sla_breached, D.prescore_band,
                   D.prescore_snapshot, D.second_review, Staff.name)
            .join(Staff, Staff.id == D.staff_id)
            .where(D.decided_at >= day_start(date_from), D.decided_at < day_start(date_to + timedelta(days=1))))
    per_day: dict[date, Counter] = defaultdict(Counter)
    minutes: dict[str, list[float]] = defaultdict(list)
    handled: Counter = Counter()
    reasons: Counter = Counter()
    bands: dict[str, Counter] = defaultdict(Counter)
    pos: list[float] = []
    neg: list[float] = []
    met = breached = total = reviewed = overturned = 0
    now = app.clock.now()
    with app.sessions() as s:
        for r in s.execute(stmt.execution_options(yield_per=5000)):
            total += 1
            per_day[moscow_date(r.decided_at)][r.outcome] += 1
            handled[r.name] += 1
            if r.claimed_at is not None:
                minutes[r.name].append((r.decided_at - r.claimed_at).total_seconds() / 60)
            if r.outcome in (DecisionOutcome.REJECT.value, DecisionOutcome.RETURN.value):
                reasons[r.reason_code or "(none)"] += 1
            breached += bool(r.sla_breached)
            met += not r.sla_breached
            bands[r.prescore_band or NO_BAND][r.outcome] += 1
            score = snapshot_score(r.prescore_snapshot)
            if score is not None:
                (pos if r.outcome == DecisionOutcome.APPROVE.value else neg).append(score)
            if r.second_review in ("confirmed", "overturned"):
                reviewed += 1
                overturned += r.second_review == "overturned"
        waiting = [(now - at).total_seconds() / 86400 for at in s.scalars(
            select(Application.submitted_at).where(Application.status.in_(
                (ApplicationStatus.PENDING.value, ApplicationStatus.IN_REVIEW.value))))]
    days = [date_from + timedelta(days=i) for i in range((date_to - date_from).days + 1)]
    workload = tuple(ReviewerLoad(name, handled[name],
                                  round(statistics.median(minutes[name]), 1) if minutes[name] else None)
                     for name in sorted(handled))
    return Stats(date_from=date_from, date_to=date_to, total=total,
                 per_day=tuple((d, dict(per_day.get(d, {}))) for d in days), workload=workload,
                 reject_reasons=tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
                 sla_met=met, sla_breached=breached, band_outcome={b: dict(c) for b, c in sorted(bands.items())},
                 auc=auc(pos, neg), scored=len(pos) + len(neg), second_reviewed=reviewed, overturned=overturned,
                 queue_waiting=len(waiting), queue_oldest_days=int(max(waiting)) if waiting else None,
                 queue_median_days=round(statistics.median(waiting), 1) if waiting else None)
