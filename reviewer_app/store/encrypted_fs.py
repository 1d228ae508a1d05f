"""Embedded document store: one encrypted file per document, named by the SHA-256 of its plaintext.

File layout: b"RVD1" | key id (16 ascii) | nonce (12) | AES-256-GCM ciphertext+tag. The address is bound in as
associated data, so a file copied under another name fails authentication too. The folder tree is owner-only.
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

from reviewer_app.domain.errors import DocumentIntegrityError, DocumentStoreError, brief
from reviewer_app.store.crypto import NONCE_BYTES, derive, key_id
from reviewer_app.store.private import private_dir

MAGIC = b"RVD1"
KID_BYTES = 16
_SHA = re.compile(r"^[0-9a-f]{64}$")


def check_address(sha256: str) -> str:
    if not isinstance(sha256, str) or not _SHA.match(sha256):
        raise DocumentStoreError(f"not a document address: {brief(sha256)}")
    return sha256


def blob_key_id(blob: bytes) -> str | None:
    """The key id a sealed document was written under, or None if `blob` is not a sealed document."""
    if blob[: len(MAGIC)] != MAGIC or len(blob) < len(MAGIC) + KID_BYTES:
        return None
    return blob[len(MAGIC): len(MAGIC) + KID_BYTES].decode("ascii", "replace")


class DocumentCipher:
    """Seals documents under the current key; opens those sealed under it (or, during `keys rotate`, under one of
    the `previous` keys)."""

    def __init__(self, master_key: bytes, previous: tuple[bytes, ...] = ()) -> None:
        self.key_id = key_id(master_key)
        self._aeads = {key_id(k): AESGCM(derive(k, "documents")) for k in (*previous, master_key)}

    def seal(self, data: bytes, sha256: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + self.key_id.encode("ascii") + nonce + self._aeads[self.key_id].encrypt(
            nonce, data, sha256.encode("ascii"))

    def open(self, blob: bytes, sha256: str, where: str) -> bytes:
        kid = blob_key_id(blob)
        if kid is None:
            raise DocumentIntegrityError(f"{where} is not an encrypted reviewer-app document")
        aead = self._aeads.get(kid)
        if aead is None:
            raise DocumentStoreError(
                f"{where} was encrypted with another key (key id {kid}, configured {self.key_id}). "
                "Fix: point setting 'key_file' at the right key.")
        head = len(MAGIC) + KID_BYTES
        nonce, body = blob[head: head + NONCE_BYTES], blob[head + NONCE_BYTES:]
        try:
            data = aead.decrypt(nonce, body, sha256.encode("ascii"))
        except InvalidTag:
            raise DocumentIntegrityError(f"{where} failed authentication: it was altered or damaged. It is "
                                         "refused.") from None
        if hashlib.sha256(data).hexdigest() != sha256:  # defence in depth
            raise DocumentIntegrityError(f"{where} does not match its address")
        return data


class EncryptedFileStore:
    def __init__(self, root: Path, master_key: bytes, *, previous: tuple[bytes, ...] = ()) -> None:
        self.root = Path(root)
        self.cipher = DocumentCipher(master_key, previous)

    def path_for(self, sha256: str) -> Path:
        check_address(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        path = self.path_for(sha)
        if path.exists():
            return sha  # content-addressed: the same bytes are already there; never overwrite
        self._write(path, self.cipher.seal(data, sha), replace=False)
        return sha

    def _write(self, path: Path, blob: bytes, *, replace: bool) -> None:
        private_dir(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            if replace:
                os.replace(tmp, path)  # atomic: a crash leaves the old or the new sealed file, both readable
                return
            # Atomic, and fails if another writer stored the same bytes first.
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)

    def get(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            raise DocumentStoreError(f"document {sha256[:12]}… is missing from the store ({path})") from None
        return self.cipher.open(blob, sha256, f"document file {path}")

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def delete(self, sha256: str) -> bool:
        try:
            self.path_for(sha256).unlink()
            return True
        except FileNotFoundError:
            return False

    @contextlib.contextmanager
    def guard(self, *, exclusive: bool = False) -> Iterator[None]:
        """A lock on the whole store, across processes (flock on ROOT/.lock).

        Writers (intake, from `put` until their rows are committed) hold it shared; whoever deletes files
        (retention, intake's cleanup after a refused pack, the sweep of crash leftovers) holds it exclusive and
        re-checks the database inside it. So a file an import is reusing is never deleted under it, and a
        `.tmp-*` file seen under the exclusive lock belongs to no live writer."""
        private_dir(self.root)
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
        """Every document address in the store (for the orphan sweep and `keys rotate`)."""
        if self.root.is_dir():
            for path in self.root.glob("*/*/*"):
                if _SHA.match(path.name):
                    yield path.name

    # --- key rotation ----------------------------------------------------------------------------------------
    def sealed_addresses(self) -> Iterator[str]:
        return self.addresses()

    def sealed_key_id(self, sha256: str) -> str | None:
        try:
            with self.path_for(sha256).open("rb") as fh:
                return blob_key_id(fh.read(len(MAGIC) + KID_BYTES))
        except FileNotFoundError:
            return None

    def reseal(self, sha256: str) -> bool:
        """Re-encrypt one document under the current key (no-op if it already is); True if rewritten."""
        if self.sealed_key_id(sha256) in (None, self.cipher.key_id):
            return False
        data = self.get(sha256)
        self._write(self.path_for(sha256), self.cipher.seal(data, sha256), replace=True)
        return True
