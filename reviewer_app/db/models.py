"""Typed SQLAlchemy 2 models: everything the product keeps.

Until the first release the whole schema lives in the single initial migration; regenerate it with
`tools/regen_initial_migration.sh` after changing a model.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from reviewer_app.db.types import UTCDateTime
from reviewer_app.domain.search import name_key

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

TZ = UTCDateTime()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32), default="pending")
    submitted_at: Mapped[datetime] = mapped_column(TZ)
    received_at: Mapped[datetime] = mapped_column(TZ)
    sla_deadline: Mapped[date] = mapped_column(Date)
    # The applicant as a person across applications and passports (services.persons: a keyed hash), for the
    # duplicate rule, opt-out, grants and logins (citizens are keyed by it).
    person_key: Mapped[str] = mapped_column(String(64), index=True)
    # The pack exactly as received (unknown fields kept) and its canonical hash, for idempotent intake.
    pack_json: Mapped[dict] = mapped_column(JSON)
    pack_sha256: Mapped[str] = mapped_column(String(64))
    rule_version: Mapped[str] = mapped_column(String(32), default="")
    # Current claim (history in `claims`).
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    lease_expires_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)
    # Background pre-scoring state: '' (none yet), 'processing', 'done', 'failed'.
    prescore_state: Mapped[str] = mapped_column(String(16), default="")
    prescore_lease_until: Mapped[datetime | None] = mapped_column(TZ, nullable=True)
    prescore_worker: Mapped[str | None] = mapped_column(String(128), nullable=True)
    # A pre-score that 'failed' because the document store could not open an image records the store key's
    # fingerprint here; a worker running under another key (the cause is gone) takes it again.
    prescore_retry_key: Mapped[str | None] = mapped_column(String(16), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Sent to the MFC (in_person_required): the answer deadline is met and the case waits until this day
    # (setting mfc_wait_days), then `notify waiting` expires it (services/notices.py).
    waiting_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    # A corrected pack names the returned application it corrects (pack field corrects_application_id).
    corrects_application_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)

    applicant: Mapped[Applicant] = relationship(back_populates="application", uselist=False)
    child: Mapped[Child | None] = relationship(back_populates="application", uselist=False)
    documents: Mapped[list[Document]] = relationship(back_populates="application")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_applications_queue", "status", "sla_deadline", "submitted_at"),
        Index("ix_applications_prescore", "prescore_state", "status"),
    )


def _name_key_default(context) -> str:
    p = context.get_current_parameters()
    return name_key(p.get("last_name"), p.get("first_name"), p.get("middle_name"))


class Applicant(Base):
    __tablename__ = "applicants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # indexed: intake looks for an earlier applicant of the same name and birth date (services.persons)
    birth_date: Mapped[date] = mapped_column(Date, index=True)
    phone_e164: Mapped[str | None] = mapped_column(String(20), nullable=True, index=True)  # supervisors search it
    snils: Mapped[str | None] = mapped_column(String(20), nullable=True)
    passport_series: Mapped[str | None] = mapped_column(String(8), nullable=True)
    passport_number: Mapped[str | None] = mapped_column(String(12), nullable=True)
    passport_issued_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    passport_issued_by: Mapped[str | None] = mapped_column(String(300), nullable=True)
    division_code: Mapped[str | None] = mapped_column(String(10), nullable=True)
    oms_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    oms_region: Mapped[str | None] = mapped_column(String(8), nullable=True)
    account_confirmed_at_mfc: Mapped[bool] = mapped_column(Boolean, default=False)
    biometric_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    # "last first middle", case-, ё- and spacing-insensitive (domain.search.name_key), filled on every insert:
    # the supervisors' search finds a person by a prefix of it through the index.
    name_key: Mapped[str | None] = mapped_column(String(320), nullable=True, default=_name_key_default)

    application: Mapped[Application] = relationship(back_populates="applicant")

    __table_args__ = (
        Index("ix_applicants_name_key", "name_key", postgresql_ops={"name_key": "text_pattern_ops"}),
    )


class Child(Base):
    __tablename__ = "children"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    birth_date: Mapped[date] = mapped_column(Date)
    oms_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    oms_region: Mapped[str | None] = mapped_column(String(8), nullable=True)
    certificate_series: Mapped[str | None] = mapped_column(String(16), nullable=True)
    certificate_number: Mapped[str | None] = mapped_column(String(12), nullable=True)
    certificate_issued_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    certificate_country: Mapped[str | None] = mapped_column(String(2), nullable=True)

    application: Mapped[Application] = relationship(back_populates="child")


class Document(Base):
    """Metadata of one document image; the encrypted bytes live in the document store under `sha256`."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))  # selfie_with_passport, passport_scan, birth_certificate_scan
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(64))
    purged_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)

    application: Mapped[Application] = relationship(back_populates="documents")
    __table_args__ = (UniqueConstraint("application_id", "role", name="uq_documents_application_role"),)


class DocumentBlob(Base):
    """An encrypted document image kept in the database (setting document_store = "database"): one server and
    the key are all a multi-desk installation needs. Same sealed format as a document file."""

    __tablename__ = "document_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16))
    blob: Mapped[bytes] = mapped_column(LargeBinary)


class CheckResultRow(Base):
    """A policy check result as computed at intake (and re-snapshotted into the decision)."""

    __tablename__ = "check_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    check_id: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    message_ru: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)
    details: Mapped[dict] = mapped_column(JSON)
    rule_version: Mapped[str] = mapped_column(String(32))
    computed_at: Mapped[datetime] = mapped_column(TZ)


class FacePrescore(Base):
    """The face pre-score shown to the reviewer, kept so a supervisor later sees exactly the same."""

    __tablename__ = "face_prescores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    selfie_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    scan_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    model_version: Mapped[str] = mapped_column(String(64))
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    distance: Mapped[float | None] = mapped_column(Float, nullable=True)
    band: Mapped[str] = mapped_column(String(16))
    result: Mapped[dict] = mapped_column(JSON)  # faces, flags, timings: the full result as shown
    computed_at: Mapped[datetime] = mapped_column(TZ)


class FaceDescriptor(Base):
    """The live face's descriptor of one application (float32 bytes), for the same-face-under-another-identity
    search (`services.face_duplicates`); `identity_key` hashes the name, birth date and passport it was filed
    under. The search index follows the table by `id`: a descriptor computed again replaces its row under a new
    id, never in place."""

    __tablename__ = "face_descriptors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    identity_key: Mapped[str] = mapped_column(String(64), index=True)
    model_version: Mapped[str] = mapped_column(String(64))
    descriptor: Mapped[bytes] = mapped_column(LargeBinary)
    computed_at: Mapped[datetime] = mapped_column(TZ)


class FaceEncodingCache(Base):
    """Face encodings by image hash and model version, so nothing is computed twice."""

    __tablename__ = "face_encoding_cache"

    image_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    model_version: Mapped[str] = mapped_column(String(64), primary_key=True)
    result: Mapped[dict] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(TZ)


class Claim(Base):
    """History of claims; the current one is mirrored on the application row for fast queue queries."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    claimed_at: Mapped[datetime] = mapped_column(TZ)
    lease_expires_at: Mapped[datetime] = mapped_column(TZ)
    released_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)
    release_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)


class Decision(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    reason_code: Mapped[str | None] = mapped_column(String(32), nullable=True)
    comment_applicant: Mapped[str | None] = mapped_column(Text, nullable=True)
    comment_internal: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_at: Mapped[datetime] = mapped_column(TZ, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)
    application_version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    rule_version: Mapped[str] = mapped_column(String(32))
    # What the reviewer saw, frozen: check results and the pre-score.
    checks_snapshot: Mapped[list] = mapped_column(JSON)
    prescore_snapshot: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    prescore_band: Mapped[str | None] = mapped_column(String(16), nullable=True)
    is_override: Mapped[bool] = mapped_column(Boolean, default=False)
    sla_breached: Mapped[bool] = mapped_column(Boolean, default=False)
    # Four eyes: '' (none), 'pending', 'confirmed', 'overturned'.
    second_review: Mapped[str] = mapped_column(String(16), default="")
    second_reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    second_review_comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    second_reviewed_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)

    __table_args__ = (Index("ix_decisions_search", "decided_at", "staff_id", "outcome"),)


class Citizen(Base):
    """A citizen known to the access database, keyed like Application.person_key."""

    __tablename__ = "citizens"

    person_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    birth_date: Mapped[date] = mapped_column(Date)
    phone_e164: Mapped[str | None] = mapped_column(String(20), nullable=True, index=True)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    opted_out_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)


class PersonIdentifier(Base):
    """One person across documents (services.persons): each stable identifier an applicant gave (SNILS, a
    passport, the previous passport, name + birth date + birth place) → the person key it belongs to.

    `digest` is a keyed hash (HMAC-SHA256 under a subkey of the audit key, which is never rotated) of the
    normalised identifier, so the table does not give away a SNILS or a passport number."""

    __tablename__ = "person_identifiers"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_key: Mapped[str] = mapped_column(String(64), index=True)  # = applications.person_key, citizens
    kind: Mapped[str] = mapped_column(String(20))  # snils | passport | identity
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"))  # the first one that gave it
    created_at: Mapped[datetime] = mapped_column(TZ)


class AccessGrant(Base):
    """Who may open which medical record. A child's grant ends the day before the 15th birthday."""

    __tablename__ = "access_grants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    holder_key: Mapped[str] = mapped_column(ForeignKey("citizens.person_key"), index=True)
    # Whose record: the holder's own ("self") or a child's, keyed by the child's identity.
    subject_kind: Mapped[str] = mapped_column(String(8))  # self | child
    subject_key: Mapped[str] = mapped_column(String(64), index=True)
    subject_name: Mapped[str] = mapped_column(String(300))
    subject_birth_date: Mapped[date] = mapped_column(Date)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"))
    status: Mapped[str] = mapped_column(String(16), default="active")
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(TZ)
    revoked_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)
    revoke_reason: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The parent was told (SMS) that a child's access ends soon: set once, with the SMS (`notify child-access`).
    ending_notified_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)


class KinshipConfirmation(Base):
    """A parent's kinship with a child confirmed in person at an MFC office (the route for certificates issued
    before the registry start or abroad). Recorded at the desk or from a pack field the portal sends; it lets
    that parent's application for that child be approved (the one waiting, or a new one)."""

    __tablename__ = "kinship_confirmations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    parent_key: Mapped[str] = mapped_column(String(64))  # Application.person_key of the parent
    child_key: Mapped[str] = mapped_column(String(64))  # services.grants.child_key
    application_id: Mapped[str | None] = mapped_column(ForeignKey("applications.id"), nullable=True)
    confirmed_by: Mapped[str] = mapped_column(String(200))  # the MFC officer
    mfc_office: Mapped[str] = mapped_column(String(200))
    confirmed_on: Mapped[date] = mapped_column(Date)
    document_ref: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(8))  # desk | mfc | pack
    recorded_by: Mapped[str] = mapped_column(String(100))  # staff name, or 'intake'
    recorded_at: Mapped[datetime] = mapped_column(TZ)
    # Four eyes (issue 22): a desk record is 'pending' until another supervisor verifies ('confirmed') or refuses
    # it ('refused'); one from the MFC or the portal's pack is 'confirmed' when recorded.
    state: Mapped[str] = mapped_column(String(12), default="confirmed", server_default=text("'confirmed'"))
    verified_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    verified_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)
    verify_comment: Mapped[str | None] = mapped_column(String(500), nullable=True)

    __table_args__ = (Index("ix_kinship_confirmations_pair", "parent_key", "child_key"),)


class OtpCredential(Base):
    """A citizen's login: an HOTP secret (encrypted), the phone codes go to, failures and lockout."""

    __tablename__ = "otp_credentials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    citizen_key: Mapped[str] = mapped_column(ForeignKey("citizens.person_key"), unique=True)
    phone_e164: Mapped[str] = mapped_column(String(20), index=True)
    secret_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    counter: Mapped[int] = mapped_column(BigInteger, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(TZ, nullable=True)
    last_sent_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)


class OtpChallenge(Base):
    """One code sent: valid until `expires_at`, used at most once."""

    __tablename__ = "otp_challenges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    credential_id: Mapped[int] = mapped_column(ForeignKey("otp_credentials.id", ondelete="CASCADE"), index=True)
    counter: Mapped[int] = mapped_column(BigInteger)
    subject_key: Mapped[str] = mapped_column(String(64))  # the record being opened
    created_at: Mapped[datetime] = mapped_column(TZ)
    expires_at: Mapped[datetime] = mapped_column(TZ)
    used_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)


class SmsMessage(Base):
    """The SMS outbox: written in the same transaction as what caused it; sent at most once."""

    __tablename__ = "sms_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    phone_e164: Mapped[str] = mapped_column(String(20), index=True)
    # What anyone with the outbox may read; for a one-time code the code is masked here...
    body: Mapped[str] = mapped_column(Text)
    # ...and the real text is sealed for the sender (SecretBox purpose 'sms'); None: `body` is the text.
    body_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    purpose: Mapped[str] = mapped_column(String(32))  # otp, decision, ...
    application_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(TZ)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)
    gateway_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (Index("ix_sms_outbox_due", "status", "next_attempt_at"),)


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    totp_secret_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(TZ, nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(TZ)
    # A service account (scripts, cron: `retention purge`, `stats`) logs in with its password only, from the
    # settings (service_account, service_password), and never at a desk; a person's account always needs TOTP.
    service: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # The staff member's identity, for recusal (issue 22): no one claims an application of their own or a
    # relative's (same SNILS, or same normalised full name and birth date).
    last_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    first_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    middle_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    snils: Mapped[str | None] = mapped_column(String(20), nullable=True)


class AuditEvent(Base):
    """Append-only, hash-chained: each entry carries the hash of the one before."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=True)
    at: Mapped[datetime] = mapped_column(TZ, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48), index=True)
    target_type: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[str] = mapped_column(String(64), index=True)
    details: Mapped[dict] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class RegistryRecord(Base):
    """Embedded civil-registry (ЕГР ЗАГС) table: birth certificates with the child and the parents."""

    __tablename__ = "registry_birth_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    certificate_series: Mapped[str] = mapped_column(String(16))
    certificate_number: Mapped[str] = mapped_column(String(12))
    issued_on: Mapped[date] = mapped_column(Date)
    child: Mapped[dict] = mapped_column(JSON)  # last_name, first_name, middle_name, birth_date
    parents: Mapped[list] = mapped_column(JSON)  # [{last_name, first_name, middle_name, birth_date}]

    __table_args__ = (
        UniqueConstraint("certificate_series", "certificate_number", name="uq_registry_certificate"),
    )


class TrainingAnswer(Base):
    """Answer key for training databases: the expected decision and why."""

    __tablename__ = "training_answers"

    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"),
                                                primary_key=True)
    expected_outcome: Mapped[str] = mapped_column(String(16))
    expected_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    explanation: Mapped[str] = mapped_column(Text, default="")  # Russian
    explanation_en: Mapped[str] = mapped_column(Text, default="")
    pack: Mapped[str] = mapped_column(String(128), default="")  # the sample pack's folder or .zip name


class DatabaseMeta(Base):
    """Key/value facts about the database itself (e.g. `purpose` = production or training)."""

    __tablename__ = "database_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ServiceSession(Base):
    """A staff member signed in to the reviewer service (`reviewer_app.api`). Only the SHA-256 of the token is
    kept: a copy of this table opens no session. Kept here, not in the process, so that any instance of the
    service behind a load balancer accepts it."""

    __tablename__ = "service_sessions"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(TZ)
    last_seen_at: Mapped[datetime] = mapped_column(TZ)
    expires_at: Mapped[datetime] = mapped_column(TZ)  # the absolute end, however busy the session
    ended_at: Mapped[datetime | None] = mapped_column(TZ, nullable=True)  # logout


class DecisionRequestRow(Base):
    """A decision asked for over the service, by its client-generated idempotency key: a retry with the same key
    gets the stored result instead of a second decision. `result` is empty while the decision is being made."""

    __tablename__ = "decision_requests"

    idempotency_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    request_sha256: Mapped[str] = mapped_column(String(64))
    application_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(TZ)
    result: Mapped[dict | None] = mapped_column(JSON, nullable=True)
