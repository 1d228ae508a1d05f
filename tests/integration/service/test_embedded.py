"""The workstation's own service (`demo`, `train`, `gui` on a single PC): started in a thread of the desk's
process on 127.0.0.1 with a one-time key; the desk works through it over real HTTP; a request without the key,
or with another one, is refused; stopping it ends its thread."""

from __future__ import annotations

import httpx
import pytest

from reviewer_app.api.embedded import EmbeddedService, ServiceNotStarted
from reviewer_app.api.version import API_VERSION, EMBEDDED_KEY_HEADER, HEADER
from reviewer_app.client import HttpDeskService
from reviewer_app.client.local import LocalServiceDesk
from reviewer_app.domain.errors import PermissionDenied, SchemaOutdatedError
from reviewer_app.services.desk_service import DbDeskService
from tests.integration.service.conftest import PASSWORD
from tests.ui.packs import FakeMatcher


@pytest.fixture
def embedded(app, people):
    service = EmbeddedService(lambda: app, desk_factory=lambda ctx: DbDeskService(
        ctx, matcher_factory=FakeMatcher)).start()
    desk = LocalServiceDesk(service, retry_delays=())
    yield service, desk
    desk.close()
    service.stop()
    assert not service.thread.is_alive()


def test_the_desk_signs_in_and_works_through_its_own_service(embedded, people, clock):
    service, desk = embedded
    assert service.url.startswith("http://127.0.0.1:")
    clock.advance(seconds=30)
    actor = desk.login("anna", PASSWORD, people.code("anna", clock))  # waits for the service to answer
    assert service.ready and isinstance(desk.http(), HttpDeskService)
    assert desk.claim_next(actor) == "EMK-2026-000001"
    assert desk.open_application(actor, "EMK-2026-000001").id == "EMK-2026-000001"


@pytest.mark.parametrize("key", [None, "", "a-guess"])
def test_a_request_without_the_one_time_key_is_refused(embedded, people, clock, key):
    service, desk = embedded
    desk.http()  # the service answers its own desk
    other = HttpDeskService(service.url, retry_delays=(), headers={EMBEDDED_KEY_HEADER: key} if key is not None
                            else None)
    try:
        clock.advance(seconds=30)
        with pytest.raises(PermissionDenied) as refused:
            other.login("anna", PASSWORD, people.code("anna", clock))
        assert refused.value.code == "embedded_key"
    finally:
        other.close()
    # Nor does it hand out its interface description.
    answer = httpx.get(f"{service.url}/openapi.json", headers={HEADER: API_VERSION})
    assert answer.status_code == 403 and "openapi" not in answer.text
    assert httpx.get(f"{service.url}/openapi.json", headers=service.headers).status_code == 200


def test_a_service_that_cannot_start_says_why_to_the_desk(app):
    def outdated():
        raise SchemaOutdatedError("the schema is at revision 0001; run `reviewer-app db upgrade`")

    service = EmbeddedService(outdated).start()
    desk = LocalServiceDesk(service)
    try:
        with pytest.raises(SchemaOutdatedError):
            desk.login("anna", PASSWORD, "000000")
        assert not service.ready
    finally:
        service.stop()
    assert not service.thread.is_alive()


def test_closing_before_the_service_answers_ends_the_waiting_calls_and_the_thread(app, people):
    service = EmbeddedService(lambda: app)
    service.give_up()  # the window closed at once
    service.start()
    with pytest.raises(ServiceNotStarted):
        service.wait(timeout=60)
    service.stop()
    assert not service.thread.is_alive() and not service.ready


def test_the_rule_tables_warning_reaches_the_desks_banner(embedded, app, monkeypatch):
    _service, desk = embedded
    assert desk.rules_warning("en") == app.rules_warning("en")  # no session needed: shown under the login
    monkeypatch.setattr(app, "rules_warning", lambda lang="en": f"the production calendar ends soon ({lang})")
    assert desk.rules_warning("ru") == "the production calendar ends soon (ru)"


def test_train_puts_the_trainees_desk_on_its_own_service(app, people, clock, tmp_path):
    """`reviewer-app train`: the workstation gets a desk on the training context's own service, and the context
    for the trainer's feedback; the service ends with the window."""
    import argparse

    from reviewer_app.cli.train_cmd import _start_gui

    seen: dict = {}

    class Workstation:
        def training(self, ctx, *, desk, screenshot, accounts) -> int:
            clock.advance(seconds=30)
            actor = desk.login("anna", PASSWORD, people.code("anna", clock))
            seen.update(ctx=ctx, service=desk.service, http=isinstance(desk.http(), HttpDeskService),
                        claimed=desk.claim_next(actor))
            return 0

    args = argparse.Namespace(workstation=Workstation())
    assert _start_gui(args, app, tmp_path / "shots", []) == 0
    assert seen["ctx"] is app and seen["http"] and seen["claimed"] == "EMK-2026-000001"
    assert not seen["service"].thread.is_alive()
