"""The application's PostgreSQL role cannot change the audit trail (PostgreSQL only)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from reviewer_app.db import sql
from reviewer_app.db.models import AuditEvent
from reviewer_app.services import audit

#: Roles are global to the server and tests run concurrently: each test gets its own names, dropped after.
ROLES: dict[str, str] = {}


@pytest.fixture
def pg_app(app):
    if app.engine.dialect.name != "postgresql":
        pytest.skip("roles exist only on PostgreSQL")
    tag = uuid.uuid4().hex[:8]
    ROLES.clear()
    ROLES.update({default: f"{default}_{tag}" for default in sql.DEFAULT_ROLES})
    sql.apply_roles(app.engine, names=ROLES)
    sql.apply_roles(app.engine, names=ROLES)  # idempotent
    with app.uow() as s:
        for i in range(3):
            audit.record(s, at=app.clock.now(), actor="anna", action="application.open",
                         target_type="application", target_id=f"EMK-{i}")
    yield app
    sql.drop_roles(app.engine, ROLES.values())


def _as_role(app, role: str, statement: str) -> None:
    with app.engine.connect() as conn:
        conn.execute(text(f'SET ROLE "{role}"'))
        try:
            conn.execute(text(statement))
        finally:
            conn.rollback()


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET actor = 'mallory' WHERE id = 2",
    "DELETE FROM audit_events WHERE id = 2",
    "TRUNCATE audit_events",
])
def test_app_role_cannot_change_audit_rows(pg_app, statement) -> None:
    with pytest.raises(DBAPIError, match=r"permission denied|append-only"):
        _as_role(pg_app, ROLES[sql.APP_ROLE], statement)
    assert audit.verify_database(pg_app.engine, key=pg_app.audit_key) == (3, None)


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET actor = 'mallory' WHERE id = 2",
    "DELETE FROM audit_events WHERE id = 2",
    "TRUNCATE audit_events",
])
def test_trigger_stops_even_the_owner(pg_app, statement) -> None:
    with pg_app.engine.connect() as conn, pytest.raises(DBAPIError, match="append-only"):
        conn.execute(text(statement))


def test_app_role_can_append_and_work(pg_app) -> None:
    with pg_app.sessions() as s, s.begin():
        s.execute(text(f'SET LOCAL ROLE "{ROLES[sql.APP_ROLE]}"'))
        audit.record(s, at=pg_app.clock.now(), actor="anna", action="claim.take", target_type="application",
                     target_id="EMK-9")
        s.execute(text("UPDATE staff SET failed_logins = 0"))  # ordinary DML stays allowed
    with pg_app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 4
    assert audit.verify_database(pg_app.engine, key=pg_app.audit_key) == (4, None)


def test_maintenance_role_may_archive(pg_app) -> None:
    with pg_app.engine.begin() as conn:
        conn.execute(text(f'SET LOCAL ROLE "{ROLES[sql.MAINTENANCE_ROLE]}"'))
        conn.execute(text("DELETE FROM audit_events WHERE id = 3"))
    with pg_app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 2
