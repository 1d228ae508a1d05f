"""Statistics for supervisors: throughput, workload, reasons, SLA compliance, and how well the pre-score
predicts the decision. Per-reviewer figures are workload (how much, how long a case takes), not surveillance:
no ranking and no per-person error rates.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from datetime import date, timedelta

from reviewer_app.db.models import Decision
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.permissions import Permission
from reviewer_app.domain.supervision_views import ReviewerLoad, Stats  # noqa: F401  (re-exported)
from reviewer_app.services import authz, stats_sql
from reviewer_app.services.supervision import day_start


def auc(positives: list[float], negatives: list[float]) -> float | None:
    """Area under the ROC curve (Mann-Whitney U with ties counted half), O(n log n)."""
    groups: dict[float, list[int]] = {}
    for scores, slot in ((positives, 0), (negatives, 1)):
        for score in scores:
            groups.setdefault(score, [0, 0])[slot] += 1
    return auc_of_groups([(v, g[0], g[1]) for v, g in sorted(groups.items())], len(positives), len(negatives))


def auc_of_groups(groups: list[tuple[float, int, int]], n_pos: int, n_neg: int) -> float | None:
    """The AUC from (score, positives, negatives) by ascending score: tied scores share their average rank."""
    if not n_pos or not n_neg:
        return None
    rank_sum, i = 0.0, 0
    for _score, p, n in groups:
        j = i + p + n
        avg_rank = (i + 1 + j) / 2  # ranks i+1..j share their average
        rank_sum += avg_rank * p
        i = j
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def _score_groups(app, window):
    with app.sessions() as s:
        return stats_sql.score_groups(s, window)


def compute(app, actor: Actor, date_from: date, date_to: date) -> Stats:
    """Statistics of decisions taken between two Moscow dates (inclusive).

    Counted in the database (GROUP BY), not row by row: a month of 200 desks is ~130,000 decisions. Medians and
    the AUC are finished in Python from a few exact values per group so that they equal what a Python pass over
    every row gives, to the last bit (see stats_sql)."""
    authz.require(app, actor, Permission.AUDIT)
    if date_from > date_to:
        raise ReviewerError(f"statistics: --from {date_from} is after --to {date_to}", code="date_range")
    window = (Decision.decided_at >= day_start(date_from),
              Decision.decided_at < day_start(date_to + timedelta(days=1)))
    # On PostgreSQL the pre-scores (the slowest part: each snapshot's JSON is parsed) are read on a second
    # connection while the counts run; on SQLite (one desk, one file) one after the other.
    with ThreadPoolExecutor(1) if app.engine.dialect.name == "postgresql" else nullcontext() as pool:
        scores = pool.submit(_score_groups, app, window) if pool else None
        with app.sessions() as s:
            figures = stats_sql.decision_figures(s, window)
            workload = stats_sql.workload(s, window)
            queue = stats_sql.queue_age(s, app.clock.now())
        pos, neg, score_groups = scores.result() if scores else _score_groups(app, window)
    days = [date_from + timedelta(days=i) for i in range((date_to - date_from).days + 1)]
    return Stats(date_from=date_from, date_to=date_to, total=figures.total,
                 per_day=tuple((d, dict(figures.per_day.get(d, {}))) for d in days), workload=workload,
                 reject_reasons=tuple(sorted(figures.reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
                 sla_met=figures.total - figures.breached, sla_breached=figures.breached,
                 band_outcome={b: dict(c) for b, c in sorted(figures.bands.items())},
                 auc=auc_of_groups(score_groups, pos, neg), scored=pos + neg,
                 second_reviewed=figures.confirmed + figures.overturned, overturned=figures.overturned,
                 queue_waiting=queue.waiting, queue_oldest_days=queue.oldest_days,
                 queue_median_days=queue.median_days)
