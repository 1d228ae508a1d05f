"""Schema migrations and the check every command makes before touching a database."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import OperationalError

from reviewer_app.config import mask_url
from reviewer_app.domain.errors import DatabaseError, SchemaOutdatedError

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with connect(engine) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def connect(engine: Engine):
    """A connection, or a DatabaseError that names the URL and the fix."""
    try:
        return engine.connect()
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(
            f"cannot reach the database {mask_url(str(engine.url.render_as_string(hide_password=True)))}: "
            f"{reason}. Fix: check setting 'db_url' (REVIEWER_DB_URL or --db-url) and that the server is up."
        ) from None


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Create or migrate the schema; returns (before, after)."""
    before = current_revision(engine)
    cfg = alembic_config()
    with connect(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.commit()
    return before, current_revision(engine) or ""


def ensure_current(engine: Engine) -> None:
    """Refuse to work on a database whose schema is not the code's."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        with connect(engine) as conn:
            has_tables = bool(inspect(conn).get_table_names())
        what = "has tables but no schema version" if has_tables else "has no schema yet"
        raise SchemaOutdatedError(f"the database {what}. Fix: run `reviewer-app db upgrade`.")
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current not in known:
        raise SchemaOutdatedError(
            f"the database schema ({current}) is newer than this version of reviewer-app ({head}). "
            "Fix: upgrade reviewer-app."
        )
    raise SchemaOutdatedError(
        f"the database schema ({current}) is older than the code ({head}). Fix: run `reviewer-app db upgrade`."
    )
