"""A throwaway database for a benchmark run: a SQLite file in a temporary folder, or a new PostgreSQL database.

    with scratch_database(pg_url) as url:   # pg_url None -> SQLite
        run(url)

On PostgreSQL the database is created on the server `pg_url` names and dropped afterwards (unless `keep`).
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def scratch_database(pg_url: str | None, *, keep: bool = False) -> Iterator[str]:
    if not pg_url:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/bench.db"
        return
    base = make_url(pg_url).set(drivername="postgresql+psycopg")
    name = f"rv_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        if keep:
            print(f"kept database {name}")
        else:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
