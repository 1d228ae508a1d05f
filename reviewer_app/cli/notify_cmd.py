"""`reviewer-app notify child-access|waiting|all`: the scheduled notices, for cron (daily is enough).

- `child-access`: the parent is told by SMS `child_access_notice_days` (30) days before a child's access ends.
- `waiting`: cases sent to the MFC that waited past their last day (`mfc_wait_days`, 30) are closed (status
  expired) and the applicant is told by SMS.
Both are idempotent (each grant and each case once, also when two runs overlap) and run as the system, like
intake and the worker. Exit code 0.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("notify", help="scheduled notices: a child's access ending, waiting cases expiring (cron)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    acts = p.add_subparsers(dest="notify_command", metavar="JOB", required=True)
    ca = acts.add_parser("child-access", help="tell parents whose access to a child's record ends soon")
    ca.add_argument("--days", type=int, metavar="N", help="days before the end (default: child_access_notice_days)")
    ca.set_defaults(handler=cmd_child_access)
    wt = acts.add_parser("waiting", help="close cases sent to the MFC that waited past their deadline")
    wt.set_defaults(handler=cmd_waiting)
    al = acts.add_parser("all", help="both jobs")
    al.set_defaults(handler=cmd_all)


def cmd_child_access(args: argparse.Namespace, app) -> int:
    from reviewer_app.domain.errors import ReviewerError
    from reviewer_app.services.notices import notify_child_access

    days = getattr(args, "days", None)
    if days is not None and days < 1:
        raise ReviewerError("--days: give a number of days of at least 1")
    run = notify_child_access(app, days_before=days)
    print(f"notify child-access: {len(run.notified)} parent(s) told, {len(run.no_phone)} without a login phone")
    return 0


def cmd_waiting(args: argparse.Namespace, app) -> int:
    from reviewer_app.services.waiting import expire_waiting

    run = expire_waiting(app)
    print(f"notify waiting: {len(run.expired)} case(s) expired, {len(run.no_sms)} without a mobile number"
          + (f" ({', '.join(run.expired)})" if run.expired else ""))
    return 0


def cmd_all(args: argparse.Namespace, app) -> int:
    cmd_child_access(args, app)
    return cmd_waiting(args, app)
