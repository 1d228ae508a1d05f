"""Documents in the database (document_store = "database"): one server and the key, no shared folder."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select, update

from reviewer_app.config import load_settings
from reviewer_app.db.blob_store import DatabaseDocumentStore
from reviewer_app.db.models import Document, DocumentBlob
from reviewer_app.domain.errors import ConfigError, DocumentStoreError
from reviewer_app.services import intake
from reviewer_app.services.context import AppContext
from reviewer_app.store.crypto import create_keys
from tests.integration.intake.test_intake import make_pack


@pytest.fixture
def db_app(app):
    ctx = AppContext(load_settings(env={}, overrides={"db_url": app.settings.db_url,
                                                      "data_dir": app.settings.data_dir,
                                                      "document_store": "database"}), clock=app.clock)
    yield ctx
    ctx.close()


def test_intake_stores_documents_in_the_database_encrypted(db_app, tmp_path) -> None:
    assert isinstance(db_app.store, DatabaseDocumentStore)
    assert intake.import_pack(db_app, make_pack(tmp_path, "p1")).status == "imported"
    assert not db_app.settings.store_dir.exists()  # no folder at all
    with db_app.sessions() as s:
        shas = list(s.scalars(select(Document.sha256)))
        blobs = {b.sha256: bytes(b.blob) for b in s.scalars(select(DocumentBlob))}
    assert sorted(shas) == sorted(blobs)
    raw = (tmp_path / "p1" / "selfie.jpg").read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    assert raw[:64] not in blobs[sha]  # ciphertext only
    assert db_app.store.get(sha) == raw


def test_a_second_desk_reads_with_the_key_alone(db_app, tmp_path, clock) -> None:
    """Another machine: same database URL and the same key (given as REVIEWER_KEY), no shared folder."""
    import base64

    intake.import_pack(db_app, make_pack(tmp_path, "p1"))
    raw = (tmp_path / "p1" / "passport.jpg").read_bytes()
    key_b64 = base64.b64encode(db_app.master_key).decode()
    desk = AppContext(load_settings(env={}, overrides={
        "db_url": db_app.settings.db_url, "data_dir": tmp_path / "desk2", "document_store": "database",
        "key": key_b64}), clock=clock)
    try:
        assert desk.store.get(hashlib.sha256(raw).hexdigest()) == raw
    finally:
        desk.close()


def test_tampered_wrong_keyed_and_missing_documents_are_refused(db_app, tmp_path) -> None:
    store = db_app.store
    sha = store.put(b"selfie bytes" * 100)
    assert store.put(b"selfie bytes" * 100) == sha  # idempotent
    with db_app.engine.begin() as conn:
        blob = bytearray(conn.execute(select(DocumentBlob.blob)).scalar())
        blob[-5] ^= 1
        conn.execute(update(DocumentBlob).values(blob=bytes(blob)))
    with pytest.raises(DocumentStoreError, match="failed authentication"):
        store.get(sha)
    create_keys(tmp_path / "k2" / "store.key")
    from reviewer_app.store import load_key
    other = DatabaseDocumentStore(db_app.engine, load_key(key_b64=None, key_file=tmp_path / "k2" / "store.key"))
    with pytest.raises(DocumentStoreError, match="another key"):
        other.get(sha)
    assert store.delete(sha) and not store.exists(sha) and not store.delete(sha)
    with pytest.raises(DocumentStoreError, match="missing"):
        store.get(sha)


def test_unknown_document_store_setting_is_refused() -> None:
    with pytest.raises(ConfigError, match="document_store"):
        load_settings(env={"REVIEWER_DOCUMENT_STORE": "s3"})
