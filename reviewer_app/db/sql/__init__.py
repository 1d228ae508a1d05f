"""SQL scripts shipped with the application (PostgreSQL roles and the append-only audit trigger)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from reviewer_app.domain.errors import DatabaseError

ROLES_SCRIPT = Path(__file__).with_name("postgres_roles.sql")
APP_ROLE = "reviewer_app_rw"
MAINTENANCE_ROLE = "reviewer_app_maintenance"


def roles_script() -> str:
    return ROLES_SCRIPT.read_text(encoding="utf-8")


def apply_roles(engine: Engine) -> None:
    """Run the roles script on a PostgreSQL database (as its owner or a superuser)."""
    if engine.dialect.name != "postgresql":
        raise DatabaseError("the roles script is for PostgreSQL; an SQLite database has no roles")
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cur:
            cur.execute(roles_script())  # no parameters: sent as-is, several statements at once
        raw.commit()
    finally:
        raw.close()
