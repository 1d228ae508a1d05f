"""Issue 22 in the decision plan: an MFC confirmation recorded at a desk counts only once another supervisor
verified it and never lets its recorder approve; one phone serves one citizen; `M` asks when nothing calls for a
visit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from reviewer_app.domain.decision_plan import (
    CheckFact,
    ChildFacts,
    DecisionAsk,
    DecisionFacts,
    MfcConfirmation,
    PersonFacts,
    Stage,
    available,
    plan_decision,
)

ON = date(2026, 11, 27)
CHILD = ChildFacts("Иванов", "Пётр", "Сергеевич", date(2019, 2, 11), "childkey")
OFFICE = ("Петрова А. А.", "МФЦ района Арбат", date(2026, 11, 25), "МФЦ-2026/123")


def child_facts(mfc: MfcConfirmation | None = None, **kw) -> DecisionFacts:
    base = DecisionFacts(
        application_id="EMK-2026-000012", kind="child_access", person_key="parentkey",
        applicant=PersonFacts("Иванова", "Мария", "Петровна", date(1990, 5, 17), "+79161234567"), child=CHILD,
        checks=(CheckFact("applicant_age", "pass"),
                CheckFact("kinship", "in_person", details={"country": "KZ", "country_assumed": False})),
        band="match", sla_deadline=date(2026, 12, 1), mfc_confirmation=mfc)
    return replace(base, **kw)


def desk(state: str = "pending", verified_by: str | None = None) -> MfcConfirmation:
    return MfcConfirmation(*OFFICE, source="desk", state=state, recorded_by="rita", verified_by=verified_by)


def test_a_desk_record_waiting_for_verification_unlocks_nothing() -> None:
    f = child_facts(desk("pending"), decided_by="oleg")
    offers = available(f, on=ON)
    assert {o for o, p in offers.items() if p.blocked is None} == {"in_person", "return", "reject"}
    approve = offers["approve"]
    assert "rita" in approve.blocked and "verification" in approve.blocked and "проверки" in approve.blocked_ru
    for stage in (Stage.ESCALATION, Stage.CONFIRM):
        assert plan_decision(f, DecisionAsk("approve", comment_internal="x"), on=ON, stage=stage).blocked


@pytest.mark.parametrize("mfc", [desk("confirmed", verified_by="sveta"),
                                 MfcConfirmation(*OFFICE, source="mfc", recorded_by="mfc-arbat"),
                                 MfcConfirmation(*OFFICE, source="pack", recorded_by="intake")],
                         ids=["desk-verified", "mfc-operator", "pack"])
def test_a_confirmation_that_counts_opens_the_approval(mfc) -> None:
    plan = plan_decision(child_facts(mfc, decided_by="oleg"), DecisionAsk("approve"), on=ON)
    assert plan.allowed and not plan.second_review and len(plan.effect.grants_create) == 1


@pytest.mark.parametrize("stage", list(Stage))
def test_the_recorder_never_approves_what_the_confirmation_unlocks(stage) -> None:
    f = child_facts(desk("confirmed", verified_by="sveta"), decided_by="rita")
    plan = plan_decision(f, DecisionAsk("approve", comment_internal="x"), on=ON, stage=stage)
    assert not plan.allowed and "rita recorded the MFC confirmation" in plan.blocked and "четырёх глаз" \
        in plan.blocked_ru
    # ...but may still reject or return it, and the verifier may approve it.
    assert plan_decision(f, DecisionAsk("reject", "data_mismatch"), on=ON, stage=stage).allowed
    assert plan_decision(replace(f, decided_by="sveta"), DecisionAsk("approve"), on=ON, stage=stage).allowed


@pytest.mark.parametrize("kind", ["own_access", "change_access", "child_access"])
def test_a_phone_that_already_serves_another_citizen_is_refused(kind) -> None:
    f = child_facts(MfcConfirmation(*OFFICE, source="pack", recorded_by="intake"), kind=kind,
                    phone_used_by_others=1, child=CHILD if kind == "child_access" else None)
    plan = plan_decision(f, DecisionAsk("approve", comment_internal="x"), on=ON)
    assert not plan.allowed and "Phone belongs to someone else" in plan.blocked and "+7 916 ***-**-67" in plan.blocked
    assert "другого человека" in plan.blocked_ru and plan.effect.login_phone is None
    # The reviewer returns it asking for the applicant's own number: that is allowed and says so.
    back = plan_decision(f, DecisionAsk("return", "phone_in_use"), on=ON)
    assert back.allowed and "свой собственный мобильный номер" in back.effect.sms[0].text_ru
    # Kinds that register no phone are not concerned.
    assert plan_decision(replace(f, kind="opt_out", child=None), DecisionAsk("approve"), on=ON).allowed


def test_in_person_asks_first_when_no_check_calls_for_a_visit() -> None:
    clean = child_facts(checks=(CheckFact("applicant_age", "pass"), CheckFact("kinship", "pass")))
    plan = plan_decision(clean, DecisionAsk("in_person"), on=ON)
    assert plan.allowed and plan.needs_dialog and [n.code for n in plan.notes] == ["no_visit_needed"]
    assert "Send it anyway" in plan.notes[0].text("en")
    called = plan_decision(child_facts(), DecisionAsk("in_person"), on=ON)
    assert called.allowed and not called.needs_dialog
