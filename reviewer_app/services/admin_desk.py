"""The administrator's desk: staff accounts and the audit trail, as the screens and the CLI use them.

`AdminDesk` is the interface (as `services.desk.DeskService` is the reviewer's); `DbAdminDesk` implements it over
the service functions (`services.staff`, `services.staff_identity`, `services.audit`, `services.audit_anchor`),
which check the role on every call against the database: staff administration needs MANAGE_STAFF (an
administrator), the audit trail AUDIT (`domain.permissions`). `client.admin.HttpAdminDesk` implements the same
over the reviewer service. Audit entries are written only by these services, never sent by a caller.

This module imports no database code at import time (the service functions are imported where they are
called): the desk's screens import it for the interface and the dataclasses.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Protocol, runtime_checkable

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.admin import AuditCheck, AuditQuery, AuditRecord, StaffMember, TotpEnrollment
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.errors import ReviewerError


@runtime_checkable
class AdminDesk(Protocol):
    """Every method may block (database or network): the screens call them off the UI thread."""

    def list_staff(self, actor: Actor) -> list[StaffMember]: ...

    def add_staff(self, actor: Actor, *, name: str, role: str, password: str) -> TotpEnrollment:
        """The new account and its TOTP secret, given this once."""
        ...

    def disable(self, actor: Actor, name: str) -> None: ...

    def enable(self, actor: Actor, name: str) -> None: ...

    def unlock(self, actor: Actor, name: str) -> None: ...

    def reset_totp(self, actor: Actor, name: str) -> TotpEnrollment:
        """A new TOTP secret, given this once; the old codes stop working at once."""
        ...

    def change_role(self, actor: Actor, name: str, role: str) -> None: ...

    def search_audit(self, actor: Actor, query: AuditQuery) -> list[AuditRecord]:
        """Entries matching every filter, oldest first; the search itself is audited ('audit.read')."""
        ...

    def verify_audit(self, actor: Actor) -> AuditCheck:
        """Every entry's seal and the signed checkpoints; an intact chain gets a new checkpoint."""
        ...


def audit_window(query: AuditQuery) -> tuple[datetime | None, datetime | None]:
    """The query's Moscow days as [since, until) moments."""
    since = datetime.combine(query.since, time(0), MOSCOW) if query.since else None
    until = datetime.combine(query.until + timedelta(days=1), time(0), MOSCOW) if query.until else None
    return since, until


def _enrollment(enr) -> TotpEnrollment:
    return TotpEnrollment(enr.staff_id, enr.name, enr.role, enr.secret, enr.uri)


class DbAdminDesk:
    """`AdminDesk` in process, over the service functions on `app` (the reviewer service's own, or a desk run
    beside the database)."""

    def __init__(self, app) -> None:
        self.app = app

    def list_staff(self, actor: Actor) -> list[StaffMember]:
        from reviewer_app.services import staff, staff_identity

        rows = staff.list_staff(self.app, actor)
        who = staff_identity.identities(self.app, actor)
        return [StaffMember(r.id, r.name, r.role, r.disabled, r.locked_until, r.failed_logins, r.has_totp,
                            r.created_at, r.service, _full_name(who.get(r.name))) for r in rows]

    def add_staff(self, actor: Actor, *, name: str, role: str, password: str) -> TotpEnrollment:
        from reviewer_app.services import staff

        return _enrollment(staff.add_staff(self.app, actor, name=name, role=role, password=password))

    def disable(self, actor: Actor, name: str) -> None:
        from reviewer_app.services import staff

        staff.disable_staff(self.app, actor, name)

    def enable(self, actor: Actor, name: str) -> None:
        from reviewer_app.services import staff

        staff.enable_staff(self.app, actor, name)

    def unlock(self, actor: Actor, name: str) -> None:
        from reviewer_app.services import staff

        staff.unlock_staff(self.app, actor, name)

    def reset_totp(self, actor: Actor, name: str) -> TotpEnrollment:
        from reviewer_app.services import staff

        return _enrollment(staff.reset_totp(self.app, actor, name))

    def change_role(self, actor: Actor, name: str, role: str) -> None:
        from reviewer_app.services import staff

        staff.change_role(self.app, actor, name, role)

    def search_audit(self, actor: Actor, query: AuditQuery) -> list[AuditRecord]:
        from reviewer_app.domain.permissions import Permission
        from reviewer_app.services import audit, authz

        problems = query.problems()
        if problems:  # a period that ends before it starts is the person's slip; the rest the caller's
            reversed_period = query.since is not None and query.until is not None and query.since > query.until
            raise ReviewerError("; ".join(problems), code="date_range" if reversed_period else "bad_request")
        since, until = audit_window(query)
        reader = authz.require(self.app, actor, Permission.AUDIT)
        with self.app.uow() as s:
            entries = audit.search(s, target=query.target or None, actor=query.actor or None,
                                   action=query.action or None, since=since, until=until, limit=query.limit,
                                   after_id=query.after_id)
            audit.record(s, at=self.app.clock.now(), actor=reader.name, action="audit.read", target_type="audit",
                         target_id=query.target or "*",
                         details={"actor": query.actor, "action": query.action,
                                  "since": query.since.isoformat() if query.since else None,
                                  "until": query.until.isoformat() if query.until else None,
                                  "entries": len(entries)})
        return [AuditRecord(e.id, e.at, e.actor, e.action, e.target_type, e.target_id, dict(e.details or {}))
                for e in entries]

    def verify_audit(self, actor: Actor) -> AuditCheck:
        from reviewer_app.domain.permissions import Permission
        from reviewer_app.services import audit, audit_anchor, authz

        verifier = authz.require(self.app, actor, Permission.AUDIT)
        report = audit_anchor.verify(self.app)
        with self.app.uow() as s:  # who verified, and what they were told (after the checkpoint: it signs the rest)
            audit.record(s, at=self.app.clock.now(), actor=verifier.name, action="audit.verify", target_type="audit",
                         target_id="chain", details={"count": report.count, "anchor_missing": report.anchor_missing,
                                                     "broken_entry": report.brk.entry_id if report.brk else None})
        return AuditCheck(report.count, report.checkpoints,
                          report.brk.entry_id if report.brk is not None else None,
                          report.brk.problem if report.brk is not None else "", report.anchor_missing,
                          report.written.head_id if report.written is not None else None)


def _full_name(identity) -> str:
    if identity is None or not getattr(identity, "known", False):
        return ""
    return " ".join(p for p in (identity.last_name, identity.first_name, identity.middle_name) if p)
