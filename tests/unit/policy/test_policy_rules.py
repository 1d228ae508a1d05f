"""Table-driven tests for every rule, with its boundaries."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from reviewer_app.domain.enums import CheckStatus
from reviewer_app.domain.history import HistoryEntry, PersonHistory
from reviewer_app.domain.registry import BirthRecord
from reviewer_app.policy import RULE_IDS, run_all_checks
from reviewer_app.policy.rules import passport_valid_until
from reviewer_app.policy.ruletable import DEFAULT_TABLE
from reviewer_app.registry import InMemoryRegistry


def status(app, rule_id, **kw):
    res = run_all_checks(app, **kw).by_id(rule_id)
    assert res is not None, f"{rule_id} did not run"
    return str(res.status)


# --- applicant_age ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("birth", "on", "expected"), [
    ("2010-06-15", date(2025, 6, 14), "fail"),  # the day before the 15th birthday
    ("2010-06-15", date(2025, 6, 15), "pass"),  # the 15th birthday
    ("2008-02-29", date(2023, 2, 28), "fail"),  # 29 Feb birthday, non-leap year: 15 on 1 March
    ("2008-02-29", date(2023, 3, 1), "pass"),
    ("2030-01-01", date(2026, 1, 1), "fail"),   # born in the future
])
def test_applicant_age(make_app, birth, on, expected):
    app = make_app(**{"applicant.birth_date": birth, "applicant.passport.issued_on": "2025-01-01"})
    assert status(app, "applicant_age", as_of=on, today=date(2026, 11, 20)) == expected


@pytest.mark.parametrize(("birth", "words"), [("1975-03-19", "Заявителю 51 год"), ("1992-01-10", "Заявителю 34 года"),
                                             ("2006-01-10", "Заявителю 20 лет")])
def test_applicant_age_message_uses_the_russian_plural(make_app, birth, words):
    app = make_app(**{"applicant.birth_date": birth, "applicant.passport.issued_on": "2025-01-01"})
    res = run_all_checks(app, as_of=date(2026, 11, 20), today=date(2026, 11, 20)).by_id("applicant_age")
    assert res.message_ru.startswith(words + " ("), res.message_ru


# --- passport_number ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("changes", "expected", "problem"), [
    ({}, "pass", None),
    ({"applicant.passport.series": "45 02"}, "pass", None),
    ({"applicant.passport.series": "452"}, "fail", "series"),
    ({"applicant.passport.series": "45a2"}, "fail", "series"),
    ({"applicant.passport.number": "57348"}, "fail", "number"),
    ({"applicant.passport.division_code": "770001"}, "fail", "division_code"),
    ({"applicant.passport.division_code": None}, "fail", "division_code_missing"),
    # 14th birthday of someone born 17.05.1990 is 17.05.2004
    ({"applicant.passport.issued_on": "2004-05-16", "applicant.passport.series": "4503"}, "fail",
     "issued_before_min_age"),
    ({"applicant.passport.issued_on": "2004-05-17", "applicant.passport.series": "4503"}, "pass", None),
    ({"applicant.birth_date": "1960-01-01", "applicant.passport.issued_on": "1997-09-30",
      "applicant.passport.series": "4597"}, "fail", "issued_before_earliest"),
    ({"applicant.birth_date": "1960-01-01", "applicant.passport.issued_on": "1997-10-01",
      "applicant.passport.series": "4597"}, "pass", None),
    ({"applicant.passport.issued_on": "2026-11-21", "applicant.passport.series": "4526"}, "fail",
     "issued_in_future"),
    ({"applicant.passport.series": "4511"}, "fail", "blank_after_issue"),  # blank 2011, issued 2010
    ({"applicant.passport.series": "4510"}, "pass", None),
    ({"applicant.passport.series": "4598"}, "pass", None),  # blank 1998
])
def test_passport_number(make_app, changes, expected, problem):
    res = run_all_checks(make_app(**changes)).by_id("passport_number")
    assert res.status == expected
    if problem:
        assert problem in res.details["problems"]


# --- passport_validity --------------------------------------------------------------------------------------


def test_rules_md_passport_example():
    assert passport_valid_until(date(2005, 3, 10), date(2019, 4, 1), DEFAULT_TABLE) == date(2025, 6, 8)


@pytest.mark.parametrize(("on", "expected"), [
    (date(2025, 6, 8), "pass"),                         # the last valid day (rules.md)
    (date(2025, 6, 9), "fail"),
    (date(2025, 3, 10) + timedelta(days=89), "pass"),   # 20th birthday + 89 days
    (date(2025, 3, 10) + timedelta(days=91), "fail"),   # 20th birthday + 91 days
])
def test_passport_validity_20(make_app, on, expected):
    app = make_app(**{"applicant.birth_date": "2005-03-10", "applicant.passport.issued_on": "2019-04-01",
                      "applicant.passport.series": "4519", "submitted_at": "2025-05-05T10:00:00+03:00"})
    assert status(app, "passport_validity", as_of=on) == expected


@pytest.mark.parametrize(("birth", "issued", "on", "expected", "until"), [
    ("1980-01-10", "2000-02-01", date(2025, 4, 9), "pass", "2025-04-10"),  # issued at 20: until 45 + 90
    ("1980-01-10", "2000-02-01", date(2025, 4, 11), "fail", "2025-04-10"),
    ("1970-01-10", "2015-02-01", date(2026, 1, 1), "pass", None),          # issued at 45: no end
    ("1970-01-10", "2015-01-09", date(2015, 6, 1), "fail", "2015-04-10"),  # issued the day before 45
])
def test_passport_validity_45(make_app, birth, issued, on, expected, until):
    app = make_app(**{"applicant.birth_date": birth, "applicant.passport.issued_on": issued,
                      "applicant.passport.series": "4500", "submitted_at": "2025-05-05T10:00:00+03:00"})
    res = run_all_checks(app, as_of=on).by_id("passport_validity")
    assert res.status == expected
    assert res.details["valid_until"] == until


def test_passport_validity_feb29(make_app):
    # Born 29.02.2004, issued at 14: the 20th birthday falls on 29.02.2024 (a leap year).
    assert passport_valid_until(date(2004, 2, 29), date(2018, 3, 5), DEFAULT_TABLE) == date(2024, 5, 29)
    # Born 29.02.2008: the 20th birthday in 2028 is real; the 14th in 2022 is 1 March (non-leap).
    app = make_app(**{"applicant.birth_date": "2008-02-29", "applicant.passport.issued_on": "2022-02-28",
                      "applicant.passport.series": "4522"})
    res = run_all_checks(app, as_of=date(2025, 6, 1), today=date(2026, 11, 20)).by_id("passport_number")
    assert "issued_before_min_age" in res.details["problems"]


# --- oms_policy ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "region", "expected"), [
    ("7700000000000008", "77", "pass"),
    ("5049123456789017", "77", "pass"),
    ("7700 0000 0000 0008", "77", "pass"),
    ("7700000000000000", "77", "fail"),
    ("5049123456789071", "77", "fail"),
    ("7700000000000008", "50", "fail"),   # not a Moscow policy
    ("7700000000000008", None, "manual"),
    ("123456789", "77", "manual"),        # temporary certificate
    ("77 12345678", "77", "manual"),      # old style: series + number
    ("ЯЯ 1234567890", "77", "manual"),
    ("abc", "77", "fail"),
    ("77000000000000088", "77", "fail"),  # 17 digits
])
def test_oms_policy(make_app, number, region, expected):
    policy = {"number": number} if region is None else {"number": number, "region": region}
    assert status(make_app(**{"applicant.oms_policy": policy}), "oms_policy") == expected


def test_oms_missing_for_own_access_fails(make_app):
    assert status(make_app(**{"applicant.oms_policy": None}), "oms_policy") == "fail"


def test_child_access_checks_the_childs_policy(make_app):
    app = make_app("child_access", **{"applicant.oms_policy": None,
                                      "child.oms_policy": {"number": "5049123456789071", "region": "77"}})
    res = run_all_checks(app).by_id("oms_policy")
    assert res.status == "fail" and res.details["subject"] == "child"


@pytest.mark.parametrize(("policy", "expected"), [
    (None, "fail"),
    ({"number": "7700000000000008", "region": "77"}, "pass"),
    ({"number": "5049123456789017", "region": "50"}, "fail"),  # valid ENP, Moscow region required
    ({"number": "7700000000000000", "region": "77"}, "fail"),  # bad check digit
])
def test_child_access_checks_the_parents_own_policy(make_app, policy, expected):
    app = make_app("child_access", **{"applicant.oms_policy": policy})
    res = run_all_checks(app).by_id("parent_oms_policy")
    assert res.status == expected and res.details["subject"] == "parent"
    assert run_all_checks(app).by_id("oms_policy").details["subject"] == "child"


# --- phone ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("phone", "expected", "e164"), [
    ("8 (916) 123-45-67", "pass", "+79161234567"),
    ("+7 916 123-45-67", "pass", "+79161234567"),
    ("+79161234567", "pass", "+79161234567"),
    ("+7 495 123-45-67", "fail", None),   # Moscow landline
    ("+7 700 123 45 67", "fail", None),   # Kazakhstan
    ("+7 800 555-35-35", "fail", None),   # toll-free
    ("12", "fail", None),
    ("не телефон", "fail", None),
])
def test_phone(make_app, phone, expected, e164):
    res = run_all_checks(make_app(**{"applicant.phone": phone})).by_id("phone")
    assert res.status == expected
    if e164:
        assert res.details["e164"] == e164
        assert "+7 916 123-45-67" in res.message_ru


# --- snils -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("snils", "expected"), [
    ("112-233-445 95", "pass"),
    ("123-456-789 64", "pass"),
    ("087-654-303 00", "pass"),
    ("11223344595", "pass"),
    ("112-233-445 96", "fail"),
    ("123-456-789 46", "fail"),
    ("001-001-998 77", "pass"),  # not checksummed at or below 001-001-998
    ("12-233-445 95", "fail"),
    (None, "pass"),              # optional
])
def test_snils(make_app, snils, expected):
    assert status(make_app(**{"applicant.snils": snils}), "snils") == expected


# --- photo ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("mfc", "selfie", "colour", "expected"), [
    (False, "selfie.jpg", True, "pass"),
    (False, "selfie.jpg", False, "fail"),
    (False, "selfie.jpg", None, "manual"),
    (False, None, None, "fail"),
    (True, None, None, "pass"),
    (True, "selfie.jpg", False, "pass"),
])
def test_photo(make_app, mfc, selfie, colour, expected):
    app = make_app(**{"applicant.account_confirmed_at_mfc": mfc, "documents.selfie_with_passport": selfie})
    assert status(app, "photo", is_colour=colour) == expected


# --- child_age --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("birth", "on", "expected"), [
    ("2011-11-21", date(2026, 11, 20), "warn"),  # the day before the 15th birthday: turns 15 before the deadline
    ("2011-11-20", date(2026, 11, 20), "fail"),  # the 15th birthday
    ("2012-02-29", date(2027, 2, 28), "pass"),   # 29 Feb: still 14 on 28 Feb 2027
    ("2012-02-29", date(2027, 3, 1), "fail"),
    ("2027-01-01", date(2026, 11, 20), "fail"),
])
def test_child_age(make_app, birth, on, expected):
    app = make_app("child_access", **{"child.birth_date": birth,
                                      "child.birth_certificate.issued_on": "2027-01-02"})
    assert status(app, "child_age", as_of=on, today=date(2026, 11, 20)) == expected


def test_child_turning_15_before_the_deadline_is_flagged_at_intake(make_app):
    # Submitted Friday 20.11.2026: the deadline is 5 working days later (27.11.2026).
    app = make_app("child_access", submitted_at="2026-11-20T10:00:00+03:00",
                   **{"child.birth_date": "2011-11-26", "child.birth_certificate.issued_on": "2011-12-01"})
    res = run_all_checks(app, today=date(2026, 11, 20)).by_id("child_age")
    assert str(res.status) == "warn" and res.details["turns_max_age_before_deadline"]
    assert "26.11.2026" in res.message_ru and "25.11.2026" in res.message_en  # the birthday; the last day
    later = make_app("child_access", submitted_at="2026-11-20T10:00:00+03:00",
                     **{"child.birth_date": "2011-11-28", "child.birth_certificate.issued_on": "2011-12-01"})
    assert str(run_all_checks(later, today=date(2026, 11, 20)).by_id("child_age").status) == "pass"


@pytest.mark.parametrize(("rule_id", "field", "value", "today"), [
    ("passport_validity", "applicant.passport.issued_on", "2019-04-01", date(2026, 3, 1)),
    ("child_age", "child.birth_date", "2011-12-01", date(2026, 12, 2)),
])
def test_time_dependent_rules_hold_on_the_submission_date_and_today(make_app, rule_id, field, value, today):
    """Intake and `check --today` mean the same: judged on both dates, the worse result is kept."""
    fields = {field: value}
    if rule_id == "passport_validity":  # issued before 20: valid until the 20th birthday + 90 days (08.02.2026)
        fields["applicant.birth_date"] = "2005-11-10"
    else:
        fields["child.birth_certificate.issued_on"] = "2011-12-10"
    app = make_app("child_access" if rule_id == "child_age" else "own_access",
                   submitted_at="2025-11-20T10:00:00+03:00", **fields)
    assert str(run_all_checks(app).by_id(rule_id).status) != "fail"  # on the submission date
    res = run_all_checks(app, today=today).by_id(rule_id)
    assert str(res.status) == "fail" and res.details["judged_on"] == today.isoformat()
    assert res.details["at_submission"] in ("pass", "warn")


# --- birth_certificate --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("series", "number", "issued", "expected"), [
    ("IV-МЮ", "123456", "2019-03-01", "pass"),
    ("VIII-ЫП", "654321", "2019-03-01", "pass"),
    ("ІV-МЮ", "123456", "2019-03-01", "pass"),     # Cyrillic І in the numeral
    ("IV-MЮ", "123456", "2019-03-01", "pass"),     # Latin M in the letters
    ("iv-мю", "123 456", "2019-03-01", "pass"),
    ("4-МЮ", "123456", "2019-03-01", "fail"),
    ("IIII-МЮ", "123456", "2019-03-01", "fail"),
    ("IV-MJ", "123456", "2019-03-01", "fail"),
    ("IV-МЮ", "12345", "2019-03-01", "fail"),
    ("IVМЮ", "123456", "2019-03-01", "fail"),
    ("IV-МЮ", "123456", "2019-02-10", "fail"),     # before the birth (11.02.2019)
    ("IV-МЮ", "123456", "2019-02-11", "pass"),     # on the birth date
    ("IV-МЮ", "123456", "2026-11-21", "fail"),     # in the future
])
def test_birth_certificate(make_app, series, number, issued, expected):
    app = make_app("child_access", **{"child.birth_certificate.series": series,
                                      "child.birth_certificate.number": number,
                                      "child.birth_certificate.issued_on": issued})
    assert status(app, "birth_certificate") == expected


# --- kinship ----------------------------------------------------------------------------------------------------

RECORD = {
    "certificate": {"series": "IV-МЮ", "number": "123456", "issued_on": "2019-03-01"},
    "child": {"last_name": "Иванов", "first_name": "Пётр", "middle_name": "Сергеевич", "birth_date": "2019-02-11"},
    "parents": [{"last_name": "Иванова", "first_name": "Мария", "middle_name": "Петровна",
                 "birth_date": "1990-05-17"}],
}


def registry(**child_changes):
    rec = json.loads(json.dumps(RECORD))
    rec["child"].update(child_changes)
    return InMemoryRegistry([BirthRecord.from_dict(rec)])


@pytest.mark.parametrize(("issued", "country", "reg", "expected"), [
    ("2018-09-30", "RU", registry(), "in_person"),  # before 1 Oct 2018
    ("2018-10-01", "RU", registry(), "fail"),       # registry issue date differs (2019-03-01)
    ("2019-03-01", "RU", registry(), "pass"),
    ("2019-03-01", "KZ", registry(), "in_person"),  # abroad
    ("2019-03-01", "RU", registry(first_name="Павел"), "fail"),
    ("2019-03-01", "RU", registry(last_name="ИВАНОВ"), "pass"),  # case-insensitive
    ("2019-03-01", "RU", registry(first_name="Петр"), "pass"),   # ё = е
    ("2019-03-01", "RU", InMemoryRegistry(), "manual"),           # not found
    ("2019-03-01", "RU", None, "manual"),                         # no registry
])
def test_kinship(make_app, issued, country, reg, expected):
    app = make_app("child_access", **{"child.birth_certificate.issued_on": issued,
                                      "child.birth_certificate.country": country})
    assert status(app, "kinship", registry=reg) == expected


def test_kinship_certificate_of_1_oct_2018_goes_to_the_registry(make_app):
    rec = json.loads(json.dumps(RECORD))
    rec["certificate"]["issued_on"] = "2018-10-01"
    rec["child"]["birth_date"] = "2018-09-20"
    reg = InMemoryRegistry([BirthRecord.from_dict(rec)])
    app = make_app("child_access", **{"child.birth_certificate.issued_on": "2018-10-01",
                                      "child.birth_date": "2018-09-20"})
    assert status(app, "kinship", registry=reg) == "pass"


def test_kinship_parent_mismatch(make_app):
    app = make_app("child_access", **{"applicant.first_name": "Анна"})
    res = run_all_checks(app, registry=registry()).by_id("kinship")
    assert res.status == "fail" and res.details["parent_matches"] is False


def test_kinship_lookalike_series_matches_registry(make_app):
    app = make_app("child_access", **{"child.birth_certificate.series": "ІV-MЮ"})
    assert status(app, "kinship", registry=registry()) == "pass"


# --- duplicate -------------------------------------------------------------------------------------------------


def test_duplicate(make_app):
    app = make_app()
    other = make_app(id="EMK-2026-000999")
    assert status(app, "duplicate") == "pass"
    open_same = PersonHistory(open_applications=(HistoryEntry("own_access", other.subject_key, other.id),))
    assert status(app, "duplicate", history=open_same) == "fail"
    open_other_kind = PersonHistory(open_applications=(HistoryEntry("opt_out", other.subject_key, other.id),))
    assert status(app, "duplicate", history=open_other_kind) == "pass"
    itself = PersonHistory(open_applications=(HistoryEntry("own_access", app.subject_key, app.id),))
    assert status(app, "duplicate", history=itself) == "pass"
    grant = PersonHistory(active_grants=(HistoryEntry("own_access", app.subject_key, "EMK-1"),))
    assert status(app, "duplicate", history=grant) == "fail"
    cancel = make_app("cancel_access")
    assert status(cancel, "duplicate", history=PersonHistory(
        active_grants=(HistoryEntry("cancel_access", cancel.subject_key, "EMK-1"),))) == "pass"


def test_person_key_uses_passport_and_subject_key_the_child(make_app):
    a = make_app()
    b = make_app(**{"applicant.passport.series": "45 02", "applicant.first_name": "Марья"})
    assert a.person_key == b.person_key and len(a.person_key) == 64
    c1 = make_app("child_access")
    c2 = make_app("child_access", **{"child.birth_certificate.number": "654321"})
    assert c1.subject_key != c2.subject_key != a.subject_key
    assert make_app(**{"applicant.passport": {}}).person_key != a.person_key


# --- kinds, ordering, reporting ------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "extra", "ids"), [
    ("own_access", {}, ["applicant_age", "passport_number", "passport_validity", "oms_policy", "phone", "snils",
                        "photo", "account", "person_known", "duplicate", "sla"]),
    ("child_access", {}, ["applicant_age", "passport_number", "passport_validity", "oms_policy",
                          "parent_oms_policy", "phone", "snils", "photo", "account", "person_known", "child_age",
                          "birth_certificate", "kinship", "duplicate", "sla"]),
    ("opt_out", {"applicant.oms_policy": None}, ["applicant_age", "passport_number", "passport_validity", "phone",
                                                 "snils", "photo", "account", "person_known", "duplicate", "sla"]),
    ("cancel_access", {}, ["applicant_age", "passport_number", "passport_validity", "oms_policy", "phone",
                           "snils", "photo", "account", "person_known", "duplicate", "sla"]),
])
def test_rules_per_kind_in_stable_order(make_app, kind, extra, ids):
    report = run_all_checks(make_app(kind, **extra))
    assert [r.id for r in report.results] == ids
    assert set(ids) <= set(RULE_IDS)


def test_every_result_is_json_serialisable_and_versioned(make_app):
    app = make_app("child_access", **{"applicant.account": {"level": "full", "confirmed": True}})
    report = run_all_checks(app, registry=registry(), is_colour=True)
    for r in report.results:
        assert r.rule_version == "2025-01"
        assert isinstance(r.status, CheckStatus)
        assert r.message("ru") and r.message("en") and r.message("ru") != r.message("en")
    text = json.dumps(report.to_dict("en"), ensure_ascii=False)
    assert json.loads(text)["sla_deadline"] == "2026-11-27"
    assert {r.status for r in report.results} == {CheckStatus.PASS}


def test_raw_keeps_unknown_fields(make_app):
    app = make_app(**{"applicant.future_field": {"x": 1}, "extra": [1, 2]})
    assert app.raw["extra"] == [1, 2]
    assert app.applicant.raw["future_field"] == {"x": 1}
