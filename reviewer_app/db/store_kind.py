"""The document store's kind ('files' or 'database'), recorded in the database like the store key's id.

A process configured with the other kind would store its documents where no one else looks for them (intake
under REVIEWER_DOCUMENT_STORE=database on a file-store installation imported packs whose images every desk
then reported missing). The first process that opens the store records the kind in `database_meta`; every
later one compares and is refused on a difference, with a message naming both kinds.

A database used before the kind was recorded adopts the configured kind on first use, unless what it already
holds says otherwise: live documents with no encrypted blob in the database were stored as files, and blobs in
the database were stored there.
"""

from __future__ import annotations

from sqlalchemy import Engine, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reviewer_app.db.models import DatabaseMeta, Document, DocumentBlob
from reviewer_app.domain.errors import DocumentStoreError

STORE_KIND = "document_store"
KINDS = ("files", "database")


class StoreKindMismatchError(DocumentStoreError):
    """The configured document store is not the kind this database's documents are kept in."""


def recorded_kind(session: Session) -> str | None:
    row = session.get(DatabaseMeta, STORE_KIND)
    return row.value if row is not None else None


def evident_kind(session: Session) -> str | None:
    """The kind the stored documents show (for a database from before the record), None when nothing is stored."""
    if session.scalar(select(exists().where(DocumentBlob.sha256.is_not(None)))):
        return "database"
    if session.scalar(select(exists().where(Document.purged_at.is_(None)))):
        return "files"
    return None


def mismatch_message(configured: str, recorded: str, origin: str) -> str:
    return (f"{origin} says the documents are kept in '{configured}', but this installation keeps them in "
            f"'{recorded}'. Nothing was read or stored. Fix: set 'document_store' (or REVIEWER_DOCUMENT_STORE) "
            f"to '{recorded}' on this machine; `reviewer-app db status` shows the installation's kind.")


def ensure_kind(engine: Engine, kind: str, *, origin: str) -> None:
    """Record `kind` as this database's document store kind if none is recorded yet; refuse a different one."""
    try:
        with Session(engine) as s, s.begin():
            recorded = recorded_kind(s)
            if recorded is None:
                evident = evident_kind(s)
                if evident is not None and evident != kind:
                    raise StoreKindMismatchError(mismatch_message(kind, evident, origin))
                s.add(DatabaseMeta(key=STORE_KIND, value=kind))
                recorded = kind
    except IntegrityError:  # another process recorded it at the same moment: compare with that
        with Session(engine) as s:
            recorded = recorded_kind(s)
    if recorded != kind:
        raise StoreKindMismatchError(mismatch_message(kind, str(recorded), origin))
