"""The SQLite file, its folder, the document store and the keys are created owner-only, whatever the umask."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import text

from reviewer_app.config import load_settings
from reviewer_app.db import migrate
from reviewer_app.services import intake
from reviewer_app.services.context import AppContext
from reviewer_app.store.crypto import create_keys
from tests.integration.intake.test_intake import make_pack


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def lax_umask():
    old = os.umask(0o002)  # group- and world-readable by default: what a careless login shell gives
    yield
    os.umask(old)


def test_everything_the_app_creates_is_owner_only(tmp_path, lax_umask, clock) -> None:
    data = tmp_path / "new" / "data"
    create_keys(data / "keys" / "store.key")
    ctx = AppContext(load_settings(env={}, overrides={"data_dir": data}), clock=clock)
    migrate.upgrade(ctx.raw_engine)
    packs = tmp_path / "packs"
    assert intake.import_pack(ctx, make_pack(packs, "p1")).status == "imported"
    with ctx.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        db = data / "reviewer.db"
        assert _mode(db) == 0o600
        wal = data / "reviewer.db-wal"
        assert not wal.exists() or _mode(wal) == 0o600
    ctx.close()
    assert _mode(data) == 0o700 and _mode(data.parent) == 0o700
    assert _mode(data / "keys") == 0o700
    store = data / "documents"
    folders = [store, *[p for p in store.rglob("*") if p.is_dir()]]
    files = [p for p in store.rglob("*") if p.is_file()]
    assert len([p for p in files if p.name != ".lock"]) == 2  # two documents (and the store's lock file)
    assert all(_mode(p) == 0o600 for p in files), [(p, oct(_mode(p))) for p in files]
    assert all(_mode(p) == 0o700 for p in folders), [(p, oct(_mode(p))) for p in folders]
