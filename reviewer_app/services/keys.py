"""Key life cycle: `keys init` that cannot orphan data, `keys id`, and `keys rotate` (resumable).

`keys init` makes only the keys that are missing and refuses to make a store key while the database (or the
document folder) holds anything sealed: after a lost key file it would otherwise make a new key over documents
and OTP secrets no one could open any more.

`keys rotate` re-seals every document and every stored secret under a new key, in steps that can each be
interrupted (kill -9, power loss) and simply run again:
  1. the new key is written to `<key_file>.new` and its id recorded in database_meta (`store_key_rotating_to`);
     from then on every other process is refused until the rotation ends (stop desks and workers first);
  2. documents, OTP secrets, staff TOTP secrets, sealed SMS texts and face descriptors are re-sealed one by one
     (each write is atomic; whatever is already under the new key is skipped, so a rerun goes on where the last
     one stopped; a face descriptor stored before descriptors were sealed is sealed now);
  3. one transaction switches the recorded key id; then the old key file is kept as `<key_file>.retired-<id>`
     (destroy it once a backup of the new key is verified) and `<key_file>.new` becomes `<key_file>`.
The audit key is a separate key and is not rotated here: the chain's past entries stay verifiable.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reviewer_app.db import keyprint, migrate
from reviewer_app.db.models import DatabaseMeta, FaceDescriptor, OtpCredential, SmsMessage, Staff
from reviewer_app.domain.errors import DocumentStoreError, ReviewerError
from reviewer_app.services import audit
from reviewer_app.store.crypto import SecretBox, create_key_file, key_id, load_key
from reviewer_app.store.encrypted_fs import EncryptedFileStore


@dataclass(frozen=True)
class InitReport:
    created: tuple[str, ...]  # "store key <id> in PATH", "audit key in PATH"
    kept: tuple[str, ...]


def _database_exists(app) -> bool:
    url = app.settings.db_url
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url[len("sqlite:///"):]).expanduser().exists()
    return True


def _sealed_elsewhere(app) -> str | None:
    """Why a new store key would orphan data (the database or the document folder holds sealed things), or None."""
    store_dir = app.settings.store_dir
    files = EncryptedFileStore(store_dir, os.urandom(32))
    for sha in files.sealed_addresses():
        return (f"the document folder {store_dir} holds documents sealed with key "
                f"{files.sealed_key_id(sha) or '?'}")
    if not _database_exists(app):
        return None
    engine = app.raw_engine
    if migrate.current_revision(engine) is None:  # an empty database: nothing sealed yet
        return None
    app.engine  # noqa: B018  (an outdated schema is refused with its own message)
    with Session(engine) as s:
        recorded = keyprint.recorded_key_id(s)
        if recorded is not None:
            return f"the database records that its documents and secrets are sealed with key {recorded}"
        if keyprint.anything_sealed(s):
            ids = sorted(keyprint.sealed_key_ids(s))
            return f"the database holds documents or secrets sealed with key {', '.join(ids) or '?'}"
    return None


def init_keys(app) -> InitReport:
    """Create the store key and the audit key where they are missing; never over sealed data."""
    s = app.settings
    created: list[str] = []
    kept: list[str] = []
    if s.key:
        kept.append("store key: given by setting 'key' (REVIEWER_KEY)")
    elif s.key_file.exists():
        kept.append(f"store key {key_id(load_key(key_b64=None, key_file=s.key_file))} in {s.key_file}")
    else:
        why = _sealed_elsewhere(app)
        if why is not None:
            raise ReviewerError(
                f"keys init: refused: {why}, and a new key could not open them. Fix: restore the key file "
                f"{s.key_file} from its backup (`reviewer-app keys id` shows the id it must have). To replace a key "
                "that you still have, use `reviewer-app keys rotate`.")
        created.append(f"store key {key_id(create_key_file(s.key_file))} in {s.key_file}")
    if s.audit_key:
        kept.append("audit key: given by setting 'audit_key' (REVIEWER_AUDIT_KEY)")
    elif s.audit_key_file.exists():
        kept.append(f"audit key in {s.audit_key_file}")
    else:
        create_key_file(s.audit_key_file)
        created.append(f"audit key in {s.audit_key_file}")
    return InitReport(tuple(created), tuple(kept))


# --- rotation ---------------------------------------------------------------------------------------------------
def new_key_path(key_file: Path) -> Path:
    return key_file.with_name(key_file.name + ".new")


def _meta(s: Session, name: str) -> str | None:
    row = s.get(DatabaseMeta, name)
    return row.value if row is not None else None


@dataclass
class RotateReport:
    old_key_id: str
    new_key_id: str
    documents: int = 0
    secrets: int = 0
    finished: bool = False


def _finish_files(key_file: Path, new_id: str) -> None:
    """Step 3's file moves, idempotent: keep the old key aside, put the new key in place."""
    new_path = new_key_path(key_file)
    if key_file.exists():
        current = key_id(load_key(key_b64=None, key_file=key_file))
        if current == new_id:
            return
        if new_path.exists():
            os.replace(key_file, key_file.with_name(f"{key_file.name}.retired-{current}"))
    if new_path.exists():
        os.replace(new_path, key_file)
    _fsync_dir(key_file.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _reseal_rows(app, box: SecretBox, new_id: str, column, key_col, context: Callable[[object], str],
                 context_col) -> int:
    """Re-seal one column's secrets row by row (each in its own short transaction); how many were rewritten."""
    table = column.class_
    count = 0
    with app.sessions() as s:
        rows = s.execute(select(key_col, context_col, column).where(column.is_not(None))).all()
    for row_key, ctx, blob in rows:
        if SecretBox.sealed_key_id(bytes(blob)) == new_id:
            continue
        plain = box.open(bytes(blob), context=context(ctx))
        with app.uow() as s:  # only if the row still holds what was read (a concurrent change wins)
            s.execute(update(table).where(key_col == row_key, column == blob)
                      .values({column.key: box.seal(plain, context=context(ctx))}))
        count += 1
    return count


def _reseal_faces(app, box: SecretBox, new_id: str, page: int = 1000) -> int:
    """Face descriptors under the new key, a page at a time by id; plain ones (from before descriptors were
    sealed) are sealed now. In place: the vector stays the same, so the workers' indexes stay right."""
    from reviewer_app.services.face_duplicates import sealed_context

    count, after = 0, 0
    while True:
        with app.sessions() as s:
            rows = s.execute(select(FaceDescriptor.id, FaceDescriptor.application_id, FaceDescriptor.descriptor)
                             .where(FaceDescriptor.id > after).order_by(FaceDescriptor.id).limit(page)).all()
        if not rows:
            return count
        for row_id, application_id, blob in rows:
            blob = bytes(blob)
            kid = SecretBox.sealed_key_id(blob)
            if kid == new_id:
                continue
            context = sealed_context(application_id)
            plain = box.open(blob, context=context) if kid is not None else blob
            with app.uow() as s:  # only if the row still holds what was read (a worker may have replaced it)
                s.execute(update(FaceDescriptor).where(FaceDescriptor.id == row_id, FaceDescriptor.descriptor == blob)
                          .values(descriptor=box.seal(plain, context=context)))
            count += 1
        after = rows[-1][0]


def rotate(app, *, progress: Callable[[str], None] = lambda _m: None, actor: str = "system") -> RotateReport:
    """Re-seal everything under a new store key; safe to run again after any interruption. `actor`: the
    administrator the command line logged in (cli/keys_cmd.py), named in the audit entry."""
    from reviewer_app.services import sms_dispatch, staff

    if app.settings.key:
        raise ReviewerError("keys rotate works on key files; setting 'key' (REVIEWER_KEY) is in use. Fix: put the "
                            "key in a key file (setting 'key_file') and unset REVIEWER_KEY.")
    key_file: Path = app.settings.key_file
    new_path = new_key_path(key_file)
    app.skip_key_check = True  # this command checks the keys itself, step by step
    engine = app.engine
    app.check_store_kind()  # re-sealing the other kind's (empty) store would strand every document
    with Session(engine) as s:
        recorded, target = keyprint.recorded_key_id(s), _meta(s, keyprint.ROTATING_TO)
    if target is None and recorded is not None and new_path.exists() \
            and key_id(load_key(key_b64=None, key_file=new_path)) == recorded:
        _finish_files(key_file, recorded)  # an earlier run stopped between step 3 and its file moves
        return RotateReport(recorded, recorded, finished=True)
    if not key_file.exists() and new_path.exists():
        raise DocumentStoreError(f"keys rotate: {key_file} is missing but {new_path} exists; the database expects "
                                 f"key {recorded}. Put the matching key file back, then run it again.")
    old = load_key(key_b64=None, key_file=key_file)
    if target is None:
        if recorded is not None and recorded != key_id(old):
            raise keyprint.KeyMismatchError(keyprint.mismatch_message(key_id(old), recorded, app.key_origin()))
        new = load_key(key_b64=None, key_file=new_path) if new_path.exists() else create_key_file(new_path)
        target = key_id(new)
        with app.uow() as s:  # step 1: from now on other processes are refused
            if recorded is None:
                s.add(DatabaseMeta(key=keyprint.STORE_KEY_ID, value=key_id(old)))
            s.add(DatabaseMeta(key=keyprint.ROTATING_TO, value=target))
    else:
        if not new_path.exists():
            raise DocumentStoreError(f"keys rotate: a rotation to key {target} was started but {new_path} is "
                                     "missing. Restore it from where the rotation ran, then run it again.")
        new = load_key(key_b64=None, key_file=new_path)
        if key_id(new) != target:
            raise DocumentStoreError(f"keys rotate: {new_path} holds key {key_id(new)}, the rotation started with "
                                     f"key {target}. Restore the right file, then run it again.")
    report = RotateReport(old_key_id=recorded or key_id(old), new_key_id=target)
    progress(f"rotating from key {report.old_key_id} to {target}")

    # Step 2: documents, then secrets; whatever is already under the new key is skipped.
    if app.settings.document_store == "database":
        from reviewer_app.db.blob_store import DatabaseDocumentStore

        store = DatabaseDocumentStore(engine, new, previous=(old,))
    else:
        store = EncryptedFileStore(app.settings.store_dir, new, previous=(old,))
    for sha in store.sealed_addresses():
        if store.reseal(sha):
            report.documents += 1
    progress(f"documents re-sealed: {report.documents}")
    secrets = SecretBox(new, previous=(old,))
    sms = SecretBox(new, purpose="sms", previous=(old,))
    from reviewer_app.services.grants import otp_context

    report.secrets += _reseal_rows(app, secrets, target, OtpCredential.secret_encrypted, OtpCredential.id,
                                   otp_context, OtpCredential.citizen_key)
    report.secrets += _reseal_rows(app, secrets, target, Staff.totp_secret_encrypted, Staff.id,
                                   staff._context, Staff.id)
    report.secrets += _reseal_rows(app, sms, target, SmsMessage.body_sealed, SmsMessage.id,
                                   sms_dispatch.sealed_context, SmsMessage.phone_e164)
    report.secrets += _reseal_faces(app, SecretBox(new, purpose="faces", previous=(old,)), target)
    progress(f"secrets re-sealed: {report.secrets}")

    # Step 3: switch the recorded key, then move the files.
    with app.uow() as s:
        s.execute(update(DatabaseMeta).where(DatabaseMeta.key == keyprint.STORE_KEY_ID).values(value=target))
        s.delete(s.get(DatabaseMeta, keyprint.ROTATING_TO))
        audit.record(s, at=app.clock.now(), actor=actor, action="keys.rotate", target_type="keys",
                     target_id=target, details={"from": report.old_key_id, "documents": report.documents,
                                                "secrets": report.secrets})
    _finish_files(key_file, target)
    report.finished = True
    return report
