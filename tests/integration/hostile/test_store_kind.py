"""Issue 23, item 6: the installation records its document store kind like its key id; a process configured with
the other kind is refused, naming both. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reviewer_app.cli import main
from reviewer_app.config import load_settings
from reviewer_app.db import store_kind
from reviewer_app.db.models import Application, DatabaseMeta, DocumentBlob
from reviewer_app.services import intake
from reviewer_app.services.context import AppContext
from tests.integration.intake.test_intake import make_pack


def _argv(ctx) -> list[str]:
    return ["--db-url", ctx.settings.db_url, "--data-dir", str(ctx.settings.data_dir)]


def _count(app, model) -> int:
    with app.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def _kind_app(app, kind: str) -> AppContext:
    return AppContext(load_settings(env={}, overrides={"db_url": app.settings.db_url,
                                                       "data_dir": app.settings.data_dir,
                                                       "document_store": kind}), clock=app.clock)


def test_database_store_intake_on_a_file_installation_is_refused_naming_both(app, tmp_path, capsys,
                                                                             monkeypatch) -> None:
    assert intake.import_pack(app, make_pack(tmp_path, "p1")).status == "imported"
    with app.sessions() as s:
        assert store_kind.recorded_kind(s) == "files"
    monkeypatch.setenv("REVIEWER_DOCUMENT_STORE", "database")
    code = main([*_argv(app), "intake", str(make_pack(tmp_path, "p2", id="EMK-2026-000999"))])
    err = capsys.readouterr().err
    assert code == 2
    assert "'database'" in err and "'files'" in err and "REVIEWER_DOCUMENT_STORE" in err
    assert "Traceback" not in err
    assert _count(app, Application) == 1 and _count(app, DocumentBlob) == 0


def test_file_store_process_on_a_database_installation_is_refused(app, tmp_path) -> None:
    db_app = _kind_app(app, "database")
    try:
        assert intake.import_pack(db_app, make_pack(tmp_path, "p1")).status == "imported"
    finally:
        db_app.close()
    with pytest.raises(store_kind.StoreKindMismatchError, match=r"'files'.*'database'"):
        app.store  # noqa: B018  (a desk or worker opening its store)
    outcome = intake.import_pack(app, make_pack(tmp_path, "p2", id="EMK-2026-000999"))
    assert outcome.status == "refused" and "'database'" in outcome.reason
    assert _count(app, Application) == 1 and not app.settings.store_dir.exists()


def test_an_installation_from_before_the_record_adopts_the_kind_its_documents_show(app, tmp_path) -> None:
    assert intake.import_pack(app, make_pack(tmp_path, "p1")).status == "imported"
    with app.uow() as s:  # as before this change: documents on file, no kind recorded
        s.delete(s.get(DatabaseMeta, store_kind.STORE_KIND))
    db_app = _kind_app(app, "database")
    try:
        with pytest.raises(store_kind.StoreKindMismatchError, match="keeps them in 'files'"):
            db_app.store  # noqa: B018
    finally:
        db_app.close()
    fresh = _kind_app(app, "files")
    try:
        fresh.store  # noqa: B018  (the configured kind agrees with the documents: adopted and recorded)
        with fresh.sessions() as s:
            assert store_kind.recorded_kind(s) == "files"
    finally:
        fresh.close()


def test_an_empty_installation_adopts_the_configured_kind(app) -> None:
    db_app = _kind_app(app, "database")
    try:
        db_app.store  # noqa: B018
        with db_app.sessions() as s:
            assert store_kind.recorded_kind(s) == "database"
    finally:
        db_app.close()
    with pytest.raises(store_kind.StoreKindMismatchError):
        app.store  # noqa: B018


def test_db_status_shows_the_kind_and_a_mismatch(app, tmp_path, capsys, monkeypatch) -> None:
    intake.import_pack(app, make_pack(tmp_path, "p1"))
    assert main([*_argv(app), "db", "status"]) == 0
    assert "documents: files" in capsys.readouterr().out
    monkeypatch.setenv("REVIEWER_DOCUMENT_STORE", "database")
    assert main([*_argv(app), "db", "status"]) == 1
    out = capsys.readouterr().out
    assert "documents: files (this machine's setting: database)" in out
