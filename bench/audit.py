# ruff: noqa: E402
"""Benchmark: supervisor search and `audit verify` over 1,000,000 decisions / audit entries on PostgreSQL.

    uv run python bench/audit.py --pg postgresql://postgres@127.0.0.1:5432/postgres [--rows 1000000] [--keep]

Creates a scratch database (dropped at the end unless --keep), migrates it, bulk-loads staff, applications and
decisions with INSERT ... SELECT generate_series (server side), and a valid hash-chained audit trail with COPY.
Then times: a filtered search (date range + reviewer + outcome, first page) through
services.supervision.search_decisions, a wider search, and services.audit.verify_database over all entries.
Targets: search <= 200 ms, verify <= 60 s.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder comes first on sys.path, and bench/queue.py would shadow the standard `queue`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import base64
import json
import os
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from bench.scratch_db import scratch_database
from reviewer_app.config import load_settings
from reviewer_app.db import migrate
from reviewer_app.db.engine import make_engine
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import FixedClock
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import audit, supervision
from reviewer_app.services.context import AppContext

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
REVIEWERS = 50


def load(engine, rows: int, key: bytes) -> None:
    start = NOW - timedelta(days=365)
    with engine.begin() as conn:
        conn.execute(text("""
            INSERT INTO staff (name, role, password_hash, failed_logins, disabled, created_at)
            SELECT 'reviewer' || lpad(i::text, 2, '0'), 'reviewer', 'x', 0, false, now()
            FROM generate_series(1, :n) i"""), {"n": REVIEWERS})
        conn.execute(text("INSERT INTO staff (name, role, password_hash, failed_logins, disabled, created_at) "
                          "VALUES ('boss', 'supervisor', 'x', 0, false, now())"))
        conn.execute(text("""
            INSERT INTO applications (id, kind, status, submitted_at, received_at, sla_deadline, person_key,
                                      pack_json, pack_sha256, rule_version, prescore_state, version)
            SELECT 'EMK-' || i, 'own_access', 'decided', :start + (i * interval '31 seconds'),
                   :start + (i * interval '31 seconds'), DATE '2026-12-31', md5(i::text), '{}'::json,
                   md5(i::text), '2026-01', 'done', 3
            FROM generate_series(1, :n) i"""), {"n": rows, "start": start})
        span = 365 * 86400
        conn.execute(text("""
            INSERT INTO decisions (application_id, staff_id, outcome, reason_code, decided_at, claimed_at,
                                   application_version, kind, rule_version, checks_snapshot, prescore_snapshot,
                                   prescore_band, is_override, sla_breached, second_review)
            SELECT 'EMK-' || i, 1 + (hashint % :r),
                   (ARRAY['approve','approve','approve','reject','return','in_person','escalate'])[1 + hashint % 7],
                   CASE WHEN hashint % 7 IN (3, 4) THEN (ARRAY['face_mismatch','blurry_image','expired_document'])
                        [1 + hashint % 3] END,
                   :start + ((i::bigint * :span / :n) * interval '1 second'),
                   :start + ((i::bigint * :span / :n) * interval '1 second') - interval '6 minutes',
                   2, 'own_access', '2026-01', '[]'::json, json_build_object('score', hashint % 100),
                   (ARRAY['match','uncertain','mismatch','manual'])[1 + hashint % 4],
                   hashint % 50 = 0, hashint % 20 = 0, ''
            FROM (SELECT i, abs(hashtext(i::text)) AS hashint FROM generate_series(1, :n) i) g"""),
            {"n": rows, "r": REVIEWERS, "start": start, "span": span})
    # The audit trail: one 'decision.make' entry per decision, chained, loaded with COPY.
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        prev = audit.GENESIS
        step = timedelta(seconds=365 * 86400 / rows)

        class Row:
            __slots__ = ("action", "actor", "at", "details", "id", "prev_hash", "target_id", "target_type")

        r = Row()
        r.action, r.target_type = "decision.make", "application"
        with cur.copy("COPY audit_events (id, at, actor, action, target_type, target_id, details, prev_hash, hash) "
                      "FROM STDIN") as copy:
            for i in range(1, rows + 1):
                r.id, r.at, r.actor = i, start + step * i, f"reviewer{1 + i % REVIEWERS:02d}"
                r.target_id, r.details, r.prev_hash = f"EMK-{i}", {"decision_id": i, "outcome": "approve"}, prev
                h = audit.entry_hash(r, key)
                copy.write_row((i, r.at, r.actor, r.action, r.target_type, r.target_id,
                                json.dumps(r.details), prev, h))
                prev = h
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def timed(fn, repeat: int = 7) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), (result, max(times))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres", help="admin URL")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = ap.parse_args()
    with scratch_database(args.pg, keep=args.keep) as url:
        engine = make_engine(url)
        migrate.upgrade(engine)
        t0 = time.perf_counter()
        key = os.urandom(32)  # the audit key the entries are sealed with
        load(engine, args.rows, key)
        print(f"loaded {args.rows:,} applications, decisions and audit entries in {time.perf_counter() - t0:.1f} s")
        engine.dispose()
        with tempfile.TemporaryDirectory() as tmp:
            settings = load_settings(env={}, overrides={"db_url": url, "data_dir": tmp,
                                                        "audit_key": base64.b64encode(key).decode()})
            app = AppContext(settings, clock=FixedClock(NOW))
            boss = Actor(REVIEWERS + 1, "boss", StaffRole.SUPERVISOR)
            q = supervision.DecisionQuery(date_from=date(2026, 10, 28), date_to=date(2026, 11, 27),
                                          reviewer="reviewer07", outcome="approve")
            ms, (page, worst) = timed(lambda: supervision.search_decisions(app, boss, q, page_size=50))
            print(f"search 30 days + reviewer + outcome: median {ms:.1f} ms, worst {worst:.1f} ms "
                  f"({len(page.rows)} rows, more: {page.has_more})  target <= 200 ms")
            q2 = supervision.DecisionQuery(date_from=date(2025, 11, 27), date_to=date(2026, 11, 27),
                                           reviewer="reviewer07", outcome="reject", overrides_only=True)
            ms, (page, worst) = timed(lambda: supervision.search_decisions(app, boss, q2, page=3, page_size=50))
            print(f"search 1 year + reviewer + outcome + overrides, page 4: median {ms:.1f} ms, worst {worst:.1f} ms "
                  f"({len(page.rows)} rows)")
            t0 = time.perf_counter()
            count, brk = audit.verify_database(app.engine, key=app.audit_key)
            secs = time.perf_counter() - t0
            print(f"audit verify: {count:,} entries in {secs:.1f} s ({'intact' if brk is None else brk})  "
                  "target <= 60 s")
            app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
