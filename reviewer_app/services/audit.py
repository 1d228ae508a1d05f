"""The audit trail: append-only, chained and keyed (each entry carries the seal of the one before).

Entries are written inside the caller's unit of work, so an audited change and its entry commit together.
Appends are serialised (an advisory lock on PostgreSQL; SQLite writers are serialised by BEGIN IMMEDIATE) so
the chain never forks. On PostgreSQL the application role cannot UPDATE, DELETE or TRUNCATE the table
(reviewer_app/db/sql/postgres_roles.sql, docs/postgres.md); everywhere, `verify` finds any change.

Each entry's `hash` is an HMAC-SHA256 under the audit key, which lives outside the database (setting
`audit_key_file`): whoever can write the table but lacks the key cannot insert an entry, nor rewrite one and
re-seal the rest. The head of the chain is checkpointed, signed, to a place the application role cannot write
(`audit_anchor`, see services/audit_anchor.py), so that removing the newest entries, or re-sealing the chain
with a stolen key, is found too. Sessions from AppContext carry the key (`session.info["audit_key"]`).

Action names (``action=``; ``target_type`` in brackets). Use these; add new ones here first:

- ``staff.login`` / ``staff.login_failed`` / ``staff.logout`` / ``staff.locked`` [staff]
- ``staff.create`` / ``staff.update`` / ``staff.disable`` / ``staff.enable`` / ``staff.unlock`` /
  ``staff.role_change`` / ``staff.password_reset`` / ``staff.totp_reset`` [staff]
- ``application.intake`` [application]: a pack entered the queue
- ``intake.pack_repeated`` / ``intake.pack_refused`` [pack]: a pack pushed over the API (the portal) was already
  taken, or was refused (target_id = the pack's file name; details: application_id, reason)
- ``application.open`` [application]: someone opened it (details: readonly=True for supervisors)
- ``application.requeue`` [application]: back to the queue from in_person_required (details: from, reason,
  sla_deadline: the new answer deadline)
- ``application.expire`` [application]: a case sent to the MFC waited past its last day (`notify waiting`;
  details: from, waiting_until, outbox_id)
- ``kinship.mfc_confirmed`` [application]: an MFC office confirmed a child's kinship in person, and it counts
  (details: confirmed_by, mfc_office, confirmed_on, document_ref, source mfc|pack|desk; a desk record when
  another supervisor verified it: recorded_by)
- ``kinship.mfc_recorded`` [application]: a confirmation typed in at a desk, pending a supervisor's verification
- ``kinship.mfc_refused`` [application]: a supervisor refused a pending desk record (details: comment)
- ``image.open`` [document]: someone looked at an image (target_id = sha256; details: application_id, role)
- ``claim.take`` / ``claim.renew`` / ``claim.release`` / ``claim.expire`` / ``claim.reassign`` [application]
  (a case chosen by id: details chosen=True and the supervisor's reason)
- ``claim.recused`` [application]: a claim refused or skipped because the application is the claimer's own or
  a relative's (details: matched applicant|child, by snils|name_birth_date)
- ``decision.make`` [application]: approve, reject, in_person, return, escalate (details: outcome, reason...)
- ``decision.search`` [decision 'search']: a supervisor looked someone up among past decisions (details: the
  application number, the start of the name, the passport and phone masked, how many were found)
- ``decision.second_review_requested`` / ``decision.confirm`` / ``decision.overturn`` [decision]
- ``grant.create`` / ``grant.revoke`` / ``grant.expire`` [grant]
- ``grant.ending_notified`` [grant]: the parent was told a child's access ends soon (`notify child-access`;
  details: valid_until, application_id, outbox_id)
- ``citizen.opt_out`` / ``citizen.opt_in`` / ``citizen.phone_change`` [citizen]
- ``otp.send`` / ``otp.verify`` / ``otp.fail`` / ``otp.locked`` / ``otp.unlock`` [citizen]
- ``record.open`` / ``record.refuse`` [citizen]: a citizen opened (or was refused) a medical record
- ``sms.sent`` / ``sms.failed`` [sms]
- ``export`` [report]: statistics or search results left the system (details: format, path, filters)
- ``audit.verify`` [audit]: the chain was verified (details: count, broken entry)
- ``retention.purge`` [retention]: document images destroyed (details: the purged hashes)
- ``training.start`` / ``training.load`` / ``training.history`` (a sample set's history.json seeded) [training]
- ``training.read`` [staff]: a trainer looked at a trainee's cases; ``training.reset`` [staff]: a trainer cleared a
  trainee's decisions (details: decisions, applications back in the queue); ``training.case_set`` [staff, or
  training '*' for everybody]: a trainer chose the cases given (details: kinds, lessons)
- ``prescore.computed`` [application]: the background worker stored a face pre-score
- ``face_descriptor.reindexed`` [application]: an earlier application's live face was described again under a new
  identity-descriptor version (`worker --reindex-faces`; details: model_version, selfie_sha256, face_duplicates)
- ``registry.load`` [registry]: civil-registry records were loaded into the embedded table
- ``keys.rotate`` [keys]: documents and secrets were re-sealed under a new store key (target_id = its id)
- ``staff.service_login`` [staff]: a script logged in as the service account of its settings
- ``audit.read`` [audit] / ``sms.outbox_read`` [sms] / ``grants.read`` [citizen]: a staff member read these from
  the command line
- ``otp.request`` [citizen, or phone for an unknown phone (masked)]: a citizen asked for a login code (details:
  outcome sent, unknown, no_access, refused, throttled, locked or capped; the answer was the same for all)
- ``document.integrity_failed`` [document]: a stored document failed its hash or authentication check (tampered)
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from reviewer_app.db.models import AuditEvent
from reviewer_app.domain.supervision_views import AuditEntry  # re-exported

GENESIS = "0" * 64
_LOCK_KEY = 0x5245564945570001  # any constant; names the audit-chain lock

#: The documented action names (see the module docstring).
ACTIONS: frozenset[str] = frozenset({
    "staff.login", "staff.login_failed", "staff.logout", "staff.locked",
    "staff.create", "staff.update", "staff.disable", "staff.enable", "staff.unlock", "staff.role_change",
    "staff.password_reset", "staff.totp_reset",
    "application.intake", "application.open", "image.open",
    "claim.take", "claim.renew", "claim.release", "claim.expire", "claim.reassign",
    "decision.make", "decision.search", "decision.second_review_requested", "decision.confirm", "decision.overturn",
    "grant.create", "grant.revoke", "grant.expire", "citizen.opt_out", "citizen.opt_in",
    "otp.send", "otp.verify", "otp.fail", "otp.locked", "otp.unlock", "record.open", "record.refuse",
    "sms.sent", "sms.failed", "export", "audit.verify", "retention.purge", "training.start", "training.load",
    "training.history", "citizen.phone_change", "prescore.computed", "registry.load", "keys.rotate",
    "application.requeue", "kinship.mfc_confirmed", "kinship.mfc_recorded", "kinship.mfc_refused", "claim.recused",
    "staff.service_login", "audit.read", "sms.outbox_read", "grants.read", "otp.request",
    "document.integrity_failed", "face_descriptor.reindexed",
    "grant.ending_notified", "application.expire", "training.read", "training.reset", "training.case_set",
    "intake.pack_repeated", "intake.pack_refused",
})


class _EntryLike(Protocol):
    id: int
    at: datetime
    actor: str
    action: str
    target_type: str
    target_id: str
    details: dict[str, Any]
    prev_hash: str
    hash: str


def canonical(seq: int, at: datetime, actor: str, action: str, target_type: str, target_id: str,
              details: dict[str, Any], prev_hash: str) -> bytes:
    stamp = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    body = [seq, stamp, actor, action, target_type, target_id, details, prev_hash]
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def entry_hash(event: _EntryLike, key: bytes) -> str:
    """The entry's seal: HMAC-SHA256 under the audit key of its content, position and link."""
    return hmac.new(key, canonical(event.id, event.at, event.actor, event.action, event.target_type,
                                   event.target_id, event.details, event.prev_hash), hashlib.sha256).hexdigest()


def session_key(session: Session) -> bytes:
    """The audit key a session was opened with (AppContext puts it, lazily, in `session.info`)."""
    provider = session.info.get("audit_key")
    if provider is None:
        raise RuntimeError("this session carries no audit key: open it with AppContext.sessions() or .uow()")
    return provider() if callable(provider) else provider


def record(session: Session, *, at: datetime, actor: str, action: str, target_type: str, target_id: str,
           details: dict[str, Any] | None = None) -> AuditEvent:
    """Append one entry in the caller's transaction."""
    if action not in ACTIONS:  # a misspelt action would hide the entry from every search for it
        raise ValueError(f"undocumented audit action {action!r}; add it to ACTIONS and the module docstring")
    key = session_key(session)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    last = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    seq, prev = (last.id + 1, last.hash) if last else (1, GENESIS)
    details = json.loads(json.dumps(details or {}, ensure_ascii=False, default=str))
    event = AuditEvent(id=seq, at=at, actor=actor, action=action, target_type=target_type,
                       target_id=str(target_id), details=details, prev_hash=prev, hash="")
    event.hash = entry_hash(event, key)
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    problem: str


CHANGED = "its content or its seal does not match: it was changed, inserted or re-sealed after it was written"


def verify_chain(events: Iterable[_EntryLike], key: bytes, *, start: tuple[int, str] = (1, GENESIS),
                 on_entry: Callable[[_EntryLike], ChainBreak | None] | None = None
                 ) -> tuple[int, ChainBreak | None]:
    """Walk entries in id order from `start` (expected id, previous seal); return (entries checked, first break).

    Accepts ORM objects or plain rows with the same attribute names. A removed entry shows as a gap in the
    ids; a reordered one as a broken link; an edited, inserted or re-sealed one (without the key) as a seal that
    does not match. `on_entry` may add checks of its own (the signed checkpoints).
    """
    expected_id, prev_hash = start
    count = 0
    for event in events:
        count += 1
        if event.id != expected_id:
            return count, ChainBreak(expected_id if event.id > expected_id else event.id,
                                     f"entry {expected_id} is missing (next present entry is {event.id})")
        if event.prev_hash != prev_hash:
            return count, ChainBreak(event.id, "its link to the previous entry is broken (removed or reordered)")
        if not hmac.compare_digest(entry_hash(event, key), event.hash):
            return count, ChainBreak(event.id, CHANGED)
        if on_entry is not None:
            brk = on_entry(event)
            if brk is not None:
                return count, brk
        prev_hash, expected_id = event.hash, expected_id + 1
    return count, None


_COLUMNS = (AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.target_type,
            AuditEvent.target_id, AuditEvent.details, AuditEvent.prev_hash, AuditEvent.hash)


def stream_entries(engine: Engine, *, batch: int = 10_000, after_id: int = 0) -> Iterator[Any]:
    """Entries in id order (from after `after_id`) as plain rows, streamed (a server-side cursor on PostgreSQL),
    never all in memory."""
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=batch).execute(
            select(*_COLUMNS).where(AuditEvent.id > after_id).order_by(AuditEvent.id))
        yield from result


def verify_database(engine: Engine, *, key: bytes, batch: int = 10_000) -> tuple[int, ChainBreak | None]:
    """Verify the whole chain in the database, streaming in id order (without the checkpoints: see
    audit_anchor.verify)."""
    return verify_chain(stream_entries(engine, batch=batch), key)


def search(session: Session, *, target: str | None = None, actor: str | None = None,
           since: datetime | None = None, until: datetime | None = None, action: str | None = None,
           limit: int = 500, after_id: int = 0) -> list[AuditEntry]:
    """Entries matching all given filters, oldest first; page with `after_id` (the last id of the page before)."""
    stmt = select(*_COLUMNS[:7]).where(AuditEvent.id > after_id)
    if target:
        stmt = stmt.where(AuditEvent.target_id == target)
    if actor:
        stmt = stmt.where(AuditEvent.actor == actor)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if since is not None:
        stmt = stmt.where(AuditEvent.at >= since)
    if until is not None:
        stmt = stmt.where(AuditEvent.at < until)
    rows = session.execute(stmt.order_by(AuditEvent.id).limit(limit)).all()
    return [AuditEntry(*row) for row in rows]
