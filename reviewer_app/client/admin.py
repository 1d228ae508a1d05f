"""`HttpAdminDesk`: the administrator's desk (`services.admin_desk.AdminDesk`) over the reviewer service.

It wraps a signed-in `HttpDeskService` and calls `desk.send`, so one sign-in serves every screen and errors come
back as the domain's errors. The `actor` arguments are for the interface only: the service acts as the account
behind the session, whatever the desk says. There is no way to send an audit entry: the service writes them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pydantic import TypeAdapter

from reviewer_app.api.schemas_admin import AuditCheck, AuditRecord, StaffMember, TotpEnrollment
from reviewer_app.client.desk import HttpDeskService
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.admin import AuditQuery

_STAFF = TypeAdapter(list[StaffMember])
_ENROLLMENT = TypeAdapter(TotpEnrollment)
_AUDIT = TypeAdapter(list[AuditRecord])
_CHECK = TypeAdapter(AuditCheck)


def _staff_path(name: str, what: str = "") -> str:
    return f"/staff/{quote(name.strip(), safe='')}" + (f"/{what}" if what else "")


class HttpAdminDesk:
    def __init__(self, desk: HttpDeskService) -> None:
        self.desk = desk

    def list_staff(self, actor: Actor) -> list[StaffMember]:
        return _STAFF.validate_json(self.desk.send("GET", "/staff").content)

    def add_staff(self, actor: Actor, *, name: str, role: str, password: str) -> TotpEnrollment:
        body = {"name": name, "role": role, "password": password}
        return _ENROLLMENT.validate_json(self.desk.send("POST", "/staff", json=body).content)

    def disable(self, actor: Actor, name: str) -> None:
        self.desk.send("POST", _staff_path(name, "disable"))

    def enable(self, actor: Actor, name: str) -> None:
        self.desk.send("POST", _staff_path(name, "enable"))

    def unlock(self, actor: Actor, name: str) -> None:
        self.desk.send("POST", _staff_path(name, "unlock"))

    def reset_totp(self, actor: Actor, name: str) -> TotpEnrollment:
        return _ENROLLMENT.validate_json(self.desk.send("POST", _staff_path(name, "totp")).content)

    def change_role(self, actor: Actor, name: str, role: str) -> None:
        self.desk.send("PUT", _staff_path(name, "role"), json={"role": role})

    def search_audit(self, actor: Actor, query: AuditQuery) -> list[AuditRecord]:
        params: dict[str, Any] = {"limit": query.limit, "after_id": query.after_id}
        for key in ("actor", "action", "target"):
            if getattr(query, key):
                params[key] = getattr(query, key)
        for key in ("since", "until"):
            if getattr(query, key) is not None:
                params[key] = getattr(query, key).isoformat()
        return _AUDIT.validate_json(self.desk.send("GET", "/audit", params=params).content)

    def verify_audit(self, actor: Actor) -> AuditCheck:
        return _CHECK.validate_json(self.desk.send("POST", "/audit/verify").content)
