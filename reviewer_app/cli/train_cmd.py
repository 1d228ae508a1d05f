"""`reviewer-app train [PACKS_DIR] [--screenshot DIR]` and `reviewer-app train report`: training mode.

Prepares the training database (data_dir/training/training.db, marked purpose=training, its own documents),
loads packs with their answer key (PACKS_DIR, default sample_data/), then starts the workstation on it when the
GUI is installed. `train report` prints a trainee's session report as text.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, time
from pathlib import Path

from reviewer_app.cli.audit_cmd import _parse_date
from reviewer_app.cli.display import display_problem
from reviewer_app.cli.terminal import printable, printable_lines
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.errors import ReviewerError

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "sample_data"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="training mode on its own database (never the production one)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("target", nargs="?", default=None,
                   help="a folder of packs with answer_key.json (default: sample_data/), or 'report'")
    p.add_argument("--screenshot", type=Path, help="render the screens offscreen into this folder and exit")
    p.add_argument("--no-gui", action="store_true", help="only prepare the training database")
    p.add_argument("--trainees", type=int, default=3, metavar="N",
                   help="practice accounts trainee1..N (and trainer), fresh credentials each start (default 3)")
    p.add_argument("--trainee", help="report: only this trainee")
    p.add_argument("--since", type=_parse_date, help="report: decisions from this day on")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, app) -> int:
    # Only the settings of `app` are used: the production database is never opened by training.
    from reviewer_app.services import audit, training
    if args.target == "report":
        return report(args, app)
    ctx = training.open_training(app.settings, clock=app.clock)
    try:
        packs = Path(args.target) if args.target else SAMPLE_DATA
        with ctx.uow() as s:
            audit.record(s, at=ctx.clock.now(), actor="system", action="training.start", target_type="training",
                         target_id=str(packs)[-64:], details={"db": ctx.settings.db_url})
        res = training.load_packs(ctx, packs)
        accounts = training.practice_accounts(ctx, args.trainees)
        print(f"training database: {ctx.settings.db_url}")
        print(f"loaded {res.imported} new application(s) ({res.skipped} already there), {res.answers} answer(s), "
              f"{res.registry_records} civil-registry record(s)")
        if res.history_citizens or res.history_mfc_desk_records:
            print(f"history (history.json): {res.history_citizens} citizen login(s) already there, "
                  f"{res.history_mfc_desk_records} MFC confirmation(s) recorded at a desk, waiting for a supervisor")
        for msg in res.refused:
            print(f"  refused: {printable(msg)}")
        for msg in res.refused_as_expected:
            print(f"  refused at intake, as the answer key expects: {printable(msg)}")
        print("practice accounts (new passwords each start; the TOTP codes are in the window's banner):")
        for a in accounts:
            print(f"  {a.role:<10} name {a.name:<10} password {a.password}  TOTP secret {a.totp_secret}")
        if args.no_gui:
            return 0
        return _start_gui(args, ctx, args.screenshot, [a.as_tuple() for a in accounts])
    finally:
        ctx.close()


def _start_gui(args: argparse.Namespace, ctx, screenshot: Path | None, accounts) -> int:
    # The UI is the layer above the CLI: the workstation starter is handed in by reviewer_app.entry.
    workstation = getattr(args, "workstation", None)
    if workstation is None:
        print("the workstation is not part of this command line; use `reviewer-app train report` for the results")
        return 0
    if screenshot is None:
        problem = display_problem()
        if problem:
            raise ReviewerError(problem)
    from reviewer_app.cli.gui_cmd import local_service

    service, desk = local_service(ctx)  # the trainee's desk works through the service, as in production
    try:
        return workstation.training(ctx, desk=desk, screenshot=screenshot, accounts=accounts)
    finally:
        desk.close()
        service.stop()


def report(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import training
    ctx = training.open_training(app.settings, clock=app.clock)
    try:
        since = datetime.combine(args.since, time(0), MOSCOW) if isinstance(args.since, date) else None
        report = training.session_report(ctx, trainee=args.trainee, since=since).text()
        print(printable_lines(report))  # names and ids come from packs
    finally:
        ctx.close()
    return 0
