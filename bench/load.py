# ruff: noqa: E402  (the sys.path set-up must run before the imports)
"""Many desks and the pre-score workers against the reviewer service (issue 21's load targets; not a test).

    uv run python bench/load.py [--pg URL] [--desks 200] [--minutes 3] [--time-factor 1] [--instances 1|2]

Builds a scratch database (PostgreSQL on the server --pg names, else SQLite), fills the queue, and starts
`reviewer-app serve` as --instances separate processes on 127.0.0.1 and --workers pre-score workers
(`services.prescore_worker.run_worker` in their own processes; a stand-in matcher that takes --score-seconds per
application, as the face matcher would, without the CPU). Then N simulated desks (httpx, asyncio; desk i on
instance i mod --instances) each sign in (spread over --sign-in-over seconds, default one period; not part of
the measured work, which starts after) and every --period seconds, divided by
--time-factor: decide the case on screen (reject, a reason), claim the next, open it, load both images and its
pre-score, and read the queue list. Reports p50/p95/p99 per endpoint, the errors, and from the database at the
end: applications held by two claims at once (overlapping rows of `claims`), decisions lost (acknowledged to a
desk, not in the database) and doubled. Figures of a run: docs/partners.md.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
# bench/queue.py would shadow the standard library's `queue`: put the repository root first instead of bench/.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ROOT / "bench"]
sys.path[:0] = [str(_ROOT)]

import itertools

import httpx
import pyotp
from sqlalchemy import insert, select

from bench.scratch_db import scratch_database
from reviewer_app.api.version import API_VERSION, HEADER
from reviewer_app.config import load_settings
from reviewer_app.db import migrate
from reviewer_app.db.models import (
    Applicant,
    Application,
    AuditEvent,
    CheckResultRow,
    Child,
    Claim,
    Decision,
    Document,
    FacePrescore,
)
from reviewer_app.services import intake, staff
from reviewer_app.services.context import AppContext
from reviewer_app.services.prescore_worker import run_worker
from reviewer_app.store.crypto import create_keys
from tests.ui.packs import FakeMatcher, write_pack

PASSWORD = "Reviewer-pass-123"
TEMPLATES = 20  # packs imported through intake; the rest of the queue is copied from them (intake is ~0.2 s each)
ROLES = ("selfie_with_passport", "passport_scan")
#: Not the desks' work: the sign-in before it, and every desk's release and sign-out at the same end moment.
TEARDOWN = ("POST /session", "POST release", "DELETE /session")


# --- the database -------------------------------------------------------------------------------------------
def _context(url: str, data_dir: Path) -> AppContext:
    return AppContext(load_settings(env={}, overrides={"db_url": url, "data_dir": data_dir}))


def _copy_queue(app: AppContext, templates: list[str], total: int, *, scored: bool, start: int = 0,
                later_days: int = 0, ids: list[str] | None = None) -> list[str]:
    """Copies of the imported applications under new ids until `ids` (default: the templates) holds `total`
    (rows as intake wrote them: application, applicant, child, documents naming the same stored images, check
    results; with `scored` their pre-score as the worker stored it, else none: work for the workers);
    `later_days` moves their deadline back (the desks reach them last)."""
    ids = list(templates) if ids is None else ids
    models = (Applicant, Child, Document, CheckResultRow, *((FacePrescore,) if scored else ()))
    with app.uow() as s:
        rows = {t: s.scalars(select(t).where(t.application_id.in_(templates))).all() for t in models}
        apps = s.scalars(select(Application).where(Application.id.in_(templates))).all()
        plain = {}
        for model, found in [(Application, apps), *rows.items()]:
            cols = [c.key for c in model.__table__.columns if model is Application or c.key != "id"]
            plain[model] = [{c: getattr(r, c) for c in cols} for r in found]
        n = start
        while len(ids) < total:
            batch: dict = defaultdict(list)
            for a in plain[Application]:
                if len(ids) >= total:
                    break
                n += 1
                new = f"LOAD-{n:07d}"
                ids.append(new)
                unscored = {} if scored else {"prescore_state": "", "prescore_lease_until": None,
                                              "prescore_worker": None, "prescore_retry_key": None}
                batch[Application].append({
                    **a, **unscored, "id": new, "pack_json": {**a["pack_json"], "id": new},
                    "sla_deadline": a["sla_deadline"] + timedelta(days=later_days),
                    "pack_sha256": uuid.uuid4().hex + uuid.uuid4().hex})
                for model in models:
                    batch[model].extend({**r, "application_id": new} for r in plain[model]
                                        if r["application_id"] == a["id"])
            for model in (Application, *models):
                if batch[model]:
                    s.execute(insert(model), batch[model])
    return ids


def set_up(url: str, data_dir: Path, desks: int, queue: int, unscored: int) -> dict[str, str]:
    """Schema, an administrator, `desks` reviewers (name -> TOTP secret), `queue` applications pre-scored (as
    workers ahead of the desks leave them) and `unscored` more behind them, new work for the workers."""
    create_keys(data_dir / "keys" / "store.key")
    app = _context(url, data_dir)
    migrate.upgrade(app.raw_engine)
    admin = staff.add_staff(app, None, name="root", role="admin", password="Admin-pass-123")
    root = staff.login(app, "root", "Admin-pass-123", pyotp.TOTP(admin.secret).now())
    secrets = {f"desk{i:03d}": staff.add_staff(app, root, name=f"desk{i:03d}", role="reviewer",
                                               password=PASSWORD).secret for i in range(desks)}
    templates = []
    for i in range(1, TEMPLATES + 1):
        outcome = intake.import_pack(app, write_pack(data_dir / "packs", i))
        assert outcome.status == "imported", outcome
        templates.append(outcome.application_id)
    run_worker(app, matcher=FakeMatcher(), once=True, batch=len(templates))
    ids = _copy_queue(app, templates, queue, scored=True)
    _copy_queue(app, templates, queue + unscored, scored=False, start=len(ids), later_days=60, ids=ids)
    app.close()
    return secrets


def count(url: str, data_dir: Path) -> tuple[Counter, Counter, list[str]]:
    """As the database has them: decisions per application, claim.take entries per application, and the
    applications held by two claims at once (a claim starting before the one before it ended)."""
    app = _context(url, data_dir)
    with app.sessions() as s:
        decisions = Counter(s.scalars(select(Decision.application_id)))
        takes = Counter(s.scalars(select(AuditEvent.target_id).where(AuditEvent.action == "claim.take")))
        claims = defaultdict(list)
        for c in s.scalars(select(Claim).order_by(Claim.claimed_at, Claim.id)):
            claims[c.application_id].append(c)
    app.close()
    overlapping = [a for a, cs in claims.items()
                   if any(b.claimed_at < (a_.released_at or a_.lease_expires_at) for a_, b in itertools.pairwise(cs))]
    return decisions, takes, overlapping


# --- the processes ------------------------------------------------------------------------------------------
def worker_main(url: str, data_dir: str, seconds: float) -> None:
    """One pre-score worker process until SIGTERM (`--worker-of`)."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    app = _context(url, Path(data_dir))
    stats = run_worker(app, matcher=FakeMatcher(delay=seconds), stop=stop, poll_seconds=0.5)
    print(f"worker {stats.worker}: {stats.done} pre-scored, {stats.failed} failed, {stats.lost} lost, "
          f"{len(stats.errors)} errors", flush=True)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_services(url: str, data_dir: Path, n: int) -> tuple[list[subprocess.Popen], list[str]]:
    env = {**os.environ, "REVIEWER_DB_URL": url, "REVIEWER_DATA_DIR": str(data_dir)}
    procs, urls = [], []
    for _ in range(n):
        port = _free_port()
        procs.append(subprocess.Popen([sys.executable, "-m", "reviewer_app", "serve", "--bind",
                                       f"127.0.0.1:{port}"], env=env, cwd=_ROOT))
        urls.append(f"http://127.0.0.1:{port}")
    for base in urls:
        for _ in range(600):
            try:
                httpx.get(f"{base}/v1/info", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise SystemExit(f"the service at {base} did not start")
    return procs, urls


def start_workers(url: str, data_dir: Path, n: int, seconds: float) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, __file__, "--worker-of", url, str(data_dir), str(seconds)], cwd=_ROOT)
            for _ in range(n)]


def stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()


# --- the desks ----------------------------------------------------------------------------------------------
@dataclass
class Tally:
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    samples: dict[str, str] = field(default_factory=dict)  # first error message of each endpoint
    claimed_by: dict[str, str] = field(default_factory=dict)  # application -> the desk claim-next gave it to
    doubles: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)  # applications whose decision a desk saw confirmed
    empty: int = 0  # claim-next found the queue empty

    async def call(self, client: httpx.AsyncClient, label: str, method: str, path: str,
                   **kwargs) -> httpx.Response | None:
        t0 = time.perf_counter()
        try:
            response = await client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            self.latency[label].append(time.perf_counter() - t0)
            self.errors[label] += 1
            self.samples.setdefault(label, f"{type(exc).__name__}: {exc}")
            return None
        self.latency[label].append(time.perf_counter() - t0)
        if response.is_error:
            self.errors[label] += 1
            self.samples.setdefault(label, f"HTTP {response.status_code}: {response.text[:300]}")
            return None
        return response


async def desk(name: str, secret: str, base: str, tally: Tally, *, start: float, work_from: float, period: float,
               until: float, queue_every: int) -> None:
    loop = asyncio.get_running_loop()
    async with httpx.AsyncClient(base_url=base, headers={HEADER: API_VERSION}, timeout=60) as c:
        await asyncio.sleep(max(0.0, start - loop.time()))
        r = await tally.call(c, "POST /session", "POST", "/v1/session", json={
            "name": name, "password": PASSWORD, "code": pyotp.TOTP(secret).now()})
        if r is None:
            return
        c.headers["Authorization"] = f"Bearer {r.json()['token']}"
        await asyncio.sleep(max(0.0, work_from - loop.time()))
        current: tuple[str, int] | None = None
        cycle = 0
        while loop.time() < until:
            tick = loop.time() + period
            if current is not None:  # the case on screen for the last period: decided now
                app_id, version = current
                r = await tally.call(c, "POST decision", "POST", f"/v1/applications/{app_id}/decision", json={
                    "idempotency_key": str(uuid.uuid4()), "expected_version": version, "outcome": "reject",
                    "reason_code": "photo_unclear"})
                if r is not None:
                    tally.acknowledged.append(app_id)
                current = None
            r = await tally.call(c, "POST claim-next", "POST", "/v1/queue/claim-next", json={})
            app_id = r.json()["application_id"] if r is not None else None
            if app_id is None:
                tally.empty += r is not None
            else:
                if app_id in tally.claimed_by and tally.claimed_by[app_id] != name:
                    tally.doubles.append(app_id)
                tally.claimed_by[app_id] = name
                r = await tally.call(c, "GET application", "GET", f"/v1/applications/{app_id}")
                if r is not None:
                    current = (app_id, r.json()["view"]["version"])
                for role in ROLES:
                    await tally.call(c, "GET image", "GET", f"/v1/applications/{app_id}/images/{role}")
                await tally.call(c, "GET prescore", "GET", f"/v1/applications/{app_id}/prescore")
            if cycle % queue_every == 0:
                await tally.call(c, "GET queue", "GET", "/v1/queue")
            cycle += 1
            await asyncio.sleep(max(0.0, min(tick, until) - loop.time()))
        if current is not None:
            r = await tally.call(c, "POST release", "POST", f"/v1/applications/{current[0]}/release")
            if r is not None:  # back in the queue: another desk may take it now
                tally.claimed_by.pop(current[0], None)
        await tally.call(c, "DELETE /session", "DELETE", "/v1/session")


async def run_desks(secrets: dict[str, str], urls: list[str], *, period: float, seconds: float,
                    queue_every: int, sign_in_over: float) -> Tally:
    tally = Tally()
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    rng = random.Random(7)
    await asyncio.gather(*(
        desk(name, secret, urls[i % len(urls)], tally, start=t0 + rng.uniform(0, sign_in_over), period=period,
             work_from=t0 + sign_in_over + rng.uniform(0, period), until=t0 + sign_in_over + seconds,
             queue_every=queue_every)
        for i, (name, secret) in enumerate(secrets.items())))
    return tally


# --- the report ---------------------------------------------------------------------------------------------
def _pct(sorted_s: list[float], p: float) -> float:
    return sorted_s[min(len(sorted_s) - 1, max(0, math.ceil(p * len(sorted_s)) - 1))] * 1000


def report(tally: Tally, decisions: Counter, takes: Counter, overlapping: list[str], seconds: float) -> None:
    print(f"\n{'endpoint':<18}{'n':>7}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    work: list[float] = []
    for label in sorted(tally.latency):
        s = sorted(tally.latency[label]) or [0.0]
        if label not in TEARDOWN:
            work.extend(s)
        print(f"{label:<18}{len(s):>7}{tally.errors[label]:>8}{_pct(s, .5):>9.1f}{_pct(s, .95):>9.1f}"
              f"{_pct(s, .99):>9.1f}{s[-1] * 1000:>9.1f}")
    work.sort()
    if not work:
        print("no desk got past its sign-in")
        return
    print(f"{'the desks work':<18}{len(work):>7}{sum(tally.errors.values()):>8}{_pct(work, .5):>9.1f}"
          f"{_pct(work, .95):>9.1f}{_pct(work, .99):>9.1f}{work[-1] * 1000:>9.1f}")
    print(f"throughput: {len(work) / seconds:.1f} requests/s, {len(tally.acknowledged) / seconds:.2f} decisions/s;"
          f" claim-next found the queue empty {tally.empty} times")
    for label, text in tally.samples.items():
        print(f"  first error of {label}: {text}")
    acknowledged = Counter(tally.acknowledged)
    lost = [a for a in acknowledged if decisions[a] == 0]
    doubled = [a for a, k in decisions.items() if k > 1]
    unconfirmed = [a for a in decisions if a not in acknowledged]

    print(f"database: {sum(decisions.values())} decisions on {len(decisions)} applications; acknowledged to desks "
          f"{len(acknowledged)}; lost {len(lost)}; doubled {len(doubled)}; recorded but not acknowledged "
          f"{len(unconfirmed)}")
    print(f"claims: {len(takes)} applications taken ({sum(takes.values())} claim.take entries); held by two "
          f"claims at once (database) {len(overlapping)}; handed to a second desk while held (desks' view) "
          f"{len(set(tally.doubles))}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg", metavar="URL", help="PostgreSQL server for the scratch database (default: SQLite)")
    ap.add_argument("--desks", type=int, default=200)
    ap.add_argument("--period", type=float, default=30.0, help="seconds between a desk's decisions (real time)")
    ap.add_argument("--time-factor", type=float, default=1.0, help="the period is divided by this")
    ap.add_argument("--minutes", type=float, default=3.0, help="how long the desks work (wall clock)")
    ap.add_argument("--instances", type=int, default=1, help="service processes on the one database")
    ap.add_argument("--workers", type=int, default=2, help="pre-score worker processes")
    ap.add_argument("--score-seconds", type=float, default=0.3, help="the stand-in matcher's time per application")
    ap.add_argument("--sign-in-over", type=float, default=None, metavar="SECONDS",
                    help="the desks sign in spread over this long before the measured work (default: one period)")
    ap.add_argument("--queue-every", type=int, default=1, help="a desk reads the queue list every N cycles")
    ap.add_argument("--keep", action="store_true", help="keep the PostgreSQL scratch database")
    ap.add_argument("--worker-of", nargs=3, metavar=("URL", "DATA_DIR", "SECONDS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker_of:
        worker_main(args.worker_of[0], args.worker_of[1], float(args.worker_of[2]))
        return
    period, seconds = args.period / args.time_factor, args.minutes * 60
    queue = args.desks * (math.ceil(seconds / period) + 2) + 50
    with scratch_database(args.pg, keep=args.keep) as url:
        data_dir = Path(tempfile.mkdtemp(prefix="rv-load-"))
        t0 = time.perf_counter()
        unscored = min(int(args.workers * seconds / max(args.score_seconds, 0.01)), 4 * queue)
        secrets = set_up(url, data_dir, args.desks, queue, unscored)
        print(f"set-up: {args.desks} reviewers, {queue} applications pre-scored and {unscored} for the workers "
              f"in {time.perf_counter() - t0:.0f} s; "
              f"{'PostgreSQL' if args.pg else 'SQLite'}, {args.instances} service instance(s), {args.workers} "
              f"pre-score worker(s); a decision every {period:.1f} s per desk for {seconds:.0f} s", flush=True)
        services, urls = start_services(url, data_dir, args.instances)
        workers = start_workers(url, data_dir, args.workers, args.score_seconds)
        try:
            tally = asyncio.run(run_desks(secrets, urls, period=period, seconds=seconds,
                                          queue_every=args.queue_every,
                                          sign_in_over=args.sign_in_over if args.sign_in_over is not None
                                          else period))
        finally:
            stop(workers)
            stop(services)
        print(f"machine: {os.cpu_count()} cores, load average at the end {os.getloadavg()[0]:.1f} (1 min)")
        decisions, takes, overlapping = count(url, data_dir)
        report(tally, decisions, takes, overlapping, seconds)
        print(f"sign-in p50 {statistics.median(tally.latency['POST /session']) * 1000:.0f} ms (argon2, once a "
              "desk)" if tally.latency.get("POST /session") else "")


if __name__ == "__main__":
    main()
