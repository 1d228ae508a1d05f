"""The read-only case lists only its own application's events, and the lists name the applicant."""

from __future__ import annotations

import sv_factories as f

from reviewer_app.db.models import Applicant
from reviewer_app.services import supervision as sv
from reviewer_app.services.supervision import DecisionQuery


def test_history_keeps_only_this_applications_image_openings(app, team) -> None:
    """Two applications carry the very same passport image (one stored copy, one hash): opening it from one
    application must not appear in the other's history."""
    sup, anna = team["sup"], team["anna"]
    same = f.image("the-same-passport-scan")
    f.application(app, "P1", docs={"passport_scan": same})
    f.application(app, "P2", docs={"passport_scan": same})
    d1, d2 = f.decision(app, "P1", anna), f.decision(app, "P2", anna)
    case2 = sv.open_case(app, sup, d2)
    sv.case_image(app, sup, d2, case2.documents[0].sha256)  # opened from P2 only
    case1 = sv.open_case(app, sup, d1)
    assert [(e.action, e.target_type) for e in case1.history] == [("application.open", "application")]
    again2 = sv.open_case(app, sup, d2)
    opened = [e for e in again2.history if e.action == "image.open"]
    assert len(opened) == 1 and opened[0].details["application_id"] == "P2"
    assert opened[0].details["role"] == "passport_scan"


def test_history_includes_the_second_review_of_its_decision(app, team) -> None:
    sup, anna = team["sup"], team["anna"]
    f.application(app, "Q1")
    d = f.decision(app, "Q1", anna, second_review="pending")
    sv.confirm(app, sup, d, "looks right")
    actions = [e.action for e in sv.open_case(app, sup, d).history]
    assert "decision.confirm" in actions


def test_decision_and_claim_rows_name_the_applicant(app, team) -> None:
    sup, anna = team["sup"], team["anna"]
    f.application(app, "N1")
    f.application(app, "N2")  # no applicant row: the name is empty, not an error
    with app.uow() as s:
        s.add(Applicant(application_id="N1", last_name="Петрова", first_name="Анна", middle_name="Сергеевна",
                        birth_date=app.clock.now().date().replace(year=1980)))
    f.decision(app, "N1", anna)
    f.decision(app, "N2", anna)
    rows = {r.application_id: r for r in sv.search_decisions(app, sup, DecisionQuery()).rows}
    assert rows["N1"].applicant == "Петрова Анна Сергеевна"
    assert rows["N2"].applicant == ""


def test_second_review_queue_carries_the_comment_and_what_did_not_pass(app, team) -> None:
    sup, anna = team["sup"], team["anna"]
    f.application(app, "S1")
    checks = [{"check_id": "phone", "status": "fail", "message_ru": "Телефон", "message_en": "Phone"},
              {"check_id": "sla", "status": "pass"}, {"check_id": "oms_policy", "status": "manual"}]
    d = f.decision(app, "S1", anna, second_review="pending", checks=checks)
    from reviewer_app.db.models import Decision

    with app.uow() as s:
        s.get(Decision, d).comment_internal = "faces alike, phone typo"
    row = sv.second_review_queue(app, sup).rows[0]
    assert row.comment == "faces alike, phone typo"
    assert [c["check_id"] for c in row.failed_checks] == ["phone", "oms_policy"]
