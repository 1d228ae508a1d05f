"""What every router of the reviewer service shares: the caller behind the session token, the error shape and
the HTTP status of each domain error. Routers of other capabilities (`api.routers.ROUTERS`) import these."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from fastapi.responses import JSONResponse

from reviewer_app.api import sessions
from reviewer_app.api.schemas import ErrorOut
from reviewer_app.api.version import API_VERSION, HEADER
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.errors import (
    ConfigError,
    ConflictError,
    DatabaseError,
    DocumentStoreError,
    NotFound,
    PermissionDenied,
    ReviewerError,
)

#: HTTP status of each domain error (the most specific class first).
STATUS: tuple[tuple[type[ReviewerError], int], ...] = (
    (sessions.NotSignedIn, 401), (PermissionDenied, 403), (NotFound, 404), (ConflictError, 409),
    (DatabaseError, 503), (DocumentStoreError, 500), (ConfigError, 500), (ReviewerError, 422),
)
ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorOut}
                                           for status in (401, 403, 404, 409, 422, 429, 503)}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def error_response(exc: ReviewerError, status: int | None = None) -> JSONResponse:
    status = status or next(code for cls, code in STATUS if isinstance(exc, cls))
    body = ErrorOut(kind=type(exc).__name__, code=exc.code, message=str(exc),
                    params={k: _plain(v) for k, v in exc.params.items()})
    return JSONResponse(body.model_dump(), status_code=status, headers={HEADER: API_VERSION})


def _bearer(authorization: Annotated[str | None, Header()] = None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def _caller(request: Request, token: Annotated[str | None, Depends(_bearer)]) -> Actor:
    """The account behind the session token, as the database knows it now."""
    return sessions.check(request.app.state.context, token)


Caller = Annotated[Actor, Depends(_caller)]
Token = Annotated[str | None, Depends(_bearer)]
