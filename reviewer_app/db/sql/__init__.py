"""SQL scripts shipped with the application (PostgreSQL roles, separation of duties, the append-only audit trigger)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from sqlalchemy import Engine

from reviewer_app.domain.errors import DatabaseError

ROLES_SCRIPT = Path(__file__).with_name("postgres_roles.sql")
APP_ROLE = "reviewer_app_rw"  # the operator's console beside the service
MAINTENANCE_ROLE = "reviewer_app_maintenance"
SERVICE_ROLE = "reviewer_app_service"  # `reviewer-app serve`
WORKER_ROLE = "reviewer_worker"
LOGIN_ROLE = "reviewer_login"
SMS_ROLE = "reviewer_sms"
#: Every role the script creates, by its default name.
DEFAULT_ROLES = (APP_ROLE, MAINTENANCE_ROLE, SERVICE_ROLE, WORKER_ROLE, LOGIN_ROLE, SMS_ROLE)
#: The desks' former role: the script strips its rights (desks talk to the service, never the database).
RETIRED_DESK_ROLE = "reviewer_desk"
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def roles_script(names: Mapping[str, str] | None = None) -> str:
    """The script; `names` renames roles (default name -> name), e.g. for a second installation on one server."""
    script = ROLES_SCRIPT.read_text(encoding="utf-8")
    for default, name in (names or {}).items():
        if default not in (*DEFAULT_ROLES, RETIRED_DESK_ROLE) or not _NAME.match(name):
            raise DatabaseError(f"role names: {default!r} -> {name!r} is not a known role or a plain lower-case name")
        script = re.sub(rf"\b{default}\b", name, script)
    return script


def roles_summary() -> str:
    """What each back-end role may do and the guards: the script's opening comment, without the comment marks."""
    lines = []
    for line in ROLES_SCRIPT.read_text(encoding="utf-8").splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[3:] if line.startswith("-- ") else line[2:])
    return "\n".join(lines).strip() + "\n"


def tagged_names(tag: str) -> dict[str, str]:
    """Every role name the script uses, with `_tag` appended: a second installation on one server, or a test."""
    return {default: f"{default}_{tag}" for default in (*DEFAULT_ROLES, RETIRED_DESK_ROLE)}


def apply_roles(engine: Engine, names: Mapping[str, str] | None = None) -> None:
    """Run the roles script on a PostgreSQL database (as its owner or a superuser)."""
    if engine.dialect.name != "postgresql":
        raise DatabaseError("the roles script is for PostgreSQL; an SQLite database has no roles")
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cur:
            cur.execute(roles_script(names))  # no parameters: sent as-is, several statements at once
        raw.commit()
    finally:
        raw.close()


def drop_roles(engine: Engine, names: Iterable[str]) -> None:
    """Remove roles made by `apply_roles` (their rights in this database first); for tests and decommissioning."""
    names = [n for n in names if _NAME.match(n)]
    if not names:
        return
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cur:
            cur.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", (names,))
            quoted = ", ".join(f'"{n}"' for (n,) in cur.fetchall())
            if not quoted:
                return
            cur.execute(f"DROP OWNED BY {quoted}")
            cur.execute(f"DROP ROLE IF EXISTS {quoted}")
        raw.commit()
    finally:
        raw.close()
