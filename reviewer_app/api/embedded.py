"""The workstation's own reviewer service (`demo`, `train`, `gui` on a single PC): the service in a background
thread of the desk's process, on 127.0.0.1 and a port the system picks, answering only its own desk.

Any local program can connect to a loopback port, so the service also wants a one-time key: a random secret made
at each start, held in this process's memory only (never on disk, never on a command line), sent by the desk in
the header `EMBEDDED_KEY_HEADER` and compared in constant time on every request, the OpenAPI document included.
Another user's program on the same PC cannot sign in, or even learn the API, through this service.

The context (database connection, schema check, a demo database's whole set-up) is prepared in the thread too,
so the login window never waits for the database side; `wait()` is what a desk call blocks on (off the UI thread).
Importing this module costs nothing: FastAPI, uvicorn and the services are imported in the thread.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import socket
import threading
from collections.abc import Callable
from typing import Any

from reviewer_app.api.version import EMBEDDED_KEY_HEADER
from reviewer_app.domain.errors import ReviewerError

log = logging.getLogger(__name__)

#: How long a desk call waits for the service to come up (a demo database takes a while on a slow PC).
START_TIMEOUT = 600.0


class ServiceNotStarted(ReviewerError):
    """The workstation's own service failed to start (the cause is in `__cause__` and in the log)."""

    code = "service_not_started"


def require_key(api, key: str) -> None:
    """Refuse every request without this one-time key (403, an ErrorOut in words, the version header set)."""
    from reviewer_app.api.deps import error_response
    from reviewer_app.domain.errors import PermissionDenied

    expected = key.encode()

    @api.middleware("http")
    async def _one_time_key(request, call_next):
        given = request.headers.get(EMBEDDED_KEY_HEADER, "").encode()
        if not secrets.compare_digest(given, expected):
            return error_response(PermissionDenied(
                "this reviewer service belongs to the workstation that started it and answers only that desk",
                code="embedded_key"), status=403)
        return await call_next(request)


class EmbeddedService:
    """`prepare()` (in the thread) returns the AppContext to serve; `start()` returns at once. With
    `owns_context`, `stop()` closes that context as well."""

    def __init__(self, prepare: Callable[[], Any], *, owns_context: bool = False,
                 desk_factory: Callable[[Any], Any] | None = None) -> None:
        self._prepare = prepare
        self._owns_context = owns_context
        self._desk_factory = desk_factory  # the DeskService to serve (tests: a fake matcher); default the real one
        self.key = secrets.token_urlsafe(32)
        # Bound now, so the address is known before the service runs and no other program can take the port.
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self.context: Any = None
        self.error: BaseException | None = None
        self._server: Any = None
        self._ready = threading.Event()  # set when serving, or when starting failed
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, name="reviewer-service", daemon=True)

    @property
    def headers(self) -> dict[str, str]:
        """What the desk sends on every request."""
        return {EMBEDDED_KEY_HEADER: self.key}

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and self.error is None

    def start(self) -> EmbeddedService:
        self.thread.start()
        return self

    def wait(self, timeout: float = START_TIMEOUT) -> None:
        """Block until the service answers; raise the reason it could not start (a ReviewerError as it was, so
        the desk words it as usual: an outdated schema, an unreachable database, ...)."""
        if not self._ready.wait(timeout):
            raise ServiceNotStarted(f"the workstation's reviewer service did not start within {timeout:.0f} s")
        if isinstance(self.error, ReviewerError):
            raise self.error
        if self.error is not None:
            raise ServiceNotStarted(f"the workstation's reviewer service could not start: {self.error}"
                                    ) from self.error

    def _run(self) -> None:
        try:
            import uvicorn

            from reviewer_app.api.app import create_app
            from reviewer_app.api.server import Listen, uvicorn_config

            context = self._prepare()
            with self._lock:
                self.context = context
            context.engine  # noqa: B018 - connect and check the schema now, not at the first sign-in
            desk = self._desk_factory(context) if self._desk_factory else None
            api = create_app(context, desk)
            require_key(api, self.key)
            port = self._socket.getsockname()[1]
            config = uvicorn_config(api, Listen("127.0.0.1", port))
            config.timeout_graceful_shutdown = 5  # closing the window never hangs on a request under way
            ready = self._ready

            class Server(uvicorn.Server):
                async def startup(self, sockets=None) -> None:
                    await super().startup(sockets=sockets)
                    if self.started:
                        ready.set()

            with self._lock:
                if self._stopping.is_set():
                    raise ServiceNotStarted("the workstation closed before its reviewer service started")
                self._server = Server(config)
            self._server.run(sockets=[self._socket])
            if not self._ready.is_set():
                raise ServiceNotStarted("the workstation's reviewer service stopped before it answered")
        except BaseException as exc:  # SystemExit from uvicorn too: the desk must hear of it
            if not isinstance(exc, ReviewerError):  # the desk says "the details are in the log"
                log.error("the workstation's reviewer service failed", exc_info=exc)
            self.error = exc
        finally:
            self._ready.set()

    def give_up(self) -> None:
        """The window is closing before the service answered: it will not start serving, and the desk's calls
        waiting for it fail now rather than when the preparation ends (the window would wait for them)."""
        with self._lock:
            if self._server is not None or self._ready.is_set():
                return
            self._stopping.set()
            self.error = ServiceNotStarted("the workstation closed before its reviewer service started")
            self._ready.set()

    def stop(self, timeout: float = 30.0) -> None:
        """End the service (requests under way get a few seconds), wait for the thread, close what it owns.

        A service still being prepared (imports, connecting) ends as soon as that is done, without serving. The
        thread is joined even then: left to die with the interpreter in the middle of an import, a thread inside
        pydantic's compiled core aborts the process."""
        self.give_up()
        with self._lock:
            self._stopping.set()
            serving = self._server is not None
            if serving:
                self._server.should_exit = True
        if self.thread.is_alive():  # preparing: imports take long on a busy PC; a connection has its own timeout
            self.thread.join(timeout if serving else max(timeout, START_TIMEOUT))
        if self.thread.is_alive():
            return  # stuck: a daemon thread, it goes with the process
        self._socket.close()
        if self._owns_context and self.context is not None:
            with contextlib.suppress(Exception):
                self.context.close()
