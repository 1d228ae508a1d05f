from datetime import date

import pytest
from sqlalchemy import func, select

from access import factories as f
from reviewer_app.db.models import AccessGrant, Application, AuditEvent, Citizen, Decision, OtpCredential, SmsMessage
from reviewer_app.domain.errors import ConflictError, PermissionDenied, ReviewerError
from reviewer_app.services import decisions
from reviewer_app.services.grants import is_opted_out


def _count(app, model) -> int:
    with app.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def _outbox(app) -> list[SmsMessage]:
    with app.sessions() as s:
        return list(s.scalars(select(SmsMessage).order_by(SmsMessage.id)))


def test_approve_own_access_grants_registers_phone_and_sends_sms(app, reviewer) -> None:
    app_id = f.add_application(app, reviewer.staff_id, band="match")
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    assert r.status == "decided" and r.version == 2 and len(r.grant_ids) == 1 and not r.second_review
    with app.sessions() as s:
        grant = s.get(AccessGrant, r.grant_ids[0])
        assert (grant.subject_kind, grant.status, grant.valid_until) == ("self", "active", None)
        cred = s.scalar(select(OtpCredential))
        assert cred.phone_e164 == "+79161234567"
        assert b"JBSW" not in cred.secret_encrypted and len(cred.secret_encrypted) > 30
        assert len(app.secrets.open(cred.secret_encrypted, context=f"otp:{cred.citizen_key}")) == 32
        d = s.get(Decision, r.decision_id)
        assert d.prescore_band == "match" and d.checks_snapshot[0]["check_id"] == "passport_format"
        assert d.claimed_at is not None and d.rule_version == "2026-01" and not d.sla_breached
        row = s.get(Application, app_id)
        assert row.claimed_by is None and row.status == "decided"
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["decision.make", "grant.create"]
    [msg] = _outbox(app)
    assert msg.phone_e164 == "+79161234567" and "одобрено" in msg.body and msg.status == "pending"


def test_reject_no_grant_and_sms_with_reason(app, reviewer) -> None:
    app_id = f.add_application(app, reviewer.staff_id)
    with pytest.raises(ReviewerError, match="reason_code"):
        decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="reject")
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="reject",
                         reason_code="photo_unclear", comment_applicant="Снимите без бликов")
    assert r.grant_ids == () and r.status == "decided"
    assert _count(app, AccessGrant) == 0 and _count(app, OtpCredential) == 0
    [msg] = _outbox(app)
    assert "отклонено" in msg.body and "нечёткая" in msg.body and "Снимите без бликов" in msg.body
    assert "подать новое заявление" in msg.body  # RETRY reason


def test_final_reason_does_not_invite_new_application(app, reviewer) -> None:
    app_id = f.add_application(app, reviewer.staff_id)
    decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="reject",
                     reason_code="not_moscow_policy")
    [msg] = _outbox(app)
    assert "полиса ОМС" in msg.body and "подать новое заявление" not in msg.body


@pytest.mark.parametrize(("outcome", "status", "sms_word"), [
    ("in_person", "in_person_required", "МФЦ"),
    ("return", "returned", "доработку"),
    ("escalate", "awaiting_second_review", None),
])
def test_other_outcomes(app, reviewer, outcome, status, sms_word) -> None:
    app_id = f.add_application(app, reviewer.staff_id)
    reason = "data_mismatch" if outcome == "return" else None
    comment = "the selfie may be of a relative: please look" if outcome == "escalate" else None
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome=outcome,
                         reason_code=reason, comment_internal=comment)
    assert r.status == status and r.grant_ids == ()
    bodies = [m.body for m in _outbox(app)]
    assert (bodies == []) if sms_word is None else (len(bodies) == 1 and sms_word in bodies[0])


def test_escalation_needs_a_comment_and_a_return_needs_a_fixable_reason(app, reviewer) -> None:
    app_id = f.add_application(app, reviewer.staff_id)
    with pytest.raises(ReviewerError, match="comment_internal"):
        decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="escalate",
                         comment_internal="  ")
    with pytest.raises(ReviewerError, match="is final"):
        decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="return",
                         reason_code="duplicate")
    assert _count(app, Decision) == 0 and _count(app, AuditEvent) == 0


def test_stale_version_and_foreign_claim_conflict(app, reviewer) -> None:
    app_id = f.add_application(app, reviewer.staff_id)
    with pytest.raises(ConflictError) as stale:
        decisions.decide(app, reviewer, application_id=app_id, expected_version=7, outcome="approve")
    assert stale.value.code == "changed"
    other = f.add_staff(app, "boris")
    from reviewer_app.domain.actor import Actor
    from reviewer_app.domain.enums import StaffRole
    boris = Actor(other, "boris", StaffRole.REVIEWER)
    with pytest.raises(ConflictError) as foreign:
        decisions.decide(app, boris, application_id=app_id, expected_version=1, outcome="approve")
    assert foreign.value.code == "not_claimed"
    assert _count(app, Decision) == 0 and _count(app, AuditEvent) == 0


def test_lost_lease_conflict(app, reviewer, clock) -> None:
    app_id = f.add_application(app, reviewer.staff_id)
    clock.advance(minutes=11)
    with pytest.raises(ConflictError):
        decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")


def test_crash_between_decision_and_sms_writes_nothing(app, reviewer, monkeypatch) -> None:
    app_id = f.add_application(app, reviewer.staff_id)

    def boom(*a, **k):
        raise RuntimeError("disk full while writing the outbox")

    monkeypatch.setattr(decisions, "enqueue_sms", boom)
    with pytest.raises(RuntimeError):
        decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    for model in (Decision, AccessGrant, Citizen, OtpCredential, AuditEvent, SmsMessage):
        assert _count(app, model) == 0, model
    with app.sessions() as s:
        row = s.get(Application, app_id)
        assert (row.status, row.version, row.claimed_by) == ("in_review", 1, reviewer.staff_id)


def test_override_needs_comment_and_second_review(app, reviewer, supervisor) -> None:
    app_id = f.add_application(app, reviewer.staff_id, checks={"passport_validity": "fail"}, band="mismatch")
    with pytest.raises(ReviewerError, match="comment_internal"):
        decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve",
                         comment_internal="passport renewed, checked the new one in person")
    assert r.second_review and r.status == "awaiting_second_review" and r.grant_ids == () and r.sms_ids == ()
    assert set(r.override_reasons) == {"failed_check:passport_validity", "band_mismatch"}
    assert _count(app, AccessGrant) == 0 and _outbox(app) == []
    # Nobody second-reviews their own decision, not even a supervisor who decided.
    with pytest.raises(PermissionDenied, match="four eyes"):
        decisions.confirm_second_review(app, _as_supervisor(app, reviewer), r.decision_id, "ok")
    with pytest.raises(PermissionDenied):
        decisions.confirm_second_review(app, reviewer, r.decision_id, "ok")  # a reviewer may not at all
    c = decisions.confirm_second_review(app, supervisor, r.decision_id, "agreed")
    assert len(c.grant_ids) == 1 and c.status == "decided"
    assert len(_outbox(app)) == 1
    with app.sessions() as s:
        d = s.get(Decision, r.decision_id)
        assert (d.second_review, d.second_reviewer_id, d.is_override) == ("confirmed", supervisor.staff_id, True)
    with pytest.raises(ConflictError):
        decisions.confirm_second_review(app, supervisor, r.decision_id, "again")


def _as_supervisor(app, actor):
    from reviewer_app.db.models import Staff
    from reviewer_app.domain.actor import Actor
    from reviewer_app.domain.enums import StaffRole
    with app.uow() as s:
        s.get(Staff, actor.staff_id).role = "supervisor"
    return Actor(actor.staff_id, actor.name, StaffRole.SUPERVISOR)


def test_overturn_override_no_grant_reject_sms(app, reviewer, supervisor) -> None:
    app_id = f.add_application(app, reviewer.staff_id, band="mismatch")
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve",
                         comment_internal="looks like her")
    with pytest.raises(ReviewerError, match="comment"):
        decisions.overturn_second_review(app, supervisor, r.decision_id, " ")
    o = decisions.overturn_second_review(app, supervisor, r.decision_id, "not the same person",
                                         reason_code="face_mismatch")
    assert o.status == "decided" and _count(app, AccessGrant) == 0
    [msg] = _outbox(app)
    assert "не совпадает" in msg.body


def test_escalation_resolved_by_supervisor(app, reviewer, supervisor) -> None:
    app_id = f.add_application(app, reviewer.staff_id)
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="escalate",
                         comment_internal="unsure about the passport photo")
    with pytest.raises(ReviewerError, match="escalation"):
        decisions.confirm_second_review(app, supervisor, r.decision_id)
    res = decisions.resolve_escalation(app, supervisor, r.decision_id, outcome="approve")
    assert res.status == "decided" and len(res.grant_ids) == 1


def test_child_access_valid_until_day_before_15th_birthday(app, reviewer) -> None:
    app_id = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=date(2019, 2, 11))
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    with app.sessions() as s:
        grant = s.get(AccessGrant, r.grant_ids[0])
    assert grant.subject_kind == "child" and grant.valid_until == date(2034, 2, 10)
    assert "10.02.2034" in _outbox(app)[0].body


def test_child_born_29_february(app, reviewer) -> None:
    app_id = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=date(2016, 2, 29))
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    with app.sessions() as s:
        # 2031 is a common year: the 15th birthday counts as 1 March, the last day is 28 February.
        assert s.get(AccessGrant, r.grant_ids[0]).valid_until == date(2031, 2, 28)


def test_child_already_15_cannot_be_approved(app, reviewer) -> None:
    app_id = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=date(2011, 11, 27))
    with pytest.raises(ReviewerError, match="Child is 15 or older"):
        decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")


def test_opt_out_revokes_everything_and_blocks_new_access_until_opt_in(app, reviewer) -> None:
    own = f.add_application(app, reviewer.staff_id)
    decisions.decide(app, reviewer, application_id=own, expected_version=1, outcome="approve")
    kid = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=date(2019, 2, 11))
    decisions.decide(app, reviewer, application_id=kid, expected_version=1, outcome="approve")
    out = f.add_application(app, reviewer.staff_id, kind="opt_out")
    r = decisions.decide(app, reviewer, application_id=out, expected_version=1, outcome="approve")
    assert len(r.revoked_grant_ids) == 2
    with app.sessions() as s:
        assert {g.status for g in s.scalars(select(AccessGrant))} == {"revoked"}
        assert is_opted_out(s, f.person_key("4502573482"))
    again = f.add_application(app, reviewer.staff_id)
    with pytest.raises(ReviewerError, match="Opted out of EMK"):
        decisions.decide(app, reviewer, application_id=again, expected_version=1, outcome="approve")
    decisions.decide(app, reviewer, application_id=again, expected_version=1, outcome="reject",
                     reason_code="opted_out")
    back = f.add_application(app, reviewer.staff_id, kind="opt_in")
    decisions.decide(app, reviewer, application_id=back, expected_version=1, outcome="approve")
    with app.sessions() as s:
        assert not is_opted_out(s, f.person_key("4502573482"))
    fresh = f.add_application(app, reviewer.staff_id)
    assert decisions.decide(app, reviewer, application_id=fresh, expected_version=1, outcome="approve").grant_ids


def test_cancel_access_revokes_the_grant(app, reviewer) -> None:
    own = f.add_application(app, reviewer.staff_id)
    g = decisions.decide(app, reviewer, application_id=own, expected_version=1, outcome="approve").grant_ids[0]
    cancel = f.add_application(app, reviewer.staff_id, kind="cancel_access")
    r = decisions.decide(app, reviewer, application_id=cancel, expected_version=1, outcome="approve")
    assert r.revoked_grant_ids == (g,)
    with app.sessions() as s:
        assert s.get(AccessGrant, g).revoke_reason == "cancel_access"


def test_change_access_moves_codes_to_new_phone(app, reviewer) -> None:
    own = f.add_application(app, reviewer.staff_id)
    decisions.decide(app, reviewer, application_id=own, expected_version=1, outcome="approve")
    change = f.add_application(app, reviewer.staff_id, kind="change_access", phone="+79035550011")
    decisions.decide(app, reviewer, application_id=change, expected_version=1, outcome="approve")
    with app.sessions() as s:
        assert s.scalar(select(OtpCredential.phone_e164)) == "+79035550011"
        assert s.scalar(select(func.count()).select_from(OtpCredential)) == 1
    phones = [m.phone_e164 for m in _outbox(app)]
    assert phones == ["+79161234567", "+79035550011", "+79161234567"]  # approval, new number, old number told
    with app.sessions() as s:
        change_entry = s.scalars(select(AuditEvent).where(AuditEvent.action == "citizen.phone_change")).one()
    assert change_entry.details["new_phone_last4"] == "0011" and change_entry.details["old_phone_last4"] == "4567"


def test_an_approval_waits_for_the_face_comparison_or_an_acknowledgement_with_a_comment(app, reviewer) -> None:
    app_id = f.add_application(app, reviewer.staff_id, compared=False)  # no pre-score, no duplicate search yet
    with pytest.raises(ReviewerError, match="face_duplicate has not run yet"):
        decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    with pytest.raises(ReviewerError, match="comment_internal"):
        decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve",
                         acknowledged_checks=("face_duplicate",))
    assert _count(app, Decision) == 0
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve",
                         acknowledged_checks=("face_duplicate",), comment_internal="compared by eye, no duplicate")
    assert r.status == "decided"
    with app.sessions() as s:
        snap = {c["check_id"]: c for c in s.get(Decision, r.decision_id).checks_snapshot}
    assert snap["face_duplicate"]["status"] == "not_run"  # the supervisor sees it was acknowledged, not run


def test_a_stored_prescore_means_the_comparison_ran(app, reviewer) -> None:
    # compared with no duplicate search (no consent or no live face): nothing is left to wait for
    app_id = f.add_application(app, reviewer.staff_id, compared=False, band="match")
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    assert r.status == "decided"


def test_a_supervisor_resolving_an_escalation_waits_for_the_comparison_too(app, reviewer, supervisor) -> None:
    app_id = f.add_application(app, reviewer.staff_id, compared=False)
    r = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="escalate",
                         comment_internal="the faces have not been compared yet")
    with pytest.raises(ReviewerError, match="face_duplicate has not run yet"):
        decisions.resolve_escalation(app, supervisor, r.decision_id, outcome="approve",
                                     comment_internal="looks fine")
    res = decisions.resolve_escalation(app, supervisor, r.decision_id, outcome="approve",
                                       acknowledged_checks=("face_duplicate",),
                                       comment_internal="compared by eye with the archive: no one else")
    assert res.status == "decided" and len(res.grant_ids) == 1
