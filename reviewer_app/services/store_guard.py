"""Deleting document files safely while other processes may be importing the same bytes.

The store is content-addressed, so an import may *reuse* a file that another process is about to delete (a
refused pack's cleanup, retention). Writers hold the store's guard shared from `put` until their rows are
committed; deleters take it exclusive and re-read which hashes a live document still names before deleting.
A store without a guard (an object store, a database) gets a no-op.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from reviewer_app.db.models import Document


def guarded(store: Any, *, exclusive: bool = False) -> contextlib.AbstractContextManager:
    guard = getattr(store, "guard", None)
    return guard(exclusive=exclusive) if guard is not None else contextlib.nullcontext()


def delete_unreferenced(app, hashes: Iterable[str]) -> list[str]:
    """Delete the files of `hashes` that no live (unpurged) document names; also sweep crash leftovers.
    Returns the hashes deleted. Must not be called while holding the guard shared."""
    wanted = sorted(set(hashes))
    deleted: list[str] = []
    with guarded(app.store, exclusive=True):
        if wanted:
            with app.sessions() as s:
                live = set(s.scalars(select(Document.sha256).where(Document.sha256.in_(wanted),
                                                                   Document.purged_at.is_(None))))
            for sha in wanted:
                if sha not in live and app.store.delete(sha):
                    deleted.append(sha)
        sweep = getattr(app.store, "sweep_temp", None)
        if sweep is not None:
            sweep()
    return deleted


def sweep_orphans(app) -> list[str]:
    """Delete every stored file that no document row names at all (left by an import killed between its files
    and its commit, or a refusal whose cleanup failed) and the `.tmp-*` leftovers. Under the exclusive guard no
    import is between `put` and commit, so a file no row names is garbage."""
    addresses = getattr(app.store, "addresses", None)
    if addresses is None:
        return []
    deleted: list[str] = []
    with guarded(app.store, exclusive=True):
        found = set(addresses())
        if found:
            with app.sessions() as s:
                named = set(s.scalars(select(Document.sha256).distinct()))
            for sha in sorted(found - named):
                if app.store.delete(sha):
                    deleted.append(sha)
        sweep = getattr(app.store, "sweep_temp", None)
        if sweep is not None:
            sweep()
    return deleted
