"""`reviewer-app retention purge --older-than 30d [--dry-run]`: destroy old document images."""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewer_app.cli import auth


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("retention", help="destroy document images past retention (the audit keeps hashes)")
    r_sub = p.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    purge = r_sub.add_parser("purge", help="purge images of applications decided more than N days ago")
    purge.add_argument("--older-than", default=None, help="age like 30d (default: setting retention_days)")
    purge.add_argument("--dry-run", action="store_true", help="only say what would be purged")
    purge.add_argument("--drop-folder", type=Path, default=None, metavar="DIR",
                       help="the intake drop folder to clean too (default: setting drop_dir)")
    auth.add_login_options(purge)
    purge.set_defaults(handler=run_purge)


def run_purge(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import retention
    days = retention.parse_age(args.older_than) if args.older_than else None
    actor = auth.staff_actor(app, args, "retention purge")
    res = retention.purge(app, actor, older_than_days=days, dry_run=args.dry_run, drop_dir=args.drop_folder)
    for line in report(res):
        print(line)
    return 0


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def report(res) -> list[str]:
    """What was (or would be) removed, per kind, in words."""
    lines = [f"{'would purge' if res.dry_run else 'purged'} {_n(res.documents, 'document', 'documents')} of "
             f"{_n(len(res.applications), 'application', 'applications')} decided more than {res.cutoff_days} "
             f"days ago: {_n(len(res.deleted_hashes), 'image file', 'image files')} "
             f"{'to delete' if res.dry_run else 'deleted'}, {len(res.kept_shared)} kept (shared with live documents)",
             f"  face descriptors (the face-duplicate search) {'to delete' if res.dry_run else 'deleted'}: "
             f"{res.face_descriptors}",
             f"  face-encoding cache entries {'to delete' if res.dry_run else 'deleted'}: {res.encoding_cache}"]
    if res.drop_dir is None:
        lines.append("  drop folder: none configured (setting drop_dir or --drop-folder); the intake watcher "
                     "deletes its old refused packs itself")
    else:
        lines.append(f"  drop folder {res.drop_dir}: "
                     f"{_n(res.processed_copies, 'processed pack copy', 'processed pack copies')} of these "
                     f"applications and {_n(res.refused_packs, 'refused pack', 'refused packs')} older than "
                     f"{res.cutoff_days} days {'to delete' if res.dry_run else 'deleted'}")
    if res.orphans:
        lines.append(f"  stored files no document names (left by refused or killed imports): {len(res.orphans)}")
    lines.extend(f"  {app_id}" for app_id in res.applications)
    return lines
