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
from reviewer_app.store.private import private_dir

KEY_BYTES = 32
NONCE_BYTES = 12


def key_id(master: bytes) -> str:
    """A short public fingerprint, stored with each ciphertext, to tell a wrong key from a tampered file."""
    return hashlib.sha256(b"reviewer-app key id" + master).hexdigest()[:16]


def derive(master: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=f"reviewer-app/{purpose}".encode()).derive(master)


def _decode(text: str, origin: str, fix: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise DocumentStoreError(f"{origin}: the key is not valid base64. Fix: {fix}.") from None
    if len(key) != KEY_BYTES:
        raise DocumentStoreError(f"{origin}: the key must be {KEY_BYTES} bytes, got {len(key)}. Fix: {fix}.")
    return key


_SETTINGS = {"store": ("key", "key_file", "REVIEWER_KEY"),
             "audit": ("audit_key", "audit_key_file", "REVIEWER_AUDIT_KEY")}


def load_key(*, key_b64: str | None, key_file: Path, what: str = "store") -> bytes:
    """A master key (`what`: the document-store key or the audit key) from its base64 setting or its key file;
    a clear error when missing or bad."""
    name, file_name, env = _SETTINGS[what]
    fix = "`reviewer-app keys init` (it creates only the keys that are missing)"
    if key_b64:
        return _decode(key_b64, f"setting '{name}' ({env})", fix)
    try:
        text = key_file.read_text(encoding="ascii")
    except FileNotFoundError:
        raise DocumentStoreError(
            f"setting '{file_name}': no {what} key file at {key_file}. Fix: run {fix} "
            f"(or set {env}_FILE / {env})."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentStoreError(f"setting '{file_name}': cannot read {key_file}: {exc}") from None
    return _decode(text, f"{what} key file {key_file}", fix)


def create_key_file(path: Path) -> bytes:
    """Write a new random key with owner-only permissions; never overwrites an existing key."""
    private_dir(path.parent)
    key = os.urandom(KEY_BYTES)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    except FileExistsError:
        raise DocumentStoreError(
            f"key file {path} already exists; refusing to overwrite it (what was sealed with it would be "
            "lost). Fix: keep it, or move it away first."
        ) from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(base64.b64encode(key).decode("ascii") + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return key


def create_keys(key_file: Path, audit_key_file: Path | None = None) -> bytes:
    """A new store key and, beside it, a new audit key (a fresh installation, the demo, the tests)."""
    key = create_key_file(key_file)
    create_key_file(audit_key_file or key_file.parent / "audit.key")
    return key


class SecretBox:
    """Encrypts small secrets (OTP and TOTP seeds, sealed SMS texts) for storage in the database.

    Seals under the current key; opens what was sealed under it or, during `keys rotate`, under a `previous` key.
    """

    MAGIC = b"RVK1"

    def __init__(self, master: bytes, purpose: str = "secrets", *, previous: tuple[bytes, ...] = ()) -> None:
        self.key_id = key_id(master)
        self._aeads = {key_id(k).encode("ascii"): AESGCM(derive(k, purpose)) for k in (*previous, master)}
        self._kid = self.key_id.encode("ascii")

    def seal(self, plaintext: bytes, *, context: str = "") -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return self.MAGIC + self._kid + nonce + self._aeads[self._kid].encrypt(nonce, plaintext, context.encode())

    @classmethod
    def sealed_key_id(cls, blob: bytes) -> str | None:
        """The key id a secret was sealed under (None if it is not a sealed secret)."""
        if blob[: len(cls.MAGIC)] != cls.MAGIC:
            return None
        return blob[len(cls.MAGIC): len(cls.MAGIC) + 16].decode("ascii", "replace")

    def open(self, blob: bytes, *, context: str = "") -> bytes:
        blob = bytes(blob)
        head = len(self.MAGIC) + len(self._kid)
        if blob[: len(self.MAGIC)] != self.MAGIC:
            raise DocumentStoreError("a stored secret is not in the expected format")
        aead = self._aeads.get(blob[len(self.MAGIC):head])
        if aead is None:
            raise DocumentStoreError("a stored secret was encrypted with another key: check setting 'key_file'")
        nonce, body = blob[head: head + NONCE_BYTES], blob[head + NONCE_BYTES:]
        try:
            return aead.decrypt(nonce, body, context.encode())
        except InvalidTag:
            raise DocumentStoreError("a stored secret failed authentication (tampered)") from None
