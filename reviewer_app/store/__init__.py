"""The document store: content-addressed, encrypted document images behind a small interface."""

from reviewer_app.store.base import DocumentStore
from reviewer_app.store.crypto import SecretBox, load_key
from reviewer_app.store.encrypted_fs import EncryptedFileStore

__all__ = ["DocumentStore", "EncryptedFileStore", "SecretBox", "load_key"]
