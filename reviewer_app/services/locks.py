"""Named locks for the checks that search for what is not there yet (a duplicate, the same face).

A search-then-insert in two transactions at once lets each miss the other: both search before either commits.
`serialise(session, name)` holds a PostgreSQL advisory lock named `name` until the transaction ends, so the second
search waits for the first one's commit and sees it. On SQLite, BEGIN IMMEDIATE already serialises every writer.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.orm import Session


def lock_key(name: str) -> int:
    """A signed 64-bit key for `name` (PostgreSQL's advisory locks take a bigint)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def serialise(session: Session, name: str) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key(name)})
