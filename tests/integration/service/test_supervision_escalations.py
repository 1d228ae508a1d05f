"""Issue 24 items 3 and 4 over the real service: a supervisor decides an escalated application (the reviewer's
decision plan, stage ESCALATION) and exports the statistics in words in both languages; a reviewer may do
neither (403), and the export is audited."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from reviewer_app.api.version import HEADER
from reviewer_app.client import HttpSupervisorDesk
from reviewer_app.db.models import Application, AuditEvent, Decision
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.services.supervisor_desk_service import DbSupervisorDesk
from tests.integration.service.test_supervision import _decide, _decision_id

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def test_a_supervisor_decides_an_escalation_over_the_service(app, service, sign_in):
    anna = sign_in("anna")
    escalated = _decide(anna, "escalate", comment_internal="the passport looks altered, please decide")
    olga = sign_in("olga")
    me, sup = olga.signed_in, HttpSupervisorDesk(olga)
    [row] = sup.second_review_queue(me).rows
    assert (row.application_id, row.outcome, row.reviewer) == (escalated, "escalate", "anna")
    assert row.comment == "the passport looks altered, please decide"
    # The escalated application as a reviewer sees it (the dialog asks its plan): an auditor's read, audited.
    view = sup.open_application(me, escalated)
    assert view.id == escalated and view.checks
    with app.sessions() as s:
        opened = s.scalars(select(AuditEvent.actor).where(AuditEvent.action == "application.open",
                                                          AuditEvent.target_id == escalated)).all()
    assert "olga" in opened
    # The plan holds: a rejection needs its reason, said in words, field named.
    with pytest.raises(ReviewerError) as no_reason:
        sup.resolve_escalation(me, row.decision_id, outcome="reject")
    assert "reason" in str(no_reason.value)
    # Anna cannot decide her own escalation, even by calling the service directly.
    with pytest.raises(PermissionDenied):
        HttpSupervisorDesk(anna).resolve_escalation(anna.signed_in, row.decision_id, outcome="reject",
                                                    reason_code="photo_unclear")
    status = sup.resolve_escalation(me, row.decision_id, outcome="reject", reason_code="passport_invalid",
                                    comment_internal="the passport is altered")
    with app.sessions() as s:
        decisions = s.execute(select(Decision.outcome, Decision.second_review)
                              .where(Decision.application_id == escalated).order_by(Decision.id)).all()
        app_status = s.scalar(select(Application.status).where(Application.id == escalated))
    assert [tuple(d) for d in decisions] == [("escalate", "confirmed"), ("reject", "")]
    assert status == app_status
    assert sup.second_review_queue(me).rows == ()
    # Only an escalation is decided this way.
    rejected = _decide(anna, "reject", reason_code="photo_unclear")
    with pytest.raises(ReviewerError):
        sup.resolve_escalation(me, _decision_id(app, rejected), outcome="approve")


def test_statistics_exports_are_words_in_both_languages(app, service, sign_in):
    anna = sign_in("anna")
    _decide(anna, "reject", reason_code="photo_unclear")
    _decide(anna, "return", reason_code="passport_invalid")
    olga = sign_in("olga")
    me, sup, direct = olga.signed_in, HttpSupervisorDesk(olga), DbSupervisorDesk(app)
    today = moscow_date(sup.now())
    d0 = today - timedelta(days=6)
    for lang, words in (("ru", ("Причины отказов и возвратов", "Фото нечёткое", "отклонено")),
                        ("en", ("Reasons for refusals and returns", "Photo unclear", "rejected"))):
        data = sup.export_statistics(me, d0, today, "csv", lang)
        assert data == direct.export_statistics(me, d0, today, "csv", lang)
        text = data.decode("utf-8-sig")
        assert all(w in text for w in words), text
        assert not SNAKE.findall(text), SNAKE.findall(text)
        assert "photo_unclear" not in text and "{" not in text
        pdf = sup.export_statistics(me, d0, today, "pdf", lang)
        assert pdf.startswith(b"%PDF") and len(pdf) > 2000
    with pytest.raises(ReviewerError) as bad:
        sup.export_statistics(me, d0, today, "xls", "ru")
    assert "format" in str(bad.value)
    with app.sessions() as s:
        exports = s.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
    assert [(e.actor, e.details["format"], e.details["lang"]) for e in exports] == [
        ("olga", "csv", "ru"), ("olga", "csv", "ru"), ("olga", "pdf", "ru"),
        ("olga", "csv", "en"), ("olga", "csv", "en"), ("olga", "pdf", "en")]


def test_a_reviewer_is_refused_resolving_and_exporting(app, service, sign_in):
    anna = sign_in("anna")
    app_id = _decide(anna, "escalate", comment_internal="not sure")
    decision_id = _decision_id(app, app_id)
    headers = {"Authorization": f"Bearer {anna._token}", HEADER: "1"}
    with httpx.Client(base_url=f"{service.url}/v1/supervision", headers=headers) as http:
        resolve = http.post(f"/decisions/{decision_id}/resolve", json={"outcome": "approve"})
        export = http.get("/statistics/export?date_from=2026-11-01&date_to=2026-11-30&format=csv&lang=ru")
    assert (resolve.status_code, export.status_code) == (403, 403)
    with app.sessions() as s:
        assert s.scalar(select(Decision.second_review).where(Decision.id == decision_id)) == "pending"
        assert not s.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
