"""Shared fixtures.

Database tests use the `app` (or `engine`) fixture, which is parametrised over SQLite and, when
REVIEWER_TEST_PG_URL is set, PostgreSQL. Every test gets its own freshly migrated database: a copy of a
migrated SQLite file, or a PostgreSQL database created from a migrated template.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from reviewer_app.config import load_settings
from reviewer_app.db import migrate
from reviewer_app.db.engine import make_engine
from reviewer_app.domain.clock import FixedClock
from reviewer_app.services.context import AppContext
from reviewer_app.store.crypto import create_keys

PG_URL = os.environ.get("REVIEWER_TEST_PG_URL", "")
#: A back-end role's default name (e.g. reviewer_app_service): every PostgreSQL test's `app` then runs under that
#: role, with the roles script applied to its database; shows what the code needs of the role (docs/postgres.md).
PG_ROLE = os.environ.get("REVIEWER_TEST_PG_ROLE", "")
SHARED_FACES = Path(__file__).resolve().parents[1].parent / "shared" / "faces"


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tmpl") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


def _admin_engine():
    url = make_url(PG_URL)
    return create_engine(url.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_template():
    if not PG_URL:
        pytest.skip("PostgreSQL tests skipped: set REVIEWER_TEST_PG_URL to run them")
    admin = _admin_engine()
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # a configured but unreachable server is a failure, not a skip
        pytest.fail(f"REVIEWER_TEST_PG_URL is set but PostgreSQL is unreachable: {exc}", pytrace=False)
    name = f"rv_tmpl_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(drivername="postgresql+psycopg", database=name)
    engine = make_engine(url.render_as_string(hide_password=False))
    migrate.upgrade(engine)
    engine.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):
    """URL of a fresh, migrated database of each kind."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "test.db"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    template = request.getfixturevalue("pg_template")
    name = f"rv_t_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield make_url(PG_URL).set(drivername="postgresql+psycopg", database=name).render_as_string(
        hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    create_keys(d / "keys" / "store.key")
    return d


@pytest.fixture(scope="session")
def pg_role_names():
    """This run's names of the roles (REVIEWER_TEST_PG_ROLE), dropped at the end."""
    from reviewer_app.db import sql
    names = sql.tagged_names(uuid.uuid4().hex[:8])
    yield names
    admin = _admin_engine()
    with admin.connect() as conn:
        for name in names.values():
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture
def app(db_url: str, data_dir: Path, clock: FixedClock, request: pytest.FixtureRequest):
    """An application context on a fresh database of each kind, with a key and a fixed clock."""
    settings = load_settings(env={}, overrides={"db_url": db_url, "data_dir": data_dir})
    engine = None
    if PG_ROLE and db_url.startswith("postgresql"):
        from reviewer_app.db import sql
        from tests.pg_roles import engine_as
        names = request.getfixturevalue("pg_role_names")
        owner = make_engine(db_url)
        sql.apply_roles(owner, names)
        owner.dispose()
        engine = engine_as(db_url, names[PG_ROLE])
    ctx = AppContext(settings, clock=clock, engine=engine)
    yield ctx
    ctx.close()


@pytest.fixture
def engine(app: AppContext):
    return app.engine


@pytest.fixture
def shared_faces() -> Path:
    if not (SHARED_FACES / "pairs.csv").exists():
        pytest.skip(f"labelled face photos not found at {SHARED_FACES} (the shared/ folder beside the repo)")
    return SHARED_FACES
