"""What any document store offers; an object store can implement the same interface later."""

from __future__ import annotations

from typing import Protocol


class DocumentStore(Protocol):
    def put(self, data: bytes) -> str:
        """Store `data`; return its SHA-256 hex address. Storing the same bytes twice is a no-op."""
        ...

    def get(self, sha256: str) -> bytes:
        """The plaintext bytes; DocumentStoreError for a missing, tampered or wrongly keyed document."""
        ...

    def exists(self, sha256: str) -> bool: ...

    def delete(self, sha256: str) -> bool:
        """Remove a document (retention purge); True when something was removed."""
        ...
