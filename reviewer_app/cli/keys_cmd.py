"""`reviewer-app keys init|id|rotate`: the document-store key and the audit key (owner-only files)."""

from __future__ import annotations

import argparse

from reviewer_app.cli import auth


def register(sub: argparse._SubParsersAction) -> None:
    keys = sub.add_parser("keys", help="manage the encryption key for documents and secrets, and the audit key")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    init = keys_sub.add_parser("init", help="create the missing keys (never overwrites one, never over sealed data)")
    init.set_defaults(handler=init_key)
    kid = keys_sub.add_parser("id", help="show the configured key's id and the one the database expects")
    kid.set_defaults(handler=show_ids)
    rot = keys_sub.add_parser("rotate", help="re-seal documents and secrets under a new key (stop desks and "
                                             "workers first; run it again if it was interrupted)")
    auth.add_login_options(rot)
    rot.set_defaults(handler=rotate)


def init_key(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import keys

    report = keys.init_keys(app)
    for line in report.created:
        print(f"created {line} (mode 0600). Back it up: what it seals cannot be read without it.")
    for line in report.kept:
        print(f"kept    {line}")
    return 0


def show_ids(args: argparse.Namespace, app) -> int:
    from sqlalchemy.orm import Session

    from reviewer_app.db import keyprint
    from reviewer_app.store.crypto import key_id

    mine = key_id(app.master_key)
    with Session(app.engine) as s:
        recorded = keyprint.recorded_key_id(s)
    print(f"configured key: {mine} ({app.key_origin()})")
    print(f"database key:   {recorded or '(none recorded yet)'}")
    if recorded is not None and recorded != mine:
        print("they differ: this installation would be refused. Point 'key_file' at the key with the database's id.")
        return 1
    return 0


def rotate(args: argparse.Namespace, app) -> int:
    """An administrator's command (`--as ADMIN`, or an administrator service account): it rewrites every sealed
    secret. A rotation resumed after a crash may already have re-sealed the person's TOTP secret; the service
    account (password only) logs in then."""
    from reviewer_app.domain.permissions import Permission
    from reviewer_app.services import authz, keys

    app.skip_key_check = True  # a rotation in progress refuses every other process; this one checks keys itself
    actor = authz.require(app, auth.staff_actor(app, args, "keys rotate"), Permission.MANAGE_STAFF)
    report = keys.rotate(app, progress=print, actor=actor.name)
    print(f"rotated: key {report.old_key_id} -> {report.new_key_id}: {report.documents} document(s) and "
          f"{report.secrets} secret(s) re-sealed; the new key is in {app.settings.key_file}. Copy it to every "
          "desk and worker, back it up, then destroy the retired key file.")
    return 0
