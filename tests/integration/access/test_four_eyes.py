"""Issue 22 in the services, on SQLite and PostgreSQL: the MFC step needs the MFC or a second person, and one
phone serves one citizen. Every entry point (desk decision, escalation, second review, CLI) asks the same plan."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from access import factories as f
from reviewer_app.cli import main
from reviewer_app.db.models import AccessGrant, Application, AuditEvent, KinshipConfirmation, OtpCredential
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import ConflictError, PermissionDenied, ReviewerError
from reviewer_app.services import decisions, mfc, queue_service
from tests.cli_login import service_account

KID = date(2019, 2, 11)
OFFICE = {"confirmed_by": "Петрова А. А.", "mfc_office": "МФЦ района Арбат", "confirmed_on": "2026-11-26",
          "document_ref": "МФЦ-2026/123"}


def _staff(app, name: str, role: str) -> Actor:
    return Actor(f.add_staff(app, name, role), name, StaffRole(role))


def _waiting(app, reviewer: Actor) -> str:
    """A child's application sent to the MFC (kinship in person), as a reviewer leaves it."""
    app_id = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=KID,
                               checks={"kinship": "in_person"})
    decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="in_person")
    return app_id


def _audit(app, action: str) -> list[AuditEvent]:
    with app.sessions() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def test_a_confirmation_from_the_mfc_operator_counts_at_once(app, reviewer) -> None:
    app_id = _waiting(app, reviewer)
    operator = _staff(app, "mfc-arbat", "mfc")
    r = mfc.record_confirmation(app, operator, app_id, **OFFICE)
    assert r.state == "confirmed" and r.requeued and r.status == "pending"
    [entry] = _audit(app, "kinship.mfc_confirmed")
    assert entry.actor == "mfc-arbat" and entry.details["source"] == "mfc"
    # The MFC role records confirmations and nothing else.
    for call in (lambda: queue_service.claim_next(app, operator),
                 lambda: decisions.decide(app, operator, application_id=app_id, expected_version=3,
                                          outcome="approve"),
                 lambda: mfc.pending_confirmations(app, operator)):
        with pytest.raises(PermissionDenied):
            call()
    item = queue_service.claim_next(app, reviewer)
    ok = decisions.decide(app, reviewer, application_id=item.application_id, expected_version=item.version,
                          outcome="approve")
    assert ok.status == "decided" and len(ok.grant_ids) == 1


def test_a_desk_record_waits_for_another_supervisor(app, reviewer, supervisor) -> None:
    app_id = _waiting(app, reviewer)
    c = mfc.record_confirmation(app, supervisor, app_id, **OFFICE)  # typed in by a supervisor at a desk
    assert c.state == "pending" and not c.requeued and c.status == "in_person_required"
    assert [p.id for p in mfc.pending_confirmations(app, supervisor)] == [c.confirmation_id]
    with pytest.raises(PermissionDenied, match="four eyes"):  # not by the recorder
        mfc.verify_confirmation(app, supervisor, c.confirmation_id)
    with pytest.raises(PermissionDenied):  # not by a reviewer
        mfc.verify_confirmation(app, reviewer, c.confirmation_id)
    boss = _staff(app, "irina", "supervisor")
    with pytest.raises(ReviewerError, match="comment"):
        mfc.refuse_confirmation(app, boss, c.confirmation_id, " ")
    refused = mfc.refuse_confirmation(app, boss, c.confirmation_id, "no such reference at the Arbat office")
    assert refused.state == "refused" and not refused.requeued
    with pytest.raises(ConflictError, match="not waiting"):
        mfc.verify_confirmation(app, boss, c.confirmation_id)
    [entry] = _audit(app, "kinship.mfc_refused")
    assert entry.actor == "irina" and entry.details["recorded_by"] == "olga"
    with app.sessions() as s:
        row = s.get(KinshipConfirmation, c.confirmation_id)
        assert (row.state, row.recorded_by, row.verified_by) == ("refused", "olga", "irina")
        assert s.get(Application, app_id).status == "in_person_required"
    assert mfc.pending_confirmations(app, boss) == []


def test_a_pending_record_unlocks_no_approval_by_any_entry_point(app, reviewer, supervisor) -> None:
    """Escalation and second review ask the same plan: a pending record opens nothing there either."""
    app_id = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=KID)
    esc = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="escalate",
                           comment_internal="the certificate looks foreign")
    from reviewer_app.db.models import CheckResultRow
    with app.uow() as s:  # kinship turned out to need the MFC, and a reviewer typed in a confirmation
        s.scalars(select(CheckResultRow).where(CheckResultRow.application_id == app_id,
                                               CheckResultRow.check_id == "kinship")).one().status = "in_person"
        s.add(KinshipConfirmation(parent_key=f.person_key("4502573482"), child_key="x", application_id=app_id,
                                  source="desk", state="pending", recorded_by="anna", recorded_at=app.clock.now(),
                                  confirmed_on=date(2026, 11, 26), confirmed_by="П", mfc_office="М",
                                  document_ref="R"))
    with pytest.raises(ReviewerError, match="waits for another supervisor's verification"):
        decisions.resolve_escalation(app, supervisor, esc.decision_id, outcome="approve", comment_internal="ok")
    with app.sessions() as s:
        assert s.scalar(select(AccessGrant.id)) is None


def test_the_recorder_cannot_approve_even_as_a_supervisor_resolving_an_escalation(app, reviewer) -> None:
    sup1, sup2 = _staff(app, "olga", "supervisor"), _staff(app, "irina", "supervisor")
    app_id = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=KID,
                               checks={"kinship": "in_person"})
    decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="in_person")
    c = mfc.record_confirmation(app, sup1, app_id, **OFFICE)
    mfc.verify_confirmation(app, sup2, c.confirmation_id)
    item = queue_service.claim_next(app, reviewer)
    esc = decisions.decide(app, reviewer, application_id=item.application_id, expected_version=item.version,
                           outcome="escalate", comment_internal="please decide")
    with pytest.raises(ReviewerError, match="olga recorded the MFC confirmation"):
        decisions.resolve_escalation(app, sup1, esc.decision_id, outcome="approve")
    ok = decisions.resolve_escalation(app, sup2, esc.decision_id, outcome="approve")
    assert ok.status == "decided" and len(ok.grant_ids) == 1


def test_a_phone_of_another_citizens_login_is_refused_not_taken_over(app, reviewer) -> None:
    first = f.add_application(app, reviewer.staff_id, passport="4502573482")
    decisions.decide(app, reviewer, application_id=first, expected_version=1, outcome="approve")
    second = f.add_application(app, reviewer.staff_id, passport="4510111222", birth_date=date(1985, 3, 3))
    with pytest.raises(ReviewerError, match="Phone belongs to someone else") as refused:
        decisions.decide(app, reviewer, application_id=second, expected_version=1, outcome="approve")
    assert "+7 916 ***-**-67" in str(refused.value) and "another citizen" in str(refused.value)
    with app.sessions() as s:  # the first citizen keeps their login; nothing was written for the second
        logins = s.execute(select(OtpCredential.citizen_key, OtpCredential.phone_e164)).all()
        assert logins == [(f.person_key("4502573482"), "+79161234567")]
        assert s.get(Application, second).status == "in_review"
    back = decisions.decide(app, reviewer, application_id=second, expected_version=1, outcome="return",
                            reason_code="phone_in_use")
    assert back.status == "returned"
    # The legitimate sharing: the parent's own login serves their child's record (same citizen, same phone).
    kid = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=KID, passport="4502573482")
    assert decisions.decide(app, reviewer, application_id=kid, expected_version=1, outcome="approve").grant_ids


def test_mfc_pending_and_confirm_from_the_cli(app, reviewer, db_url, data_dir, monkeypatch, capsys) -> None:
    app_id = _waiting(app, reviewer)
    c = mfc.record_confirmation(app, reviewer, app_id, **OFFICE)
    service_account(app, monkeypatch, role="supervisor", name="svc-sup")
    run = lambda *argv: main(["--db-url", db_url, "--data-dir", str(data_dir), *argv])  # noqa: E731
    assert run("mfc", "pending") == 0
    out = capsys.readouterr().out
    assert str(c.confirmation_id) in out and app_id in out and "anna" in out
    assert run("mfc", "confirm", str(c.confirmation_id)) == 0
    assert f"{app_id} is back in the queue" in capsys.readouterr().out
    assert run("mfc", "confirm", str(c.confirmation_id)) == 2
    assert "not waiting" in capsys.readouterr().err


def test_two_desks_giving_one_phone_to_two_people_at_once_cannot_both_succeed(app, reviewer, monkeypatch) -> None:
    from tests.concurrency import two_at_once

    boris = _staff(app, "boris", "reviewer")
    first = f.add_application(app, reviewer.staff_id, passport="4502573482")
    second = f.add_application(app, boris.staff_id, passport="4510111222", birth_date=date(1985, 3, 3))
    turns = iter([(reviewer, first), (boris, second)])

    def approve() -> None:
        actor, app_id = next(turns)
        decisions.decide(app, actor, application_id=app_id, expected_version=1, outcome="approve")

    outcome = two_at_once(monkeypatch, "decision.make", approve)
    assert outcome["first"] is None
    assert isinstance(outcome["second"], ReviewerError) and "Phone belongs to someone else" in str(outcome["second"])
    with app.sessions() as s:
        assert s.execute(select(OtpCredential.citizen_key)).scalars().all() == [f.person_key("4502573482")]
