"""A supervisor's second review through HttpSupervisorDesk against the real service over real HTTP: the same
answers as the in-process desk (the dataclasses travel and come back equal), images only for an auditor and
audited, and the role and the account state checked on every call."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from reviewer_app.api.version import HEADER
from reviewer_app.client import HttpSupervisorDesk
from reviewer_app.db.models import AuditEvent, Decision, Document
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.domain.supervision_views import DecisionQuery
from reviewer_app.domain.views import DecisionRequest
from reviewer_app.services import staff
from reviewer_app.services.supervisor_desk import SupervisorDesk
from reviewer_app.services.supervisor_desk_service import DbSupervisorDesk


def _decide(desk, outcome: str, **kwargs) -> str:
    """A reviewer takes the next application and decides it over the service (the checks to do by hand, and the
    face-duplicate search no worker has run here, acknowledged with a comment)."""
    me = desk.signed_in
    app_id = desk.claim_next(me)
    view = desk.open_application(me, app_id)
    by_hand = tuple(c.id for c in view.checks if c.status in ("manual", "not_run"))
    kwargs.setdefault("comment_internal", "checked by hand")
    desk.decide(me, DecisionRequest(app_id, view.version, outcome, acknowledged_checks=by_hand, **kwargs))
    return app_id


def _decision_id(app, application_id: str) -> int:
    with app.sessions() as s:
        return s.scalar(select(Decision.id).where(Decision.application_id == application_id))


def test_a_supervisors_second_review_over_the_service(app, service, sign_in, clock):
    app.settings = dataclasses.replace(app.settings, second_review_share=1.0)  # every approval sampled
    anna = sign_in("anna")
    approved = _decide(anna, "approve", comment_internal="the faces match, checked by hand")
    rejected = _decide(anna, "reject", reason_code="photo_unclear")
    olga = sign_in("olga")
    me = olga.signed_in
    sup, direct = HttpSupervisorDesk(olga), DbSupervisorDesk(app)
    assert isinstance(sup, SupervisorDesk) and isinstance(direct, SupervisorDesk)
    today = moscow_date(sup.now())

    # Find the case by its number (any spelling the service accepts), the same page as in process.
    page = sup.search_decisions(me, DecisionQuery(application_id=rejected.lower()))
    assert [r.application_id for r in page.rows] == [rejected]
    assert page == direct.search_decisions(me, DecisionQuery(application_id=rejected.lower()))
    assert sup.decision_makers(me) == ["anna"]
    with pytest.raises(ReviewerError) as bad:  # a clear refusal, naming the field
        sup.search_decisions(me, DecisionQuery(passport="4502"))
    assert bad.value.code == "search_passport" and "passport" in str(bad.value)

    # Open the case read-only: every field comes back as the in-process desk builds it.
    decision_id = _decision_id(app, rejected)
    case = sup.open_case(me, decision_id)
    again = direct.open_case(me, decision_id)
    assert dataclasses.replace(case, history=()) == dataclasses.replace(again, history=())
    assert case.history == again.history[:len(case.history)]
    assert case.decision.reason_code == "photo_unclear" and case.documents

    # Its images: an auditor's read, audited, never cached.
    doc = case.documents[0]
    image = sup.case_image(me, decision_id, doc.sha256)
    assert image and image == direct.case_image(me, decision_id, doc.sha256)
    raw = olga.send("GET", f"/supervision/decisions/{decision_id}/images/{doc.sha256}")
    assert raw.headers["Cache-Control"] == "no-store"
    with app.sessions() as s:
        reads = s.scalars(select(AuditEvent).where(AuditEvent.action == "image.open",
                                                   AuditEvent.target_id == doc.sha256)).all()
    assert [(e.actor, e.details["readonly"], e.details["application_id"]) for e in reads][-3:] == [
        ("olga", True, rejected)] * 3

    # Four eyes: the approval set aside by the sample, the rejection sent for a second look (as an escalation
    # does); one confirmed, the other overturned with a reason.
    marked = sup.set_aside_sample(me, date_from=today - timedelta(days=7), date_to=today)
    assert marked == [_decision_id(app, approved)]
    with app.uow() as s:
        s.get(Decision, decision_id).second_review = "pending"
    queue = sup.second_review_queue(me)
    assert [r.application_id for r in queue.rows] == [rejected, approved] and queue == direct.second_review_queue(me)
    assert queue.rows[1].comment == "the faces match, checked by hand"
    sup.confirm(me, decision_id, "agreed")
    assert [r.application_id for r in sup.second_review_queue(me).rows] == [approved]
    with pytest.raises(ReviewerError) as no_comment:
        sup.overturn(me, marked[0], "  ", reason_code="face_mismatch")
    assert no_comment.value.code == "comment_required"
    sup.overturn(me, marked[0], "the selfie is someone else", reason_code="face_mismatch")
    assert sup.second_review_queue(me).rows == ()
    with app.sessions() as s:
        states = dict(s.execute(select(Decision.application_id, Decision.second_review)).all())
    assert states == {approved: "overturned", rejected: "confirmed"}

    # Statistics, claims, integrity alerts and MFC confirmations: equal to the in-process answers.
    stats = sup.statistics(me, today - timedelta(days=6), today)
    assert stats == direct.statistics(me, today - timedelta(days=6), today)
    assert stats.total == 2 and stats.workload[0].reviewer == "anna" and len(stats.per_day) == 7
    with pytest.raises(ReviewerError) as backwards:
        sup.statistics(me, today, today - timedelta(days=1))
    assert backwards.value.code == "date_range"
    assert sup.current_claims(me) == direct.current_claims(me)
    assert [r.name for r in sup.reviewers(me)] == [r.name for r in direct.reviewers(me)]
    assert sup.integrity_failures(me) == [] and sup.pending_confirmations(me) == []
    assert sup.is_training is False


def test_claims_are_released_and_reassigned_over_the_service(app, service, sign_in):
    anna = sign_in("anna")
    held = anna.claim_next(anna.signed_in)
    olga = sign_in("olga")
    sup = HttpSupervisorDesk(olga)
    me = olga.signed_in
    assert [(c.application_id, c.holder) for c in sup.current_claims(me)] == [(held, "anna")]
    assert sup.reassign_claim(me, held, "boris") is not None
    assert [(c.application_id, c.holder) for c in sup.current_claims(me)] == [(held, "boris")]
    sup.release_claim(me, held)
    assert sup.current_claims(me) == []


def test_a_reviewers_token_is_refused_on_every_supervision_endpoint(app, service, sign_in):
    anna = sign_in("anna")
    app_id = _decide(anna, "reject", reason_code="photo_unclear")
    decision_id = _decision_id(app, app_id)
    with app.sessions() as s:
        sha = s.scalar(select(Document.sha256).where(Document.application_id == app_id))
    with app.sessions() as s:
        before = s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    calls = [
        ("POST", "/decisions/search", {"query": {"application_id": app_id}}),
        ("GET", "/decision-makers", None),
        ("GET", f"/decisions/{decision_id}", None),
        ("GET", f"/decisions/{decision_id}/images/{sha}", None),
        ("GET", "/second-review", None),
        ("POST", "/second-review/sample", {}),
        ("POST", f"/decisions/{decision_id}/confirm", {"comment": "mine"}),
        ("POST", f"/decisions/{decision_id}/overturn", {"comment": "mine", "reason_code": "other"}),
        ("GET", "/claims", None),
        ("GET", "/reviewers", None),
        ("POST", f"/claims/{app_id}/release", None),
        ("POST", f"/claims/{app_id}/reassign", {"to_reviewer": "anna"}),
        ("GET", "/integrity-failures", None),
        ("GET", "/statistics?date_from=2026-11-01&date_to=2026-11-30", None),
        ("GET", "/mfc-confirmations", None),
        ("POST", "/mfc-confirmations/1/verify", {}),
        ("POST", "/mfc-confirmations/1/refuse", {"comment": "no"}),
    ]
    headers = {"Authorization": f"Bearer {anna._token}", HEADER: "1"}
    with httpx.Client(base_url=f"{service.url}/v1/supervision", headers=headers) as http:
        answers = {path: http.request(method, path, json=body) for method, path, body in calls}
    assert {path: r.status_code for path, r in answers.items()} == {path: 403 for _m, path, _b in calls}
    assert all(r.json()["kind"] == "PermissionDenied" for r in answers.values())
    assert "image" not in answers[f"/decisions/{decision_id}/images/{sha}"].headers.get("content-type", "")
    with app.sessions() as s:  # nothing was read or written for her: no opening, no search, no image read
        after = s.scalars(select(AuditEvent.action).where(AuditEvent.id > before)).all()
    assert not {"application.open", "image.open", "decision.search"} & set(after)
    # Through the client: the same refusal, as the domain's error.
    with pytest.raises(PermissionDenied):
        HttpSupervisorDesk(anna).second_review_queue(anna.signed_in)
    # No token at all: 401.
    assert httpx.get(f"{service.url}/v1/supervision/claims", headers={HEADER: "1"}).status_code == 401


def test_a_disabled_supervisors_token_stops_at_its_next_call(app, service, people, sign_in):
    olga = sign_in("olga")
    sup = HttpSupervisorDesk(olga)
    assert sup.second_review_queue(olga.signed_in).rows == ()
    staff.disable_staff(app, people.root, "olga")
    with pytest.raises(PermissionDenied) as refused:
        sup.search_decisions(olga.signed_in, DecisionQuery(application_id="EMK-2026-000001"))
    assert refused.value.code == "account_disabled"
    staff.enable_staff(app, people.root, "olga")
    with pytest.raises(PermissionDenied) as ended:  # the session ended with the refusal
        sup.statistics(olga.signed_in, moscow_date(sup.now()), moscow_date(sup.now()))
    assert ended.value.code == "signed_out"


def test_the_supervision_endpoints_are_published(service):
    paths = httpx.get(f"{service.url}/openapi.json").json()["paths"]
    assert {"/v1/supervision/decisions/search", "/v1/supervision/decisions/{decision_id}/images/{sha256}",
            "/v1/supervision/statistics", "/v1/supervision/second-review"} <= set(paths)
