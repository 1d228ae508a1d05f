"""Issue 22 items 6 and 7 in the domain: the notice before a child's access ends, the refusal after it, the
waiting case's deadline and expiry notice, and no child's full name in any SMS the decision plan writes."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest

from reviewer_app.domain import notices
from reviewer_app.domain.decision_plan import ChildFacts, DecisionAsk, plan_decision
from reviewer_app.domain.reasons import REASONS
from reviewer_app.policy.ruletable import RuleTable
from reviewer_app.services.grants import child_valid_until
from tests.unit.access.test_decision_plan import KINDS, OUTCOMES, ROUTES, facts

ON = date(2026, 11, 27)


def test_initials_name_nobody_in_full() -> None:
    assert notices.initials("Фёдоров", "Марк", "Романович") == "Ф. М. Р."
    assert notices.initials("Фёдоров Марк Романович") == "Ф. М. Р."  # a grant keeps the name in one string
    assert notices.initials("Ли", "Ан", None) == "Л. А."


def test_notice_before_the_end_is_russian_with_initials_and_points_to_the_childs_own_application() -> None:
    text = notices.child_access_ending_sms("Фёдоров Марк Романович", date(2026, 12, 26), 15)
    assert text == ("Доступ к электронной медкарте ребёнка (Ф. М. Р.) по этому номеру закончится 26.12.2026: "
                    "27.12.2026 ребёнку исполнится 15 лет. С этого дня ребёнок сам подаёт заявление на доступ к "
                    "своей медкарте.")
    assert "Фёдоров" not in text and "Марк" not in text


def test_refusal_after_the_end_in_both_languages_names_the_child_by_initials() -> None:
    r = notices.child_access_ended("Фёдоров Марк Романович", date(2026, 11, 28), 15)
    assert r.ru == ("доступ к медкарте ребёнка (Ф. М. Р.) закончился 28.11.2026: 29.11.2026 ребёнку исполнилось "
                    "15 лет. Теперь ребёнок может сам подать заявление на доступ к своей медкарте")
    assert "Марк" not in r.en and "apply for access to their own record" in r.en


@pytest.mark.parametrize(("until", "today", "due"), [
    (date(2026, 12, 27), date(2026, 11, 27), True),   # exactly 30 days ahead
    (date(2026, 12, 28), date(2026, 11, 27), False),  # 31 days ahead: not yet
    (date(2026, 11, 27), date(2026, 11, 27), True),   # the last day itself
    (date(2026, 11, 26), date(2026, 11, 27), False),  # already over: the refusal at login tells
    (None, date(2026, 11, 27), False),                # an own record has no end
])
def test_notice_is_due_within_the_window_only(until, today, due) -> None:
    assert notices.ending_notice_due(until, today, 30) is due


def test_waiting_deadline_and_expiry_notice() -> None:
    assert notices.waiting_until(date(2026, 11, 27), 30) == date(2026, 12, 27)
    text = notices.waiting_expired_sms("EMK-2026-000501", date(2026, 12, 27))
    assert text.startswith("Заявление EMK-2026-000501 закрыто: срок для визита в МФЦ «Мои документы» истёк "
                           "27.12.2026.") and "новое заявление" in text


def test_child_access_end_comes_from_the_rule_table_in_one_place() -> None:
    # grants.child_valid_until used to hard-code 15; it now asks the decision plan with the rule table.
    assert child_valid_until(date(2019, 2, 11)) == date(2034, 2, 10)
    assert child_valid_until(date(2019, 2, 11), RuleTable(child_max_age=14)) == date(2033, 2, 10)


def test_approval_sms_names_the_child_by_initials() -> None:
    plan = plan_decision(facts("child_access"), DecisionAsk("approve"), on=ON)
    text = plan.effect.sms[0].text_ru
    assert "ребёнка (И. П. С.) открыт до 10.02.2034" in text and "Пётр" not in plan.effect.sms[0].text_en


def test_no_sms_of_any_decision_names_the_child() -> None:
    """Every kind x outcome x route x reason: no SMS text (Russian or English) carries the child's names."""
    child = ChildFacts("Фёдоров", "Марк", "Романович", date(2019, 2, 11), "childkey")
    names = ("Фёдоров", "Марк", "Романович")
    seen = 0
    for kind, outcome, route in itertools.product(KINDS, OUTCOMES, ROUTES):
        f = facts(kind, route)
        if f.child is None and kind != "cancel_access":
            continue
        f = f.__class__(**{**f.__dict__, "child": child})
        for reason in ([r.code for r in REASONS] if outcome in ("reject", "return") else [None]):
            plan = plan_decision(f, DecisionAsk(outcome, reason, "Комментарий", "internal"), on=ON)
            for sms in plan.effect.sms:
                seen += 1
                assert not any(n in sms.text_ru or n in sms.text_en for n in names), (kind, outcome, sms.text_ru)
    assert seen > 50


def test_the_mfc_visit_sms_names_the_last_day_of_waiting() -> None:
    f = replace(facts("child_access", "kinship_in_person"), mfc_wait_days=30)
    text = plan_decision(f, DecisionAsk("in_person"), on=ON).effect.sms[0].text_ru
    assert text.startswith("По заявлению EMK-2026-000001 нужен личный визит в МФЦ «Мои документы» до 27.12.2026 "
                           "включительно с паспортом")
    # Without the setting (e.g. the desk's preview) nothing is promised.
    assert "включительно" not in plan_decision(replace(f, mfc_wait_days=None), DecisionAsk("in_person"),
                                               on=ON).effect.sms[0].text_ru
