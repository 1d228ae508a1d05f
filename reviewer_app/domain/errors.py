"""Domain errors. Every error a user can cause carries a message that names what is wrong and how to fix it.

The message is English and may carry technical detail (ids, statuses, the database's own words): the command line
prints it and the log keeps it. A user interface words its own message instead, in the user's language, keyed by
the error's `code` (a stable name of what went wrong: "conflict", "account_locked", ...) and the plain facts in
`params` (never the message text itself)."""

from __future__ import annotations

from typing import Any


class ReviewerError(Exception):
    """Base for errors shown to a user as one clear message (CLI exit code 2, a dialog in the UI).

    `code` defaults to the class's; a raise site may name the case more exactly (`code="four_eyes"`) and add facts
    the interface may show (`until=...`)."""

    exit_code = 2
    code = "error"

    def __init__(self, *args: Any, code: str | None = None, **params: Any) -> None:
        super().__init__(*args)
        if code is not None:
            self.code = code
        self.params: dict[str, Any] = params


class ConfigError(ReviewerError):
    """A setting is missing, malformed or of the wrong type."""

    code = "config"


class DatabaseError(ReviewerError):
    """The database cannot be reached or its schema does not match the code."""

    code = "database"


class SchemaOutdatedError(DatabaseError):
    """The database schema is older than the code."""

    code = "schema_outdated"


class DocumentStoreError(ReviewerError):
    """A document cannot be stored or read back (wrong key, tampered file, missing file)."""

    code = "document_store"


class DocumentIntegrityError(DocumentStoreError):
    """A stored document failed authentication or its hash: it was altered (or damaged) on disk."""

    code = "document_integrity"


class PermissionDenied(ReviewerError):
    """The acting staff member's role does not allow this operation."""

    code = "permission_denied"


class NotFound(ReviewerError):
    """A requested record does not exist."""

    code = "not_found"


class ConflictError(ReviewerError):
    """The record changed since it was read (stale version, lost lease, duplicate id)."""

    code = "conflict"


BRIEF_CHARS = 40


def brief(value: object, limit: int = BRIEF_CHARS) -> str:
    """A bad value as an error message may echo it: quoted, at most `limit` characters of it (a 1 MB phone
    number is not sent back whole), control characters escaped (repr), and how long it really was."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} characters)"
