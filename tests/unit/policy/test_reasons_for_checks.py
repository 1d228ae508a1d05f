"""Every check that can fail has its own reason, and that reason's SMS says what is wrong and what to do."""

from __future__ import annotations

from datetime import date

import pytest

from reviewer_app.domain.history import HistoryEntry, PersonHistory
from reviewer_app.domain.person import KnownPerson
from reviewer_app.domain.reasons import REASON_BY_CODE, reason_for_check
from reviewer_app.policy import RULE_IDS, run_all_checks

CASES = [  # (rule, kind, fields, run_all_checks extras, the reason)
    ("phone", "own_access", {"applicant.phone": "+7 495 123-45-67"}, {}, "phone_not_mobile"),
    ("photo", "own_access", {}, {"is_colour": False}, "photo_not_colour"),
    ("photo", "own_access", {"documents.selfie_with_passport": None}, {}, "photo_missing"),
    ("snils", "own_access", {"applicant.snils": "112-233-445 96"}, {}, "snils_invalid"),
    ("oms_policy", "own_access", {"applicant.oms_policy": {"number": "7700000000000000", "region": "77"}}, {},
     "oms_number_invalid"),
    ("oms_policy", "own_access", {"applicant.oms_policy": None}, {}, "oms_number_invalid"),
    ("oms_policy", "own_access", {"applicant.oms_policy": {"number": "5049123456789017", "region": "50"}}, {},
     "not_moscow_policy"),
    ("parent_oms_policy", "child_access", {"applicant.oms_policy": None}, {}, "oms_number_invalid"),
    ("passport_validity", "own_access", {"applicant.birth_date": "2000-01-10",
                                         "applicant.passport.issued_on": "2014-02-01"}, {}, "document_expired"),
    ("passport_number", "own_access", {"applicant.passport.division_code": "77-001"}, {}, "passport_invalid"),
    ("applicant_age", "own_access", {"applicant.birth_date": "2012-01-01"}, {}, "underage"),
    ("child_age", "child_access", {"child.birth_date": "2010-01-01"}, {}, "child_too_old"),
    ("birth_certificate", "child_access", {"child.birth_certificate.series": "IV-MJ"}, {}, "certificate_invalid"),
    ("kinship", "child_access", {"child.birth_certificate.country": "KZ"}, {}, "kinship_not_confirmed"),
    ("kinship", "child_access", {"child.relation": "guardian"}, {}, "representative_not_confirmed"),
    ("account", "own_access", {"applicant.account": {"level": "simplified", "confirmed": True}}, {},
     "account_simplified"),
    ("account", "own_access", {"applicant.account": {"level": "standard", "confirmed": False}}, {},
     "account_not_confirmed"),
    ("person_known", "own_access", {}, {"history": PersonHistory(known_person=KnownPerson(
        "possible", earlier_application_id="EMK-1", earlier_passport="******3482", opted_out=True))},
     "identity_unclear"),
]


@pytest.mark.parametrize(("rule", "kind", "fields", "extra", "reason"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES])
def test_a_failing_check_maps_to_its_own_reason(make_app, rule, kind, fields, extra, reason) -> None:
    res = run_all_checks(make_app(kind, **fields), today=date(2026, 11, 20), **extra).by_id(rule)
    assert str(res.status) in ("fail", "in_person"), res
    assert reason_for_check(res.id, res.details) == reason


def test_duplicate_maps_to_duplicate(make_app) -> None:
    app = make_app("own_access")
    history = PersonHistory(open_applications=(HistoryEntry("own_access", app.subject_key, "EMK-1"),))
    res = run_all_checks(app, history=history).by_id("duplicate")
    assert str(res.status) == "fail" and reason_for_check(res.id, res.details) == "duplicate"


def test_a_typed_field_that_differs_from_the_document_is_a_data_mismatch() -> None:
    # document_data needs read document images to run (tests/unit/documents drive it); its reason is fixed.
    assert reason_for_check("document_data", {"fields": []}) == "data_mismatch" in REASON_BY_CODE


def test_every_rule_that_can_fail_is_covered() -> None:
    covered = {c[0] for c in CASES} | {"duplicate", "document_data"}
    assert set(RULE_IDS) - {"sla"} <= covered  # sla only warns
    assert reason_for_check("sla") is None


@pytest.mark.parametrize("code", sorted(REASON_BY_CODE))
def test_each_reason_text_says_what_to_do(code) -> None:
    reason = REASON_BY_CODE[code]
    if code == "other":
        return  # the officer's comment is the text
    # Two sentences at least: what is wrong, then what to do (a final reason says what the applicant can do).
    assert reason.applicant_text_ru.count(". ") >= 1 and reason.applicant_text_en.count(". ") + \
        reason.applicant_text_en.count("; ") >= 1, code
    for text in (reason.applicant_text_ru, reason.applicant_text_en):
        assert "не может быть одобрено" not in text and "cannot be approved" not in text
