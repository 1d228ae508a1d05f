# ruff: noqa: E402  (the sys.path set-up must run before the imports)
"""The reviewer service against the direct path, on loopback (not a test; issue 21's targets).

    uv run python bench/service.py DB_URL [N]

DB_URL must name an empty scratch database (the schema is created in it), e.g. on PostgreSQL:
    createdb -h 127.0.0.1 -U postgres bench_service   ...   dropdb -h 127.0.0.1 -U postgres bench_service
Runs `reviewer-app serve` as one separate process on 127.0.0.1 and measures, through HttpDeskService and through
DbDeskService in this process, on the same database in the same run:
  - decision -> next case fully loaded: decide, claim next, open, both images, pre-score (N each, default 40);
  - a 12 MP selfie to the desk (20 each);
  - a supervisor's search for one decided case by its number (SupervisorDesk, 20 each).
Pre-scores are computed beforehand (a stand-in matcher, as the worker would have), so both paths read them.
"""

from __future__ import annotations

import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
# bench/queue.py would shadow the standard library's `queue`: put the repository root first instead of bench/.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ROOT / "bench"]
sys.path[:0] = [str(_ROOT)]

import httpx
import numpy as np
import pyotp
from PIL import Image

from reviewer_app.client import HttpDeskService, HttpSupervisorDesk
from reviewer_app.config import load_settings
from reviewer_app.db import migrate
from reviewer_app.domain.supervision_views import DecisionQuery
from reviewer_app.domain.views import ROLE_SCAN, ROLE_SELFIE, DecisionRequest
from reviewer_app.services import intake, staff
from reviewer_app.services.context import AppContext
from reviewer_app.services.desk_service import DbDeskService
from reviewer_app.services.prescore_worker import run_worker
from reviewer_app.services.supervisor_desk_service import DbSupervisorDesk
from reviewer_app.store.crypto import create_keys
from tests.ui.packs import FakeMatcher, write_pack

PASSWORD = "Reviewer-pass-123"


def _ms(samples: list[float]) -> str:
    s = sorted(samples)
    return (f"median {statistics.median(s) * 1000:.1f} ms, p95 {s[max(0, int(len(s) * .95) - 1)] * 1000:.1f} ms "
            f"(n={len(s)})")


def _twelve_mp_jpeg() -> bytes:
    rng = np.random.default_rng(7)
    small = Image.fromarray(rng.integers(0, 255, (300, 400, 3), dtype=np.uint8)).resize((4000, 3000),
                                                                                      Image.Resampling.BICUBIC)
    noisy = np.asarray(small, dtype=np.int16) + rng.integers(-12, 12, (3000, 4000, 3), dtype=np.int16)
    buf = io.BytesIO()
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _loop(desk, actor, n: int) -> list[float]:
    """Decide the application on screen, then claim, open and fully load the next one: n times."""
    current = desk.claim_next(actor)
    view = desk.open_application(actor, current)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        desk.decide(actor, DecisionRequest(current, view.version, "reject", reason_code="photo_unclear"))
        current = desk.claim_next(actor)
        view = desk.open_application(actor, current)
        desk.load_image(actor, current, ROLE_SELFIE)
        desk.load_image(actor, current, ROLE_SCAN)
        desk.prescore(actor, current)
        times.append(time.perf_counter() - t0)
    desk.release(actor, current)
    return times


def _search(desk, actor, application_ids: list[str]) -> list[float]:
    """A supervisor finds one decided case by its number (each search audited, as a person look-up is)."""
    times = []
    for app_id in application_ids:
        t0 = time.perf_counter()
        page = desk.search_decisions(actor, DecisionQuery(application_id=app_id))
        times.append(time.perf_counter() - t0)
        assert [r.application_id for r in page.rows] == [app_id], page
    return times


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    url, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40
    tmp = Path(tempfile.mkdtemp())
    create_keys(tmp / "keys" / "store.key")
    settings = load_settings(env={}, overrides={"db_url": url, "data_dir": tmp})
    app = AppContext(settings)
    migrate.upgrade(app.raw_engine)
    admin = staff.add_staff(app, None, name="root", role="admin", password="Admin-pass-123")
    root = staff.login(app, "root", "Admin-pass-123", pyotp.TOTP(admin.secret).now())
    # Supervisors: they decide like reviewers, and the 12 MP read below takes a chosen application by id, which
    # only a supervisor may (with a reason).
    secrets = {name: staff.add_staff(app, root, name=name, role="supervisor", password=PASSWORD).secret
               for name in ("direct", "remote")}
    total = 2 * (n + 6)  # warm-up and measured loops of both paths, each claims one more than it decides
    for i in range(1, total + 1):
        intake.import_pack(app, write_pack(tmp / "packs", i, submitted_at="2026-11-24T10:15:00+03:00"))
    big = write_pack(tmp / "packs", total + 1, submitted_at="2026-11-30T10:15:00+03:00")
    (big / "selfie.jpg").write_bytes(_twelve_mp_jpeg())
    print(f"12 MP selfie: {(big / 'selfie.jpg').stat().st_size / 1e6:.1f} MB", flush=True)
    outcome = intake.import_pack(app, big)
    assert outcome.status == "imported", outcome
    big_id = outcome.application_id
    run_worker(app, matcher=FakeMatcher(), once=True, batch=total + 1)

    port = _free_port()
    env = {**os.environ, "REVIEWER_DB_URL": url, "REVIEWER_DATA_DIR": str(tmp)}
    server = subprocess.Popen([sys.executable, "-m", "reviewer_app", "serve", "--bind", f"127.0.0.1:{port}"],
                              env=env, cwd=_ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/v1/info", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        direct = DbDeskService(app, matcher_factory=FakeMatcher)
        me = direct.login("direct", PASSWORD, pyotp.TOTP(secrets["direct"]).now())
        remote = HttpDeskService(base)
        you = remote.login("remote", PASSWORD, pyotp.TOTP(secrets["remote"]).now())
        _loop(direct, me, 3), _loop(remote, you, 3)  # warm both paths up (connections, caches)
        d, r = _loop(direct, me, n), _loop(remote, you, n)
        print(f"decision -> next fully loaded, direct : {_ms(d)}")
        print(f"decision -> next fully loaded, service: {_ms(r)}  ratio (median) "
              f"{statistics.median(r) / statistics.median(d):.2f}")
        direct.claim(me, big_id, reason="benchmark: the 12 MP selfie")
        d = []
        for _ in range(20):
            t0 = time.perf_counter()
            direct.load_image(me, big_id, ROLE_SELFIE)
            d.append(time.perf_counter() - t0)
        direct.release(me, big_id)
        remote.claim(you, big_id, reason="benchmark: the 12 MP selfie")
        r = []
        for _ in range(20):
            t0 = time.perf_counter()
            remote.load_image(you, big_id, ROLE_SELFIE)
            r.append(time.perf_counter() - t0)
        print(f"12 MP selfie, direct : {_ms(d)}")
        print(f"12 MP selfie, service: {_ms(r)}  ratio (median) {statistics.median(r) / statistics.median(d):.2f}")
        decided = [r.application_id for r in DbSupervisorDesk(app).search_decisions(me, page_size=20).rows]
        _search(HttpSupervisorDesk(remote), you, decided[:3])  # warm-up
        d = _search(DbSupervisorDesk(app), me, decided)
        r = _search(HttpSupervisorDesk(remote), you, decided)
        print(f"search by number, direct : {_ms(d)}")
        print(f"search by number, service: {_ms(r)}  ratio (median) {statistics.median(r) / statistics.median(d):.2f}")
        remote.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        app.close()


if __name__ == "__main__":
    main()
