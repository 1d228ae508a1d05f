"""A decision is recorded once however often the desk sends it: a retry after the answer was lost (the service
restarted meanwhile), a key reused for another request, a decision committed whose result was never stored."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from reviewer_app.api import idempotency
from reviewer_app.api.version import HEADER
from reviewer_app.db.models import AuditEvent, Decision, DecisionRequestRow
from reviewer_app.domain.errors import ConflictError
from reviewer_app.domain.views import DecisionRequest
from reviewer_app.services.desk_service import DbDeskService


class LoseFirstDecisionAnswer(httpx.HTTPTransport):
    """The real transport, but the first decision's answer never reaches the desk: the request goes to the
    service and is handled, then the service restarts and the desk sees the connection drop."""

    def __init__(self, on_lost) -> None:
        super().__init__()
        self.on_lost = on_lost
        self.decision_keys: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.path.endswith("/decision"):
            self.decision_keys.append(json.loads(request.content)["idempotency_key"])
            if len(self.decision_keys) == 1:
                response.read()
                response.close()
                self.on_lost()
                raise httpx.ReadError("connection reset by peer", request=request)
        return response


def _count(app, model) -> int:
    with app.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_decision_retried_after_a_restart_is_recorded_once(app, service, sign_in):
    lossy = LoseFirstDecisionAnswer(on_lost=service.restart)
    anna = sign_in("anna", transport=lossy)
    app_id = anna.claim_next(anna.signed_in)
    view = anna.open_application(anna.signed_in, app_id)
    result = anna.decide(anna.signed_in, DecisionRequest(app_id, view.version, "reject", reason_code="photo_unclear"))
    assert (result.application_id, result.status) == (app_id, "decided")
    assert len(lossy.decision_keys) == 2 and lossy.decision_keys[0] == lossy.decision_keys[1]
    assert _count(app, Decision) == 1 and _count(app, DecisionRequestRow) == 1
    with app.sessions() as s:
        decided = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action.like("decision.%")))
    assert decided == 1
    # The restarted service still knows the session (sessions live in the database, not in the process).
    assert anna.claim_next(anna.signed_in) == "EMK-2026-000002"


def test_a_key_used_for_another_request_is_refused(app, service, sign_in):
    anna = sign_in("anna")
    app_id = anna.claim_next(anna.signed_in)
    view = anna.open_application(anna.signed_in, app_id)
    key = str(uuid.uuid4())
    headers = {"Authorization": f"Bearer {anna._token}", HEADER: "1"}
    url = f"{service.url}/v1/applications/{app_id}/decision"
    body = {"idempotency_key": key, "expected_version": view.version, "outcome": "reject",
            "reason_code": "photo_unclear"}
    first = httpx.post(url, json=body, headers=headers)
    again = httpx.post(url, json=body, headers=headers)
    assert first.status_code == again.status_code == 200 and first.json() == again.json()
    other = httpx.post(url, json={**body, "reason_code": "photo_not_colour"}, headers=headers)
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"
    bad = httpx.post(url, json={**body, "idempotency_key": "not-a-uuid"}, headers=headers)
    assert bad.status_code == 422 and "idempotency_key" in bad.json()["message"]
    assert _count(app, Decision) == 1


def test_a_decision_committed_without_its_stored_result_is_not_made_again(app, service, sign_in, people):
    """The service stopped between committing the decision and storing its result: the retry is answered from
    the decisions table."""
    anna = sign_in("anna")
    me = anna.signed_in
    app_id = anna.claim_next(me)
    view = anna.open_application(me, app_id)
    request = DecisionRequest(app_id, view.version, "reject", reason_code="photo_unclear")
    key = str(uuid.uuid4())
    with app.uow() as s:  # reserved by the first try ...
        s.add(DecisionRequestRow(idempotency_key=key, staff_id=me.staff_id, application_id=app_id,
                                 request_sha256=idempotency._fingerprint(request),
                                 created_at=app.clock.now() - timedelta(seconds=1)))
    DbDeskService(app).decide(me, request)  # ... decided and committed, then the process stopped
    anna._pending[request] = key  # the desk still holds the key of the unconfirmed decision
    result = anna.decide(me, request)
    assert (result.application_id, result.outcome, result.status) == (app_id, "reject", "decided")
    assert _count(app, Decision) == 1
    with app.sessions() as s:
        assert s.get(DecisionRequestRow, key).result["status"] == "decided"


def test_a_refused_decision_frees_its_key(app, service, sign_in):
    anna = sign_in("anna")
    app_id = anna.claim_next(anna.signed_in)
    view = anna.open_application(anna.signed_in, app_id)
    with pytest.raises(ConflictError):
        anna.decide(anna.signed_in, DecisionRequest(app_id, view.version + 5, "reject", reason_code="photo_unclear"))
    assert _count(app, DecisionRequestRow) == 0 and anna._pending == {}
