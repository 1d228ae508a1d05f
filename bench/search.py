# ruff: noqa: E402  (the sys.path set-up must run before the imports)
"""Timing of the supervisors' "find a case" search over many decisions on PostgreSQL (not a test).

    uv run python bench/search.py --pg-url postgresql://postgres@127.0.0.1:5432/test [--decisions 1000000]

A scratch database is created next to the given one and dropped afterwards. It is filled in SQL
(generate_series: applications, applicants with 100 surnames x 40 first names, one decision each), analysed,
then each kind of look-up runs --repeat times through `supervision.search_decisions` (the service, with its
audit entry and commit): application number, passport in full, phone, the start of a name (surname + first name,
and a common surname alone), and a reviewer + outcome + month filter. Target: <= 300 ms each (p95).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ROOT / "bench"]
sys.path.insert(0, str(_ROOT))

from sqlalchemy import text

from bench.scratch_db import scratch_database
from reviewer_app.config import load_settings
from reviewer_app.db import migrate
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import FixedClock
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.search import name_key
from reviewer_app.services import supervision as sv
from reviewer_app.services.context import AppContext
from reviewer_app.store.crypto import create_keys

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
SURNAMES = [f"{base}{suffix}" for base in ("Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров",
                                           "Соколов", "Михайлов", "Новиков", "Фёдоров")
            for suffix in ("", "а", "ский", "ская", "ин", "ина", "ич", "енко", "ук", "ов")]
FIRST = ["Мария", "Анна", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Алёна", "Дарья",
         "Иван", "Пётр", "Сергей", "Андрей", "Алексей", "Дмитрий", "Михаил", "Николай", "Павел", "Юрий"] * 2


def seed(engine, n: int) -> None:
    t0 = time.perf_counter()
    surnames = "ARRAY[" + ",".join(f"'{s}'" for s in SURNAMES) + "]"
    firsts = "ARRAY[" + ",".join(f"'{s}'" for s in FIRST) + "]"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO staff (name, role, password_hash, created_at, disabled, failed_logins) "
                          "SELECT 'bench' || g, 'reviewer', 'x', :now, false, 0 FROM generate_series(0, 7) g")
                     .bindparams(now=NOW))
        conn.execute(text("""
            INSERT INTO applications (id, kind, status, submitted_at, received_at, sla_deadline, person_key,
                                      pack_json, pack_sha256, rule_version, prescore_state, version)
            SELECT 'S-' || lpad(g::text, 8, '0'), 'own_access', 'decided', :now - g * interval '30 seconds',
                   :now - g * interval '30 seconds', DATE '2026-11-27',
                   encode(sha256(('passport:' || lpad(g::text, 10, '0'))::bytea), 'hex'), '{}', md5(g::text),
                   'bench', 'done', 2
            FROM generate_series(0, :n - 1) g""").bindparams(now=NOW, n=n))
        conn.execute(text(f"""
            INSERT INTO applicants (application_id, last_name, first_name, middle_name, birth_date, phone_e164,
                                    passport_series, passport_number, account_confirmed_at_mfc,
                                    biometric_consent, name_key)
            SELECT 'S-' || lpad(g::text, 8, '0'), s, f, NULL, DATE '1990-05-17', '+79' || lpad(g::text, 9, '0'),
                   substr(lpad(g::text, 10, '0'), 1, 4), substr(lpad(g::text, 10, '0'), 5), false, true,
                   replace(lower(s || ' ' || f), 'ё', 'е')
            FROM (SELECT g, ({surnames})[1 + g % {len(SURNAMES)}] s, ({firsts})[1 + (g / 7) % {len(FIRST)}] f
                  FROM generate_series(0, :n - 1) g) t""").bindparams(n=n))
        conn.execute(text("""
            INSERT INTO decisions (application_id, staff_id, outcome, reason_code, decided_at, claimed_at,
                                   application_version, kind, rule_version, checks_snapshot, prescore_snapshot,
                                   prescore_band, is_override, sla_breached, second_review)
            SELECT 'S-' || lpad(g::text, 8, '0'), (SELECT min(id) FROM staff) + g % 8,
                   CASE WHEN g % 5 = 0 THEN 'reject' ELSE 'approve' END,
                   CASE WHEN g % 5 = 0 THEN 'photo_unclear' END, :now - g * interval '20 seconds',
                   :now - g * interval '20 seconds' - interval '4 minutes', 1, 'own_access', 'bench', '[]',
                   NULL, 'match', false, g % 50 = 0, ''
            FROM generate_series(0, :n - 1) g""").bindparams(now=NOW, n=n))
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    print(f"seeded {n} applications, applicants and decisions in {time.perf_counter() - t0:.1f} s")


def timed(app, actor, label: str, query: sv.DecisionQuery, repeat: int) -> None:
    times, found = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        page = sv.search_decisions(app, actor, query, page_size=50)
        times.append((time.perf_counter() - t0) * 1000)
        found = len(page.rows)
    times.sort()
    print(f"{label:<40} found {found:>3}  median {statistics.median(times):6.1f} ms  "
          f"p95 {times[max(0, int(len(times) * .95) - 1)]:6.1f} ms  max {times[-1]:6.1f} ms")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pg-url", required=True)
    p.add_argument("--decisions", type=int, default=1_000_000)
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--keep", action="store_true")
    args = p.parse_args()
    n = args.decisions
    with scratch_database(args.pg_url, keep=args.keep) as url, tempfile.TemporaryDirectory() as tmp:
        create_keys(Path(tmp) / "keys" / "store.key")
        app = AppContext(load_settings(env={}, overrides={"db_url": url, "data_dir": tmp}), clock=FixedClock(NOW))
        migrate.upgrade(app.raw_engine)
        seed(app.raw_engine, n)
        with app.uow() as s:
            sup = s.execute(text("INSERT INTO staff (name, role, password_hash, created_at, disabled, "
                                 "failed_logins) VALUES ('olga', 'supervisor', 'x', :now, false, 0) RETURNING id")
                            .bindparams(now=NOW)).scalar_one()
        actor = Actor(sup, "olga", StaffRole.SUPERVISOR)
        mid = n // 2
        assert name_key("Иванова", "Мария") == "иванова мария"
        timed(app, actor, "application number", sv.DecisionQuery(application_id=f"s-{mid:08d}"), args.repeat)
        timed(app, actor, "passport in full", sv.DecisionQuery(passport=f"{mid:010d}"), args.repeat)
        timed(app, actor, "phone", sv.DecisionQuery(phone=f"+7 9{mid:09d}"[:16]), args.repeat)
        timed(app, actor, "name: surname + first name", sv.DecisionQuery(name="Иванова Мария"), args.repeat)
        timed(app, actor, "name: surname + start of first", sv.DecisionQuery(name="петровская ал"), args.repeat)
        timed(app, actor, "name: a common surname alone", sv.DecisionQuery(name="Иванов"), args.repeat)
        timed(app, actor, "name: nobody", sv.DecisionQuery(name="Зайцева"), args.repeat)
        timed(app, actor, "reviewer + outcome + a month", sv.DecisionQuery(
            reviewer="bench3", outcome="reject", date_from=date(2026, 10, 28), date_to=date(2026, 11, 27)),
            args.repeat)
        app.close()


if __name__ == "__main__":
    main()
