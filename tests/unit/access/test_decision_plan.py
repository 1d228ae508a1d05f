"""The domain's decision plan, without a database: every application kind x outcome x route, and the rules
around phones, SMS, the child's 15th birthday, MFC confirmations, escalations and second reviews."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest

from reviewer_app.domain.decision_plan import (
    CheckFact,
    ChildFacts,
    DecisionAsk,
    DecisionFacts,
    GrantFact,
    MfcConfirmation,
    PersonFacts,
    Stage,
    available,
    child_access_until,
    mask_phone,
    plan_decision,
    plan_withdrawal,
)
from reviewer_app.domain.reasons import REASONS

ON = date(2026, 11, 27)
KINDS = ("own_access", "child_access", "change_access", "cancel_access", "opt_out", "opt_in")
OUTCOMES = ("approve", "reject", "in_person", "return", "escalate")
ROUTES = ("clean", "failed_check", "band_mismatch", "kinship_in_person", "kinship_manual", "country_missing",
          "in_person_confirmed_at_mfc")
PHONE = "+79161234567"
OLD_PHONE = "+79035550011"
CHILD = ChildFacts("Иванов", "Пётр", "Сергеевич", date(2019, 2, 11), "childkey")
MFC = MfcConfirmation("Петрова А. А.", "МФЦ района Арбат", date(2026, 11, 25), "МФЦ-2026/123")


def facts(kind: str = "own_access", route: str = "clean", **kw) -> DecisionFacts:
    checks = [CheckFact("applicant_age", "pass"), CheckFact("passport_validity", "pass")]
    band = "match"
    child = CHILD if kind == "child_access" else None
    kinship = CheckFact("kinship", "pass", details={"country": "RU", "country_assumed": False})
    mfc = None
    if route == "failed_check":
        checks.append(CheckFact("oms_policy", "fail", details={"type": "enp_checksum"}))
    elif route == "band_mismatch":
        band = "mismatch"
    elif route in ("kinship_in_person", "in_person_confirmed_at_mfc"):
        kinship = CheckFact("kinship", "in_person", details={"country": "KZ", "country_assumed": False})
        mfc = MFC if route == "in_person_confirmed_at_mfc" else None
    elif route == "kinship_manual":
        kinship = CheckFact("kinship", "manual", details={"country": "RU", "found": False})
    elif route == "country_missing":
        kinship = CheckFact("kinship", "pass", details={"country": "RU", "country_assumed": True})
    if child is not None:
        checks.append(kinship)
    grants = ()
    if kind in ("cancel_access", "opt_out"):
        grants = (GrantFact(7, "self", "personkey"), GrantFact(8, "child", "childkey", date(2034, 2, 10)))
    base = DecisionFacts(application_id="EMK-2026-000001", kind=kind, person_key="personkey",
                         applicant=PersonFacts("Иванова", "Мария", "Петровна", date(1990, 5, 17), PHONE),
                         child=child, checks=tuple(checks), band=band, sla_deadline=date(2026, 12, 1),
                         active_grants=grants, mfc_confirmation=mfc)
    return replace(base, **kw)


def full_ask(outcome: str, reason: str = "data_mismatch") -> DecisionAsk:
    """Every input filled in, so that only the route decides."""
    return DecisionAsk(outcome, reason if outcome in ("reject", "return") else None, None, "internal note")


def expected(kind: str, outcome: str, route: str) -> dict:
    """The rules of issue 12 written out plainly (not by calling the plan)."""
    child = kind == "child_access"
    if child and route == "kinship_in_person" and outcome not in ("in_person", "return", "reject"):
        return {"blocked": True}
    override = outcome == "approve" and (route in ("failed_check", "band_mismatch")
                                         or (child and route in ("kinship_manual", "country_missing")))
    second = override or outcome == "escalate"
    status = {"approve": "decided", "reject": "decided", "in_person": "in_person_required", "return": "returned",
              "escalate": "awaiting_second_review"}[outcome]
    grants = 1 if outcome == "approve" and kind in ("own_access", "child_access") else 0
    revokes = {"cancel_access": 1, "opt_out": 2}.get(kind, 0) if outcome == "approve" else 0
    sms = () if outcome == "escalate" else ("applicant",)
    return {"blocked": False, "second": second, "override": override,
            "status": "awaiting_second_review" if second else status, "grants": grants, "revokes": revokes,
            "sms": sms}


@pytest.mark.parametrize(("kind", "outcome", "route"), list(itertools.product(KINDS, OUTCOMES, ROUTES)))
def test_every_kind_outcome_and_route(kind, outcome, route) -> None:
    want = expected(kind, outcome, route)
    plan = plan_decision(facts(kind, route), full_ask(outcome), on=ON)
    if want["blocked"]:
        assert not plan.allowed and plan.blocked and "MFC" in plan.blocked and plan.blocked_ru
        assert plan.effect.grants_create == () and plan.effect.sms == ()
        return
    assert plan.allowed, plan.error
    assert plan.status == want["status"]
    assert plan.second_review == want["second"]
    assert bool(plan.overrides) == want["override"]
    assert len(plan.effect.grants_create) == want["grants"]
    assert len(plan.effect.grants_revoke) == want["revokes"]
    assert tuple(m.id for m in plan.effect.sms) == want["sms"]
    assert plan.applies_now == (not want["second"])
    assert plan.audit[0].action == "decision.make"
    assert any(a.action == "decision.second_review_requested" for a in plan.audit) == want["second"]


def test_in_person_kinship_allows_only_mfc_return_reject_and_says_why() -> None:
    offers = available(facts("child_access", "kinship_in_person"), on=ON)
    assert {o for o, p in offers.items() if p.blocked is None} == {"in_person", "return", "reject"}
    assert "MFC" in offers["approve"].blocked and "МФЦ" in offers["approve"].blocked_ru
    # A recorded MFC confirmation opens the route: approval, no override, the check reads "confirmed".
    confirmed = facts("child_access", "in_person_confirmed_at_mfc")
    plan = plan_decision(confirmed, DecisionAsk("approve"), on=ON)
    assert plan.allowed and not plan.second_review and plan.overrides == ()
    assert plan.effect.grants_create[0].valid_until == date(2034, 2, 10)


@pytest.mark.parametrize("route", ["kinship_manual", "country_missing"])
def test_manual_kinship_is_an_override_needing_a_comment(route) -> None:
    plan = plan_decision(facts("child_access", route), DecisionAsk("approve"), on=ON)
    assert not plan.allowed and plan.missing == ("comment_internal",) and plan.comment_required
    code = "kinship_manual" if route == "kinship_manual" else "certificate_country_missing"
    assert code in plan.overrides and code in plan.problems[0]
    ok = plan_decision(facts("child_access", route), DecisionAsk("approve", comment_internal="saw the original"),
                       on=ON)
    assert ok.allowed and ok.second_review and ok.status == "awaiting_second_review" and not ok.applies_now


def test_escalation_stage_same_routes_and_overrides() -> None:
    f = facts("own_access", "failed_check")
    plan = plan_decision(f, DecisionAsk("approve"), on=ON, stage=Stage.ESCALATION)
    assert plan.missing == ("comment_internal",)
    ok = plan_decision(f, DecisionAsk("approve", comment_internal="policy checked by phone"), on=ON,
                       stage=Stage.ESCALATION)
    assert ok.second_review and ok.overrides == ("failed_check:oms_policy",)
    assert plan_decision(f, full_ask("escalate"), on=ON, stage=Stage.ESCALATION).blocked
    blocked = plan_decision(facts("child_access", "kinship_in_person"), full_ask("approve"), on=ON,
                            stage=Stage.ESCALATION)
    assert blocked.blocked and "MFC" in blocked.blocked


def test_confirm_stage_applies_the_override_effect() -> None:
    plan = plan_decision(facts("own_access", "failed_check"), DecisionAsk("approve"), on=ON, stage=Stage.CONFIRM)
    assert plan.allowed and plan.applies_now and len(plan.effect.grants_create) == 1


@pytest.mark.parametrize(("birth", "allowed"), [
    (date(2011, 11, 28), True),   # turns 15 tomorrow: the last day of access is today
    (date(2011, 11, 27), False),  # turns 15 today
])
def test_child_turning_15_on_the_decision_date(birth, allowed) -> None:
    f = facts("child_access", child=replace(CHILD, birth_date=birth))
    plan = plan_decision(f, DecisionAsk("approve"), on=ON)
    assert plan.allowed is allowed
    if not allowed:
        assert "Child is 15 or older" in plan.blocked


def test_child_access_until_uses_the_rule_table() -> None:
    class Rules:
        child_max_age = 14
        feb29_birthday = "feb28"

    assert child_access_until(date(2016, 2, 29)) == date(2031, 2, 28)  # 1 March rule: last day 28 Feb
    assert child_access_until(date(2016, 2, 29), Rules()) == date(2030, 2, 27)


@pytest.mark.parametrize("kind", ["own_access", "child_access"])
def test_a_new_phone_on_an_approval_moves_the_login_codes_explicitly(kind) -> None:
    plan = plan_decision(facts(kind, login_phone=OLD_PHONE), DecisionAsk("approve"), on=ON)
    change = plan.effect.phone_change
    assert change is not None and (change.old, change.new) == (OLD_PHONE, PHONE)
    assert plan.needs_dialog and plan.notes[0].code == "phone_change"
    assert "+7 903 ***-**-11" in plan.notes[0].text("ru") and "+7 916 ***-**-67" in plan.notes[0].text("en")
    old = [m for m in plan.effect.sms if m.id == "old_phone"]
    assert len(old) == 1 and old[0].to == OLD_PHONE and "больше не приходят" in old[0].text_ru
    [entry] = [a for a in plan.effect.audit if a.action == "citizen.phone_change"]
    assert entry.details["old_phone_last4"] == "0011" and entry.details["new_phone_last4"] == "4567"
    same = plan_decision(facts(kind, login_phone=PHONE), DecisionAsk("approve"), on=ON)
    assert same.effect.phone_change is None and not same.needs_dialog
    assert not any(a.action == "citizen.phone_change" for a in same.effect.audit)


def test_no_sms_to_a_number_that_cannot_receive_one() -> None:
    landline = replace(facts().applicant, phone="+74951234567", phone_sms=False)
    plan = plan_decision(facts(applicant=landline), DecisionAsk("reject", "phone_not_mobile"), on=ON)
    assert plan.allowed and plan.effect.sms == ()
    assert plan.effect.sms_skipped[0].to == "+74951234567" and "не мобильный" in plan.effect.sms_skipped[0].why_ru
    assert plan.notes[0].code == "sms_skipped"
    approve = plan_decision(facts(applicant=landline), DecisionAsk("approve"), on=ON)
    assert approve.blocked and "Phone is not a mobile" in approve.blocked


def test_opted_out_citizen_gets_no_new_access_but_may_opt_in() -> None:
    assert "Opted out of EMK" in plan_decision(facts(opted_out=True), DecisionAsk("approve"), on=ON).blocked
    assert plan_decision(facts("opt_in", opted_out=True), DecisionAsk("approve"), on=ON).allowed


def test_missing_inputs_are_named() -> None:
    f = facts()
    assert plan_decision(f, DecisionAsk("reject"), on=ON).missing == ("reason_code",)
    assert plan_decision(f, DecisionAsk("return", "duplicate"), on=ON).missing == ("reason_code",)  # final
    assert plan_decision(f, DecisionAsk("return", "other"), on=ON).missing == ("comment_applicant",)
    assert plan_decision(f, DecisionAsk("escalate", comment_internal=" "), on=ON).missing == ("comment_internal",)
    assert plan_decision(f, DecisionAsk("approve"), on=ON).allowed


def test_a_reason_is_suggested_only_when_the_evidence_points_to_exactly_one() -> None:
    one = facts(checks=(CheckFact("phone", "fail"),))
    assert plan_decision(one, DecisionAsk("reject"), on=ON).suggested_reason == "phone_not_mobile"
    # Two failed checks with two different reasons: nothing preselected, the reviewer chooses.
    two = facts(checks=(CheckFact("phone", "fail"), CheckFact("snils", "fail")))
    assert plan_decision(two, DecisionAsk("reject"), on=ON).suggested_reason is None
    final_first = facts(checks=(CheckFact("applicant_age", "fail", details={"age": 14}),
                                CheckFact("photo", "fail", details={"is_colour": False, "file": "s.jpg"})))
    assert plan_decision(final_first, DecisionAsk("reject"), on=ON).suggested_reason is None
    # A return needs a fixable reason: of the two, only one fits.
    assert plan_decision(final_first, DecisionAsk("return"), on=ON).suggested_reason == "photo_not_colour"
    assert plan_decision(facts("own_access", "band_mismatch"), DecisionAsk("reject"),
                         on=ON).suggested_reason == "face_mismatch"
    # A face mismatch with a failed data check points to two reasons: ask (issue 22: it used to say 'data').
    both = facts("own_access", "band_mismatch", checks=(CheckFact("passport_number", "fail"),))
    assert plan_decision(both, DecisionAsk("reject"), on=ON).suggested_reason is None
    assert plan_decision(facts("child_access", "kinship_in_person"), DecisionAsk("reject"),
                         on=ON).suggested_reason == "kinship_not_confirmed"
    # Nothing failed: nothing preselected (it used to be the first of the list, "photo unclear").
    assert plan_decision(facts(), DecisionAsk("reject"), on=ON).suggested_reason is None


@pytest.mark.parametrize("reason", [r for r in REASONS if not r.final], ids=lambda r: r.code)
def test_a_return_never_says_cannot_be_approved(reason) -> None:
    plan = plan_decision(facts(), DecisionAsk("return", reason.code, "Приложите скан"), on=ON)
    [sms] = plan.effect.sms
    for text in (sms.text_ru, sms.text_en):
        assert "не может быть одобрено" not in text and "cannot be approved" not in text
    assert "возвращено на доработку" in sms.text_ru and "returned for correction" in sms.text_en


def test_other_reason_sends_the_officer_comment() -> None:
    plan = plan_decision(facts(), DecisionAsk("reject", "other", "Нужен скан страницы с пропиской"), on=ON)
    assert plan.effect.sms[0].text_ru == "Заявление EMK-2026-000001 отклонено: Нужен скан страницы с пропиской. " \
                                         "Вы можете подать новое заявление."


def test_sla_breach_is_judged_on_the_decision_date() -> None:
    f = facts()
    assert not plan_decision(f, DecisionAsk("approve"), on=date(2026, 12, 1)).sla_breached
    assert plan_decision(f, DecisionAsk("approve"), on=date(2026, 12, 2)).sla_breached


def test_an_existing_grant_is_kept_not_duplicated() -> None:
    f = facts(active_grants=(GrantFact(3, "self", "personkey"),))
    assert plan_decision(f, DecisionAsk("approve"), on=ON).effect.grants_create == ()


def test_mask_phone() -> None:
    assert mask_phone("+79161234567") == "+7 916 ***-**-67" and mask_phone(None) == "—"


# --- an expected check that has not run yet (the face comparison still to come) -----------------------------

def _not_run() -> DecisionFacts:
    return facts(checks=(CheckFact("applicant_age", "pass"), CheckFact("face_duplicate", "not_run")))


def test_an_approval_waits_for_a_check_that_has_not_run() -> None:
    plan = plan_decision(_not_run(), DecisionAsk("approve", comment_internal="looks fine"), on=ON)
    assert not plan.allowed and plan.missing == ("acknowledged_checks",)
    assert "face_duplicate has not run yet" in plan.error and "(K)" in plan.error
    assert plan.comment_required  # the dialog asks for the comment the acknowledgement needs


def test_acknowledged_by_hand_an_approval_needs_a_comment_then_goes_through() -> None:
    ask = DecisionAsk("approve", acknowledged=("face_duplicate",))
    plan = plan_decision(_not_run(), ask, on=ON)
    assert plan.missing == ("comment_internal",) and "what was checked by hand" in plan.error
    plan = plan_decision(_not_run(), replace(ask, comment_internal="no other application with this face: "
                                                                   "looked in the archive"), on=ON)
    assert plan.allowed and plan.status == "decided" and not plan.second_review


@pytest.mark.parametrize("outcome", ["reject", "return", "in_person", "escalate"])
def test_other_outcomes_do_not_wait_for_the_comparison(outcome) -> None:
    plan = plan_decision(_not_run(), full_ask(outcome), on=ON)
    assert "acknowledged_checks" not in plan.missing


def test_a_supervisor_approving_an_escalation_waits_too() -> None:
    plan = plan_decision(_not_run(), full_ask("approve"), on=ON, stage=Stage.ESCALATION)
    assert plan.missing == ("acknowledged_checks",)


def test_withdrawing_an_applied_approval_revokes_its_grants_and_tells_the_applicant_in_both_languages() -> None:
    f = facts()
    plan = plan_withdrawal(f, (7, 9), "face_mismatch")
    assert [(r.grant_id, r.reason) for r in plan.effect.grants_revoke] == [(7, "second_review"), (9, "second_review")]
    assert [(a.action, a.target_id) for a in plan.effect.audit] == [("grant.revoke", "7"), ("grant.revoke", "9")]
    (sms,) = plan.effect.sms
    assert sms.to == PHONE and f.application_id in sms.text_ru and "отменён" in sms.text_ru
    assert "withdrawn" in sms.text_en and plan.allowed and plan.applies_now


def test_withdrawing_says_when_no_sms_can_go() -> None:
    f = facts()
    f = replace(f, applicant=replace(f.applicant, phone=None))
    plan = plan_withdrawal(f, (3,), "other", "Фото не совпадает")
    assert plan.effect.sms == () and [s.id for s in plan.effect.sms_skipped] == ["applicant"]
    assert [n.code for n in plan.notes] == ["sms_skipped"]
