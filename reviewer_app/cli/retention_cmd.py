"""`reviewer-app retention purge --older-than 30d [--dry-run]`: destroy old document images."""

from __future__ import annotations

import argparse

from reviewer_app.cli import auth


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("retention", help="destroy document images past retention (the audit keeps hashes)")
    r_sub = p.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    purge = r_sub.add_parser("purge", help="purge images of applications decided more than N days ago")
    purge.add_argument("--older-than", default=None, help="age like 30d (default: setting retention_days)")
    purge.add_argument("--dry-run", action="store_true", help="only say what would be purged")
    auth.add_login_options(purge)
    purge.set_defaults(handler=run_purge)


def run_purge(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import retention
    days = retention.parse_age(args.older_than) if args.older_than else None
    actor = auth.staff_actor(app, args, "retention purge")
    res = retention.purge(app, actor, older_than_days=days, dry_run=args.dry_run)
    verb = "would purge" if res.dry_run else "purged"
    print(f"{verb} {res.documents} document(s) of {len(res.applications)} application(s) decided more than "
          f"{res.cutoff_days} days ago; {len(res.deleted_hashes)} file(s) "
          f"{'to delete' if res.dry_run else 'deleted'}, {len(res.kept_shared)} kept (shared with live documents)")
    if res.orphans:
        print(f"deleted {len(res.orphans)} stored file(s) no document names (left by refused or killed imports)")
    for app_id in res.applications:
        print(f"  {app_id}")
    return 0
