"""Staff sessions of the reviewer service, kept in the database so that every instance accepts them.

A session is an opaque random token; only its SHA-256 is stored. It ends at logout, after
`service_idle_minutes` without a call (each call renews it), `service_session_hours` after sign-in whatever
happens, and at the next call after the account is disabled or locked. Time is the context's clock.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from reviewer_app.db.models import ServiceSession, Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.services import audit, authz
from reviewer_app.services.context import AppContext

#: A call renews the idle timer only when the last renewal is older than this: not one write per call.
TOUCH_SECONDS = 15


class NotSignedIn(PermissionDenied):
    """No session, or one that has ended: the desk asks the person to sign in again (HTTP 401)."""

    code = "not_signed_in"


@dataclass(frozen=True)
class NewSession:
    token: str
    actor: Actor
    expires_at: datetime
    idle_seconds: int


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _idle(app: AppContext) -> timedelta:
    return timedelta(minutes=app.settings.service_idle_minutes)


def start(app: AppContext, actor: Actor) -> NewSession:
    """A session for `actor`, who has just passed `staff.login`."""
    token = secrets.token_urlsafe(32)
    now = app.clock.now()
    expires = now + timedelta(hours=app.settings.service_session_hours)
    with app.uow() as s:
        s.add(ServiceSession(token_sha256=_digest(token), staff_id=actor.staff_id, created_at=now, last_seen_at=now,
                             expires_at=expires))
    return NewSession(token, actor, expires, int(_idle(app).total_seconds()))


def check(app: AppContext, token: str | None) -> Actor:
    """The account behind `token` as it is now; NotSignedIn for a missing, ended or expired session, and
    PermissionDenied (the session ended with it) for a disabled or locked account.

    Read without a write transaction (on SQLite a writer waits for the others): only ending the session, or
    renewing it once every TOUCH_SECONDS, writes."""
    if not token:
        raise NotSignedIn("sign in to the reviewer service first", code="not_signed_in")
    digest = _digest(token)
    now = app.clock.now()
    with app.sessions() as s:
        # One round trip for the session and its account (authz.current below finds the account loaded).
        found = s.execute(select(ServiceSession, Staff).outerjoin(Staff, Staff.id == ServiceSession.staff_id)
                          .where(ServiceSession.token_sha256 == digest)).first()
        row, staff = found if found is not None else (None, None)
        if row is None or row.ended_at is not None:
            raise NotSignedIn("the session has ended or does not exist; sign in again", code="signed_out")
        if now >= row.expires_at:
            raise NotSignedIn(f"the session reached its limit of {app.settings.service_session_hours} hours; "
                              "sign in again", code="session_expired")
        idle = now - row.last_seen_at > _idle(app)
        refusal: PermissionDenied | None = None
        actor: Actor | None = None
        if staff is None:
            raise NotSignedIn("the account of this session no longer exists; sign in again", code="signed_out")
        if not idle:
            try:
                actor = authz.current(app, Actor(staff_id=staff.id, name=staff.name, role=None), session=s)
            except PermissionDenied as exc:  # disabled or locked since sign-in: the session ends here
                refusal = exc
        touch = actor is not None and (now - row.last_seen_at).total_seconds() >= TOUCH_SECONDS
    if idle:
        _end(app, digest, now, why="idle")
        raise NotSignedIn(f"the session ended after {app.settings.service_idle_minutes} minutes without work; "
                          "sign in again", code="session_idle")
    if refusal is not None or actor is None:
        _end(app, digest, now, why=refusal.code if refusal else "signed_out")
        raise refusal or NotSignedIn("the session has ended; sign in again", code="signed_out")
    if touch:
        with app.uow() as s:
            s.execute(update(ServiceSession).where(ServiceSession.token_sha256 == digest,
                                                   ServiceSession.last_seen_at < now).values(last_seen_at=now))
    return actor


def _end(app: AppContext, digest: str, now: datetime, *, why: str) -> None:
    with app.uow() as s:
        row = s.get(ServiceSession, digest)
        if row is None or row.ended_at is not None:
            return
        row.ended_at = now
        audit.record(s, at=now, actor=_name(s, row.staff_id), action="staff.logout", target_type="staff",
                     target_id=str(row.staff_id), details={"why": why})


def end(app: AppContext, token: str | None) -> None:
    """Logout: the session is refused from now on (a second logout does nothing)."""
    if token:
        _end(app, _digest(token), app.clock.now(), why="logout")


def _name(s, staff_id: int) -> str:
    row = s.get(Staff, staff_id)
    return row.name if row is not None else "?"
