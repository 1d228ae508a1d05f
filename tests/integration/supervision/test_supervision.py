from datetime import date, timedelta

import pytest
import sv_factories as f
from sqlalchemy import select

from reviewer_app.db.models import AccessGrant, AuditEvent, Citizen, Decision
from reviewer_app.domain.errors import ConflictError, NotFound, PermissionDenied, ReviewerError
from reviewer_app.services import audit
from reviewer_app.services import supervision as sv
from reviewer_app.services.supervision import DecisionQuery


@pytest.fixture
def decided(app, team):
    """Six decisions over three days by two reviewers."""
    now = app.clock.now()
    ids = {}
    specs = [
        ("A1", "anna", "approve", 0, None, "match", False, False),
        ("A2", "anna", "reject", 0, "face_mismatch", "mismatch", False, True),
        ("A3", "anna", "approve", 1, None, "mismatch", True, False),
        ("B1", "boris", "approve", 1, None, "match", False, False),
        ("B2", "boris", "reject", 2, "expired_document", "uncertain", False, False),
        ("B3", "boris", "return", 2, "blurry_image", None, False, True),
    ]
    for app_id, who, outcome, days_ago, reason, band, override, breached in specs:
        f.application(app, app_id, docs={"selfie_with_passport": f.image(f"selfie-{app_id}")})
        ids[app_id] = f.decision(app, app_id, team[who], outcome=outcome, decided_at=now - timedelta(days=days_ago),
                                 reason=reason, band=band, override=override, breached=breached)
    return ids


def _ids(page):
    return [r.application_id for r in page.rows]


def test_search_filters(app, team, decided) -> None:
    sup = team["sup"]
    assert _ids(sv.search_decisions(app, sup)) == ["A2", "A1", "B1", "A3", "B3", "B2"]
    assert _ids(sv.search_decisions(app, sup, DecisionQuery(reviewer="anna", outcome="approve"))) == ["A1", "A3"]
    today = date(2026, 11, 27)
    q = DecisionQuery(date_from=today - timedelta(days=1), date_to=today - timedelta(days=1))
    assert _ids(sv.search_decisions(app, sup, q)) == ["B1", "A3"]
    assert _ids(sv.search_decisions(app, sup, DecisionQuery(overrides_only=True))) == ["A3"]
    assert _ids(sv.search_decisions(app, sup, DecisionQuery(sla_breached_only=True))) == ["A2", "B3"]
    assert _ids(sv.search_decisions(app, sup, DecisionQuery(reason="expired_document"))) == ["B2"]
    assert _ids(sv.search_decisions(app, sup, DecisionQuery(band="mismatch"))) == ["A2", "A3"]
    nobody = sv.search_decisions(app, sup, DecisionQuery(reviewer="nobody"))
    assert _ids(nobody) == [] and nobody.unknown_reviewer == "nobody"
    assert sv.search_decisions(app, sup, DecisionQuery(reviewer="anna")).unknown_reviewer is None
    with pytest.raises(ReviewerError, match="after"):
        sv.search_decisions(app, sup, DecisionQuery(date_from=today, date_to=today - timedelta(days=3)))


def test_search_pages(app, team, decided) -> None:
    p0 = sv.search_decisions(app, team["sup"], page=0, page_size=4)
    p1 = sv.search_decisions(app, team["sup"], page=1, page_size=4)
    assert len(p0.rows) == 4 and p0.has_more
    assert len(p1.rows) == 2 and not p1.has_more
    assert set(_ids(p0)).isdisjoint(_ids(p1))


def test_open_case_shows_snapshot_and_is_audited(app, team, decided) -> None:
    sup = team["sup"]
    case = sv.open_case(app, sup, decided["A3"])
    assert case.decision.is_override and (case.prescore["score"], case.prescore["band"]) == (80.0, "mismatch")
    assert case.checks == ({"id": "passport", "status": "pass"},) and case.rule_version == "2026-01"
    assert case.application["applicant"]["last_name"] == "Иванова"
    assert [d.role for d in case.documents] == ["selfie_with_passport"]
    assert sv.case_image(app, sup, decided["A3"], case.documents[0].sha256) == f.image("selfie-A3")
    with pytest.raises(NotFound):
        sv.case_image(app, sup, decided["A1"], case.documents[0].sha256)  # another application's image
    with app.sessions() as s:
        actions = [e.action for e in audit.search(s, actor="olga")]
    assert actions == ["application.open", "image.open"]
    again = sv.open_case(app, sup, decided["A3"])
    assert [e.action for e in again.history] == ["application.open", "image.open", "application.open"]
    with pytest.raises(NotFound):
        sv.open_case(app, sup, 9999)


def test_sample_is_deterministic_and_near_share() -> None:
    picks = [i for i in range(1, 20001) if sv.in_second_review_sample(i, 0.05)]
    assert picks == [i for i in range(1, 20001) if sv.in_second_review_sample(i, 0.05)]
    assert 0.04 < len(picks) / 20000 < 0.06
    assert not any(sv.in_second_review_sample(i, 0) for i in range(1000))
    assert all(sv.in_second_review_sample(i, 1) for i in range(1000))


def test_set_aside_then_four_eyes(app, team, decided) -> None:
    sup = team["sup"]
    marked = sv.set_aside_sample(app, sup, share=1.0)
    assert sorted(marked) == sorted([decided["A1"], decided["A3"], decided["B1"]])  # approvals only
    assert sv.set_aside_sample(app, sup, share=1.0) == []  # idempotent
    assert {r.application_id for r in sv.second_review_queue(app, sup).rows} == {"A1", "A3", "B1"}
    # The author cannot second-review their own decision, even as a supervisor.
    with app.uow() as s:
        s.get(Decision, decided["A1"]).staff_id = sup.staff_id
    with pytest.raises(PermissionDenied, match="four eyes") as own:
        sv.confirm(app, sup, decided["A1"])
    assert own.value.code == "four_eyes"
    petr = f.staff(app, "petr", "supervisor")
    sv.confirm(app, petr, decided["A1"], "ok")
    with pytest.raises(ConflictError) as twice:
        sv.confirm(app, petr, decided["A1"])
    assert twice.value.code == "not_awaiting_review"
    with app.sessions() as s:
        d = s.get(Decision, decided["A1"])
        assert (d.second_review, d.second_reviewer_id, d.second_review_comment) == ("confirmed", petr.staff_id, "ok")
    with pytest.raises(ReviewerError, match="comment"):
        sv.overturn(app, sup, decided["A3"], "  ")


def test_overturn_revokes_grant(app, team, decided) -> None:
    sup = team["sup"]
    with app.uow() as s:
        s.add(Citizen(person_key="pk-A3", last_name="И", first_name="М", birth_date=date(1990, 1, 1)))
        s.flush()
        s.add(AccessGrant(holder_key="pk-A3", subject_kind="self", subject_key="pk-A3", subject_name="И М",
                          subject_birth_date=date(1990, 1, 1), application_id="A3", status="active",
                          valid_from=date(2026, 11, 26), created_at=app.clock.now()))
        s.get(Decision, decided["A3"]).second_review = "pending"
    sv.overturn(app, sup, decided["A3"], "the faces do not match")
    with app.sessions() as s:
        grant = s.scalar(select(AccessGrant))
        assert grant.status == "revoked"
        assert s.get(Decision, decided["A3"]).second_review == "overturned"
        assert [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))] == \
            ["grant.revoke", "decision.overturn"]
        assert s.get(Decision, decided["A3"]).second_reviewer_id == sup.staff_id


def test_release_and_reassign(app, team) -> None:
    from reviewer_app.queue import claims

    f.application(app, "Q1", status="pending")
    with app.uow() as s:
        claims.claim_next(s, staff_id=team["anna"].staff_id, now=app.clock.now(), lease_seconds=600)
    sup = team["sup"]
    assert [(c.application_id, c.holder) for c in sv.current_claims(app, sup)] == [("Q1", "anna")]
    sv.reassign_claim(app, sup, "Q1", "boris")
    assert [c.holder for c in sv.current_claims(app, sup)] == ["boris"]
    with pytest.raises(ReviewerError, match="cannot take"):
        sv.reassign_claim(app, sup, "Q1", "adam")
    sv.release_claim(app, sup, "Q1")
    assert sv.current_claims(app, sup) == []
    with pytest.raises(ConflictError):
        sv.release_claim(app, sup, "Q1")
    assert {r.name for r in sv.reviewers(app, sup)} == {"anna", "boris", "olga"}


def test_the_reviewer_list_is_everyone_who_decided_former_staff_too(app, team, decided) -> None:
    from reviewer_app.db.models import Staff

    f.staff(app, "vera", "reviewer")  # has decided nothing: not in the list
    with app.uow() as s:
        s.execute(Staff.__table__.update().where(Staff.name == "boris").values(disabled=True))
    assert sv.decision_makers(app, team["sup"]) == ["anna", "boris"]
    assert sv.decision_makers(app, team["admin"]) == ["anna", "boris"]  # administrators audit
    for refused in ("anna", "trainer"):  # a reviewer; a trainer outside a training database
        with pytest.raises(PermissionDenied):
            sv.decision_makers(app, team[refused])
