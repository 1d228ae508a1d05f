from sqlalchemy import select, text

from reviewer_app.cli import main
from reviewer_app.db.models import AuditEvent
from reviewer_app.services import audit


def _write(app, n: int) -> None:
    with app.uow() as s:
        for i in range(n):
            audit.record(s, at=app.clock.now(), actor="anna", action="application.open",
                         target_type="application", target_id=f"EMK-{i}", details={"i": i, "name": "Иванова"})


def _verify(app):
    with app.sessions() as s:
        return audit.verify_chain(s.scalars(select(AuditEvent).order_by(AuditEvent.id)), app.audit_key)


def test_chain_verifies_and_detects_change(app) -> None:
    _write(app, 5)
    assert _verify(app) == (5, None)
    assert audit.verify_database(app.engine, key=app.audit_key, batch=2) == (5, None)
    with app.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE id = 3"))
    _, brk = _verify(app)
    assert brk is not None and brk.entry_id == 3 and "changed" in brk.problem
    _, brk = audit.verify_database(app.engine, key=app.audit_key, batch=2)
    assert brk is not None and brk.entry_id == 3 and "changed" in brk.problem


def test_chain_detects_details_change(app) -> None:
    _write(app, 4)
    with app.engine.begin() as conn:
        conn.execute(text("""UPDATE audit_events SET details = '{"i": 99, "name": "Иванова"}' WHERE id = 4"""))
    _, brk = audit.verify_database(app.engine, key=app.audit_key)
    assert brk == audit.ChainBreak(4, audit.CHANGED)


def test_chain_detects_removal(app) -> None:
    _write(app, 5)
    with app.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = 2"))
    _, brk = _verify(app)
    assert brk is not None and brk.entry_id == 2 and "missing" in brk.problem
    _, brk = audit.verify_database(app.engine, key=app.audit_key)
    assert brk is not None and brk.entry_id == 2 and "missing" in brk.problem


def test_chain_detects_reordering(app) -> None:
    """Swapping the content of entries 2 and 3 (ids kept in sequence) breaks the link at entry 2."""
    _write(app, 5)
    with app.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET id = 1000 WHERE id = 2"))
        conn.execute(text("UPDATE audit_events SET id = 2 WHERE id = 3"))
        conn.execute(text("UPDATE audit_events SET id = 3 WHERE id = 1000"))
    _, brk = audit.verify_database(app.engine, key=app.audit_key)
    assert brk is not None and brk.entry_id == 2 and "link" in brk.problem


def test_cli_verify_exit_codes(app, capsys) -> None:
    _write(app, 3)
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    assert main([*argv, "audit", "init-anchor"]) == 0  # a new installation initialises its anchor
    assert main([*argv, "audit", "verify"]) == 0
    assert "intact: 3 entries" in capsys.readouterr().out
    with app.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET target_id = 'EMK-X' WHERE id = 2"))
    assert main([*argv, "audit", "verify"]) == 1
    assert "BROKEN at entry 2" in capsys.readouterr().out


def test_cli_show_filters(app, capsys, monkeypatch) -> None:
    from tests.cli_login import service_account

    _write(app, 3)
    service_account(app, monkeypatch, role="supervisor")
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    assert main([*argv, "audit", "show", "--target", "EMK-1"]) == 0
    out = capsys.readouterr().out
    assert "EMK-1" in out and "EMK-2" not in out and "(1 entries)" in out
    assert main([*argv, "audit", "show", "--actor", "nobody"]) == 0
    assert "(0 entries)" in capsys.readouterr().out


def test_undocumented_action_is_refused(app) -> None:
    import pytest

    with pytest.raises(ValueError, match="undocumented audit action"), app.uow() as s:
        audit.record(s, at=app.clock.now(), actor="anna", action="application.peek",
                     target_type="application", target_id="EMK-1")
    with app.sessions() as s:
        assert s.scalar(select(AuditEvent.id).limit(1)) is None
