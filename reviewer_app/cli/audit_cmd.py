"""`reviewer-app audit verify|search|show`: check the hash chain, or list entries.

`verify` runs beside the service with its settings (the audit key), or with `reviewer-app --service URL` as a call
to the service under a staff login; `search` (also called `show`) likewise, through `services.admin_desk`.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from reviewer_app.cli import auth, remote
from reviewer_app.cli.terminal import printable
from reviewer_app.domain.admin import AuditQuery
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.errors import ReviewerError, brief

PAGE = 1000  # entries per call to the audit search


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="verify or search the audit trail")
    a_sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = a_sub.add_parser("verify", help="check every entry's seal and the signed checkpoints; exit 1 and name the "
                                        "first bad entry or the missing tail; checkpoint the head if intact")
    auth.add_login_options(v)  # only with --service: beside the service nobody signs in
    v.set_defaults(handler=verify, remote=True)
    i = a_sub.add_parser("init-anchor", help="initialise 'audit_anchor' on a new installation: verify the chain and "
                                             "sign its head as the first checkpoint (refused once it has any)")
    i.set_defaults(handler=init_anchor)
    c = a_sub.add_parser("checkpoint", help="sign the chain's head into 'audit_anchor' after checking the entries "
                                            "since the last checkpoint (run it from cron)")
    c.set_defaults(handler=checkpoint)
    s = a_sub.add_parser("search", aliases=["show"], help="list audit entries, oldest first (the search is audited)")
    s.add_argument("--target", help="target id (application id, staff id, document hash...)")
    s.add_argument("--application", dest="target", help="the same as --target: an application's number")
    s.add_argument("--actor", help="who acted (staff name or 'system')")
    s.add_argument("--action", help="action name, e.g. decision.make")
    s.add_argument("--since", type=_parse_date, help="from this date (YYYY-MM-DD, Moscow time)")
    s.add_argument("--until", type=_parse_date, help="up to and including this date (YYYY-MM-DD, Moscow time)")
    s.add_argument("--limit", type=int, default=200, help="at most this many entries (default 200)")
    s.add_argument("--json", action="store_true", help="one JSON object per line")
    auth.add_login_options(s)
    s.set_defaults(handler=show, remote=True)
    al = a_sub.add_parser("alerts", help="documents that failed their integrity check (tampered), newest first")
    al.add_argument("--limit", type=int, default=50)
    auth.add_login_options(al)
    al.set_defaults(handler=alerts)


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {brief(value)}") from None


def _anchor_missing(report) -> int:
    print(f"audit anchor MISSING: {report.where} holds no signed checkpoint, so a chain cut short could not be told "
          "from an intact one; nothing was signed. A new installation initialises it once with `reviewer-app audit "
          "init-anchor`; on a running one the checkpoints were removed: restore them from a backup")
    return 1


def init_anchor(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import audit_anchor
    report = audit_anchor.init_anchor(app)
    if report.brk is not None:
        print(f"audit chain BROKEN at entry {report.brk.entry_id}: {report.brk.problem}; the anchor was not "
              "initialised")
        return 1
    head = report.written.head_id if report.written is not None else 0
    print(f"audit anchor initialised ({report.where}): {report.count} entries verified, the first checkpoint signs "
          f"entry {head}")
    return 0


def _verify_through_service(args: argparse.Namespace, app) -> int:
    with remote.admin_desk(args, app) as (desk, actor):
        check = desk.verify_audit(actor)
    where = f"the service at {remote.url(args)}"
    if check.anchor_missing:
        print(f"audit anchor MISSING at {where}: no signed checkpoint, so a chain cut short could not be told from "
              "an intact one; nothing was signed. A new installation initialises it once with `reviewer-app audit "
              "init-anchor` beside the service; on a running one the checkpoints were removed: restore them")
        return 1
    if check.broken_entry is None:
        print(f"audit chain intact: {check.entries} entries, {check.checkpoints} signed checkpoint(s) matched "
              f"({where})")
        if check.signed_head is not None:
            print(f"checkpoint signed: entry {check.signed_head}")
        return 0
    print(f"audit chain BROKEN at entry {check.broken_entry}: {check.problem} (checked {check.entries} entries)")
    return 1


def verify(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import audit_anchor
    if remote.url(args):
        return _verify_through_service(args, app)
    report = audit_anchor.verify(app)
    if report.anchor_missing:
        return _anchor_missing(report)
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
    if report.anchor_missing:
        return _anchor_missing(report)
    if report.brk is not None:
        print(f"audit chain BROKEN at entry {report.brk.entry_id}: {report.brk.problem}; nothing signed")
        return 1
    if report.written is None:
        print(f"nothing new since the last checkpoint ({report.where})")
    else:
        print(f"checkpoint signed: entry {report.written.head_id} ({report.count} new entries checked, "
              f"{report.where})")
    return 0


def _search(args: argparse.Namespace, app) -> list:
    """The entries, a page of at most PAGE at a time (the service's limit per call) up to --limit."""
    entries: list = []
    with remote.admin_desk(args, app) as (desk, actor):
        while len(entries) < args.limit:
            query = AuditQuery(actor=args.actor, action=args.action, target=args.target, since=args.since,
                               until=args.until, limit=min(PAGE, args.limit - len(entries)),
                               after_id=entries[-1].id if entries else 0)
            problems = query.problems()
            if problems:
                raise ReviewerError("audit search: " + "; ".join(problems))
            page = desk.search_audit(actor, query)
            entries.extend(page)
            if len(page) < query.limit:
                break
    return entries


def show(args: argparse.Namespace, app) -> int:
    if args.limit <= 0:
        raise ReviewerError("--limit must be a positive number")
    entries = _search(args, app)
    for e in entries:  # names and details come from packs and logins: control characters are shown, not sent
        if args.json:
            print(printable(json.dumps({"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
                                        "target_type": e.target_type, "target_id": e.target_id,
                                        "details": e.details}, ensure_ascii=False)))
        else:
            stamp = e.at.astimezone(MOSCOW).strftime("%Y-%m-%d %H:%M:%S")
            details = json.dumps(e.details, ensure_ascii=False) if e.details else ""
            print(f"{e.id:>8}  {stamp}  {printable(e.actor):<16} {printable(e.action):<28} "
                  f"{printable(e.target_type)}:{printable(e.target_id)}  {printable(details)}")
    if not args.json:
        print(f"({len(entries)} entries)")
    return 0


def alerts(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import integrity

    rows = integrity.integrity_failures(app, auth.staff_actor(app, args, "audit alerts"), limit=args.limit)
    if not rows:
        print("no integrity failures")
    for r in rows:
        stamp = r.at.astimezone(MOSCOW).strftime("%Y-%m-%d %H:%M:%S")
        print(f"{stamp}  TAMPERED {r.sha256[:16]}…  application {printable(r.application_id or '?')} "
              f"({printable(r.role or '?')}), read by {printable(r.reader)}: {printable(r.problem)}")
    return 1 if rows else 0
