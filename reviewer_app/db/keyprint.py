"""The store key's fingerprint, recorded in the database, so that a process holding another key is refused.

The first process that needs the key (intake, a worker, a desk, the citizen login) records the key id in
`database_meta`; every later one compares. Without this, intake under a wrong REVIEWER_KEY stored documents no
one could read with the real key, and `keys init` after a lost key file made a new key over existing data.
"""

from __future__ import annotations

from sqlalchemy import Engine, exists, func, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from reviewer_app.db.models import DatabaseMeta, Document, DocumentBlob, OtpCredential, SmsMessage, Staff
from reviewer_app.domain.errors import DocumentStoreError
from reviewer_app.store.crypto import SecretBox

STORE_KEY_ID = "store_key_id"
#: While `keys rotate` runs: the id of the key everything is being re-sealed under.
ROTATING_TO = "store_key_rotating_to"


class KeyMismatchError(DocumentStoreError):
    """The configured key is not the one this database's documents and secrets are sealed with."""


def recorded_key_id(session: Session) -> str | None:
    row = session.get(DatabaseMeta, STORE_KEY_ID)
    return row.value if row is not None else None


def sealed_key_ids(session: Session) -> set[str]:
    """Key ids found on a sample of sealed secrets and database documents (one row of each kind)."""
    found: set[str] = set()
    for column in (OtpCredential.secret_encrypted, Staff.totp_secret_encrypted, SmsMessage.body_sealed,
                   DocumentBlob.key_id):
        try:
            with session.begin_nested():  # a role without the right to read the column (PostgreSQL) skips it
                value = session.scalar(select(column).where(column.is_not(None)).limit(1))
        except DBAPIError:
            continue
        if value is None:
            continue
        kid = value if isinstance(value, str) else SecretBox.sealed_key_id(bytes(value))
        if kid:
            found.add(kid)
    return found


def anything_sealed(session: Session) -> bool:
    """True if the database holds any document or secret that some key sealed."""
    checks = (exists().where(Document.purged_at.is_(None)), exists().where(DocumentBlob.sha256.is_not(None)),
              exists().where(OtpCredential.id.is_not(None)), exists().where(Staff.totp_secret_encrypted.is_not(None)),
              exists().where(SmsMessage.body_sealed.is_not(None)))
    return any(session.scalar(select(c)) for c in checks) or bool(session.scalar(select(func.count()).select_from(
        DatabaseMeta).where(DatabaseMeta.key == STORE_KEY_ID)))


def mismatch_message(configured: str, recorded: str, origin: str) -> str:
    return (f"{origin} holds key {configured}, but this database's documents and secrets are sealed with key "
            f"{recorded}. Nothing was read or stored. Fix: point setting 'key_file' (or REVIEWER_KEY) at the key "
            f"whose id is {recorded} (`reviewer-app keys id` shows both ids); a new key is made with "
            "`reviewer-app keys rotate`, never by replacing the key file.")


def ensure_key(engine: Engine, key_id: str, *, origin: str) -> None:
    """Record `key_id` as this database's store key if none is recorded yet; refuse a different one."""
    try:
        with Session(engine) as s, s.begin():
            recorded = recorded_key_id(s)
            rotating = s.get(DatabaseMeta, ROTATING_TO)
            if rotating is not None:
                raise KeyMismatchError(f"a key rotation (to key {rotating.value}) is in progress on this database; "
                                       "nothing was read or stored. Wait for `reviewer-app keys rotate` to finish "
                                       "(run it again if it was interrupted), then use the new key.")
            if recorded is None:
                others = sealed_key_ids(s) - {key_id}
                if others:  # a database sealed before fingerprints were recorded
                    raise KeyMismatchError(mismatch_message(key_id, sorted(others)[0], origin))
                s.add(DatabaseMeta(key=STORE_KEY_ID, value=key_id))
                recorded = key_id
    except IntegrityError:  # another process recorded one at the same moment: compare with that
        with Session(engine) as s:
            recorded = recorded_key_id(s)
    if recorded != key_id:
        raise KeyMismatchError(mismatch_message(key_id, recorded, origin))
