# ruff: noqa: E402, I001  (the sys.path set-up must run before the imports)
"""Timing of the access use cases on a fresh database (not a test).

    uv run python bench/access.py [N] [DB_URL]

Default: N=200 decisions on a temporary SQLite file, then N/2 citizen logins (code sent + verified).
DB_URL must name an empty scratch database (the schema is created in it), e.g. on PostgreSQL:
    createdb -h 127.0.0.1 -U postgres bench_access   ...   dropdb -h 127.0.0.1 -U postgres bench_access
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
# bench/queue.py would shadow the standard library's `queue`: put the repository root first instead of bench/.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ROOT / "bench"]
sys.path[:0] = [str(_ROOT), str(_ROOT / "tests" / "integration")]

from sqlalchemy import select

from access import factories as f
from reviewer_app.config import load_settings
from reviewer_app.db import migrate
from reviewer_app.db.models import SmsMessage
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import FixedClock
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import citizen_login, decisions, sms_dispatch
from reviewer_app.services.context import AppContext
from reviewer_app.store.crypto import create_keys


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    tmp = Path(tempfile.mkdtemp())
    create_keys(tmp / "keys" / "store.key")
    url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{tmp / 'bench.db'}"
    app = AppContext(load_settings(env={}, overrides={"db_url": url, "data_dir": tmp}),
                     clock=FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC)))
    migrate.upgrade(app.raw_engine)
    reviewer = Actor(f.add_staff(app, "bench"), "bench", StaffRole.REVIEWER)
    phones = [f"+7916{i:07d}" for i in range(n)]
    ids = [f.add_application(app, reviewer.staff_id, phone=phones[i], passport=f"45{i:08d}") for i in range(n)]
    t = []
    for app_id in ids:
        t0 = time.perf_counter()
        decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
        t.append(time.perf_counter() - t0)
    print(f"decide(approve): n={n} median {statistics.median(t) * 1000:.1f} ms, "
          f"p95 {sorted(t)[int(n * .95) - 1] * 1000:.1f} ms, {n / sum(t):.0f}/s")
    t = []
    for phone in phones[: n // 2]:
        t0 = time.perf_counter()
        citizen_login.request_code(app, phone)
        with app.sessions() as s:
            msg = s.scalar(select(SmsMessage).where(SmsMessage.phone_e164 == phone, SmsMessage.purpose == "otp"))
        body = sms_dispatch.text_to_send(app, msg)  # the code is sealed for the sender, masked in `body`
        citizen_login.verify_code(app, phone, re.search(r"\d{6}", body).group(0))
        t.append(time.perf_counter() - t0)
    print(f"login (send + verify): n={len(t)} median {statistics.median(t) * 1000:.1f} ms, "
          f"p95 {sorted(t)[int(len(t) * .95) - 1] * 1000:.1f} ms")
    app.close()


if __name__ == "__main__":
    main()
