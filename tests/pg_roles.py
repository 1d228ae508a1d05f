"""Running the application under one of the PostgreSQL back-end roles (reviewer_app/db/sql/postgres_roles.sql).

The engine connects as the test's superuser and does SET ROLE on every connection: what a db_url naming that
role's own login would give. Roles are global to the server and tests run concurrently, so each run's roles get
names with a tag of their own (`sql.tagged_names`) and are dropped afterwards.
"""

from __future__ import annotations

from sqlalchemy import Engine, event

from reviewer_app.db.engine import make_engine
from reviewer_app.services.context import AppContext


def engine_as(db_url: str, role: str) -> Engine:
    engine = make_engine(db_url)

    @event.listens_for(engine, "connect")
    def _set_role(dbapi_conn, _rec):
        with dbapi_conn.cursor() as cur:
            cur.execute(f'SET ROLE "{role}"')
        dbapi_conn.commit()

    return engine


def context_as(app: AppContext, role: str) -> AppContext:
    """The same settings and clock as `app`, every connection running as `role`."""
    return AppContext(app.settings, clock=app.clock, engine=engine_as(app.settings.db_url, role))
