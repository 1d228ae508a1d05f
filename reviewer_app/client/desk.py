"""`HttpDeskService`: `services.desk.DeskService` over the reviewer service's API (`reviewer_app.api`).

The session token lives in this object only, never on disk; images stay in memory. HTTP errors come back as the
domain's errors (PermissionDenied, ConflictError, NotFound, ...) with the service's code, so the screens word
them as they do for the in-process desk. A decision carries an idempotency key; after a connection error it is
sent again with the same key (the service records it once), and a decision that still could not be sent keeps
its key, so that deciding the same again later cannot record it twice.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from pydantic import TypeAdapter

from reviewer_app.api.schemas import (
    ApplicationOut,
    ClaimNextOut,
    ErrorOut,
    InfoOut,
    LeaseOut,
    PreScoreOut,
    SessionOut,
)
from reviewer_app.api.schemas_rules import RulesWarningOut
from reviewer_app.api.version import API_VERSION, HEADER, PREFIX, mismatch_message
from reviewer_app.domain import errors
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import DatabaseError, PermissionDenied, ReviewerError
from reviewer_app.domain.prescore import PreScore
from reviewer_app.domain.reasons import RejectReason
from reviewer_app.domain.views import ApplicationView, DecisionRequest, DecisionResult, QueueFilter, QueueItem

#: Pauses before the second, third, ... try of a decision that met a connection error.
RETRY_DELAYS = (0.5, 1.0, 2.0)


class ServiceUnreachable(DatabaseError):
    """The reviewer service cannot be reached (network, service stopped): nothing the person typed is lost."""

    code = "service_unreachable"


_QUEUE = TypeAdapter(list[QueueItem])
_REASONS = TypeAdapter(list[RejectReason])
_RESULT = TypeAdapter(DecisionResult)

_KINDS: dict[str, type[ReviewerError]] = {
    "PermissionDenied": PermissionDenied, "NotSignedIn": PermissionDenied, "AccountLocked": PermissionDenied,
    "AccountDisabled": PermissionDenied, "LoginThrottled": PermissionDenied, "NotFound": errors.NotFound,
    "ConflictError": errors.ConflictError,
    "DatabaseError": DatabaseError, "SchemaOutdatedError": errors.SchemaOutdatedError,
    "DocumentStoreError": errors.DocumentStoreError, "DocumentIntegrityError": errors.DocumentIntegrityError,
    "ConfigError": errors.ConfigError,
}
_BY_STATUS: dict[int, type[ReviewerError]] = {401: PermissionDenied, 403: PermissionDenied, 404: errors.NotFound,
                                              409: errors.ConflictError, 429: PermissionDenied,
                                              503: DatabaseError}


def _param(value: Any) -> Any:
    """Moments come back as datetimes (the desk formats `until` of a locked account)."""
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _error(response: httpx.Response) -> ReviewerError:
    try:
        body = ErrorOut.model_validate_json(response.content)
    except ValueError:
        cls = _BY_STATUS.get(response.status_code, ReviewerError)
        return cls(f"the reviewer service failed the request (HTTP {response.status_code})", code="error")
    cls = _KINDS.get(body.kind) or _BY_STATUS.get(response.status_code, ReviewerError)
    return cls(body.message, code=body.code, **{k: _param(v) for k, v in body.params.items()})


class HttpDeskService:
    """The reviewer's desk on a running reviewer service at `base_url` (http://127.0.0.1:8765 or https://...).

    `verify`: True (the system's CA certificates), a CA file for a service with its own certificate, or an
    `ssl.SSLContext`. `transport`: an httpx transport (the tests wrap the real one to drop an answer). `headers`:
    sent on every request (the one-time key of the workstation's own service, `api.embedded`)."""

    def __init__(self, base_url: str, *, verify: bool | str | Path | Any = True, timeout: float = 60.0,
                 transport: httpx.BaseTransport | None = None,
                 retry_delays: Sequence[float] = RETRY_DELAYS, headers: dict[str, str] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        if isinstance(verify, str | Path):  # a CA file: the service's own certificate authority
            verify = ssl.create_default_context(cafile=str(verify))
        self._http = httpx.Client(base_url=self.base_url, headers={**(headers or {}), HEADER: API_VERSION},
                                  timeout=timeout, verify=verify, transport=transport)
        self._retry_delays = tuple(retry_delays)
        self._token: str | None = None
        self._actor: Actor | None = None
        self._info: InfoOut | None = None
        self._offset = timedelta(0)  # service clock minus this machine's, from the last /info
        self._pending: dict[DecisionRequest, str] = {}  # decisions not confirmed yet, by request: their keys
        self._lock = threading.Lock()

    # --- plumbing ---------------------------------------------------------------------------------------------
    def send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One call to the service under this desk's session (`path` below /v1): the other role clients
        (supervision, training, administration) wrap this desk, so one sign-in serves every screen."""
        return self._send(method, path, **kwargs)

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        try:
            response = self._http.request(method, PREFIX + path, headers=headers, **kwargs)
        except httpx.TransportError as exc:
            raise ServiceUnreachable(f"the reviewer service at {self.base_url} cannot be reached ({exc}); check "
                                     "the network and that the service runs, then try again") from None
        spoken = response.headers.get(HEADER)
        if spoken is None and response.status_code in (502, 503, 504):  # a proxy in front: the service is down
            raise ServiceUnreachable(f"the reviewer service behind {self.base_url} does not answer (HTTP "
                                     f"{response.status_code}); try again in a minute")
        if spoken != API_VERSION:
            raise ReviewerError(mismatch_message(API_VERSION, spoken) if spoken else
                                f"{self.base_url} did not answer as a reviewer service (no {HEADER} header); "
                                "check the service address", code="api_version", client=API_VERSION,
                                service=spoken or "")
        if response.is_error:
            raise _error(response)
        return response

    def close(self) -> None:
        self._http.close()

    # --- session ----------------------------------------------------------------------------------------------
    def login(self, name: str, password: str, code: str) -> Actor:
        if self._token:  # a new sign-in at the same desk ends the previous session first
            with contextlib.suppress(ReviewerError):
                self.logout()
        body = SessionOut.model_validate_json(self._send("POST", "/session", json={
            "name": name, "password": password, "code": code}).content)
        with self._lock:
            self._token = body.token
            self._actor = Actor(staff_id=body.staff.staff_id, name=body.staff.name, role=StaffRole(body.staff.role))
        self._load_info()
        return self._actor

    def logout(self) -> None:
        """Ends the session on the service (and forgets the token here)."""
        if self._token:
            try:
                self._send("DELETE", "/session")
            finally:
                self._token, self._actor = None, None

    @property
    def signed_in(self) -> Actor | None:
        return self._actor

    def _load_info(self) -> InfoOut:
        info = InfoOut.model_validate_json(self._send("GET", "/info").content)
        self._info = info
        self._offset = info.now - datetime.now(UTC)
        return info

    def now(self) -> datetime:
        """The service clock, from this machine's clock and the offset measured at the last /info (no call per
        tick of a countdown)."""
        if self._info is None:
            self._load_info()
        return datetime.now(UTC) + self._offset

    @property
    def is_training(self) -> bool:
        try:
            return (self._info or self._load_info()).is_training
        except ReviewerError:  # the login page says the service cannot be reached; the banner must not crash
            return False

    @property
    def lease_seconds(self) -> int:
        return (self._info or self._load_info()).lease_seconds

    def rules_warning(self, lang: str = "ru") -> str | None:
        """The rule table's warning for the banner (the production calendar running out); None when all is well."""
        return RulesWarningOut.model_validate_json(
            self._send("GET", "/rules/warning", params={"lang": lang}).content).warning

    # --- queue ------------------------------------------------------------------------------------------------
    def list_queue(self, actor: Actor, filters: QueueFilter | None = None) -> list[QueueItem]:
        filters = filters or QueueFilter()
        params: dict[str, Any] = {"due_soon": filters.due_soon}
        if filters.kind:
            params["kind"] = filters.kind
        return _QUEUE.validate_json(self._send("GET", "/queue", params=params).content)

    def claim_next(self, actor: Actor, kind: str | None = None, *, exclude: tuple[str, ...] = ()) -> str | None:
        body = self._send("POST", "/queue/claim-next", json={"kind": kind, "exclude": list(exclude)})
        return ClaimNextOut.model_validate_json(body.content).application_id

    def claim(self, actor: Actor, application_id: str, *, reason: str | None = None) -> datetime:
        return LeaseOut.model_validate_json(self._send("POST", f"/applications/{application_id}/claim",
                                                       json={"reason": reason}).content).lease_expires_at

    def renew_lease(self, actor: Actor, application_id: str) -> datetime:
        return LeaseOut.model_validate_json(self._send("POST", f"/applications/{application_id}/renew").content
                                            ).lease_expires_at

    def release(self, actor: Actor, application_id: str) -> None:
        self._send("POST", f"/applications/{application_id}/release")

    # --- review -----------------------------------------------------------------------------------------------
    def open_application(self, actor: Actor, application_id: str) -> ApplicationView:
        return ApplicationOut.model_validate_json(self._send("GET", f"/applications/{application_id}").content).view

    def reload_application(self, actor: Actor, application_id: str) -> ApplicationView:
        return ApplicationOut.model_validate_json(
            self._send("GET", f"/applications/{application_id}/reload").content).view

    def load_image(self, actor: Actor, application_id: str, role: str) -> bytes:
        return self._send("GET", f"/applications/{application_id}/images/{role}").content

    def prescore(self, actor: Actor, application_id: str) -> PreScore | None:
        return PreScoreOut.model_validate_json(
            self._send("GET", f"/applications/{application_id}/prescore").content).prescore

    def reject_reasons(self) -> list[RejectReason]:
        return _REASONS.validate_json(self._send("GET", "/reject-reasons").content)

    def decide(self, actor: Actor, request: DecisionRequest) -> DecisionResult:
        """Sent with an idempotency key, again with the same key after a connection error (RETRY_DELAYS); the
        key is kept for this very request until the service answers, so a later identical try reuses it."""
        with self._lock:
            key = self._pending.setdefault(request, str(uuid.uuid4()))
        body = {"idempotency_key": key, "expected_version": request.expected_version, "outcome": request.outcome,
                "reason_code": request.reason_code, "comment_applicant": request.comment_applicant,
                "comment_internal": request.comment_internal,
                "acknowledged_checks": list(request.acknowledged_checks)}
        path = f"/applications/{request.application_id}/decision"
        for delay in (*self._retry_delays, None):
            try:
                response = self._send("POST", path, json=body)
            except ServiceUnreachable:
                if delay is None:
                    raise ServiceUnreachable(
                        f"the reviewer service at {self.base_url} cannot be reached, so the decision on "
                        f"{request.application_id} is not confirmed; try again (it will not be recorded twice)"
                    ) from None
                time.sleep(delay)
                continue
            except ReviewerError:
                with self._lock:  # answered: the service did not decide, a new attempt is a new decision
                    self._pending.pop(request, None)
                raise
            with self._lock:
                self._pending.pop(request, None)
            return _RESULT.validate_json(response.content)
        raise AssertionError("unreachable")

    def record_mfc_confirmation(self, actor: Actor, application_id: str, *, confirmed_by: str, mfc_office: str,
                                confirmed_on: date | str, document_ref: str) -> None:
        self._send("POST", f"/applications/{application_id}/mfc-confirmation", json={
            "confirmed_by": confirmed_by, "mfc_office": mfc_office,
            "confirmed_on": confirmed_on.isoformat() if isinstance(confirmed_on, date) else confirmed_on,
            "document_ref": document_ref})
