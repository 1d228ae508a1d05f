"""Signing in to the service: a session token that ends at logout, after idle time, at its absolute limit and
when the account is disabled; the version check; the OpenAPI document."""

from __future__ import annotations

import hashlib

import httpx
import pytest
from sqlalchemy import select

from reviewer_app.api.version import HEADER
from reviewer_app.client import HttpDeskService
from reviewer_app.db.models import ServiceSession
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.services import staff
from tests.integration.service.conftest import PASSWORD


def test_sign_in_needs_the_right_code_and_stores_no_token(app, service, people, clock):
    client = HttpDeskService(service.url)
    with pytest.raises(PermissionDenied) as wrong:
        client.login("anna", PASSWORD, "000000" if people.code("anna", clock) != "000000" else "111111")
    assert wrong.value.code == "login_failed"
    assert client.signed_in is None
    clock.advance(seconds=30)
    actor = client.login("anna", PASSWORD, people.code("anna", clock))
    assert (actor.name, actor.role.value) == ("anna", "reviewer")
    with app.sessions() as s:
        rows = s.scalars(select(ServiceSession)).all()
    assert len(rows) == 1 and rows[0].token_sha256 == hashlib.sha256(client._token.encode()).hexdigest()
    assert client._token not in repr([(r.token_sha256, r.staff_id) for r in rows])
    client.close()


def test_logout_ends_the_session(service, sign_in):
    anna = sign_in("anna")
    token = anna._token
    anna.logout()
    with pytest.raises(PermissionDenied) as after:
        anna.list_queue(anna.signed_in)
    assert after.value.code == "not_signed_in"
    old = httpx.get(f"{service.url}/v1/queue", headers={"Authorization": f"Bearer {token}", HEADER: "1"})
    assert old.status_code == 401 and old.json()["code"] == "signed_out"


def test_a_disabled_account_stops_at_its_next_call(app, service, people, sign_in):
    anna = sign_in("anna")
    assert anna.list_queue(anna.signed_in)
    staff.disable_staff(app, people.root, "anna")
    with pytest.raises(PermissionDenied) as refused:
        anna.list_queue(anna.signed_in)
    assert refused.value.code == "account_disabled"
    staff.enable_staff(app, people.root, "anna")
    with pytest.raises(PermissionDenied) as ended:  # the session ended with the refusal
        anna.list_queue(anna.signed_in)
    assert ended.value.code == "signed_out"


def test_the_session_ends_after_idle_time_and_at_its_limit(app, service, sign_in, clock):
    anna = sign_in("anna")
    for _ in range(3):  # work every 14 minutes keeps it alive past the 15-minute idle limit
        clock.advance(minutes=14)
        anna.list_queue(anna.signed_in)
    clock.advance(minutes=app.settings.service_idle_minutes, seconds=1)
    with pytest.raises(PermissionDenied) as idle:
        anna.list_queue(anna.signed_in)
    assert idle.value.code == "session_idle"

    boris = sign_in("boris")
    limit_minutes = app.settings.service_session_hours * 60
    for _ in range(limit_minutes // 10 - 1):
        clock.advance(minutes=10)
        boris.list_queue(boris.signed_in)
    clock.advance(minutes=10)
    with pytest.raises(PermissionDenied) as expired:
        boris.list_queue(boris.signed_in)
    assert expired.value.code == "session_expired"


def test_another_api_version_gets_a_clear_message(service, sign_in, monkeypatch):
    asked = httpx.get(f"{service.url}/v1/info", headers={HEADER: "2"})
    assert asked.status_code == 422 and asked.json()["code"] == "api_version"
    assert "version 2" in asked.json()["message"] and "version 1" in asked.json()["message"]
    path = httpx.get(f"{service.url}/v2/queue")
    assert path.json()["code"] == "api_version" and "version 2" in path.json()["message"]

    import reviewer_app.client.desk as client_module

    monkeypatch.setattr(client_module, "API_VERSION", "2")  # a desk of a newer release
    newer = HttpDeskService(service.url)
    with pytest.raises(ReviewerError) as told:
        newer.reject_reasons()
    assert told.value.code == "api_version"
    assert "version 2" in str(told.value) and "version 1" in str(told.value)
    newer.close()


def test_the_openapi_document_types_every_endpoint(service):
    doc = httpx.get(f"{service.url}/openapi.json").json()
    decision = doc["paths"]["/v1/applications/{application_id}/decision"]["post"]
    assert decision["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/DecisionIn")
    assert "idempotency_key" in doc["components"]["schemas"]["DecisionIn"]["required"]
    assert "ApplicationView" in doc["components"]["schemas"]
    assert {"/v1/session", "/v1/queue", "/v1/queue/claim-next", "/v1/applications/{application_id}/images/{role}",
            "/v1/applications/{application_id}/prescore", "/v1/reject-reasons",
            "/v1/applications/{application_id}/mfc-confirmation"} <= set(doc["paths"])


def test_a_fault_in_the_service_reaches_the_desk_as_a_sentence(app, people):
    """An unexpected exception in the service: the desk gets a plain message with the version header, not a
    traceback and not a misleading 'other version'."""
    from reviewer_app.api.app import create_app
    from reviewer_app.api.server import Listen, ServiceThread
    from reviewer_app.services.desk_service import DbDeskService
    from tests.integration.service.conftest import free_port

    class BrokenDesk(DbDeskService):
        def reject_reasons(self):
            raise RuntimeError("boom: an internal detail")

    thread = ServiceThread(create_app(app, BrokenDesk(app)), Listen("127.0.0.1", free_port())).start()
    try:
        raw = httpx.get(f"{thread.url}/v1/reject-reasons", headers={HEADER: "1"})
        assert raw.status_code == 401  # no session: refused before the fault
        desk = HttpDeskService(thread.url)
        clock_code = people.code("anna", app.clock)
        desk.login("anna", PASSWORD, clock_code)
        with pytest.raises(ReviewerError) as failed:
            desk.reject_reasons()
        assert failed.value.code == "error" and "boom" not in str(failed.value)
        assert "log" in str(failed.value)
        desk.close()
    finally:
        thread.stop()


def test_repeated_wrong_sign_ins_are_throttled_per_client_with_retry_after(app, service, people, clock):
    """The service passes the client's address as the throttle's source and answers 429 with Retry-After; the
    account itself is not locked by someone else's wrong passwords."""
    url = f"{service.url}/v1/session"
    answers = []
    for _ in range(app.settings.staff_max_failures + 1):
        answers.append(httpx.post(url, json={"name": "anna", "password": "wrong-password", "code": "000000"},
                                  headers={HEADER: "1"}))
    codes = [a.status_code for a in answers]
    first = codes.index(429)  # refused outright up to the limit, then told to wait
    assert set(codes[:first]) == {403} and first >= app.settings.staff_max_failures - 1
    last = answers[first]
    assert last.status_code == 429 and last.json()["code"] == "login_throttled"
    assert int(last.headers["Retry-After"]) > 0
    with app.sessions() as s:
        from reviewer_app.db.models import AuditEvent

        sources = {(e.details or {}).get("source") for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == "staff.login_failed"))}
    assert sources == {"api:127.0.0.1"}
    # After the wait, the person signs in: the strangers' tries did not lock the account.
    clock.advance(seconds=int(last.headers["Retry-After"]) + 1)
    client = HttpDeskService(service.url)
    assert client.login("anna", PASSWORD, people.code("anna", clock)).name == "anna"
    client.close()
