"""Embedded document store: one encrypted file per document, named by the SHA-256 of its plaintext.

File layout: b"RVD1" | key id (16 ascii) | nonce (12) | AES-256-GCM ciphertext+tag. The address is bound in as
associated data, so a file copied under another name fails authentication too.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reviewer_app.domain.errors import DocumentIntegrityError, DocumentStoreError
from reviewer_app.store.crypto import NONCE_BYTES, derive, key_id

MAGIC = b"RVD1"
_SHA = re.compile(r"^[0-9a-f]{64}$")


class EncryptedFileStore:
    def __init__(self, root: Path, master_key: bytes) -> None:
        self.root = Path(root)
        self._aead = AESGCM(derive(master_key, "documents"))
        self._kid = key_id(master_key).encode("ascii")

    def path_for(self, sha256: str) -> Path:
        if not _SHA.match(sha256):
            raise DocumentStoreError(f"not a document address: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        path = self.path_for(sha)
        if path.exists():
            return sha  # content-addressed: the same bytes are already there; never overwrite
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        nonce = os.urandom(NONCE_BYTES)
        blob = MAGIC + self._kid + nonce + self._aead.encrypt(nonce, data, sha.encode("ascii"))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            # Atomic, and fails if another writer stored the same bytes first.
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
        return sha

    def get(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            raise DocumentStoreError(f"document {sha256[:12]}… is missing from the store ({path})") from None
        head = len(MAGIC) + len(self._kid)
        if blob[: len(MAGIC)] != MAGIC:
            raise DocumentIntegrityError(f"document file {path} is not an encrypted reviewer-app document")
        if blob[len(MAGIC):head] != self._kid:
            raise DocumentStoreError(
                f"document file {path} was encrypted with another key (key id "
                f"{blob[len(MAGIC):head].decode('ascii', 'replace')}, configured "
                f"{self._kid.decode()}). Fix: point setting 'key_file' at the right key."
            )
        nonce, body = blob[head: head + NONCE_BYTES], blob[head + NONCE_BYTES:]
        try:
            data = self._aead.decrypt(nonce, body, sha256.encode("ascii"))
        except InvalidTag:
            raise DocumentIntegrityError(
                f"document file {path} failed authentication: it was altered or damaged. It is refused."
            ) from None
        if hashlib.sha256(data).hexdigest() != sha256:  # defence in depth
            raise DocumentIntegrityError(f"document file {path} does not match its address")
        return data

    @contextlib.contextmanager
    def guard(self, *, exclusive: bool = False) -> Iterator[None]:
        """A lock on the whole store, across processes (flock on ROOT/.lock).

        Writers (intake, from `put` until their rows are committed) hold it shared; whoever deletes files
        (retention, intake's cleanup after a refused pack, the sweep of crash leftovers) holds it exclusive and
        re-checks the database inside it. So a file an import is reusing is never deleted under it, and a
        `.tmp-*` file seen under the exclusive lock belongs to no live writer."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def sweep_temp(self) -> int:
        """Remove `.tmp-*` files left by a writer that was killed mid-`put`. Call under `guard(exclusive=True)`."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for tmp in self.root.glob("*/*/.tmp-*"):
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
                removed += 1
        return removed

    def addresses(self) -> Iterator[str]:
        """Every document address in the store (for the orphan sweep)."""
        if self.root.is_dir():
            for path in self.root.glob("*/*/*"):
                if _SHA.match(path.name):
                    yield path.name

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def delete(self, sha256: str) -> bool:
        try:
            self.path_for(sha256).unlink()
            return True
        except FileNotFoundError:
            return False
