"""The background pre-scorer: shares work without doubles, stops cleanly, leaves nothing stuck after kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from reviewer_app.db.models import Applicant, Application, Document, FaceEncodingCache, FacePrescore
from reviewer_app.domain.clock import FixedClock
from reviewer_app.domain.prescore import PreScore
from reviewer_app.queue import prescore as pq
from reviewer_app.services.context import AppContext
from reviewer_app.services.prescore_worker import DbEncodingCache, run_worker
from tests.factories import add_applications, applicant_row

REPO = Path(__file__).resolve().parents[3]


class FakeMatcher:
    """Scores by comparing image bytes; records every call."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.calls: list[tuple[bytes | None, bytes | None, bool]] = []
        self.lock = threading.Lock()

    def prescore(self, selfie, scan=None, *, consent, selfie_name="selfie", scan_name="scan"):
        with self.lock:
            self.calls.append((selfie, scan, consent))
        time.sleep(self.delay)
        if not consent:
            return PreScore(band="manual", consent=False, model="fake-1")
        return PreScore(band="match", score=88.0, distance=0.3, model="fake-1")


def _seed(app: AppContext, n: int, *, consent: bool = True) -> list[str]:
    with app.uow() as s:
        ids = add_applications(s, n)
        s.execute(insert(Applicant), [{**applicant_row(a, i), "biometric_consent": consent}
                                      for i, a in enumerate(ids)])
        docs = []
        for a in ids:
            for role, name in (("selfie_with_passport", "selfie.jpg"), ("passport_scan", "passport.jpg")):
                data = f"{a}:{role}".encode()
                docs.append({"application_id": a, "role": role, "filename": name, "sha256": app.store.put(data),
                             "size": len(data), "media_type": "image/jpeg"})
        s.execute(insert(Document), docs)
    return ids


def _states(app: AppContext) -> dict[str, str]:
    with app.sessions() as s:
        return dict(s.execute(select(Application.id, Application.prescore_state)).all())


def test_worker_scores_every_queued_application_once(app):
    ids = _seed(app, 5)
    matcher = FakeMatcher()
    stats = run_worker(app, matcher=matcher, once=True, batch=10)
    assert stats.done == 5 and stats.failed == 0
    assert set(_states(app).values()) == {"done"}
    assert (b"T-0000000:selfie_with_passport", b"T-0000000:passport_scan", True) in matcher.calls
    with app.sessions() as s:
        rows = s.execute(select(FacePrescore)).scalars().all()
    assert sorted(r.application_id for r in rows) == ids
    assert all(r.band == "match" and r.score == 88.0 and r.model_version == "fake-1" for r in rows)
    assert rows[0].result["band"] == "match"
    # Nothing left: a second run does nothing.
    assert run_worker(app, matcher=matcher, once=True, batch=10).done == 0


def test_unreadable_image_marks_failed_with_a_manual_prescore(app):
    from reviewer_app.matching.images import ImageLoadError

    class Broken(FakeMatcher):
        def prescore(self, *a, **k):
            raise ImageLoadError("selfie.jpg", "not an image")

    _seed(app, 1)
    stats = run_worker(app, matcher=Broken(), once=True)
    assert stats.failed == 1
    with app.sessions() as s:
        row = s.execute(select(FacePrescore)).scalar_one()
    assert row.band == "manual" and "not an image" in row.result["error"]
    assert set(_states(app).values()) == {"failed"}


def test_two_workers_share_the_work_without_doubles(app):
    _seed(app, 30)
    m1, m2 = FakeMatcher(0.01), FakeMatcher(0.01)
    results = []
    threads = [threading.Thread(target=lambda m=m: results.append(run_worker(app, matcher=m, once=False, batch=2,
                                                                                 stop=_stop_when_done(app))))
               for m in (m1, m2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sum(r.done for r in results) == 30
    assert len(m1.calls) + len(m2.calls) == 30 and m1.calls and m2.calls
    with app.sessions() as s:
        assert s.execute(select(func.count(func.distinct(FacePrescore.application_id)))).scalar_one() == 30
        assert s.execute(select(func.count()).select_from(FacePrescore)).scalar_one() == 30


def _stop_when_done(app: AppContext) -> threading.Event:
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if set(_states(app).values()) <= {"done"}:
                stop.set()
            time.sleep(0.05)

    threading.Thread(target=watch, daemon=True).start()
    return stop


def test_lease_batch_takes_the_most_urgent_free_items_up_to_the_limit(app):
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    with app.uow() as s:
        ids = add_applications(s, 3, start=0)  # submitted one second apart
        ids += add_applications(s, 1, start=3, submitted_at=datetime(2026, 11, 19, tzinfo=UTC))  # oldest: first
        add_applications(s, 1, start=4, status="decided")  # not worth scoring
    with app.uow() as s:
        first = pq.lease_batch(s, worker="w1", now=now, lease_seconds=60, limit=2)
    assert [j.application_id for j in first] == sorted([ids[3], ids[0]])
    assert all(j.lease_until == now + timedelta(seconds=60) for j in first)
    with app.uow() as s:  # leased items are not taken again while their lease lasts
        second = pq.lease_batch(s, worker="w2", now=now, lease_seconds=60, limit=5)
    assert [j.application_id for j in second] == [ids[1], ids[2]]
    with app.uow() as s:
        assert pq.lease_batch(s, worker="w3", now=now, lease_seconds=60, limit=5) == []
    with app.uow() as s:  # a lease that ran out (a killed worker) is taken again
        again = pq.lease_batch(s, worker="w3", now=now + timedelta(seconds=61), lease_seconds=60, limit=1)
    assert [j.application_id for j in again] == [ids[3]]
    if app.engine.dialect.name == "postgresql":  # a row another worker is locking is skipped, not waited for
        with app.uow() as s1, app.uow() as s2:
            assert pq.still_held(s1, ids[0], "w1")
            later = now + timedelta(seconds=200)
            got = pq.lease_batch(s2, worker="w4", now=later, lease_seconds=60, limit=5)
            assert [j.application_id for j in got] == [ids[1], ids[2], ids[3]]


def test_db_encoding_cache_round_trip_and_duplicate_put(app):
    cache = DbEncodingCache(app)
    assert cache.get("a" * 64, "m1") is None
    cache.put("a" * 64, "m1", {"faces": [1, 2]})
    cache.put("a" * 64, "m1", {"faces": [1, 2]})  # a second worker's put is harmless
    assert cache.get("a" * 64, "m1") == {"faces": [1, 2]}
    assert cache.get("a" * 64, "m2") is None
    with app.sessions() as s:
        assert s.execute(select(func.count()).select_from(FaceEncodingCache)).scalar_one() == 1


WORKER_SCRIPT = """
import sys, threading, time
sys.path.insert(0, sys.argv[3])
from reviewer_app.config import load_settings
from reviewer_app.services.context import AppContext
from reviewer_app.services.prescore_worker import run_worker
from reviewer_app.cli.worker_cmd import install_stop_handlers
from tests.integration.queue.test_prescore_worker import FakeMatcher
app = AppContext(load_settings(env={}, overrides={"db_url": sys.argv[1], "data_dir": sys.argv[2]}))
stop = threading.Event()
install_stop_handlers(stop)
stats = run_worker(app, matcher=FakeMatcher(float(sys.argv[4])), batch=int(sys.argv[5]), stop=stop,
                   item_lease_seconds=30, worker_id="victim", poll_seconds=0.1)
print(f"done={stats.done} given_back={stats.given_back}", flush=True)
"""


def _spawn(app: AppContext, delay: float, batch: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT, app.settings.db_url, str(app.settings.data_dir),
                             str(REPO), str(delay), str(batch)], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})


def _wait_for(cond, timeout=30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.mark.slow
def test_worker_killed_mid_item_leaves_nothing_stuck(app):
    ids = _seed(app, 1)
    proc = _spawn(app, delay=60, batch=1)
    try:
        _wait_for(lambda: _states(app)[ids[0]] == "processing")
        time.sleep(0.3)  # inside the (slow) face computation
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert _states(app)[ids[0]] == "processing"  # the crash left the mark...
    # ...but only until the lease runs out: then any worker takes the item again and completes it.
    now = datetime.now(UTC)
    early = AppContext(app.settings, clock=FixedClock(now))
    assert run_worker(early, matcher=FakeMatcher(), once=True).done == 0
    late = AppContext(app.settings, clock=FixedClock(now + timedelta(seconds=31)))
    try:
        stats = run_worker(late, matcher=FakeMatcher(), once=True, worker_id="rescuer")
    finally:
        early.close()
        late.close()
    assert stats.done == 1 and _states(app)[ids[0]] == "done"
    with app.sessions() as s:
        assert s.execute(select(func.count()).select_from(FacePrescore)).scalar_one() == 1


@pytest.mark.slow
def test_sigterm_finishes_the_current_item_and_gives_back_the_rest(app):
    ids = _seed(app, 3)
    proc = _spawn(app, delay=1.0, batch=3)
    try:
        _wait_for(lambda: list(_states(app).values()).count("processing") == 3)
        time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "done=1 given_back=2" in out
    states = _states(app)
    assert sorted(states.values()) == ["", "", "done"] and states[ids[0]] == "done"
