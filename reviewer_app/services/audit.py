"""The audit trail: append-only and hash-chained (each entry carries the hash of the one before).

Entries are written inside the caller's unit of work, so an audited change and its entry commit together.
Appends are serialised (an advisory lock on PostgreSQL; SQLite writers are serialised by BEGIN IMMEDIATE) so
the chain never forks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from reviewer_app.db.models import AuditEvent

GENESIS = "0" * 64
_LOCK_KEY = 0x5245564945570001  # any constant; names the audit-chain lock


def canonical(seq: int, at: datetime, actor: str, action: str, target_type: str, target_id: str,
              details: dict[str, Any], prev_hash: str) -> bytes:
    stamp = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    body = [seq, stamp, actor, action, target_type, target_id, details, prev_hash]
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def entry_hash(event: AuditEvent) -> str:
    return hashlib.sha256(canonical(event.id, event.at, event.actor, event.action, event.target_type,
                                    event.target_id, event.details, event.prev_hash)).hexdigest()


def record(session: Session, *, at: datetime, actor: str, action: str, target_type: str, target_id: str,
           details: dict[str, Any] | None = None) -> AuditEvent:
    """Append one entry in the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    last = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    seq, prev = (last.id + 1, last.hash) if last else (1, GENESIS)
    details = json.loads(json.dumps(details or {}, ensure_ascii=False, default=str))
    event = AuditEvent(id=seq, at=at, actor=actor, action=action, target_type=target_type,
                       target_id=str(target_id), details=details, prev_hash=prev, hash="")
    event.hash = entry_hash(event)
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    problem: str


def verify_chain(events: Iterable[AuditEvent]) -> tuple[int, ChainBreak | None]:
    """Walk entries in id order; return (entries checked, first break or None)."""
    prev_hash, expected_id, count = GENESIS, 1, 0
    for event in events:
        count += 1
        if event.id != expected_id:
            return count, ChainBreak(expected_id if event.id > expected_id else event.id,
                                     f"entry {expected_id} is missing (next present entry is {event.id})")
        if event.prev_hash != prev_hash:
            return count, ChainBreak(event.id, "its link to the previous entry is broken (removed or reordered)")
        if entry_hash(event) != event.hash:
            return count, ChainBreak(event.id, "its content was changed after it was written")
        prev_hash, expected_id = event.hash, expected_id + 1
    return count, None
