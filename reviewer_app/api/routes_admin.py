"""The administrator's desk over HTTP: staff accounts (an administrator's) and the audit trail (search and
verify, for the roles with the AUDIT permission). Every endpoint delegates to `DbAdminDesk`, whose service
functions check the caller's role against the database. There is no endpoint that writes an audit entry: the
service writes them as a side of what it does."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Query, Response

from reviewer_app.api.deps import ERRORS, Caller
from reviewer_app.api.schemas_admin import AuditCheck, AuditRecord, NewStaffIn, RoleIn, StaffMember, TotpEnrollment
from reviewer_app.api.version import PREFIX
from reviewer_app.domain.admin import AuditQuery
from reviewer_app.services.admin_desk import DbAdminDesk
from reviewer_app.services.context import AppContext


def build(app: AppContext) -> APIRouter:
    desk = DbAdminDesk(app)
    router = APIRouter(prefix=PREFIX, responses=ERRORS)

    @router.get("/staff", response_model=list[StaffMember], tags=["administration"])
    def list_staff(actor: Caller) -> list[StaffMember]:
        """Every account with its state (active, locked, disabled); never a password hash or a TOTP seed."""
        return desk.list_staff(actor)

    @router.post("/staff", response_model=TotpEnrollment, status_code=201, tags=["administration"])
    def add_staff(actor: Caller, body: NewStaffIn) -> TotpEnrollment:
        """A new account; the answer carries its TOTP secret this once (show it as a QR code, keep it nowhere)."""
        return desk.add_staff(actor, name=body.name, role=body.role, password=body.password)

    @router.post("/staff/{name}/disable", status_code=204, tags=["administration"])
    def disable(actor: Caller, name: str) -> Response:
        """The account's sessions stop at their next call."""
        desk.disable(actor, name)
        return Response(status_code=204)

    @router.post("/staff/{name}/enable", status_code=204, tags=["administration"])
    def enable(actor: Caller, name: str) -> Response:
        desk.enable(actor, name)
        return Response(status_code=204)

    @router.post("/staff/{name}/unlock", status_code=204, tags=["administration"])
    def unlock(actor: Caller, name: str) -> Response:
        desk.unlock(actor, name)
        return Response(status_code=204)

    @router.post("/staff/{name}/totp", response_model=TotpEnrollment, tags=["administration"])
    def reset_totp(actor: Caller, name: str) -> TotpEnrollment:
        """A new TOTP secret, in the answer this once; the old codes stop working at once."""
        return desk.reset_totp(actor, name)

    @router.put("/staff/{name}/role", status_code=204, tags=["administration"])
    def change_role(actor: Caller, name: str, body: RoleIn) -> Response:
        desk.change_role(actor, name, body.role)
        return Response(status_code=204)

    @router.get("/audit", response_model=list[AuditRecord], tags=["audit"])
    def search_audit(actor: Caller, who: str | None = Query(None, alias="actor"), action: str | None = None,
                     target: str | None = None, since: date | None = None, until: date | None = None,
                     limit: int = 200, after_id: int = 0) -> list[AuditRecord]:
        """Entries matching every filter, oldest first (Moscow days, `until` included); page with `after_id`.
        The search is itself audited."""
        return desk.search_audit(actor, AuditQuery(who, action, target, since, until, limit, after_id))

    @router.post("/audit/verify", response_model=AuditCheck, tags=["audit"])
    def verify_audit(actor: Caller) -> AuditCheck:
        """Every entry's seal and the signed checkpoints; an intact chain gets a new checkpoint."""
        return desk.verify_audit(actor)

    return router
