"""The reviewer service's HTTP interface: the reviewer desk's use cases (`services.desk.DeskService`) as
endpoints under `/v1`, each behind a staff session.

Every endpoint delegates to the in-process desk (`DbDeskService`), so roles, audit and rules stay where they
are; the caller is the account behind the session token, re-read on every call (`sessions.check`), never
what the desk says it is. Errors leave as `ErrorOut` with the domain error's class, code and message.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from reviewer_app.api import idempotency, sessions
from reviewer_app.api.deps import ERRORS, Caller, Token, error_response
from reviewer_app.api.schemas import (
    ApplicationOut,
    ClaimIn,
    ClaimNextIn,
    ClaimNextOut,
    DecisionIn,
    InfoOut,
    LeaseOut,
    LoginIn,
    MfcConfirmationIn,
    PreScoreOut,
    SessionOut,
    StaffOut,
    WireRules,
)
from reviewer_app.api.version import API_VERSION, HEADER, PREFIX, mismatch_message
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.reasons import RejectReason
from reviewer_app.domain.views import ApplicationView, DecisionRequest, DecisionResult, QueueFilter, QueueItem
from reviewer_app.services import staff
from reviewer_app.services.context import AppContext

log = logging.getLogger(__name__)

def _wire(view: ApplicationView) -> ApplicationView:
    """The view as it travels: the rule table as its two values."""
    rules = view.decision_rules
    if rules is None:
        return view
    return dataclasses.replace(view, decision_rules=WireRules(rules.child_max_age, rules.feb29_birthday))


def create_app(app: AppContext, desk=None) -> FastAPI:
    """The ASGI application on `app` (the only place holding the database URL and the keys). `desk` is the
    DeskService to delegate to; by default the real one on `app`."""
    if desk is None:
        from reviewer_app.services.bootstrap import build_desk

        desk = build_desk(app)
    api = FastAPI(title="reviewer-app service", version=API_VERSION,
                  description="The reviewer desk's use cases over HTTP. Send the header "
                              f"'{HEADER}: {API_VERSION}' and a session token from POST {PREFIX}/session.")
    api.state.context = app

    @api.exception_handler(ReviewerError)
    async def _domain_error(_request: Request, exc: ReviewerError) -> JSONResponse:
        if isinstance(exc, staff.LoginThrottled):  # the caller waits; the service never sleeps
            response = error_response(exc, status=429)
            response.headers["Retry-After"] = str(exc.wait_seconds)
            return response
        return error_response(exc)

    @api.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        # A fault in the service: the traceback goes to the service's log, the desk gets a sentence.
        log.error("request failed", exc_info=exc)
        return error_response(ReviewerError("the reviewer service failed on this request; the details are in its "
                                            "log", code="error"), status=500)

    @api.exception_handler(RequestValidationError)
    async def _bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'body'}: {e['msg']}"
                             for e in exc.errors())
        return error_response(ReviewerError(f"the request is not valid: {problems}", code="bad_request"))

    @api.middleware("http")
    async def _version(request: Request, call_next):
        asked = request.headers.get(HEADER)
        path = request.url.path
        other = path.startswith("/v") and not path.startswith(PREFIX + "/") and path[2:3].isdigit()
        if (asked is not None and asked != API_VERSION) or other:
            client = asked if asked is not None else path[2:].split("/", 1)[0]
            return error_response(ReviewerError(mismatch_message(client, API_VERSION), code="api_version",
                                                client=client, service=API_VERSION))
        response = await call_next(request)
        response.headers[HEADER] = API_VERSION
        return response

    # --- session ----------------------------------------------------------------------------------------------
    @api.get(f"{PREFIX}/info", response_model=InfoOut, tags=["session"])
    def info() -> InfoOut:
        """The service clock, the training mark and the lease length (no session needed)."""
        return InfoOut(api_version=API_VERSION, now=desk.now(), is_training=desk.is_training,
                       lease_seconds=desk.lease_seconds)

    # Sign-ins wait for a place here, in the event loop rather than in a worker thread: a storm of argon2 checks
    # (one per sign-in) queues, one per CPU at a time, without taking the threads every other request needs.
    sign_in_places = asyncio.Semaphore(os.cpu_count() or 1)

    @api.post(f"{PREFIX}/session", response_model=SessionOut, responses=ERRORS, tags=["session"])
    async def sign_in(body: LoginIn, request: Request) -> SessionOut:
        """Name, password and TOTP code give a session token (staff.login: failures counted, audited and
        throttled per client address and name)."""
        client = request.client.host if request.client else "unknown"
        async with sign_in_places:
            actor = await run_in_threadpool(staff.login, app, body.name, body.password, body.code,
                                            source=f"api:{client}")
        new = await run_in_threadpool(sessions.start, app, actor)
        return SessionOut(token=new.token, staff=_staff(new.actor), expires_at=new.expires_at,
                          idle_seconds=new.idle_seconds)

    @api.get(f"{PREFIX}/session", response_model=StaffOut, responses=ERRORS, tags=["session"])
    def who(actor: Caller) -> StaffOut:
        return _staff(actor)

    @api.delete(f"{PREFIX}/session", status_code=204, tags=["session"])
    def sign_out(token: Token) -> Response:
        sessions.end(app, token)
        return Response(status_code=204)

    # --- queue ------------------------------------------------------------------------------------------------
    @api.get(f"{PREFIX}/queue", response_model=list[QueueItem], responses=ERRORS, tags=["queue"])
    def queue(actor: Caller, kind: str | None = None, due_soon: bool = False) -> list[QueueItem]:
        return desk.list_queue(actor, QueueFilter(kind=kind, due_soon=due_soon))

    @api.post(f"{PREFIX}/queue/claim-next", response_model=ClaimNextOut, responses=ERRORS, tags=["queue"])
    def claim_next(actor: Caller, body: ClaimNextIn) -> ClaimNextOut:
        return ClaimNextOut(application_id=desk.claim_next(actor, body.kind, exclude=tuple(body.exclude)))

    @api.post(f"{PREFIX}/applications/{{application_id}}/claim", response_model=LeaseOut, responses=ERRORS,
              tags=["queue"])
    def claim(actor: Caller, application_id: str, body: ClaimIn | None = None) -> LeaseOut:
        """Reopen one's own claim, or (a supervisor, with a reason; audited) take a chosen application."""
        return LeaseOut(lease_expires_at=desk.claim(actor, application_id, reason=body.reason if body else None))

    @api.post(f"{PREFIX}/applications/{{application_id}}/renew", response_model=LeaseOut, responses=ERRORS,
              tags=["queue"])
    def renew(actor: Caller, application_id: str) -> LeaseOut:
        return LeaseOut(lease_expires_at=desk.renew_lease(actor, application_id))

    @api.post(f"{PREFIX}/applications/{{application_id}}/release", status_code=204, responses=ERRORS,
              tags=["queue"])
    def release(actor: Caller, application_id: str) -> Response:
        desk.release(actor, application_id)
        return Response(status_code=204)

    # --- review -----------------------------------------------------------------------------------------------
    @api.get(f"{PREFIX}/applications/{{application_id}}", response_model=ApplicationOut, responses=ERRORS,
             tags=["review"])
    def open_application(actor: Caller, application_id: str) -> ApplicationOut:
        """Only for the holder (or an auditor); audited ('application.open')."""
        return ApplicationOut(view=_wire(desk.open_application(actor, application_id)))

    @api.get(f"{PREFIX}/applications/{{application_id}}/reload", response_model=ApplicationOut, responses=ERRORS,
             tags=["review"])
    def reload_application(actor: Caller, application_id: str) -> ApplicationOut:
        """The same view read again (the checks after the comparison arrived); not audited as a second opening."""
        return ApplicationOut(view=_wire(desk.reload_application(actor, application_id)))

    @api.get(f"{PREFIX}/applications/{{application_id}}/images/{{role}}", responses={
        200: {"content": {"application/octet-stream": {}}, "description": "the decrypted image bytes"}, **ERRORS},
        response_class=Response, tags=["review"])
    def image(actor: Caller, application_id: str, role: str) -> Response:
        """Only for the holder (or an audited auditor's read); audited ('image.open'). Never cached."""
        data = desk.load_image(actor, application_id, role)
        return Response(data, media_type="application/octet-stream",
                        headers={"Cache-Control": "no-store"})

    @api.get(f"{PREFIX}/applications/{{application_id}}/prescore", response_model=PreScoreOut, responses=ERRORS,
             tags=["review"])
    def prescore(actor: Caller, application_id: str) -> PreScoreOut:
        return PreScoreOut(prescore=desk.prescore(actor, application_id))

    @api.get(f"{PREFIX}/reject-reasons", response_model=list[RejectReason], responses=ERRORS, tags=["review"])
    def reject_reasons(actor: Caller) -> list[RejectReason]:
        return desk.reject_reasons()

    @api.post(f"{PREFIX}/applications/{{application_id}}/decision", response_model=DecisionResult,
              responses=ERRORS, tags=["review"])
    def decide(actor: Caller, application_id: str, body: DecisionIn) -> DecisionResult:
        """Made once per idempotency key: a retry with the same key returns the first result."""
        request = DecisionRequest(application_id, body.expected_version, body.outcome, body.reason_code,
                                  body.comment_applicant, body.comment_internal, tuple(body.acknowledged_checks))
        return idempotency.decide_once(app, desk, actor, request, body.idempotency_key)

    @api.post(f"{PREFIX}/applications/{{application_id}}/mfc-confirmation", status_code=204, responses=ERRORS,
              tags=["review"])
    def mfc_confirmation(actor: Caller, application_id: str, body: MfcConfirmationIn) -> Response:
        desk.record_mfc_confirmation(actor, application_id, confirmed_by=body.confirmed_by,
                                     mfc_office=body.mfc_office, confirmed_on=body.confirmed_on,
                                     document_ref=body.document_ref)
        return Response(status_code=204)

    # --- the other capabilities' routers (supervision, training, administration, ...) ----------------------------
    from reviewer_app.api.routers import ROUTERS

    for build in ROUTERS:
        api.include_router(build(app))
    return api


def _staff(actor: Actor) -> StaffOut:
    return StaffOut(staff_id=actor.staff_id or 0, name=actor.name, role=actor.role.value if actor.role else "")
