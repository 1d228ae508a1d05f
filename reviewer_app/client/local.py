"""The reviewer's desk on the workstation's own service (`api.embedded.EmbeddedService`), which may still be
starting when the login window shows.

Each call waits for the service (the screens call the desk on worker threads only, never on the UI thread) and then
goes over HTTP like any desk's, with the service's one-time key. httpx and the schemas are imported by the first
call, not when the window is built.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from reviewer_app.client.desk import HttpDeskService
    from reviewer_app.domain.actor import Actor
    from reviewer_app.domain.views import DecisionRequest, QueueFilter


class StartingService(Protocol):
    url: str

    @property
    def headers(self) -> dict[str, str]: ...

    @property
    def ready(self) -> bool: ...

    def wait(self) -> None: ...


class LocalServiceDesk:
    """`services.desk.DeskService` through `HttpDeskService` on a service that is starting in this process."""

    def __init__(self, service: StartingService, **client_options: Any) -> None:
        self.service = service
        self._options = client_options
        self._http: HttpDeskService | None = None
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return self.service.url

    def http(self) -> HttpDeskService:
        """The HTTP desk, once the service answers (blocks until then; raises why it could not start)."""
        with self._lock:
            if self._http is None:
                self.service.wait()
                from reviewer_app.client.desk import HttpDeskService

                self._http = HttpDeskService(self.service.url, headers=self.service.headers, **self._options)
            return self._http

    # --- session ----------------------------------------------------------------------------------------------
    def login(self, name: str, password: str, code: str) -> Actor:
        return self.http().login(name, password, code)

    def logout(self) -> None:
        if self._http is not None:
            self._http.logout()

    @property
    def signed_in(self) -> Actor | None:
        return self._http.signed_in if self._http is not None else None

    def send(self, method: str, path: str, **kwargs: Any):
        """For the other role clients (`client/<capability>.py`), as `HttpDeskService.send`."""
        return self.http().send(method, path, **kwargs)

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def now(self) -> datetime:
        return self.http().now()

    @property
    def is_training(self) -> bool:
        return self.http().is_training

    @property
    def lease_seconds(self) -> int:
        return self.http().lease_seconds

    def rules_warning(self, lang: str = "ru") -> str | None:
        return self.http().rules_warning(lang)

    # --- queue and review -------------------------------------------------------------------------------------
    def list_queue(self, actor: Actor, filters: QueueFilter | None = None):
        return self.http().list_queue(actor, filters)

    def claim_next(self, actor: Actor, kind: str | None = None, *, exclude: tuple[str, ...] = ()) -> str | None:
        return self.http().claim_next(actor, kind, exclude=exclude)

    def claim(self, actor: Actor, application_id: str, *, reason: str | None = None) -> datetime:
        return self.http().claim(actor, application_id, reason=reason)

    def renew_lease(self, actor: Actor, application_id: str) -> datetime:
        return self.http().renew_lease(actor, application_id)

    def release(self, actor: Actor, application_id: str) -> None:
        self.http().release(actor, application_id)

    def open_application(self, actor: Actor, application_id: str):
        return self.http().open_application(actor, application_id)

    def reload_application(self, actor: Actor, application_id: str):
        return self.http().reload_application(actor, application_id)

    def load_image(self, actor: Actor, application_id: str, role: str) -> bytes:
        return self.http().load_image(actor, application_id, role)

    def prescore(self, actor: Actor, application_id: str):
        return self.http().prescore(actor, application_id)

    def reject_reasons(self):
        return self.http().reject_reasons()

    def decide(self, actor: Actor, request: DecisionRequest):
        return self.http().decide(actor, request)

    def record_mfc_confirmation(self, actor: Actor, application_id: str, *, confirmed_by: str, mfc_office: str,
                                confirmed_on: date | str, document_ref: str) -> None:
        self.http().record_mfc_confirmation(actor, application_id, confirmed_by=confirmed_by,
                                            mfc_office=mfc_office, confirmed_on=confirmed_on,
                                            document_ref=document_ref)
