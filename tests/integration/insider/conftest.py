"""Fixtures for the insider and key mix-up tests (issue 14: separation of duties, keys, audit, documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer_app.config import load_settings
from reviewer_app.services.context import AppContext
from reviewer_app.store.crypto import create_keys


@pytest.fixture
def other_key_app(app, tmp_path: Path):
    """A second context on the SAME database, holding a different store key (another data folder)."""
    d = tmp_path / "other"
    create_keys(d / "keys" / "store.key")
    ctx = AppContext(load_settings(env={}, overrides={"db_url": app.settings.db_url, "data_dir": d}),
                     clock=app.clock)
    yield ctx
    ctx.close()


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch):
    from argon2 import PasswordHasher

    from reviewer_app.services import staff

    monkeypatch.setattr(staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
