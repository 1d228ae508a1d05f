"""Engines and sessions for SQLite (embedded default) and PostgreSQL (shared by many desks)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from reviewer_app.domain.errors import ConfigError
from reviewer_app.store.private import private_file

SUPPORTED = ("sqlite", "postgresql")


def make_engine(url: str, *, create_dir: bool = True) -> Engine:
    """An engine for `url`; a malformed or unsupported URL is a ConfigError naming the setting."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(
            f"setting 'db_url' is not a database URL: {url!r}. Fix: use sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST:PORT/DB (REVIEWER_DB_URL or --db-url)."
        ) from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED:
        raise ConfigError(f"setting 'db_url': unsupported database {backend!r}; use sqlite or postgresql.")
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:" and create_dir:
            # Created owner-only (file 0600, folder 0700); SQLite gives its -wal and -shm files the same mode.
            private_file(Path(parsed.database).expanduser())
        engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": 30})
        _tune_sqlite(engine)
        return engine
    return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20,
                         connect_args={"connect_timeout": 5})


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let Python's sqlite3 leave transaction control to us, so BEGIN IMMEDIATE works.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Take the write lock at the start: avoids deadlock-prone lock upgrades between concurrent writers.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def is_postgres(bind: Engine | Connection | Session) -> bool:
    """Whether `bind` (an engine, a connection, or a session's bind) talks to PostgreSQL."""
    if isinstance(bind, Session):
        bind = bind.get_bind()
    return bind.dialect.name == "postgresql"
