"""What other systems (the portal, the MFC) send to the reviewer service and get back (`api.routes_partners`).
Imports no database code (the partners' client imports this module)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

#: The header naming a pushed pack's file (its .zip's name, percent-encoded): the pack's problems are reported
#: under it.
PACK_NAME_HEADER = "X-Pack-Name"


class PartnerLoginIn(BaseModel):
    name: str
    password: str = Field(description="the system account's password (no second factor: a system has no phone)")


class PackOutcomeOut(BaseModel):
    """A pushed pack taken (HTTP 201, status 'imported') or already taken before (HTTP 200, status 'skipped').
    A refused pack is answered HTTP 422 with an ErrorOut (code 'pack_refused', params pack, application_id,
    reason)."""

    pack: str
    status: str = Field(description="imported | skipped")
    application_id: str | None = None
    reason: str = Field("", description="why it was skipped")
    sla_deadline: str | None = None
    checks: dict[str, str] = Field(default_factory=dict, description="check id -> status, for a pack taken now")


class ConfirmationIn(BaseModel):
    application_id: str
    confirmed_by: str = Field(description="the MFC officer who saw the documents")
    mfc_office: str
    confirmed_on: date | str = Field(description="YYYY-MM-DD, not in the future")
    document_ref: str = Field(description="the MFC's reference of the confirmation document")


class ConfirmationOut(BaseModel):
    confirmation_id: int
    application_id: str
    status: str = Field(description="the application's status afterwards")
    requeued: bool = Field(description="the application waited for the MFC visit and is back in the queue")
    state: str = Field(description="confirmed (counts at once: the MFC's account) | pending (a supervisor "
                                   "verifies it first)")
