"""The statistics' queries: each a GROUP BY over the period's decisions, so a month of 200 desks (~130,000
decisions) is counted by the database: what comes back is a few thousand groups at most, plus one row per distinct
pre-score (services.stats puts them together).

The results equal a Python pass over every row exactly (tests/integration/supervision/test_stats_sql.py):
- days are Moscow calendar days: PostgreSQL converts with its time-zone data; SQLite (no time zones) groups by
  the UTC hour and each hour is given its Moscow date in Python (exact: Moscow's offset is a whole number of hours);
- a median is the mean of the two middle values, as `statistics.median`. PostgreSQL picks the two middle
  durations with percentile_disc (ascending and descending), and Python turns them into minutes or days as
  before. SQLite has no ordered-set aggregates: there the reviewers' durations and the queue's ages are read and
  the medians taken in Python (SQLite is the single-desk database, not the one for 200 desks);
- the pre-score: the database takes the JSON text of the snapshot's "score" (once per row: parsing the ~1 KB
  snapshot is the slowest part) and Python reads it as domain.prescore.snapshot_score does, so the AUC is computed
  from the same floats, grouped by value (services.stats.auc_of_groups).
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, Interval, String, case, cast, func, literal, or_, select, type_coerce
from sqlalchemy.orm import Session

from reviewer_app.db.models import Application, Decision, Staff
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import ApplicationStatus, DecisionOutcome
from reviewer_app.domain.report_words import NO_BAND
from reviewer_app.domain.supervision_views import ReviewerLoad

D = Decision
NO_REASON = "(none)"
_WAITING = (ApplicationStatus.PENDING.value, ApplicationStatus.IN_REVIEW.value)


def _is_pg(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def _count_if(condition):
    return func.sum(case((condition, 1), else_=0))


@dataclass
class DecisionFigures:
    total: int = 0
    breached: int = 0
    confirmed: int = 0
    overturned: int = 0
    per_day: dict[date, Counter] = field(default_factory=lambda: defaultdict(Counter))
    reasons: Counter = field(default_factory=Counter)  # of rejections and returns (none given: NO_REASON)
    bands: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # band -> outcome -> count


def decision_figures(s: Session, window) -> DecisionFigures:
    """In one pass over the period: decisions per Moscow day and outcome, reasons of rejections and returns,
    band x outcome, SLA breaches and second reviews (a few thousand groups at most)."""
    bucket: Any
    if _is_pg(s):
        bucket = cast(func.timezone("Europe/Moscow", D.decided_at), Date)
    else:
        bucket = func.strftime("%Y-%m-%d %H", D.decided_at)  # stored as naive UTC text
    reason = case((D.outcome.notin_((DecisionOutcome.REJECT.value, DecisionOutcome.RETURN.value)), None),
                  (or_(D.reason_code.is_(None), D.reason_code == ""), NO_REASON), else_=D.reason_code)
    stmt = (select(bucket, D.outcome, D.prescore_band, reason, func.count(), _count_if(D.sla_breached.is_(True)),
                   _count_if(D.second_review == "confirmed"), _count_if(D.second_review == "overturned"))
            .where(*window).group_by(bucket, D.outcome, D.prescore_band, reason))
    out = DecisionFigures()
    moscow_days: dict[str, date] = {}
    for day, outcome, band, code, n, breached, confirmed, overturned in s.execute(stmt):
        if isinstance(day, str):
            if day not in moscow_days:
                moscow_days[day] = moscow_date(datetime.strptime(day, "%Y-%m-%d %H").replace(tzinfo=UTC))
            day = moscow_days[day]
        out.per_day[day][outcome] += n
        out.bands[band or NO_BAND][outcome] += n
        if code is not None:
            out.reasons[code] += n
        out.total += n
        out.breached += int(breached or 0)
        out.confirmed += int(confirmed or 0)
        out.overturned += int(overturned or 0)
    return out


def _minutes(d) -> float:
    return d.total_seconds() / 60


def workload(s: Session, window) -> tuple[ReviewerLoad, ...]:
    """Per reviewer (by name): decisions, and the median minutes from claim to decision."""
    took = type_coerce(D.decided_at - D.claimed_at, Interval())
    cols = [Staff.name, func.count()]
    if _is_pg(s):  # the two middle durations (equal when the count is odd); percentile_disc skips NULLs
        cols += [type_coerce(func.percentile_disc(0.5).within_group(took), Interval()),
                 type_coerce(func.percentile_disc(0.5).within_group(took.desc()), Interval())]
    stmt = select(*cols).select_from(D).join(Staff, Staff.id == D.staff_id).where(*window).group_by(Staff.name)
    handled: dict[str, int] = {}
    middles: dict[str, float | None] = {}
    for row in s.execute(stmt):
        name, n, mid = str(row[0]), int(row[1] or 0), list(row[2:])  # type: ignore[call-overload]
        handled[name] = n
        if mid:
            middles[name] = (_minutes(mid[0]) + _minutes(mid[1])) / 2 if mid[0] is not None else None
    if not _is_pg(s):
        minutes: dict[str, list[float]] = defaultdict(list)
        for name, decided_at, claimed_at in s.execute(
                select(Staff.name, D.decided_at, D.claimed_at).select_from(D).join(Staff, Staff.id == D.staff_id)
                .where(*window, D.claimed_at.is_not(None))):
            if claimed_at is not None:
                minutes[name].append(_minutes(decided_at - claimed_at))
        middles = {name: statistics.median(m) for name, m in minutes.items()}
    def rounded(value: float | None) -> float | None:
        return round(value, 1) if value is not None else None

    return tuple(ReviewerLoad(name, handled[name], rounded(middles.get(name))) for name in sorted(handled))


def _json_number(text: str | None) -> float | None:
    """A JSON value's text as domain.prescore.snapshot_score reads it: a number (not a boolean), else None."""
    if text is None:
        return None
    value = json.loads(text)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def score_groups(s: Session, window) -> tuple[int, int, list[tuple[float, int, int]]]:
    """(approvals scored, others scored, [(score, approvals, others)] by ascending score).

    A snapshot is ~1 KB of JSON and every extraction parses it again, so the database takes out only the JSON
    text of "score" (and, where that is absent or null, of result.score) and Python reads them as
    domain.prescore.snapshot_score does."""
    snap = D.__table__.c.prescore_snapshot
    pg = _is_pg(s)
    top = type_coerce(snap.op("->")(literal("score" if pg else "$.score", String)), String)
    # OFFSET keeps PostgreSQL from inlining the subquery (which would extract "score" again in every use)
    rows = (select(D.outcome.label("outcome"), snap.label("snap"), (cast(top, String) if pg else top).label("top"))
            .where(*window, snap.is_not(None)).offset(0).subquery())
    inner: Any = (rows.c.snap.op("->")(literal("result", String)).op("->")(literal("score", String)) if pg
             else rows.c.snap.op("->")(literal("$.result.score", String)))
    inner = cast(type_coerce(inner, String), String) if pg else type_coerce(inner, String)
    # result.score counts only where "score" is absent or null (and only such rows parse the snapshot twice)
    fallback = case((or_(rows.c.top.is_(None), rows.c.top == "null"), inner))
    approve = rows.c.outcome == DecisionOutcome.APPROVE.value
    stmt = select(rows.c.top, fallback, _count_if(approve), func.count()).group_by(rows.c.top, fallback)
    groups: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for top_text, inner_text, approvals, n in s.execute(stmt):
        value = _json_number(top_text)
        if value is None and (top_text is None or top_text == "null"):
            value = _json_number(inner_text)
        if value is None:
            continue
        g = groups[value]
        g[0] += int(approvals or 0)
        g[1] += n - int(approvals or 0)
    pos = sum(g[0] for g in groups.values())
    neg = sum(g[1] for g in groups.values())
    return pos, neg, [(v, g[0], g[1]) for v, g in sorted(groups.items())]


@dataclass(frozen=True)
class QueueAge:
    waiting: int
    oldest_days: int | None
    median_days: float | None


def queue_age(s: Session, now: datetime) -> QueueAge:
    """Applications waiting now: how many, the oldest's age in whole days and the median age in days."""
    waiting_now = Application.status.in_(_WAITING)

    def days(at: datetime) -> float:
        return (now - at).total_seconds() / 86400

    if _is_pg(s):
        at = Application.submitted_at
        n, first, mid_a, mid_b = s.execute(select(
            func.count(), func.min(at),
            type_coerce(func.percentile_disc(0.5).within_group(at), Application.submitted_at.type),
            type_coerce(func.percentile_disc(0.5).within_group(at.desc()), Application.submitted_at.type),
        ).where(waiting_now)).one()
        if not n:
            return QueueAge(0, None, None)
        return QueueAge(n, int(days(first)), round((days(mid_b) + days(mid_a)) / 2, 1))
    ages = [days(at) for at in s.scalars(select(Application.submitted_at).where(waiting_now))]
    if not ages:
        return QueueAge(0, None, None)
    return QueueAge(len(ages), int(max(ages)), round(statistics.median(ages), 1))
