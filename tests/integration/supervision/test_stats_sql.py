"""The statistics counted in the database equal, field for field, the row-by-row Python pass they replaced."""

import statistics
from collections import Counter, defaultdict
from datetime import date, timedelta

import sv_factories as f
from sqlalchemy import select

from reviewer_app.db.models import Application, Decision, Staff
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.prescore import snapshot_score
from reviewer_app.domain.report_words import NO_BAND
from reviewer_app.domain.supervision_views import ReviewerLoad, Stats
from reviewer_app.services import stats
from reviewer_app.services.supervision import day_start


def python_stats(app, date_from: date, date_to: date) -> Stats:
    """The previous implementation: every decision of the period read and counted in Python."""
    D = Decision
    stmt = (select(D.decided_at, D.claimed_at, D.outcome, D.reason_code, D.sla_breached, D.prescore_band,
                   D.prescore_snapshot, D.second_review, Staff.name)
            .join(Staff, Staff.id == D.staff_id)
            .where(D.decided_at >= day_start(date_from), D.decided_at < day_start(date_to + timedelta(days=1))))
    per_day, minutes = defaultdict(Counter), defaultdict(list)
    handled, reasons, bands = Counter(), Counter(), defaultdict(Counter)
    pos, neg = [], []
    met = breached = total = reviewed = overturned = 0
    now = app.clock.now()
    with app.sessions() as s:
        for r in s.execute(stmt):
            total += 1
            per_day[moscow_date(r.decided_at)][r.outcome] += 1
            handled[r.name] += 1
            if r.claimed_at is not None:
                minutes[r.name].append((r.decided_at - r.claimed_at).total_seconds() / 60)
            if r.outcome in ("reject", "return"):
                reasons[r.reason_code or "(none)"] += 1
            breached += bool(r.sla_breached)
            met += not r.sla_breached
            bands[r.prescore_band or NO_BAND][r.outcome] += 1
            score = snapshot_score(r.prescore_snapshot)
            if score is not None:
                (pos if r.outcome == "approve" else neg).append(score)
            if r.second_review in ("confirmed", "overturned"):
                reviewed += 1
                overturned += r.second_review == "overturned"
        waiting = [(now - at).total_seconds() / 86400 for at in s.scalars(
            select(Application.submitted_at).where(Application.status.in_(("pending", "in_review"))))]
    days = [date_from + timedelta(days=i) for i in range((date_to - date_from).days + 1)]
    workload = tuple(ReviewerLoad(name, handled[name],
                                  round(statistics.median(minutes[name]), 1) if minutes[name] else None)
                     for name in sorted(handled))
    return Stats(date_from=date_from, date_to=date_to, total=total,
                 per_day=tuple((d, dict(per_day.get(d, {}))) for d in days), workload=workload,
                 reject_reasons=tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
                 sla_met=met, sla_breached=breached, band_outcome={b: dict(c) for b, c in sorted(bands.items())},
                 auc=stats.auc(pos, neg), scored=len(pos) + len(neg), second_reviewed=reviewed,
                 overturned=overturned, queue_waiting=len(waiting),
                 queue_oldest_days=int(max(waiting)) if waiting else None,
                 queue_median_days=round(statistics.median(waiting), 1) if waiting else None)


OUTCOMES = ("approve", "approve", "reject", "return", "approve", "in_person", "escalate")
REASONS = (None, "", "face_mismatch", "expired_document", "photo_unclear")
BANDS = (None, "", "match", "uncertain", "mismatch", "match")
SECOND = ("", "", "pending", "confirmed", "overturned")


def _snapshot(i: int):
    """Every shape a stored pre-score takes: the score at the top, only under "result", null, absent, not a
    number; tied values and long fractions."""
    kind = i % 8
    score = round(0.1 + (i * 37 % 89) / 100, 2) if i % 3 else 1 / (i + 3)
    return [None, {"score": score}, {"score": None, "result": {"score": score}}, {"result": {"score": score}},
            {"score": True}, {"score": "0.7"}, {"score": int(score * 100)},
            {"score": score, "band": "match", "result": {"score": 0.0, "flags": []}}][kind]


def test_sql_stats_equal_the_python_pass(app, team) -> None:
    now = app.clock.now()
    names = ["anna", "boris", "vera"]
    staff = {"anna": team["anna"], "boris": team["boris"], "vera": f.staff(app, "vera", "reviewer")}
    with app.uow() as s:
        for i in range(240):
            app_id = f"Q{i:04d}"
            status = ("pending", "in_review", "decided", "pending")[i % 4] if i % 5 == 0 else "decided"
            at = now - timedelta(days=i % 9, hours=(i * 7) % 24, minutes=i % 60, microseconds=i * 13)
            s.add(Application(id=app_id, kind="own_access", status=status, submitted_at=at, received_at=at,
                              sla_deadline=date(2026, 12, 4), person_key=f"pk-{app_id}", pack_json={},
                              pack_sha256="0" * 64, rule_version="2026-01"))
            # Decisions spread over ten days, some right around Moscow midnight (21:00 UTC).
            decided = now - timedelta(days=i % 10, hours=(i * 5) % 24, seconds=(i * 31) % 3600,
                                      microseconds=i * 7)
            if i % 11 == 0:
                decided = decided.replace(hour=20 + i % 2, minute=59 + (i % 2) * -59, second=59 * (1 - i % 2))
            claimed = None if i % 13 == 0 else decided - timedelta(minutes=(i * 17) % 50, seconds=i % 7,
                                                                   microseconds=(i * 101) % 1000)
            s.add(Decision(application_id=app_id, staff_id=staff[names[i % 3 if i % 7 else 0]].staff_id,
                           outcome=OUTCOMES[i % len(OUTCOMES)], reason_code=REASONS[i % len(REASONS)],
                           decided_at=decided, claimed_at=claimed, application_version=1, kind="own_access",
                           rule_version="2026-01", checks_snapshot=[], prescore_snapshot=_snapshot(i),
                           prescore_band=BANDS[i % len(BANDS)], is_override=False, sla_breached=i % 6 == 1,
                           second_review=SECOND[i % len(SECOND)]))
    for d0, d1 in ((date(2026, 11, 18), date(2026, 11, 27)), (date(2026, 11, 20), date(2026, 11, 24)),
                   (date(2026, 11, 26), date(2026, 11, 26)), (date(2026, 1, 1), date(2026, 1, 3))):
        got, want = stats.compute(app, team["sup"], d0, d1), python_stats(app, d0, d1)
        assert got == want
    full = stats.compute(app, team["sup"], date(2026, 11, 18), date(2026, 11, 27))
    # The data set exercises what it is meant to (not an empty comparison).
    assert full.total > 200 and full.scored > 100 and full.auc is not None
    assert full.second_reviewed > 0 and full.overturned > 0 and full.sla_breached > 0
    assert full.queue_waiting > 10 and len(full.workload) == 3 and len(full.band_outcome) >= 4
    assert any(len(by) > 1 for _, by in full.per_day)


def test_auc_of_groups_equals_auc() -> None:
    pos, neg = [0.5, 0.5, 0.9, 0.1, 1 / 3], [0.5, 0.2, 1 / 3, 0.95]
    groups = {}
    for v in pos:
        groups.setdefault(v, [0, 0])[0] += 1
    for v in neg:
        groups.setdefault(v, [0, 0])[1] += 1
    assert stats.auc_of_groups([(v, *g) for v, g in sorted(groups.items())], 5, 4) == stats.auc(pos, neg)
