"""Endpoints for other systems (`services.partners`): their sign-in, the portal's pack push and the MFC's kinship
confirmations.

- `POST /v1/partners/session` {name, password}: a session token for a portal or MFC system account (the same
  sessions as a desk's: idle timeout, ended by `DELETE /v1/session`, by disabling the account).
- `POST /v1/intake/packs`: one pack, the body the bytes of its .zip (`Content-Type: application/zip`), its file
  name in the header `X-Pack-Name`. 201 taken, 200 already taken, 422 refused (code `pack_refused`, the reason
  naming the file, field and problem), 413 larger than a pack may be (the body is not read past the limit).
- `POST /v1/mfc/confirmations`: a kinship confirmation; 201 with its state (confirmed from the MFC's account).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import unquote

from fastapi import APIRouter, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from reviewer_app.api import sessions
from reviewer_app.api.deps import ERRORS, Caller, error_response
from reviewer_app.api.schemas import SessionOut, StaffOut
from reviewer_app.api.schemas_partners import (
    PACK_NAME_HEADER,
    ConfirmationIn,
    ConfirmationOut,
    PackOutcomeOut,
    PartnerLoginIn,
)
from reviewer_app.api.version import PREFIX
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.packs import DEFAULT_LIMITS
from reviewer_app.services import intake, partners
from reviewer_app.services.context import AppContext

#: The largest pack body accepted: a pack's own limit (its files uncompressed, `PackLimits.max_total_bytes`);
#: a .zip is never larger than what it holds by more than its directory.
MAX_PACK_BYTES = DEFAULT_LIMITS.max_total_bytes + 1024 * 1024


class PackTooLarge(ReviewerError):
    code = "pack_too_large"


def _pack_name(raw: str | None) -> str:
    """The pack's file name as the portal gave it (percent-encoded: a header carries no Cyrillic), cut to a
    base name of printable characters."""
    name = unquote(raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable())[:120].strip()
    return name or "pack.zip"


async def _body(request: Request, name: str) -> bytes:
    """The request body, refused (413) as soon as it passes MAX_PACK_BYTES, whatever Content-Length said."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_PACK_BYTES:
        raise PackTooLarge(f"{name}: {int(declared)} bytes; a pack may be at most {MAX_PACK_BYTES} bytes",
                           pack=name, limit=MAX_PACK_BYTES)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_PACK_BYTES:
            raise PackTooLarge(f"{name}: more than {MAX_PACK_BYTES} bytes; a pack may be at most "
                               f"{MAX_PACK_BYTES} bytes", pack=name, limit=MAX_PACK_BYTES)
        chunks.append(chunk)
    return b"".join(chunks)


def build(app: AppContext) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["partners"])

    @router.post("/partners/session", response_model=SessionOut, responses=ERRORS)
    def partner_sign_in(body: PartnerLoginIn, request: Request) -> SessionOut:
        """A portal or MFC system account signs in with its password (throttled and audited)."""
        client = request.client.host if request.client else "unknown"
        actor = partners.sign_in(app, body.name, body.password, source=f"api:{client}")
        new = sessions.start(app, actor)
        return SessionOut(token=new.token, expires_at=new.expires_at, idle_seconds=new.idle_seconds,
                          staff=StaffOut(staff_id=actor.staff_id or 0, name=actor.name,
                                          role=actor.role.value if actor.role else ""))

    @router.post("/intake/packs", status_code=201, response_model=PackOutcomeOut,
                 responses={200: {"model": PackOutcomeOut, "description": "the same pack was taken before"},
                            413: {"model": ERRORS[422]["model"], "description": "larger than a pack may be"},
                            **ERRORS},
                 openapi_extra={"requestBody": {"required": True, "content": {"application/zip": {
                     "schema": {"type": "string", "format": "binary"}}}}})
    async def push_pack(actor: Caller, request: Request,
                        pack_name: Annotated[str | None, Header(alias=PACK_NAME_HEADER)] = None):
        """One pack as the bytes of its .zip. Validated, checked and made idempotent as the drop folder's."""
        name = _pack_name(pack_name)
        try:
            data = await _body(request, name)
        except PackTooLarge as exc:
            return error_response(exc, status=413)
        outcome = await run_in_threadpool(partners.push_pack, app, actor, name, data)
        if outcome.status == intake.REFUSED:
            return error_response(ReviewerError(f"pack {name} refused: {outcome.reason}", code="pack_refused",
                                                pack=name, application_id=outcome.application_id,
                                                reason=outcome.reason))
        out = PackOutcomeOut(pack=name, status=outcome.status, application_id=outcome.application_id,
                             reason=outcome.reason, sla_deadline=outcome.sla_deadline, checks=outcome.checks)
        return JSONResponse(out.model_dump(), status_code=201 if outcome.status == intake.IMPORTED else 200)

    @router.post("/mfc/confirmations", status_code=201, response_model=ConfirmationOut, responses=ERRORS)
    def post_confirmation(actor: Caller, body: ConfirmationIn) -> ConfirmationOut:
        """The MFC confirmed a parent's kinship with the child in person. Under the MFC role it counts at once
        (an application waiting for the visit goes back to the queue); audited."""
        r = partners.post_confirmation(app, actor, body.application_id, confirmed_by=body.confirmed_by,
                                       mfc_office=body.mfc_office, confirmed_on=body.confirmed_on,
                                       document_ref=body.document_ref)
        return ConfirmationOut(confirmation_id=r.confirmation_id, application_id=r.application_id,
                               status=r.status, requeued=r.requeued, state=r.state)

    return router
