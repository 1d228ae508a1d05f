"""`reviewer-app stats [--from D --to D] [--csv FILE] [--pdf FILE]`: decision statistics (exports audited)."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path

from reviewer_app.cli import auth
from reviewer_app.cli.audit_cmd import _parse_date
from reviewer_app.domain.clock import moscow_date


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="decision statistics; export as CSV or PDF")
    p.add_argument("--from", dest="date_from", type=_parse_date, help="first day (default: 30 days ago)")
    p.add_argument("--to", dest="date_to", type=_parse_date, help="last day (default: today, Moscow time)")
    p.add_argument("--csv", type=Path, help="write the tables to this CSV file")
    p.add_argument("--pdf", type=Path, help="write a PDF report with a chart to this file")
    p.add_argument("--lang", choices=("en", "ru"), default="en", help="the language of the CSV and PDF (words, "
                                                                      "not codes; default English)")
    auth.add_login_options(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import audit, reports, stats
    actor = auth.staff_actor(app, args, "stats")
    date_to = args.date_to or moscow_date(app.clock.now())
    date_from = args.date_from or date_to - timedelta(days=29)
    st = stats.compute(app, actor, date_from, date_to)
    print(f"{date_from} .. {date_to}: {st.total} decisions")
    for load in st.workload:
        med = "-" if load.median_minutes is None else f"{load.median_minutes:.1f} min"
        print(f"  {load.reviewer:<20} {load.handled:>6} handled, median {med}")
    comp = st.sla_compliance
    print(f"SLA: {st.sla_met} met, {st.sla_breached} breached" + ("" if comp is None else f" ({comp:.1%})"))
    for reason, n in st.reject_reasons:
        print(f"  reason {reason:<24} {n:>6}")
    print("AUC (pre-score vs approve): " + ("-" if st.auc is None else f"{st.auc:.3f}") + f" over {st.scored}")
    for fmt, path, writer in (("csv", args.csv, reports.write_csv), ("pdf", args.pdf, reports.write_pdf)):
        if path is None:
            continue
        writer(st, path, lang=args.lang)
        with app.uow() as s:  # the export leaves the system: record who took what
            audit.record(s, at=app.clock.now(), actor=actor.name, action="export", target_type="report",
                         target_id=f"stats-{fmt}", details={"format": fmt, "lang": args.lang, "path": str(path),
                                                             "from": str(date_from), "to": str(date_to),
                                                             "decisions": st.total})
        print(f"wrote {path}")
    return 0
