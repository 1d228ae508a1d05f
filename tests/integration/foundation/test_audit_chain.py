from sqlalchemy import select, text

from reviewer_app.db.models import AuditEvent
from reviewer_app.services import audit


def _write(app, n: int) -> None:
    with app.uow() as s:
        for i in range(n):
            audit.record(s, at=app.clock.now(), actor="anna", action="application.open",
                         target_type="application", target_id=f"EMK-{i}", details={"i": i, "name": "Иванова"})


def _verify(app):
    with app.sessions() as s:
        return audit.verify_chain(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_chain_verifies_and_detects_change(app) -> None:
    _write(app, 5)
    assert _verify(app) == (5, None)
    with app.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE id = 3"))
    _, brk = _verify(app)
    assert brk is not None and brk.entry_id == 3 and "changed" in brk.problem


def test_chain_detects_removal(app) -> None:
    _write(app, 5)
    with app.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = 2"))
    _, brk = _verify(app)
    assert brk is not None and brk.entry_id == 2 and "missing" in brk.problem
