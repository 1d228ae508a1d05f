"""The real reviewer service (uvicorn, on 127.0.0.1, a free port, in a background thread) on the per-test
database, and a staff to sign in with. No HTTP layer is mocked: the client talks to the service over a socket."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import UTC, datetime

import pyotp
import pytest

from reviewer_app.api.app import create_app
from reviewer_app.api.server import Listen, ServiceThread
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import intake, staff
from reviewer_app.services.desk_service import DbDeskService
from tests.ui.packs import FakeMatcher, write_pack

PASSWORD = "Reviewer-pass-123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """Starts, stops and restarts the service on one port (a restart is a new server on the same database)."""

    def __init__(self, app, matcher) -> None:
        self.app = app
        self.matcher = matcher
        self.listen = Listen("127.0.0.1", free_port())
        self.thread: ServiceThread | None = None

    @property
    def url(self) -> str:
        return self.listen.url

    def start(self) -> Service:
        desk = DbDeskService(self.app, matcher_factory=lambda: self.matcher)
        self.thread = ServiceThread(create_app(self.app, desk), self.listen).start()
        return self

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.stop()
            self.thread = None

    def restart(self) -> None:
        self.stop()
        self.start()


@dataclass
class People:
    root: Actor
    secrets: dict[str, str]  # name -> TOTP secret

    def code(self, name: str, clock) -> str:
        return pyotp.TOTP(self.secrets[name]).at(int(clock.now().timestamp()))


@pytest.fixture
def people(app, clock, tmp_path) -> People:
    clock.current = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    admin = staff.add_staff(app, None, name="root", role="admin", password="Admin-pass-123")
    root = Actor(staff_id=admin.staff_id, name="root", role=StaffRole.ADMIN)
    secrets = {"root": admin.secret}
    for name, role in (("anna", "reviewer"), ("boris", "reviewer"), ("olga", "supervisor")):
        secrets[name] = staff.add_staff(app, root, name=name, role=role, password=PASSWORD).secret
    for n, day in ((1, "2026-11-16"), (2, "2026-11-25"), (3, "2026-11-26")):
        assert intake.import_pack(app, write_pack(tmp_path / "packs", n, submitted_at=f"{day}T10:00:00+03:00")
                                  ).status == "imported"
    return People(root, secrets)


@pytest.fixture
def service(app, people):
    svc = Service(app, FakeMatcher()).start()
    yield svc
    svc.stop()


@pytest.fixture
def sign_in(service, people, clock):
    """sign_in(name) -> an HttpDeskService signed in as `name` (each sign-in a new TOTP step)."""
    from reviewer_app.client import HttpDeskService

    clients = []

    def _sign_in(name: str, **kwargs) -> HttpDeskService:
        clock.advance(seconds=30)  # a TOTP code is accepted once: the next sign-in uses the next step
        client = HttpDeskService(service.url, retry_delays=(0.1,), **kwargs)
        clients.append(client)
        client.login(name, PASSWORD, people.code(name, clock))
        return client

    yield _sign_in
    for c in clients:
        c.close()
