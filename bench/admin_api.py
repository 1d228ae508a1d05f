# ruff: noqa: E402  (the sys.path set-up must run before the imports)
"""The administrator's desk over the reviewer service against in process (not a test; issue 21 items 1 and 9).

    uv run python bench/admin_api.py DB_URL [STAFF] [ENTRIES]

DB_URL must name an empty scratch database (the schema is created in it), e.g.
    createdb -h 127.0.0.1 -U postgres bench_admin   ...   dropdb -h 127.0.0.1 -U postgres bench_admin
Seeds STAFF accounts (default 200) and about ENTRIES audit entries (default 20000), runs the service in a thread on
127.0.0.1 and measures, through HttpAdminDesk and through DbAdminDesk on the same database in the same run: the
staff list, an audit search by actor (200 entries), by application, and a full audit verify.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ROOT / "bench"]
sys.path[:0] = [str(_ROOT)]

import pyotp
from argon2 import PasswordHasher

from reviewer_app.api.app import create_app
from reviewer_app.api.server import Listen, ServiceThread
from reviewer_app.client import HttpDeskService
from reviewer_app.client.admin import HttpAdminDesk
from reviewer_app.config import load_settings
from reviewer_app.db import migrate
from reviewer_app.db.models import Staff
from reviewer_app.domain.admin import AuditQuery
from reviewer_app.services import audit, audit_anchor, staff
from reviewer_app.services.admin_desk import DbAdminDesk
from reviewer_app.services.context import AppContext
from reviewer_app.store.crypto import create_keys
from tests.integration.service.conftest import free_port


def _ms(samples: list[float]) -> str:
    s = sorted(samples)
    return (f"median {statistics.median(s) * 1000:.1f} ms, p95 {s[max(0, int(len(s) * .95) - 1)] * 1000:.1f} ms "
            f"(n={len(s)})")


def _time(fn, n: int) -> list[float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def _measure(label: str, desk, actor, n_staff: int, by_actor: AuditQuery, by_application: AuditQuery) -> None:
    print(f"{label}: staff list ({n_staff + 1}): {_ms(_time(lambda: desk.list_staff(actor), 30))}")
    print(f"{label}: audit search by actor: {_ms(_time(lambda: desk.search_audit(actor, by_actor), 30))}")
    print(f"{label}: audit search by application: "
          f"{_ms(_time(lambda: desk.search_audit(actor, by_application), 30))}")
    print(f"{label}: audit verify: {_ms(_time(lambda: desk.verify_audit(actor), 3))}")


def main() -> None:
    db_url = sys.argv[1]
    n_staff = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    n_entries = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    data = Path(tempfile.mkdtemp(prefix="bench-admin-"))
    create_keys(data / "keys" / "store.key")
    app = AppContext(load_settings(env={}, overrides={"db_url": db_url, "data_dir": data}))
    migrate.upgrade(app.raw_engine)
    first = staff.add_staff(app, None, name="root", role="admin", password="Admin-pass-123")
    root = staff.login(app, "root", "Admin-pass-123", pyotp.TOTP(first.secret).now())
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash("x" * 12)
    with app.uow() as s:
        for i in range(n_staff):
            s.add(Staff(name=f"user{i:04d}", role="reviewer", password_hash=cheap, created_at=app.clock.now()))
    t0 = time.perf_counter()
    batch = 1000
    for start in range(0, n_entries, batch):
        with app.uow() as s:
            for i in range(start, min(start + batch, n_entries)):
                audit.record(s, at=app.clock.now(), actor=f"user{i % n_staff:04d}", action="application.open",
                             target_type="application", target_id=f"EMK-2026-{i % 5000:06d}", details={"i": i})
    print(f"seeded {n_staff} staff and {n_entries} audit entries in {time.perf_counter() - t0:.1f} s")
    audit_anchor.init_anchor(app)

    service = ServiceThread(create_app(app), Listen("127.0.0.1", free_port())).start()
    try:
        time.sleep(31)  # the next TOTP step for the service's sign-in
        http = HttpDeskService(service.url)
        http.login("root", "Admin-pass-123", pyotp.TOTP(first.secret).now())
        over_http, direct = HttpAdminDesk(http), DbAdminDesk(app)
        by_actor = AuditQuery(actor="user0007", limit=200)
        by_application = AuditQuery(target="EMK-2026-000042")
        for label, desk, actor in (("service", over_http, http.signed_in), ("direct", direct, root)):
            _measure(label, desk, actor, n_staff, by_actor, by_application)
        http.close()
    finally:
        service.stop()
        app.close()


if __name__ == "__main__":
    main()
