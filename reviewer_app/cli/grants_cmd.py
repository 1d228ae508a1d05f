"""`reviewer-app db grants --print|--apply`: the PostgreSQL roles script (separation of duties, append-only audit)."""

from __future__ import annotations

import argparse

from reviewer_app.domain.errors import ReviewerError


def register(sub: argparse._SubParsersAction) -> None:
    # `db` is created by db_cmd (discovered before this module); add our action to it.
    db = sub.choices.get("db") or sub.add_parser("db", help="database commands")
    actions = next((a for a in db._actions if isinstance(a, argparse._SubParsersAction)), None)
    if actions is None:
        actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    g = actions.add_parser("grants", help="print (or apply) the PostgreSQL roles script: a role each for the service, "
                                            "the console, workers, citizen login and SMS sender (desks have none); "
                                            "guards on the audit trail, decisions, checks, login phones, purpose")
    mode = g.add_mutually_exclusive_group(required=True)
    mode.add_argument("--print", dest="print_script", action="store_true", help="print the SQL script")
    mode.add_argument("--apply", action="store_true", help="run it on --db-url (as the schema owner)")
    g.set_defaults(handler=grants)


def grants(args: argparse.Namespace, app) -> int:
    from reviewer_app.db import sql
    if args.print_script:
        print(sql.roles_script(), end="")
        return 0
    if not app.settings.db_url.startswith("postgresql"):
        raise ReviewerError("db grants --apply: setting 'db_url' is not PostgreSQL; roles exist only there")
    sql.apply_roles(app.engine)
    print(sql.roles_summary())
    print(f"applied roles script: {', '.join(sql.DEFAULT_ROLES)} (see docs/postgres.md; set their passwords "
          "with ALTER ROLE ... PASSWORD)")
    return 0
