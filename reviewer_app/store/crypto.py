"""Keys and authenticated encryption (AES-256-GCM) for documents and stored secrets.

The master key lives outside the database: a key file created by `reviewer-app keys init` (mode 0600) or the
REVIEWER_KEY environment variable (base64). Purpose-specific subkeys are derived with HKDF, so document
encryption and secret encryption never share a key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reviewer_app.domain.errors import DocumentStoreError

KEY_BYTES = 32
NONCE_BYTES = 12


def key_id(master: bytes) -> str:
    """A short public fingerprint, stored with each ciphertext, to tell a wrong key from a tampered file."""
    return hashlib.sha256(b"reviewer-app key id" + master).hexdigest()[:16]


def derive(master: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=f"reviewer-app/{purpose}".encode()).derive(master)


def _decode(text: str, origin: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise DocumentStoreError(f"{origin}: the key is not valid base64. Fix: `reviewer-app keys init`.") from None
    if len(key) != KEY_BYTES:
        raise DocumentStoreError(f"{origin}: the key must be {KEY_BYTES} bytes, got {len(key)}. "
                                 "Fix: `reviewer-app keys init`.")
    return key


def load_key(*, key_b64: str | None, key_file: Path) -> bytes:
    """The master key from the `key` setting (base64) or the key file; a clear error when missing or bad."""
    if key_b64:
        return _decode(key_b64, "setting 'key' (REVIEWER_KEY)")
    try:
        text = key_file.read_text(encoding="ascii")
    except FileNotFoundError:
        raise DocumentStoreError(
            f"setting 'key_file': no key file at {key_file}. Fix: run `reviewer-app keys init` "
            "(or set REVIEWER_KEY_FILE / REVIEWER_KEY)."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentStoreError(f"setting 'key_file': cannot read {key_file}: {exc}") from None
    return _decode(text, f"key file {key_file}")


def create_key_file(path: Path) -> bytes:
    """Write a new random key with owner-only permissions; never overwrites an existing key."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = os.urandom(KEY_BYTES)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    except FileExistsError:
        raise DocumentStoreError(
            f"key file {path} already exists; refusing to overwrite it (documents encrypted with it would be "
            "lost). Fix: keep it, or move it away first."
        ) from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(base64.b64encode(key).decode("ascii") + "\n")
    return key


class SecretBox:
    """Encrypts small secrets (OTP and TOTP seeds) for storage in the database."""

    MAGIC = b"RVK1"

    def __init__(self, master: bytes, purpose: str = "secrets") -> None:
        self._aead = AESGCM(derive(master, purpose))
        self._kid = key_id(master).encode("ascii")

    def seal(self, plaintext: bytes, *, context: str = "") -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return self.MAGIC + self._kid + nonce + self._aead.encrypt(nonce, plaintext, context.encode())

    def open(self, blob: bytes, *, context: str = "") -> bytes:
        head = len(self.MAGIC) + len(self._kid)
        if blob[: len(self.MAGIC)] != self.MAGIC:
            raise DocumentStoreError("a stored secret is not in the expected format")
        if blob[len(self.MAGIC):head] != self._kid:
            raise DocumentStoreError("a stored secret was encrypted with another key: check setting 'key_file'")
        nonce, body = blob[head: head + NONCE_BYTES], blob[head + NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, body, context.encode())
        except InvalidTag:
            raise DocumentStoreError("a stored secret failed authentication (tampered)") from None
