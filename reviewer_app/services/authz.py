"""Role checks that trust the database, not the caller.

Every use case calls `require(app, actor, permission)`. The `Actor` a session holds is only a claim: a desk that
logged in an hour ago may since have been disabled, locked or given another role, and any code can build an
`Actor(role=SUPERVISOR)`. So the staff row is re-read on every call: the role checked is the one in the
database, a disabled or locked account stops at its next call, and an actor whose id and name do not match a
staff row is refused. Only the system actor (no staff id, no role: intake, workers) passes without a row.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from reviewer_app.db.models import Staff
from reviewer_app.domain import permissions
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.domain.permissions import Permission


def current(app, actor: Actor, session: Session | None = None) -> Actor:
    """The actor as the database knows it now; PermissionDenied if it is not (or no longer) a working account.
    Inside a unit of work pass its `session` (a second SQLite connection would wait for the first's lock)."""
    if actor.staff_id is None:
        if actor.role is None:
            return actor  # the system actor
        raise PermissionDenied(f"{actor.name}: a role without a staff account is not accepted",
                               code="no_staff_account")
    if session is not None:
        return _check_row(app, actor, session.get(Staff, actor.staff_id))
    with app.sessions() as s:
        return _check_row(app, actor, s.get(Staff, actor.staff_id))


def _check_row(app, actor: Actor, row: Staff | None) -> Actor:
    if row is None or row.name != actor.name:
        raise PermissionDenied(f"{actor.name}: no such staff account", code="no_staff_account")
    if row.disabled:
        raise PermissionDenied(f"the account {row.name} is disabled; ask an administrator", code="account_disabled")
    now = app.clock.now()
    if row.locked_until is not None and row.locked_until > now:
        raise PermissionDenied(f"the account {row.name} is locked after failed logins", code="account_locked",
                               until=row.locked_until)
    return Actor(staff_id=row.id, name=row.name, role=StaffRole(row.role))


def require(app, actor: Actor, permission: Permission, session: Session | None = None) -> Actor:
    """Raise PermissionDenied unless the account behind `actor`, as it is now, may do `permission`; return it."""
    fresh = current(app, actor, session)
    permissions.require(fresh, permission, training_db=training_db(app, session))
    return fresh


def training_db(app, session: Session | None) -> bool:
    """`app.is_training_db`, read through `session` when it is not known yet (a second SQLite connection inside
    a unit of work would wait for the first one's lock)."""
    if session is None or "is_training_db" in getattr(app, "__dict__", {}):
        return app.is_training_db
    from reviewer_app.db.models import DatabaseMeta

    row = session.get(DatabaseMeta, "purpose")
    return row is not None and row.value == "training"


def allowed(app, actor: Actor, permission: Permission) -> bool:
    try:
        return permissions.allowed(current(app, actor), permission, training_db=app.is_training_db)
    except PermissionDenied:
        return False
