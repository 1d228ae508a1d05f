"""`reviewer-app db upgrade|status`: create or migrate the schema, or say where it stands."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="create, migrate or inspect the database schema")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = db_sub.add_parser("upgrade", help="create the schema or migrate it to this version of the code")
    up.set_defaults(handler=upgrade)
    st = db_sub.add_parser("status", help="show the schema version of the database and of the code")
    st.set_defaults(handler=status)


def upgrade(args: argparse.Namespace, app) -> int:
    from reviewer_app.config import mask_url
    from reviewer_app.db import migrate
    before, after = migrate.upgrade(app.raw_engine)
    where = mask_url(app.settings.db_url)
    if before == after:
        print(f"{where}: schema already at {after}")
    else:
        print(f"{where}: schema {before or '(empty)'} -> {after}")
    return 0


def status(args: argparse.Namespace, app) -> int:
    from reviewer_app.config import mask_url
    from reviewer_app.db import migrate
    current = migrate.current_revision(app.raw_engine)
    head = migrate.head_revision()
    print(f"database: {mask_url(app.settings.db_url)}")
    print(f"schema:   {current or '(none)'}")
    print(f"code:     {head}")
    if current != head:
        print("run `reviewer-app db upgrade` to bring the schema up to date")
        return 1
    return _store_kind(app)


def _store_kind(app) -> int:
    """The installation's document store kind beside this machine's setting (they must agree)."""
    from sqlalchemy.orm import Session

    from reviewer_app.db import store_kind

    with Session(app.raw_engine) as s:
        recorded = store_kind.recorded_kind(s)
    configured = app.settings.document_store
    print(f"documents: {recorded or '(no kind recorded yet)'} (this machine's setting: {configured})")
    if recorded is not None and recorded != configured:
        print(f"the installation keeps its documents in '{recorded}': set 'document_store' to '{recorded}' here, "
              "or this machine's intake, desk and worker are refused")
        return 1
    return 0
