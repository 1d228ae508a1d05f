"""What travels for the administrator's desk (`api.routes_admin`): the domain's dataclasses as they are
(`domain.admin`), plus the request bodies. Imports no database code (the client imports this module)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from reviewer_app.domain.admin import AuditCheck, AuditRecord, StaffMember, TotpEnrollment

__all__ = ["AuditCheck", "AuditRecord", "NewStaffIn", "RoleIn", "StaffMember", "TotpEnrollment"]


class NewStaffIn(BaseModel):
    name: str = Field(description="2-64 characters: latin letters, digits, '.', '_' or '-'")
    role: str = Field(description="reviewer, supervisor, trainer, admin or mfc")
    password: str = Field(description="the first password, at least 10 characters")


class RoleIn(BaseModel):
    role: str = Field(description="reviewer, supervisor, trainer, admin or mfc")
