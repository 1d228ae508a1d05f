"""Running the service: where it listens, with which certificate, and a background-thread form for tests, the
benchmark and (later) the single-PC embedded mode.

Plain HTTP is allowed only on a loopback address: anywhere else the staff passwords, session tokens and document
images would cross the network readable, so the service refuses to start without `service_tls_cert` and
`service_tls_key`.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from reviewer_app.config import Settings
from reviewer_app.domain.errors import ConfigError

#: How long the service keeps an idle client connection open.
KEEP_ALIVE_SECONDS = 75


@dataclass(frozen=True)
class Listen:
    host: str
    port: int
    cert: Path | None = None
    key: Path | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'https' if self.cert else 'http'}://{host}:{self.port}"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def free_loopback_port() -> int:
    """A port free on 127.0.0.1 now (the embedded service of `demo --service`, tests, the benchmark)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse_bind(bind: str) -> tuple[str, int]:
    host, sep, port = bind.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ConfigError(f"setting 'service_bind': {bind!r} is not host:port (for example 127.0.0.1:8765 or "
                          "0.0.0.0:8443)")
    return host.strip("[]"), int(port)


def listen_from(settings: Settings, bind: str | None = None) -> Listen:
    """Where and how to listen; ConfigError for plain HTTP off loopback, or a certificate or key file missing."""
    host, port = parse_bind(bind or settings.service_bind)
    cert, key = settings.service_tls_cert, settings.service_tls_key
    if (cert is None) != (key is None):
        raise ConfigError("settings 'service_tls_cert' and 'service_tls_key' go together: name both files "
                          "(the certificate and its private key, PEM) or neither")
    for name, path in (("service_tls_cert", cert), ("service_tls_key", key)):
        if path is not None and not Path(path).is_file():
            raise ConfigError(f"setting '{name}': the file {path} does not exist")
    if cert is None and not is_loopback(host):
        raise ConfigError(f"the service will not listen on {host} over plain HTTP: passwords, session tokens and "
                          "document images would cross the network unencrypted. Name a certificate and key "
                          "(settings service_tls_cert and service_tls_key) or bind to 127.0.0.1")
    return Listen(host, port, cert, key)


def uvicorn_config(asgi, listen: Listen, *, log_level: str = "warning"):
    import uvicorn

    return uvicorn.Config(asgi, host=listen.host, port=listen.port, log_level=log_level,
                          ssl_certfile=str(listen.cert) if listen.cert else None,
                          ssl_keyfile=str(listen.key) if listen.key else None,
                          server_header=False, access_log=False,
                          # Longer than a client keeps an idle connection (httpx: 5 s): with both at 5 s a desk's
                          # call after a pause could go out on a connection the service was closing (seen under
                          # load as "Server disconnected without sending a response").
                          timeout_keep_alive=KEEP_ALIVE_SECONDS)


def serve(asgi, listen: Listen, *, log_level: str = "info") -> None:
    """Serve until Ctrl-C or SIGTERM (uvicorn finishes the requests under way)."""
    import uvicorn

    uvicorn.Server(uvicorn_config(asgi, listen, log_level=log_level)).run()


class ServiceThread:
    """The service in a background thread of this process (tests, the benchmark); `stop()` ends it."""

    def __init__(self, asgi, listen: Listen) -> None:
        import uvicorn

        self.listen = listen
        self.server = uvicorn.Server(uvicorn_config(asgi, listen))
        self.thread = threading.Thread(target=self.server.run, name="reviewer-service", daemon=True)

    @property
    def url(self) -> str:
        return self.listen.url

    def start(self, timeout: float = 20.0) -> ServiceThread:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the service did not start on {self.listen.url}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
