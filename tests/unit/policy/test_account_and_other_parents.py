"""Issue 22, items 5 and 8: the mos.ru account level, a parent's previous surname, guardians and other adults,
through the checks and the decision plan."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from reviewer_app.domain.decision_plan import (
    CheckFact,
    ChildFacts,
    DecisionAsk,
    DecisionFacts,
    PersonFacts,
    Stage,
    plan_decision,
    suggested_reason,
)
from reviewer_app.domain.registry import BirthRecord
from reviewer_app.packs import PackError, parse_application
from reviewer_app.policy import run_all_checks
from reviewer_app.registry import InMemoryRegistry
from tests.example_pack import EXAMPLE

RECORD = {
    "certificate": {"series": "IV-МЮ", "number": "123456", "issued_on": "2019-03-01"},
    "child": {"last_name": "Иванов", "first_name": "Пётр", "middle_name": "Сергеевич", "birth_date": "2019-02-11"},
    # the birth record names the mother under her maiden name
    "parents": [{"last_name": "Смирнова", "first_name": "Мария", "middle_name": "Петровна",
                 "birth_date": "1990-05-17"}],
}
REGISTRY = InMemoryRegistry([BirthRecord.from_dict(RECORD)])
MARRIAGE = {"last_name": "Смирнова", "record_kind": "marriage", "record_number": "170199770001234567",
            "record_date": "2015-06-20"}


def check(app, rule_id, **kw):
    return run_all_checks(app, today=date(2026, 11, 20), **kw).by_id(rule_id)


# --- item 5: the account ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("account", "status", "reason"), [
    ({"level": "simplified", "confirmed": False}, "fail", "account_simplified"),
    ({"level": "simplified", "confirmed": True}, "fail", "account_simplified"),
    ({"level": "standard", "confirmed": False}, "fail", "account_not_confirmed"),
    ({"level": "standard", "confirmed": True}, "pass", None),
    ({"level": "full", "confirmed": True, "confirmed_via": "gosuslugi"}, "pass", None),
    ({"level": "full", "confirmed": True, "confirmed_via": "mfc"}, "pass", None),
])
def test_account_level_and_confirmation(make_app, account, status, reason):
    from reviewer_app.domain.reasons import reason_for_check

    res = check(make_app(**{"applicant.account": account}), "account")
    assert str(res.status) == status
    if reason:
        assert reason_for_check(res.id, res.details) == reason


def test_an_old_pack_without_the_account_is_checked_by_hand_not_passed(make_app):
    res = check(make_app(), "account")
    assert str(res.status) == "manual" and res.details["stated"] is False
    assert "вручную" in res.message_ru


def test_the_old_mfc_flag_alone_is_a_confirmed_account(make_app):
    res = check(make_app(**{"applicant.account_confirmed_at_mfc": True}), "account")
    assert str(res.status) == "pass"


def test_an_mfc_confirmed_account_keeps_its_shortcut_no_photo_needed(make_app):
    app = make_app(**{"applicant.account": {"level": "full", "confirmed": True, "confirmed_via": "mfc"},
                      "documents.selfie_with_passport": None})
    assert str(check(app, "photo").status) == "pass"
    # a confirmed account that was not confirmed at an MFC still needs the photo
    other = make_app(**{"applicant.account": {"level": "full", "confirmed": True, "confirmed_via": "bank"},
                        "documents.selfie_with_passport": None})
    assert str(check(other, "photo").status) == "fail"


def _facts(checks, kind="own_access", child=None) -> DecisionFacts:
    return DecisionFacts(application_id="EMK-2026-000001", kind=kind, person_key="pk",
                         applicant=PersonFacts("Иванова", "Мария", "Петровна", date(1990, 5, 17), "+79161234567"),
                         child=child, checks=tuple(checks), band="match")


@pytest.mark.parametrize("stage", [Stage.REVIEW, Stage.ESCALATION, Stage.CONFIRM])
def test_the_plan_refuses_approving_a_simplified_account_at_every_stage(stage):
    f = _facts([CheckFact("account", "fail", details={"level": "simplified", "confirmed": True})])
    plan = plan_decision(f, DecisionAsk("approve", comment_internal="I know better"), on=date(2026, 11, 27),
                         stage=stage)
    assert not plan.allowed and "simplified" in plan.blocked and "Упрощённая" in plan.blocked_ru
    reject = plan_decision(f, DecisionAsk("reject", "account_simplified"), on=date(2026, 11, 27))
    assert reject.allowed and "упрощённой учётной записи" in reject.effect.sms[0].text_ru
    assert plan_decision(f, DecisionAsk("reject"), on=date(2026, 11, 27)).suggested_reason == "account_simplified"


def test_the_plan_refuses_an_unconfirmed_account_and_lets_a_manual_one_through_after_acknowledgement():
    f = _facts([CheckFact("account", "fail", details={"level": "full", "confirmed": False})])
    plan = plan_decision(f, DecisionAsk("approve"), on=date(2026, 11, 27))
    assert not plan.allowed and "not confirmed" in plan.blocked
    manual = _facts([CheckFact("account", "manual", details={"stated": False})])
    assert plan_decision(manual, DecisionAsk("approve"), on=date(2026, 11, 27)).allowed


# --- item 8: previous surnames, guardians ----------------------------------------------------------------

def test_a_parent_whose_surname_changed_fails_the_registry_match_without_the_previous_surname(make_app):
    app = make_app("child_access")
    res = check(app, "kinship", registry=REGISTRY)
    assert str(res.status) == "fail" and res.details["parent_matches"] is False


def test_the_previous_surname_with_its_marriage_record_matches_the_registry_and_is_shown(make_app):
    app = make_app("child_access", **{"applicant.previous_surnames": [MARRIAGE]})
    res = check(app, "kinship", registry=REGISTRY)
    assert str(res.status) == "pass"
    assert res.details["parent_previous_surname"]["last_name"] == "Смирнова"
    assert "прежней фамилии Смирнова" in res.message_ru and "170199770001234567" in res.message_ru
    assert "20.06.2015" in res.message_ru and "previous surname Смирнова" in res.message_en


def test_a_previous_surname_does_not_excuse_another_first_name(make_app):
    app = make_app("child_access", **{"applicant.previous_surnames": [MARRIAGE], "applicant.first_name": "Мира"})
    res = check(app, "kinship", registry=REGISTRY)
    assert str(res.status) == "fail" and "прежние фамилии: Смирнова" in res.message_ru  # shown even so


@pytest.mark.parametrize("relation", ["guardian", "trustee", "adoptive_parent"])
def test_guardians_trustees_and_adoptive_parents_go_in_person_never_to_a_registry_mismatch(make_app, relation):
    # the registry has the certificate and does not list the applicant: for a parent that is a mismatch
    app = make_app("child_access", **{"child.relation": relation})
    res = check(app, "kinship", registry=REGISTRY)
    assert str(res.status) == "in_person" and res.details["relation"] == relation
    assert "МФЦ" in res.message_ru
    kid = ChildFacts("Иванов", "Пётр", "Сергеевич", date(2019, 2, 11), "childkey")
    f = _facts([CheckFact("kinship", str(res.status), details=res.details)], "child_access", kid)
    assert not plan_decision(f, DecisionAsk("approve", comment_internal="x"), on=date(2026, 11, 27)).allowed
    visit = plan_decision(f, DecisionAsk("in_person"), on=date(2026, 11, 27))
    assert visit.allowed and "документом об опеке" in visit.effect.sms[0].text_ru
    assert suggested_reason(f, "reject") == "representative_not_confirmed"


def test_a_parent_stated_explicitly_is_matched_as_before(make_app):
    app = make_app("child_access", **{"child.relation": "parent", "applicant.last_name": "Смирнова"})
    assert str(check(app, "kinship", registry=REGISTRY).status) == "pass"


# --- the pack format ---------------------------------------------------------------------------------------

def _raw(**applicant):
    raw = copy.deepcopy(EXAMPLE)
    raw["applicant"].update(applicant)
    return raw


def test_the_pack_reader_reads_the_new_fields():
    raw = _raw(account={"level": "standard", "confirmed": True, "confirmed_via": "mfc"},
               birth_place="г. Москва", previous_passport={"series": "4501", "number": "111111"},
               previous_surnames=[MARRIAGE])
    raw["child"]["relation"] = "trustee"
    app = parse_application(raw)
    a = app.applicant
    assert (a.account.level, a.account.confirmed, a.account.at_mfc) == ("standard", True, True)
    assert a.birth_place == "г. Москва" and a.previous_passport.normalised == "4501111111"
    assert a.previous_surnames[0].record_date == date(2015, 6, 20)
    assert app.child.relation == "trustee"


def test_an_old_pack_reads_as_not_stated():
    app = parse_application(copy.deepcopy(EXAMPLE))
    assert app.applicant.account is None and app.child.relation == "parent"
    assert app.applicant.previous_surnames == () and app.applicant.previous_passport is None


@pytest.mark.parametrize(("changes", "path"), [
    ({"account": {"level": "gold", "confirmed": True}}, "applicant.account.level"),
    ({"account": {"level": "full"}}, "applicant.account.confirmed"),
    ({"previous_surnames": [{**MARRIAGE, "record_date": "2015-02-30"}]}, "applicant.previous_surnames[0].record_date"),
    ({"previous_surnames": [{**MARRIAGE, "record_kind": "divorce"}]}, "applicant.previous_surnames[0].record_kind"),
])
def test_bad_new_fields_are_refused_naming_the_field(changes, path):
    with pytest.raises(PackError) as err:
        parse_application(_raw(**changes))
    assert path in {p.path for p in err.value.problems}


def test_an_unknown_relation_is_refused_naming_the_field():
    raw = copy.deepcopy(EXAMPLE)
    raw["child"]["relation"] = "aunt"
    with pytest.raises(PackError) as err:
        parse_application(raw)
    assert "child.relation" in {p.path for p in err.value.problems}


def test_an_old_pack_folder_is_read_as_not_stated_and_goes_to_a_check_by_hand(tmp_path):
    import json

    from reviewer_app.packs import read_pack

    folder = tmp_path / "old"
    folder.mkdir()
    raw = copy.deepcopy(EXAMPLE)
    raw["documents"] = {}
    (folder / "application.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    pack = read_pack(folder)
    assert pack.application.applicant.account is None and "account" not in pack.raw["applicant"]
    res = run_all_checks(pack.application, today=date(2026, 11, 20)).by_id("account")
    assert str(res.status) == "manual"
