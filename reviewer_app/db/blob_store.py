"""Encrypted documents kept in the database (setting `document_store = "database"`).

Meant for PostgreSQL: a multi-desk installation then needs one server and the key, no shared folder. The
sealed format is the file store's (AES-256-GCM, the address bound in), so the database holds only ciphertext
and a database administrator without the key sees nothing. Each put/delete is its own short transaction, like
the file store's file writes: a document is stored before the application row that refers to it commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import IntegrityError

from reviewer_app.db.models import DocumentBlob
from reviewer_app.domain.errors import DocumentStoreError
from reviewer_app.store.encrypted_fs import DocumentCipher, check_address


class DatabaseDocumentStore:
    def __init__(self, engine: Engine, master_key: bytes, *, previous: tuple[bytes, ...] = ()) -> None:
        self.engine = engine
        self.cipher = DocumentCipher(master_key, previous)

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        if self.exists(sha):
            return sha  # content-addressed: never overwrite
        try:
            with self.engine.begin() as conn:
                conn.execute(DocumentBlob.__table__.insert().values(
                    sha256=sha, key_id=self.cipher.key_id, blob=self.cipher.seal(data, sha)))
        except IntegrityError:  # another desk stored the same bytes meanwhile
            pass
        return sha

    def get(self, sha256: str) -> bytes:
        check_address(sha256)
        with self.engine.connect() as conn:
            blob = conn.execute(select(DocumentBlob.blob).where(DocumentBlob.sha256 == sha256)).scalar()
        if blob is None:
            raise DocumentStoreError(f"document {sha256[:12]}… is missing from the database store")
        return self.cipher.open(bytes(blob), sha256, f"document {sha256[:12]}… in the database")

    def exists(self, sha256: str) -> bool:
        check_address(sha256)
        with self.engine.connect() as conn:
            return conn.execute(select(DocumentBlob.sha256).where(DocumentBlob.sha256 == sha256)).first() is not None

    def delete(self, sha256: str) -> bool:
        check_address(sha256)
        with self.engine.begin() as conn:
            return (conn.execute(delete(DocumentBlob).where(DocumentBlob.sha256 == sha256)).rowcount or 0) > 0

    # --- key rotation ----------------------------------------------------------------------------------------
    # (Deliberately no `addresses()`: the orphan sweep, services/store_guard.py, needs a guard this store does
    # not have; a blob put before its document row commits must not look like an orphan.)
    def sealed_addresses(self) -> Iterator[str]:
        with self.engine.connect() as conn:  # read all, then close: re-sealing writes in between
            shas = conn.execute(select(DocumentBlob.sha256).order_by(DocumentBlob.sha256)).scalars().all()
        yield from shas

    def sealed_key_id(self, sha256: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(DocumentBlob.key_id).where(DocumentBlob.sha256 == sha256)).scalar()

    def reseal(self, sha256: str) -> bool:
        if self.sealed_key_id(sha256) in (None, self.cipher.key_id):
            return False
        data = self.get(sha256)
        with self.engine.begin() as conn:
            conn.execute(update(DocumentBlob).where(DocumentBlob.sha256 == sha256).values(
                key_id=self.cipher.key_id, blob=self.cipher.seal(data, sha256)))
        return True
