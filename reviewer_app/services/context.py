"""The application context: settings plus lazily built engine, sessions, document store and clock.

Built once per process (a CLI command, the GUI, a worker). Nothing here touches the database or the key
until a command asks for it, so `config show` and `check` work without either.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

from reviewer_app.config import Settings
from reviewer_app.domain.clock import Clock, SystemClock

if TYPE_CHECKING:
    # SQLAlchemy, Alembic and cryptography are imported when first needed, so that a command (or the GUI's
    # login window) that does not need them yet starts fast.
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from reviewer_app.store import SecretBox
    from reviewer_app.store.base import DocumentStore


class AppContext:
    def __init__(self, settings: Settings, *, clock: Clock | None = None, engine: Engine | None = None,
                 store: DocumentStore | None = None) -> None:
        self.settings = settings
        self.clock: Clock = clock or SystemClock()
        self._engine = engine
        self._store = store
        self._schema_checked = False
        self._key_checked = False
        #: `keys rotate` works while the database is between two keys; everything else is refused then.
        self.skip_key_check = False

    # --- database -----------------------------------------------------------------------------------------
    @property
    def raw_engine(self) -> Engine:
        """The engine without the schema check (for `db upgrade` and `db status`)."""
        if self._engine is None:
            from reviewer_app.db.engine import make_engine

            self._engine = make_engine(self.settings.db_url)
        return self._engine

    @property
    def engine(self) -> Engine:
        """The engine, after making sure the schema matches the code."""
        engine = self.raw_engine
        if not self._schema_checked:
            from reviewer_app.db import migrate

            migrate.ensure_current(engine)
            self._schema_checked = True
        return engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        from reviewer_app.db.engine import session_factory

        factory = session_factory(self.engine)
        # Audit entries are sealed with the audit key: each session carries it, loaded on the first entry.
        factory.configure(info={"audit_key": lambda: self.audit_key})
        return factory

    @contextmanager
    def uow(self) -> Iterator[Session]:
        """One unit of work: everything inside commits together or not at all."""
        self._check_key_early()
        with self.sessions() as session, session.begin():
            yield session

    def _check_key_early(self) -> None:
        """Compare the key with the database's before the first transaction, if a key is configured: the check
        may have to record the fingerprint, and on SQLite a second write transaction opened inside a unit of
        work would wait for that very unit of work."""
        if self._key_checked or self.skip_key_check:
            return
        if not (self.settings.key or self.settings.key_file.exists()):
            return  # no key here: a command that needs one says so when it asks
        self.checked_key  # noqa: B018

    @cached_property
    def is_training_db(self) -> bool:
        """True when this database was created for training (database_meta purpose=training)."""
        from reviewer_app.db.models import DatabaseMeta

        with self.sessions() as session:
            row = session.get(DatabaseMeta, "purpose")
        return row is not None and row.value == "training"

    # --- rules --------------------------------------------------------------------------------------------------
    @cached_property
    def rules(self):
        """The rule table in force: built in, plus the rule file the `rules_file` setting names (checked when
        first read; intake, the decision and the desk all use this one)."""
        from reviewer_app.policy.ruletable import load_rule_file, load_rule_table

        path = self.settings.rules_file
        return load_rule_file(path) if path is not None else load_rule_table()

    def rules_warning(self, lang: str = "en") -> str | None:
        """The warning shown from 60 days before the production calendar runs out (None until then)."""
        from reviewer_app.domain.clock import moscow_date
        from reviewer_app.policy.ruletable import coverage_warning

        return coverage_warning(self.rules, moscow_date(self.clock.now()), lang=lang)

    # --- keys and documents ---------------------------------------------------------------------------------
    @cached_property
    def master_key(self) -> bytes:
        from reviewer_app.store import load_key

        return load_key(key_b64=self.settings.key, key_file=self.settings.key_file)

    def key_origin(self) -> str:
        return ("setting 'key' (REVIEWER_KEY)" if self.settings.key
                else f"setting 'key_file' ({self.settings.key_file})")

    @cached_property
    def checked_key(self) -> bytes:
        """The master key, after checking it is the one this database's documents and secrets are sealed with
        (the first use records its fingerprint). Intake, workers, desks and the citizen login all come here."""
        from reviewer_app.db import keyprint
        from reviewer_app.store.crypto import key_id

        key = self.master_key
        if not self.skip_key_check:
            keyprint.ensure_key(self.engine, key_id(key), origin=self.key_origin())
            self.check_store_kind()
        self._key_checked = True
        return key

    def check_store_kind(self) -> None:
        """Refuse a process configured with another document store kind than the installation's (the first
        use records it, like the key id): its documents would go where no desk looks for them."""
        from reviewer_app.db import store_kind

        source = self.settings.sources.get("document_store", "default")
        store_kind.ensure_kind(self.engine, self.settings.document_store,
                               origin=f"setting 'document_store' ({source})")

    @property
    def store(self) -> DocumentStore:
        if self._store is None:
            key = self.checked_key
            if self.settings.document_store == "database":
                from reviewer_app.db.blob_store import DatabaseDocumentStore

                self._store = DatabaseDocumentStore(self.engine, key)
            else:
                from reviewer_app.store import EncryptedFileStore

                self._store = EncryptedFileStore(self.settings.store_dir, key)
        return self._store

    @cached_property
    def secrets(self) -> SecretBox:
        from reviewer_app.store import SecretBox

        return SecretBox(self.checked_key)

    @cached_property
    def face_box(self) -> SecretBox:
        """Seals the face descriptors of the face-duplicate search (biometrics)."""
        from reviewer_app.store import SecretBox

        return SecretBox(self.checked_key, purpose="faces")

    @cached_property
    def sms_box(self) -> SecretBox:
        """Seals SMS texts that carry a one-time code, for the sender only."""
        from reviewer_app.store import SecretBox

        return SecretBox(self.checked_key, purpose="sms")

    @cached_property
    def audit_key(self) -> bytes:
        """The audit trail's HMAC key: a key of its own, outside the database (not rotated with the store key)."""
        from reviewer_app.store import load_key

        return load_key(key_b64=self.settings.audit_key, key_file=self.settings.audit_key_file, what="audit")

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
