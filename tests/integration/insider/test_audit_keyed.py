"""An audit trail an insider cannot rewrite: keyed entries and signed checkpoints outside the database.

The insider here holds the database (the application role's URL, or more) but not the audit key: edits,
removals in the middle and at the end, reordering, forged inserts and re-sealed chains are all found, and the
first bad entry (or the missing tail) is named. A second insider who also stole the key can re-seal the chain,
but not the checkpoints already signed elsewhere.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os

import pytest
from sqlalchemy import select, text

from reviewer_app.cli import main
from reviewer_app.config import load_settings
from reviewer_app.db.models import AuditEvent
from reviewer_app.services import audit, audit_anchor
from reviewer_app.services.context import AppContext


@pytest.fixture(autouse=True)
def _anchor(app) -> None:
    """A new installation initialises its anchor (issue 21, item 5): the genesis checkpoint, entry 0."""
    audit_anchor.init_anchor(app)


def _write(app, n: int, start: int = 0) -> None:
    with app.uow() as s:
        for i in range(start, start + n):
            audit.record(s, at=app.clock.now(), actor="anna", action="application.open",
                         target_type="application", target_id=f"EMK-{i}", details={"i": i})


def _rows(app) -> list[AuditEvent]:
    with app.sessions() as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def _sha_chain_seal(row, prev: str) -> str:
    """What a forger without the key computes: the old, unkeyed SHA-256 seal."""
    return hashlib.sha256(audit.canonical(row["id"], row["at"], row["actor"], row["action"], row["target_type"],
                                          row["target_id"], row["details"], prev)).hexdigest()


def _insert(app, row: dict) -> None:
    with app.engine.begin() as conn:
        conn.execute(AuditEvent.__table__.insert().values(**row))


def test_entries_are_sealed_with_a_key_not_in_the_database(app) -> None:
    _write(app, 3)
    rows = _rows(app)
    for r in rows:  # not the plain hash of the content: the key is needed to make or check a seal
        assert r.hash != _sha_chain_seal(r.__dict__, r.prev_hash)
    assert audit.verify_database(app.engine, key=app.audit_key) == (3, None)
    assert audit.verify_database(app.engine, key=b"x" * 32)[1].entry_id == 1


def test_forged_insert_at_the_end_is_found(app) -> None:
    """The application role may INSERT: a forged entry with a recomputed SHA-256 seal no longer passes."""
    _write(app, 3)
    last = _rows(app)[-1]
    row = {"id": 4, "at": last.at, "actor": "boss", "action": "decision.make", "target_type": "application",
           "target_id": "EMK-9", "details": {"outcome": "approve"}, "prev_hash": last.hash}
    row["hash"] = _sha_chain_seal(row, last.hash)
    _insert(app, row)
    report = audit_anchor.verify(app)
    assert report.brk is not None and report.brk.entry_id == 4 and "inserted" in report.brk.problem


def test_rewritten_entry_resealed_onwards_without_the_key_is_found(app) -> None:
    """Rewrite entry 3 and re-seal it and every later entry the old way (SHA-256): the seals no longer match."""
    _write(app, 5)
    with app.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE id = 3"))
    rows = _rows(app)
    prev = rows[1].hash
    with app.engine.begin() as conn:
        for r in rows[2:]:
            seal = _sha_chain_seal(r.__dict__ | {"prev_hash": prev}, prev)
            conn.execute(text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :i"),
                         {"p": prev, "h": seal, "i": r.id})
            prev = seal
    brk = audit_anchor.verify(app).brk
    assert brk is not None and brk.entry_id == 3


@pytest.mark.parametrize(("statement", "first_bad", "word"), [
    ("UPDATE audit_events SET target_id = 'EMK-X' WHERE id = 4", 4, "changed"),
    ("DELETE FROM audit_events WHERE id = 3", 3, "missing"),
])
def test_edit_and_removal_in_the_middle_are_named(app, statement, first_bad, word) -> None:
    _write(app, 6)
    with app.engine.begin() as conn:
        conn.execute(text(statement))
    brk = audit_anchor.verify(app).brk
    assert brk is not None and brk.entry_id == first_bad and word in brk.problem


def test_reordering_is_found(app) -> None:
    _write(app, 5)
    with app.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET id = 1000 WHERE id = 2"))
        conn.execute(text("UPDATE audit_events SET id = 2 WHERE id = 3"))
        conn.execute(text("UPDATE audit_events SET id = 3 WHERE id = 1000"))
    brk = audit_anchor.verify(app).brk
    assert brk is not None and brk.entry_id == 2


def test_removal_at_the_end_is_found_through_the_checkpoint(app) -> None:
    _write(app, 5)
    first = audit_anchor.verify(app)  # every verify checkpoints the head it found intact
    assert first.brk is None and first.written is not None and first.written.head_id == 5
    _write(app, 2, start=5)
    with app.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id >= 4"))
    brk = audit_anchor.verify(app).brk
    assert brk is not None and brk.entry_id == 4 and "entries 4 to 5" in brk.problem and "missing" in brk.problem
    # Without the checkpoint the shortened chain would look intact: that is what the anchor is for.
    assert audit.verify_database(app.engine, key=app.audit_key) == (3, None)


def test_tail_removed_then_regrown_is_found(app) -> None:
    """Delete the newest entries and let new ones take their ids: the checkpointed head no longer matches."""
    _write(app, 4)
    audit_anchor.verify(app)
    with app.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id >= 3"))
    _write(app, 3, start=100)
    brk = audit_anchor.verify(app).brk
    assert brk is not None and brk.entry_id == 4 and "checkpoint" in brk.problem


def test_a_key_thief_who_reseals_everything_is_caught_by_the_checkpoints(app) -> None:
    _write(app, 4)
    audit_anchor.verify(app)
    key = app.audit_key
    with app.engine.begin() as conn:  # rewrite entry 2 and re-seal the rest WITH the key
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE id = 2"))
    rows = _rows(app)
    prev = rows[0].hash
    with app.engine.begin() as conn:
        for r in rows[1:]:
            r.prev_hash = prev
            seal = audit.entry_hash(r, key)
            conn.execute(text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :i"),
                         {"p": prev, "h": seal, "i": r.id})
            prev = seal
    assert audit.verify_database(app.engine, key=key) == (4, None)  # the chain alone looks fine
    brk = audit_anchor.verify(app).brk
    assert brk is not None and brk.entry_id == 4 and "re-sealed" in brk.problem


def test_a_forged_checkpoint_is_refused(app) -> None:
    _write(app, 3)
    audit_anchor.verify(app)
    path = app.settings.audit_anchor
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"chain_id": "0" * 64, "head_id": 2, "head_hash": "1" * 64, "at": "now",
                             "sig": "2" * 64}) + "\n")
    brk = audit_anchor.verify(app).brk
    assert brk is not None and "not signed with the audit key" in brk.problem


def test_checkpoint_is_incremental_and_refuses_to_sign_a_broken_chain(app) -> None:
    _write(app, 3)
    assert audit_anchor.checkpoint(app).written.head_id == 3  # none yet: a full verify
    _write(app, 2, start=3)
    report = audit_anchor.checkpoint(app)
    assert report.brk is None and report.count == 2 and report.written.head_id == 5  # only the two new ones
    _write(app, 1, start=5)
    with app.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE id = 6"))
    report = audit_anchor.checkpoint(app)
    assert report.brk is not None and report.brk.entry_id == 6 and report.written is None


def test_the_anchor_can_be_a_second_database(app, tmp_path, clock) -> None:
    anchor_url = f"sqlite:///{tmp_path / 'anchor' / 'checkpoints.db'}"
    ctx = AppContext(load_settings(env={}, overrides={"db_url": app.settings.db_url,
                                                      "data_dir": app.settings.data_dir,
                                                      "audit_anchor": anchor_url}), clock=clock)
    try:
        audit_anchor.init_anchor(ctx)
        _write(ctx, 4)
        assert audit_anchor.verify(ctx).written.head_id == 4
        with ctx.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_events WHERE id = 4"))
        brk = audit_anchor.verify(ctx).brk
        assert brk is not None and brk.entry_id == 4 and "missing" in brk.problem
        anchor = audit_anchor.open_anchor(anchor_url)
        assert [cp.head_id for cp in anchor.read()] == [0, 4]
        anchor.close()
    finally:
        ctx.close()


def test_cli_verify_names_the_missing_tail(app, capsys) -> None:
    _write(app, 3)
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    assert main([*argv, "audit", "verify"]) == 0
    assert "intact: 3 entries" in capsys.readouterr().out
    with app.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = 3"))
    assert main([*argv, "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "BROKEN at entry 3" in out and "missing" in out


def test_missing_audit_key_is_a_clear_error(app, capsys) -> None:
    app.settings.audit_key_file.unlink()
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    assert main([*argv, "audit", "verify"]) == 2
    assert "audit key" in capsys.readouterr().err


def test_a_running_worker_checkpoints_at_intervals(app) -> None:
    from reviewer_app.services.prescore_worker import _Checkpointer, run_worker
    from tests.integration.queue.test_prescore_worker import FakeMatcher

    _write(app, 2)
    run_worker(app, matcher=FakeMatcher(), once=True)
    anchor = audit_anchor.open_anchor(app.settings.audit_anchor)
    assert [cp.head_id for cp in anchor.read()] == [0, 2]
    ticker = _Checkpointer(app)
    _write(app, 1, start=2)
    ticker.maybe()
    _write(app, 1, start=3)
    ticker.maybe()  # within the interval: nothing
    assert [cp.head_id for cp in anchor.read()] == [0, 2, 3]
    app.clock.advance(seconds=app.settings.audit_checkpoint_seconds)
    ticker.maybe()
    assert [cp.head_id for cp in anchor.read()] == [0, 2, 3, 4]


# --- issue 21, item 5 and issue 23: a missing anchor is not "intact" ----------------------------------------------


def test_a_missing_anchor_is_reported_and_nothing_is_signed(app, capsys) -> None:
    """With the anchor file gone (and the tail cut with it), `audit verify` said "intact" and signed a new
    checkpoint over the shortened chain."""
    _write(app, 4)
    audit_anchor.verify(app)
    with app.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = 4"))
    os.unlink(app.settings.audit_anchor)
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    for action in ("verify", "checkpoint"):
        assert main([*argv, "audit", action]) == 1
        out = capsys.readouterr().out
        assert "anchor MISSING" in out and "chain intact" not in out
    assert not os.path.exists(app.settings.audit_anchor)  # nothing signed over the shortened chain
    assert audit_anchor.verify(app).anchor_missing


def test_init_anchor_once_then_verify(app, capsys) -> None:
    os.unlink(app.settings.audit_anchor)  # as on a new installation
    _write(app, 2)
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    assert main([*argv, "audit", "init-anchor"]) == 0
    assert "initialised" in capsys.readouterr().out
    assert main([*argv, "audit", "init-anchor"]) == 2
    assert "already initialised" in capsys.readouterr().err
    assert main([*argv, "audit", "verify"]) == 0
    assert "intact: 2 entries" in capsys.readouterr().out


def test_a_full_disk_under_the_anchor_is_a_sentence(app, capsys, monkeypatch) -> None:
    """`FileAnchor.append` caught errors on open only: ENOSPC on write was a traceback."""
    _write(app, 2)

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    assert main([*argv, "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and "cannot write a checkpoint" in err and "Traceback" not in err


def test_an_unreachable_anchor_database_is_a_sentence(app, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REVIEWER_AUDIT_ANCHOR", "postgresql+psycopg://nobody@127.0.0.1:9/anchors?connect_timeout=2")
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    assert main([*argv, "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert "cannot read database" in err and "Traceback" not in err
