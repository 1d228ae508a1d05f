"""Benchmark: every rule over 10,000 parsed applications in memory (no disk I/O, no schema validation).

    uv run python bench/checks.py [N]

Target: at least 5,000 applications a second on one core.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from reviewer_app.domain.application import Application
from reviewer_app.domain.registry import BirthRecord
from reviewer_app.policy import load_rule_table, run_all_checks
from reviewer_app.policy.calendar import warm_calendar
from reviewer_app.registry import InMemoryRegistry

KINDS = ["own_access", "child_access", "change_access", "cancel_access", "opt_out", "opt_in"]


def make(i: int, rng: random.Random) -> tuple[Application, BirthRecord]:
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 60))
    issued = max(birth + timedelta(days=365 * 14 + 30), date(1998, 1, 1))
    submitted = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 900))
    child_birth = submitted - timedelta(days=rng.randrange(30, 365 * 14))
    cert_issued = child_birth + timedelta(days=20)
    series = f"45{issued.year % 100:02d}"
    cert_no = f"{i:06d}"
    raw = {
        "format": 1, "id": f"EMK-{i:06d}", "kind": KINDS[i % len(KINDS)],
        "submitted_at": f"{submitted.isoformat()}T10:{i % 60:02d}:00+03:00",
        "applicant": {
            "last_name": "Иванова", "first_name": "Мария", "middle_name": "Петровна",
            "birth_date": birth.isoformat(), "phone": f"+7 916 {rng.randrange(1000000):07d}",
            "snils": "112-233-445 95",
            "passport": {"series": series, "number": f"{rng.randrange(10**6):06d}",
                         "issued_on": issued.isoformat(), "division_code": "770-001"},
            "oms_policy": {"number": "7700000000000008", "region": "77"},
        },
        "child": {
            "last_name": "Иванов", "first_name": "Пётр", "middle_name": "Сергеевич",
            "birth_date": child_birth.isoformat(),
            "oms_policy": {"number": "5049123456789017", "region": "77"},
            "birth_certificate": {"series": "IV-МЮ", "number": cert_no, "issued_on": cert_issued.isoformat(),
                                  "country": "RU"},
        },
        "documents": {"selfie_with_passport": "selfie.jpg"},
    }
    if raw["kind"] != "child_access":
        del raw["child"]
    record = BirthRecord.from_dict({
        "certificate": {"series": "IV-МЮ", "number": cert_no, "issued_on": cert_issued.isoformat()},
        "child": {"last_name": "Иванов", "first_name": "Пётр", "middle_name": "Сергеевич",
                  "birth_date": child_birth.isoformat()},
        "parents": [{"last_name": "Иванова", "first_name": "Мария", "middle_name": "Петровна",
                     "birth_date": birth.isoformat()}],
    })
    return Application.from_dict(raw), record


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rng = random.Random(42)
    pairs = [make(i, rng) for i in range(n)]
    apps = [a for a, _ in pairs]
    registry = InMemoryRegistry(r for _, r in pairs)
    table = load_rule_table()
    warm_calendar(table)  # the per-year working-day sets are built once per process
    start = time.perf_counter()
    checks = 0
    for app in apps:
        report = run_all_checks(app, today=date(2026, 6, 1), table=table, registry=registry, is_colour=True)
        checks += len(report.results)
    elapsed = time.perf_counter() - start
    print(f"{n} applications, {checks} checks in {elapsed:.3f} s: {n / elapsed:,.0f} applications/s "
          f"({checks / elapsed:,.0f} checks/s); target 5,000 applications/s")


if __name__ == "__main__":
    main()
