"""Signed checkpoints of the audit chain's head, kept where the application role cannot write (`audit_anchor`).

A checkpoint names the chain (the seal of entry 1), its head (id and seal) and when it was taken, and is signed
with the audit key (HMAC under a label of its own, so it can never pass for an entry's seal). Checkpoints are
written by every `audit verify`, by `audit checkpoint` (for cron) and by a running worker every
`audit_checkpoint_seconds`; each checks the entries since the previous checkpoint before signing a new head.

`verify` then finds what the chain alone cannot show: the newest entries removed (the chain ends before a
signed head: "missing tail"), and a chain rewritten and re-sealed by someone holding the audit key (an entry no
longer matches the head a checkpoint signed).

The anchor is initialised once, explicitly (`audit init-anchor`, which `demo` runs for its throwaway database):
its first checkpoint signs the chain as it is then (an empty chain: the genesis checkpoint, entry 0). From then on
an anchor without checkpoints (the file or table gone or emptied) is *missing*: `verify` and `checkpoint` say so
and sign nothing, instead of starting afresh over a chain whose tail may have been cut with the anchor.

Anchors:
- a file path: JSON lines, appended and fsynced, owner-only. In production, a path the desks' accounts cannot
  write (the auditor's account, a host of its own, an append-only mount);
- a database URL: a second database (its own server or at least its own role, never the application's);
  the table `audit_checkpoints` is created there on first use.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from reviewer_app.db.models import AuditEvent
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.audit import GENESIS, ChainBreak, stream_entries, verify_chain
from reviewer_app.store.private import private_dir

LABEL = "reviewer-app audit checkpoint v1"


@dataclass(frozen=True)
class Checkpoint:
    chain_id: str  # the seal of entry 1: which chain this is
    head_id: int
    head_hash: str
    at: str  # ISO time it was taken
    sig: str = ""

    def payload(self) -> bytes:
        return json.dumps([LABEL, self.chain_id, self.head_id, self.head_hash, self.at],
                          separators=(",", ":")).encode()

    def signed(self, key: bytes) -> Checkpoint:
        return replace(self, sig=hmac.new(key, self.payload(), hashlib.sha256).hexdigest())

    def signature_ok(self, key: bytes) -> bool:
        return hmac.compare_digest(self.signed(key).sig, self.sig)


class AnchorError(ReviewerError):
    """The checkpoint place cannot be read or written."""


class Anchor(Protocol):
    where: str

    def append(self, cp: Checkpoint) -> None: ...

    def read(self) -> list[Checkpoint]: ...


class FileAnchor:
    def __init__(self, path: Path) -> None:
        self.path = Path(path).expanduser()
        self.where = f"file {self.path}"

    def append(self, cp: Checkpoint) -> None:
        try:
            private_dir(self.path.parent)
        except OSError as exc:
            raise AnchorError(f"setting 'audit_anchor': cannot create the folder of {self.where}: "
                              f"{exc.strerror or exc}") from None
        line = json.dumps({"chain_id": cp.chain_id, "head_id": cp.head_id, "head_hash": cp.head_hash,
                           "at": cp.at, "sig": cp.sig}, separators=(",", ":")) + "\n"
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        except OSError as exc:
            raise AnchorError(f"setting 'audit_anchor': cannot write {self.where}: {exc.strerror}") from None
        try:
            data = line.encode()
            if os.write(fd, data) != len(data):  # a short write: the disk is full
                raise OSError(28, os.strerror(28))
            os.fsync(fd)
        except OSError as exc:  # a full disk or a failing device: no checkpoint, said in words
            raise AnchorError(f"setting 'audit_anchor': cannot write a checkpoint to {self.where}: "
                              f"{exc.strerror or exc}; nothing was signed") from None
        finally:
            os.close(fd)

    def read(self) -> list[Checkpoint]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            raise AnchorError(f"setting 'audit_anchor': cannot read {self.where}: {exc}") from None
        out = []
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                out.append(Checkpoint(str(d["chain_id"]), int(d["head_id"]), str(d["head_hash"]), str(d["at"]),
                                      str(d["sig"])))
            except (ValueError, KeyError, TypeError):
                out.append(Checkpoint("", 0, "", f"(line {n} of {self.path} is damaged)", "x"))  # fails the sig
        return out


_META = MetaData()
CHECKPOINTS = Table(
    "audit_checkpoints", _META,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("chain_id", String(64), nullable=False),
    Column("head_id", BigInteger, nullable=False),
    Column("head_hash", String(64), nullable=False),
    Column("at", String(40), nullable=False),
    Column("sig", String(64), nullable=False),
)


class DatabaseAnchor:
    def __init__(self, url: str) -> None:
        from reviewer_app.config import mask_url
        from reviewer_app.db.engine import make_engine

        self.engine = make_engine(url)
        self.where = f"database {mask_url(url)}"

    def append(self, cp: Checkpoint) -> None:
        try:
            with self.engine.begin() as conn:
                _META.create_all(conn, checkfirst=True)
                conn.execute(CHECKPOINTS.insert().values(chain_id=cp.chain_id, head_id=cp.head_id,
                                                         head_hash=cp.head_hash, at=cp.at, sig=cp.sig))
        except SQLAlchemyError as exc:
            raise AnchorError(f"setting 'audit_anchor': cannot write a checkpoint to {self.where}: "
                              f"{str(getattr(exc, 'orig', exc))[:200]}; nothing was signed") from None

    def read(self) -> list[Checkpoint]:
        try:
            with self.engine.connect() as conn:
                if not inspect(conn).has_table("audit_checkpoints"):
                    return []
                rows = conn.execute(select(CHECKPOINTS.c.chain_id, CHECKPOINTS.c.head_id, CHECKPOINTS.c.head_hash,
                                           CHECKPOINTS.c.at, CHECKPOINTS.c.sig).order_by(CHECKPOINTS.c.id)).all()
        except SQLAlchemyError as exc:
            raise AnchorError(f"setting 'audit_anchor': cannot read {self.where}: "
                              f"{str(getattr(exc, 'orig', exc))[:200]}") from None
        return [Checkpoint(*r) for r in rows]

    def close(self) -> None:
        self.engine.dispose()


def open_anchor(spec: str) -> Anchor:
    if "://" in spec:
        return DatabaseAnchor(spec)
    return FileAnchor(Path(spec))


@dataclass
class VerifyReport:
    count: int
    brk: ChainBreak | None
    checkpoints: int  # signed checkpoints compared
    written: Checkpoint | None = None
    where: str = ""
    anchor_missing: bool = False  # no checkpoint at all: never initialised, or removed

    @property
    def ok(self) -> bool:
        return self.brk is None and not self.anchor_missing


def _missing(anchor: Anchor) -> VerifyReport:
    return VerifyReport(0, None, 0, where=anchor.where, anchor_missing=True)


def _valid(cps: list[Checkpoint], key: bytes, where: str) -> list[Checkpoint]:
    for n, cp in enumerate(cps, 1):
        if not cp.signature_ok(key):
            raise _Bad(ChainBreak(cp.head_id, f"checkpoint #{n} in {where} is not signed with the audit key "
                                              f"(forged or damaged): {cp.at}"))
    return cps


class _Bad(Exception):
    def __init__(self, brk: ChainBreak) -> None:
        self.brk = brk


def _check_against(cps: list[Checkpoint]):
    """An `on_entry` check: entry 1 names the chain; every checkpointed head still has the seal signed."""
    by_id: dict[int, list[Checkpoint]] = {}
    for cp in cps:
        by_id.setdefault(cp.head_id, []).append(cp)

    def on_entry(event) -> ChainBreak | None:
        if event.id == 1:
            for cp in cps:
                if cp.head_id and cp.chain_id != event.hash:  # the genesis checkpoint (entry 0) names no chain
                    return ChainBreak(1, f"entry 1 is not the one the checkpoint of {cp.at} was signed for: the "
                                         "whole chain was rewritten (or audit_anchor names another database's "
                                         "checkpoints)")
        for cp in by_id.get(event.id, ()):
            if cp.head_hash != event.hash:
                return ChainBreak(event.id, f"entry {event.id} is not the one the checkpoint of {cp.at} signed: "
                                            "the chain was rewritten and re-sealed at or before this entry")
        return None

    return on_entry


def _missing_tail(last_id: int, cps: list[Checkpoint]) -> ChainBreak | None:
    if not cps:
        return None
    top = max(cps, key=lambda c: c.head_id)
    if top.head_id > last_id:
        return ChainBreak(last_id + 1, f"the newest entries are missing: entries {last_id + 1} to {top.head_id} "
                                       f"were removed (the checkpoint of {top.at} saw entry {top.head_id})")
    return None


def _head(app) -> tuple[str, int, str] | None:
    with app.sessions() as s:
        first = s.scalar(select(AuditEvent.hash).where(AuditEvent.id == 1))
        last = s.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    if first is None or last is None:
        return None
    return first, last.id, last.hash


def _write(app, anchor: Anchor, head_id: int, head_hash: str, chain_id: str) -> Checkpoint:
    cp = Checkpoint(chain_id, head_id, head_hash, app.clock.now().isoformat()).signed(app.audit_key)
    anchor.append(cp)
    return cp


def verify(app, *, batch: int = 10_000, write: bool = True, initialising: bool = False) -> VerifyReport:
    """Verify every entry and every signed checkpoint; if all is intact, checkpoint the head (unless `write`).
    An anchor without checkpoints is reported missing (`anchor_missing`) unless `initialising` it."""
    key = app.audit_key
    anchor = open_anchor(app.settings.audit_anchor)
    try:
        try:
            cps = _valid(anchor.read(), key, anchor.where)
        except _Bad as bad:
            return VerifyReport(0, bad.brk, 0, where=anchor.where)
        if not cps and not initialising:
            return _missing(anchor)
        last = {"id": 0, "hash": GENESIS, "chain": ""}
        check = _check_against(cps)

        def on_entry(event):
            last["id"], last["hash"] = event.id, event.hash
            if event.id == 1:
                last["chain"] = event.hash
            return check(event)

        count, brk = verify_chain(stream_entries(app.engine, batch=batch), key, on_entry=on_entry)
        if brk is None:
            brk = _missing_tail(last["id"], cps)
        report = VerifyReport(count, brk, len(cps), where=anchor.where)
        if brk is None and write and (count or initialising):  # the head just verified (newer ones wait)
            report.written = _write(app, anchor, last["id"], last["hash"], last["chain"])
        return report
    finally:
        getattr(anchor, "close", lambda: None)()


def checkpoint(app, *, batch: int = 10_000) -> VerifyReport:
    """Checkpoint the head after checking only the entries since the newest valid checkpoint (cheap enough to
    run every few minutes); a full verify when there is none yet. Nothing is signed over a broken chain."""
    key = app.audit_key
    anchor = open_anchor(app.settings.audit_anchor)
    try:
        try:
            cps = _valid(anchor.read(), key, anchor.where)
        except _Bad as bad:
            return VerifyReport(0, bad.brk, 0, where=anchor.where)
        if not cps:
            return _missing(anchor)
        top = max(cps, key=lambda c: c.head_id)
        if top.head_id == 0:  # only the genesis checkpoint: a full verify
            return verify(app, batch=batch)
        head = _head(app)
        tail = _missing_tail(head[1] if head else 0, cps)
        if tail is not None:
            return VerifyReport(0, tail, len(cps), where=anchor.where)
        if head[0] != top.chain_id:
            return VerifyReport(0, ChainBreak(1, "entry 1 is not the one the checkpoints were signed for: the whole "
                                                 "chain was rewritten"), len(cps), where=anchor.where)
        with app.sessions() as s:
            seal = s.scalar(select(AuditEvent.hash).where(AuditEvent.id == top.head_id))
        if seal != top.head_hash:
            return VerifyReport(0, ChainBreak(top.head_id, f"entry {top.head_id} is not the one the checkpoint of "
                                                           f"{top.at} signed"), len(cps), where=anchor.where)
        seen = {"id": top.head_id, "hash": top.head_hash}

        def on_entry(event):
            seen["id"], seen["hash"] = event.id, event.hash
            return None

        count, brk = verify_chain(stream_entries(app.engine, batch=batch, after_id=top.head_id), key,
                                  start=(top.head_id + 1, top.head_hash), on_entry=on_entry)
        report = VerifyReport(count, brk, len(cps), where=anchor.where)
        if brk is None and seen["id"] != top.head_id:
            report.written = _write(app, anchor, seen["id"], seen["hash"], top.chain_id)
        return report
    finally:
        getattr(anchor, "close", lambda: None)()


def init_anchor(app, *, batch: int = 10_000) -> VerifyReport:
    """Initialise the anchor of a new installation (or one that never had one): verify the whole chain and sign
    its head (an empty chain: the genesis checkpoint). Refused where the anchor already holds checkpoints, and
    over a broken chain (the report says where)."""
    anchor = open_anchor(app.settings.audit_anchor)
    try:
        existing = anchor.read()
    finally:
        getattr(anchor, "close", lambda: None)()
    if existing:
        raise AnchorError(f"the audit anchor ({anchor.where}) is already initialised: it holds {len(existing)} "
                          "checkpoint(s); `reviewer-app audit verify` checks the chain against them")
    return verify(app, batch=batch, initialising=True)
