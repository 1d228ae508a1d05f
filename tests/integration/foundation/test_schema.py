"""Schema, migrations and the refusal to work on an outdated database."""

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from reviewer_app.cli import main
from reviewer_app.db import migrate
from reviewer_app.db.engine import make_engine
from reviewer_app.db.models import Base
from reviewer_app.domain.errors import SchemaOutdatedError


def _schema(engine) -> dict:
    insp = inspect(engine)
    out = {}
    for table in sorted(insp.get_table_names()):
        cols = {c["name"]: (c["nullable"], type(c["type"]).__name__.lower()) for c in insp.get_columns(table)}
        idx = sorted(i["name"] for i in insp.get_indexes(table) if not i.get("duplicates_constraint"))
        uqs = sorted(u["name"] for u in insp.get_unique_constraints(table))
        fks = sorted((f["name"], f["referred_table"]) for f in insp.get_foreign_keys(table))
        pk = insp.get_pk_constraint(table)
        nullable = {k: v[0] for k, v in cols.items()}
        out[table] = (sorted(cols), nullable, idx, uqs, fks, sorted(pk["constrained_columns"]))
    return out


def test_migrated_schema_matches_models(engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) | {"alembic_version"} == tables
    migrate.ensure_current(engine)


def test_same_schema_on_sqlite_and_postgres(sqlite_template: Path, pg_template: str) -> None:
    import os

    from sqlalchemy.engine import make_url

    sqlite_engine = make_engine(f"sqlite:///{sqlite_template}")
    pg_url = make_url(os.environ["REVIEWER_TEST_PG_URL"])
    pg_url = pg_url.set(drivername="postgresql+psycopg", database=pg_template)
    pg_engine = make_engine(pg_url.render_as_string(hide_password=False))
    try:
        a, b = _schema(sqlite_engine), _schema(pg_engine)
        assert a.keys() == b.keys()
        for table in a:
            # Column names, nullability, index/constraint names, FKs and PKs are identical.
            assert a[table][0] == b[table][0], table
            assert a[table][1] == b[table][1], table
            assert a[table][2] == b[table][2], table
            assert a[table][3] == b[table][3], table
            assert a[table][4] == b[table][4], table
            assert a[table][5] == b[table][5], table
    finally:
        sqlite_engine.dispose()
        pg_engine.dispose()


def test_commands_refuse_outdated_schema(db_url: str, tmp_path: Path, capsys) -> None:
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    with pytest.raises(SchemaOutdatedError, match=r"reviewer-app db upgrade|upgrade reviewer-app"):
        migrate.ensure_current(engine)
    engine.dispose()


def test_empty_database_says_run_upgrade(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(SchemaOutdatedError, match="reviewer-app db upgrade"):
        migrate.ensure_current(engine)


def test_db_upgrade_command_creates_schema(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert main(["--db-url", url, "db", "upgrade"]) == 0
    assert "-> 0001" in capsys.readouterr().out
    assert main(["--db-url", url, "db", "status"]) == 0
    assert main(["--db-url", url, "db", "upgrade"]) == 0
    assert "already at" in capsys.readouterr().out


def test_unreachable_database_is_one_clear_error(capsys) -> None:
    rc = main(["--db-url", "postgresql+psycopg://postgres@127.0.0.1:1/none", "db", "upgrade"])
    err = capsys.readouterr().err
    assert rc == 2 and "cannot reach the database" in err and "Traceback" not in err
