"""`reviewer-app audit verify|show`: check the hash chain, or list entries."""

from __future__ import annotations

import argparse
import getpass
import json
from datetime import date, datetime, time

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import ReviewerError


def operator() -> Actor:
    """Who acts for a command run at the server console: an administrator named after the OS user (the person
    holds the database credentials anyway); the name goes into the audit trail."""
    return Actor(staff_id=None, name=f"cli:{getpass.getuser()}"[:64], role=StaffRole.ADMIN)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="verify or search the audit trail")
    a_sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = a_sub.add_parser("verify", help="check every entry's seal and the signed checkpoints; exit 1 and name the "
                                        "first bad entry or the missing tail; checkpoint the head if intact")
    v.set_defaults(handler=verify)
    c = a_sub.add_parser("checkpoint", help="sign the chain's head into 'audit_anchor' after checking the entries "
                                            "since the last checkpoint (run it from cron)")
    c.set_defaults(handler=checkpoint)
    s = a_sub.add_parser("show", help="list audit entries, oldest first")
    s.add_argument("--target", help="target id (application id, staff name, document hash...)")
    s.add_argument("--actor", help="who acted (staff name or 'system')")
    s.add_argument("--action", help="action name, e.g. decision.make")
    s.add_argument("--since", type=_parse_date, help="from this date (YYYY-MM-DD, Moscow time)")
    s.add_argument("--limit", type=int, default=200, help="at most this many entries (default 200)")
    s.add_argument("--json", action="store_true", help="one JSON object per line")
    s.set_defaults(handler=show)


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def verify(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import audit_anchor
    report = audit_anchor.verify(app)
    if report.brk is None:
        print(f"audit chain intact: {report.count} entries, {report.checkpoints} signed checkpoint(s) matched "
              f"({report.where})")
        if report.written is not None:
            print(f"checkpoint signed: entry {report.written.head_id}")
        return 0
    print(f"audit chain BROKEN at entry {report.brk.entry_id}: {report.brk.problem} (checked {report.count} entries)")
    return 1


def checkpoint(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import audit_anchor
    report = audit_anchor.checkpoint(app)
    if report.brk is not None:
        print(f"audit chain BROKEN at entry {report.brk.entry_id}: {report.brk.problem}; nothing signed")
        return 1
    if report.written is None:
        print(f"nothing new since the last checkpoint ({report.where})")
    else:
        print(f"checkpoint signed: entry {report.written.head_id} ({report.count} new entries checked, "
              f"{report.where})")
    return 0


def show(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import audit
    if args.limit <= 0:
        raise ReviewerError("--limit must be a positive number")
    since = datetime.combine(args.since, time(0), MOSCOW) if args.since else None
    with app.sessions() as s:
        entries = audit.search(s, target=args.target, actor=args.actor, action=args.action, since=since,
                               limit=args.limit)
    for e in entries:
        if args.json:
            print(json.dumps({"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
                              "target_type": e.target_type, "target_id": e.target_id, "details": e.details},
                             ensure_ascii=False))
        else:
            stamp = e.at.astimezone(MOSCOW).strftime("%Y-%m-%d %H:%M:%S")
            details = json.dumps(e.details, ensure_ascii=False) if e.details else ""
            print(f"{e.id:>8}  {stamp}  {e.actor:<16} {e.action:<28} {e.target_type}:{e.target_id}  {details}")
    if not args.json:
        print(f"({len(entries)} entries)")
    return 0
