# ruff: noqa: E402  (the sys.path set-up must run before the imports)
"""Timing of the supervisor's statistics and their exports over a month of decisions on PostgreSQL (not a test).

    uv run python bench/stats.py --pg-url postgresql://postgres@127.0.0.1:5432/test [--decisions 300000]
        [--with-scores]

Seeds a scratch database as bench/search.py does (one decision every 20 seconds back from NOW: 300,000 span 69
days, about 130,000 in the last 30, i.e. ~200 desks at ~22 decisions a day), sets 1 % of the applications back in
the queue, then times `stats.compute` for the last 30 days and the CSV and PDF exports in Russian
(`reports.export_statistics`, with its audit entry). Target (issue 24): statistics for a month of 200 desks
in <= 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ROOT / "bench"]
sys.path.insert(0, str(_ROOT))

from sqlalchemy import text

from bench.scratch_db import scratch_database
from bench.search import NOW, seed
from reviewer_app.config import load_settings
from reviewer_app.db import migrate
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import FixedClock
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import reports
from reviewer_app.services import stats as stats_service
from reviewer_app.services.context import AppContext
from reviewer_app.store.crypto import create_keys


def timed(label: str, fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"{label:<36} median {statistics.median(times):7.1f} ms  max {times[-1]:7.1f} ms")
    return result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pg-url", required=True)
    p.add_argument("--decisions", type=int, default=300_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--with-scores", action="store_true",
                   help="give every decision a pre-score snapshot shaped as a real one (score, band, and the full "
                        "result with faces and flags), as production has; the seed alone stores none")
    args = p.parse_args()
    with scratch_database(args.pg_url) as url, tempfile.TemporaryDirectory() as tmp:
        create_keys(Path(tmp) / "keys" / "store.key")
        app = AppContext(load_settings(env={}, overrides={"db_url": url, "data_dir": tmp}), clock=FixedClock(NOW))
        migrate.upgrade(app.raw_engine)
        seed(app.raw_engine, args.decisions)
        with app.uow() as s:
            s.execute(text("UPDATE applications SET status = 'pending' WHERE md5(id) LIKE '0%' OR md5(id) LIKE '1%'"
                           " AND id LIKE '%7'"))
            sup = s.execute(text("INSERT INTO staff (name, role, password_hash, created_at, disabled, "
                                 "failed_logins) VALUES ('olga', 'supervisor', 'x', :now, false, 0) RETURNING id")
                            .bindparams(now=NOW)).scalar_one()
            if args.with_scores:  # ~1 KB of JSON per decision, as domain.prescore.decision_snapshot writes
                s.execute(text("""
                    UPDATE decisions SET prescore_snapshot = json_build_object(
                        'id', id, 'band', 'match', 'score', round((random() * 0.9 + 0.1)::numeric, 4),
                        'distance', random(), 'model_version', 'bench', 'selfie_sha256', md5(id::text) || md5(''),
                        'scan_sha256', md5(id::text) || md5('x'), 'computed_at', '2026-11-27T09:00:00+00:00',
                        'result', json_build_object('band', 'match', 'score', 0.5, 'flags', json_build_array(
                            'glare', 'blur'), 'faces', json_build_array(json_build_object(
                            'box', json_build_array(10, 20, 120, 140), 'quality', 0.8, 'sha', md5(id::text))),
                            'texts', json_build_array(repeat('text ', 60))))"""))
        if args.with_scores:  # the update left a dead copy of every row; a live database has been vacuumed
            with app.raw_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE decisions"))
        actor = Actor(sup, "olga", StaffRole.SUPERVISOR)
        d1 = date(2026, 11, 27)
        d0 = d1 - timedelta(days=29)
        st = timed("statistics, 30 days", lambda: stats_service.compute(app, actor, d0, d1), args.repeat)
        print(f"  {st.total} decisions, {len(st.workload)} reviewers, {st.queue_waiting} waiting")
        csv = timed("export CSV (ru), 30 days", lambda: reports.export_statistics(app, actor, d0, d1, "csv", "ru"),
                    args.repeat)
        pdf = timed("export PDF (ru), 30 days", lambda: reports.export_statistics(app, actor, d0, d1, "pdf", "ru"),
                    args.repeat)
        print(f"  CSV {len(csv)} bytes, PDF {len(pdf)} bytes")
        app.close()


if __name__ == "__main__":
    main()
