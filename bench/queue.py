# ruff: noqa: E402  (the sys.path fix below must run before the imports)
"""Queue benchmark: claim latency and claim-plus-decide throughput over a large pending queue.

    uv run python bench/queue.py                      # SQLite (a temporary file)
    uv run python bench/queue.py --pg-url postgresql://postgres@127.0.0.1:5432/test

With --pg-url a scratch database is created next to the given one and dropped afterwards. Steps:
1. bulk-insert N pending applications (Core executemany inserts) and 8 staff rows;
2. claim latency: --claims claims one after another, each its own transaction (commit included): p50, p99
   (each claimed application is then decided, untimed, as a desk would);
3. throughput: 1 and then 8 threads, each looping claim (one transaction) + finish (another), for --seconds.
Targets on PostgreSQL: claim p99 <= 10 ms; >= 500 claim-plus-decide per second with 8 claimers.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/queue.py`, this file's folder comes first on sys.path and would shadow the standard
# library's `queue` (psycopg and SQLAlchemy's pool import it): put the repository root there instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse
import multiprocessing
import statistics
import threading
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, text

from bench.scratch_db import scratch_database
from reviewer_app import queue
from reviewer_app.db import migrate
from reviewer_app.db.engine import make_engine, session_factory
from reviewer_app.db.models import Application, Staff

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def seed(engine, n: int, chunk: int = 10_000) -> list[int]:
    t0 = time.perf_counter()
    with engine.begin() as conn:
        staff = [conn.execute(insert(Staff).values(name=f"bench{i}", role="reviewer", password_hash="x",
                                                   created_at=NOW).returning(Staff.id)).scalar_one()
                 for i in range(8)]
        for lo in range(0, n, chunk):
            rows = []
            for i in range(lo, min(lo + chunk, n)):
                sub = NOW - timedelta(days=10) + timedelta(seconds=i * 7)
                rows.append({"id": f"B-{i:08d}", "kind": "own_access" if i % 5 else "child_access",
                             "status": "pending", "submitted_at": sub, "received_at": sub,
                             "sla_deadline": date(2026, 11, 20) + timedelta(days=i % 20), "person_key": f"{i:064x}",
                             "pack_json": {}, "pack_sha256": f"{i:064x}", "rule_version": "bench",
                             "prescore_state": "", "version": 1})
            conn.execute(insert(Application.__table__), rows)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("ANALYZE applications"))
            conn.commit()
    print(f"seeded {n} pending applications in {time.perf_counter() - t0:.1f} s")
    return staff


def claim_latency(sessions, staff_id: int, count: int) -> list[float]:
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        with sessions() as s, s.begin():
            item = queue.claim_next(s, staff_id=staff_id, now=NOW, lease_seconds=600)
        times.append((time.perf_counter() - t0) * 1000)
        assert item is not None
        # Decide it (untimed), as a desk would, so the in-review set stays desk-sized.
        with sessions() as s, s.begin():
            queue.finish(s, item.application_id, staff_id=staff_id, expected_version=item.version,
                         new_status="decided", now=NOW)
    return times


def review_loop(sessions, sid: int, should_stop) -> int:
    """What a desk does, as fast as it can: claim (one transaction), decide (another); returns how many."""
    done = 0
    while not should_stop():
        with sessions() as s, s.begin():
            item = queue.claim_next(s, staff_id=sid, now=NOW, lease_seconds=600)
        if item is None:
            break
        with sessions() as s, s.begin():
            queue.finish(s, item.application_id, staff_id=sid, expected_version=item.version,
                         new_status="decided", now=NOW)
        done += 1
    return done


def throughput(sessions, staff: list[int], seconds: float) -> float:
    done = [0] * len(staff)
    stop = threading.Event()
    errors: list[BaseException] = []

    def desk(k: int, sid: int) -> None:
        try:
            done[k] = review_loop(sessions, sid, stop.is_set)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(k, sid)) for k, sid in enumerate(staff)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise errors[0]
    return sum(done) / elapsed


def _desk_process(url: str, sid: int, seconds: float, out) -> None:
    """One desk in its own process (as real desks are): claim + finish in a loop for `seconds`."""
    engine = make_engine(url)
    sessions = session_factory(engine)
    deadline = time.perf_counter() + seconds
    done = review_loop(sessions, sid, lambda: time.perf_counter() >= deadline)
    engine.dispose()
    out.put(done)


def throughput_processes(url: str, staff: list[int], seconds: float) -> float:
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_desk_process, args=(url, sid, seconds, out)) for sid in staff]
    for p in procs:
        p.start()
    total = sum(out.get() for _ in procs)
    for p in procs:
        p.join()
    return total / seconds


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def run(url: str, n: int, claims: int, seconds: float) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    staff = seed(engine, n)
    lat = claim_latency(sessions, staff[0], claims)
    print(f"{engine.dialect.name}: claim latency over {claims} claims (queue of {n}): "
          f"p50 {pct(lat, 50):.2f} ms, p99 {pct(lat, 99):.2f} ms, max {max(lat):.2f} ms")
    for k in (1, 8):
        rate = throughput(sessions, staff[:k], seconds)
        print(f"{engine.dialect.name}: claim+finish with {k} claimer thread(s) in one process: {rate:.0f} per second")
    for k in (1, 8):
        rate = throughput_processes(url, staff[:k], seconds)
        print(f"{engine.dialect.name}: claim+finish with {k} claimer process(es) (one per desk): {rate:.0f} per second")
    engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg-url", help="PostgreSQL server URL (a scratch database is created there)")
    ap.add_argument("-n", type=int, default=100_000, help="pending applications (default 100000)")
    ap.add_argument("--claims", type=int, default=2000, help="claims for the latency figures")
    ap.add_argument("--seconds", type=float, default=5.0, help="duration of each throughput run")
    args = ap.parse_args()
    with scratch_database(args.pg_url) as url:
        run(url, args.n, args.claims, args.seconds)


if __name__ == "__main__":
    main()
