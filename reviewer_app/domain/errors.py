"""Domain errors. Every error a user can cause carries a message that names what is wrong and how to fix it."""


class ReviewerError(Exception):
    """Base for errors shown to a user as one clear message (CLI exit code 2, a dialog in the UI)."""

    exit_code = 2


class ConfigError(ReviewerError):
    """A setting is missing, malformed or of the wrong type."""


class DatabaseError(ReviewerError):
    """The database cannot be reached or its schema does not match the code."""


class SchemaOutdatedError(DatabaseError):
    """The database schema is older than the code."""


class DocumentStoreError(ReviewerError):
    """A document cannot be stored or read back (wrong key, tampered file, missing file)."""


class DocumentIntegrityError(DocumentStoreError):
    """A stored document failed authentication or its hash: it was altered (or damaged) on disk."""


class PermissionDenied(ReviewerError):
    """The acting staff member's role does not allow this operation."""


class NotFound(ReviewerError):
    """A requested record does not exist."""


class ConflictError(ReviewerError):
    """The record changed since it was read (stale version, lost lease, duplicate id)."""
