"""`reviewer-app registry load FILE`: fill the embedded civil registry (ЕГР ЗАГС birth records) from JSON.

FILE has the format of `reviewer_app.registry.json_file` (a list of birth records, or {"records": [...]}).
Records are inserted or replaced by certificate series and number, all in one transaction.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("registry", help="the embedded civil registry used by the kinship check",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    rs = r.add_subparsers(dest="registry_command", metavar="ACTION", required=True)
    load = rs.add_parser("load", help="insert or replace birth records from a JSON file")
    load.add_argument("file", type=Path, metavar="FILE")
    load.set_defaults(handler=load_cmd)


def load_cmd(args: argparse.Namespace, app) -> int:
    from reviewer_app.db.registry_table import load_records
    from reviewer_app.registry import JsonFileRegistry
    from reviewer_app.services import audit

    records = JsonFileRegistry(args.file)  # raises a clear RegistryFileError for a bad file
    with app.uow() as s:
        inserted, updated = load_records(s, records.records)
        audit.record(s, at=app.clock.now(), actor="system", action="registry.load", target_type="registry",
                     target_id=args.file.name, details={"inserted": inserted, "updated": updated})
    print(f"registry: {inserted} records added, {updated} replaced from {args.file}")
    return 0
