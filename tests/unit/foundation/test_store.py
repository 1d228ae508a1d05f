import hashlib
import os
import stat
from pathlib import Path

import pytest

from reviewer_app.domain.errors import DocumentStoreError
from reviewer_app.store import EncryptedFileStore, SecretBox, load_key
from reviewer_app.store.crypto import create_key_file


@pytest.fixture
def key(tmp_path: Path) -> bytes:
    return create_key_file(tmp_path / "k" / "store.key")


def test_round_trip_is_content_addressed_and_encrypted(tmp_path: Path, key: bytes) -> None:
    store = EncryptedFileStore(tmp_path / "docs", key)
    data = b"\xff\xd8passport photo bytes" * 100
    sha = store.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert store.get(sha) == data
    raw = store.path_for(sha).read_bytes()
    assert data[:50] not in raw  # not stored in the clear
    assert store.put(data) == sha  # idempotent


def test_flipped_byte_is_refused(tmp_path: Path, key: bytes) -> None:
    store = EncryptedFileStore(tmp_path / "docs", key)
    sha = store.put(b"selfie" * 1000)
    path = store.path_for(sha)
    blob = bytearray(path.read_bytes())
    blob[-40] ^= 0x01
    path.write_bytes(bytes(blob))
    with pytest.raises(DocumentStoreError, match="failed authentication"):
        store.get(sha)


def test_wrong_key_is_named(tmp_path: Path, key: bytes) -> None:
    sha = EncryptedFileStore(tmp_path / "docs", key).put(b"x" * 10)
    other = EncryptedFileStore(tmp_path / "docs", os.urandom(32))
    with pytest.raises(DocumentStoreError, match="another key"):
        other.get(sha)


def test_file_renamed_to_other_address_fails(tmp_path: Path, key: bytes) -> None:
    store = EncryptedFileStore(tmp_path / "docs", key)
    a, b = store.put(b"aaaa"), store.put(b"bbbb")
    store.path_for(b).write_bytes(store.path_for(a).read_bytes())
    with pytest.raises(DocumentStoreError):
        store.get(b)


def test_never_overwrites(tmp_path: Path, key: bytes) -> None:
    store = EncryptedFileStore(tmp_path / "docs", key)
    sha = store.put(b"original")
    before = store.path_for(sha).read_bytes()
    store.put(b"original")
    assert store.path_for(sha).read_bytes() == before


def test_missing_document(tmp_path: Path, key: bytes) -> None:
    with pytest.raises(DocumentStoreError, match="missing"):
        EncryptedFileStore(tmp_path, key).get("a" * 64)


def test_key_file_permissions_and_no_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "store.key"
    key = create_key_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key(key_b64=None, key_file=path) == key
    with pytest.raises(DocumentStoreError, match="refusing to overwrite"):
        create_key_file(path)
    assert load_key(key_b64=None, key_file=path) == key


def test_missing_and_malformed_key(tmp_path: Path) -> None:
    with pytest.raises(DocumentStoreError, match="keys init"):
        load_key(key_b64=None, key_file=tmp_path / "nope.key")
    with pytest.raises(DocumentStoreError, match="base64"):
        load_key(key_b64="***", key_file=tmp_path / "x")
    with pytest.raises(DocumentStoreError, match="32 bytes"):
        load_key(key_b64="YWJj", key_file=tmp_path / "x")


def test_secret_box(key: bytes) -> None:
    box = SecretBox(key)
    blob = box.seal(b"JBSWY3DPEHPK3PXP", context="staff:1")
    assert box.open(blob, context="staff:1") == b"JBSWY3DPEHPK3PXP"
    with pytest.raises(DocumentStoreError):
        box.open(blob, context="staff:2")
    with pytest.raises(DocumentStoreError, match="another key"):
        SecretBox(os.urandom(32)).open(blob, context="staff:1")
