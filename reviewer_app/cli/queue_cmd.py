"""`reviewer-app queue status|list`: the queue at a glance (dates are Europe/Moscow calendar dates).

status: counts by state, by kind (open applications) and by SLA band (overdue, due today, later).
list:   applications in queue order (SLA deadline, then submission); document numbers are masked.
"""

from __future__ import annotations

import argparse

from reviewer_app.cli import auth
from reviewer_app.cli.terminal import printable
from reviewer_app.domain.enums import ApplicationKind, ApplicationStatus


def register(sub: argparse._SubParsersAction) -> None:
    q = sub.add_parser("queue", help="queue status and lists", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    qs = q.add_subparsers(dest="queue_command", metavar="ACTION", required=True)
    st = qs.add_parser("status", help="counts by state, kind and SLA band")
    auth.add_login_options(st)
    st.set_defaults(handler=status)
    ls = qs.add_parser("list", help="applications in queue order, document numbers masked")
    ls.add_argument("--state", choices=[s.value for s in ApplicationStatus])
    ls.add_argument("--kind", choices=[k.value for k in ApplicationKind])
    ls.add_argument("--overdue", action="store_true", help="only open applications past their SLA deadline")
    ls.add_argument("--limit", type=int, default=50, metavar="N")
    auth.add_login_options(ls)
    ls.set_defaults(handler=list_cmd)


def status(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import queue_service

    st = queue_service.status(app, auth.staff_actor(app, args, "queue status"))
    print(f"queue on {st.today} (Moscow)")
    print("by state:")
    for name in [s.value for s in ApplicationStatus]:
        print(f"  {name:<24}{st.by_status().get(name, 0):>8}")
    print("open, by kind:")
    for name, n in sorted(st.by_kind().items()):
        print(f"  {name:<24}{n:>8}")
    bands = st.by_band()
    print("open, by SLA:")
    for name, label in (("overdue", "overdue"), ("due_today", "due today"), ("later", "later")):
        print(f"  {label:<24}{bands.get(name, 0):>8}")
    return 0


def list_cmd(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import queue_service

    if args.limit < 1:
        print("queue list: --limit must be at least 1")
        return 2
    actor = auth.staff_actor(app, args, "queue list")
    rows = queue_service.list_queue(app, actor, state=args.state, kind=args.kind, overdue=args.overdue,
                                    limit=args.limit)
    if not rows:
        print("no applications")
        return 0
    print(f"{'id':<20} {'kind':<14} {'state':<22} {'deadline':<10} {'sla':<9} {'applicant':<24} "
          f"{'passport':<12} holder")
    for r in rows:
        # A case sent to the MFC has answered in time: it shows the last day it waits for the visit instead.
        deadline, sla = (r.waiting_until, "waiting") if r.waiting_until and r.status == "in_person_required" \
            else (r.sla_deadline, r.sla_band)
        print(f"{r.application_id:<20} {r.kind:<14} {r.status:<22} {deadline.isoformat():<10} "
              f"{sla:<9} {printable(r.applicant[:24]):<24} {r.passport:<12} {r.claimed_by or ''}")
    return 0
