"""The dated rule table: versions, inheritance, the version in force, errors."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from reviewer_app.domain.errors import ConfigError, ReviewerError
from reviewer_app.policy import load_rule_table, run_all_checks
from reviewer_app.policy.ruletable import NoRuleVersionError, RuleTable

TOML = """
[[rules.versions]]
version = "2026-07"
effective_from = 2026-07-01
sla_working_days = 7

[[rules.versions]]
version = "2027-01"
effective_from = "2027-01-01"
min_applicant_age = 16
calendar_years = {from = 2025, to = 2027}
"""


def test_default_table():
    tables = load_rule_table()
    assert [v.version for v in tables.versions] == ["2025-01"]
    t = tables.in_force(date(2026, 1, 1))
    assert (t.min_applicant_age, t.passport_replace_ages, t.passport_grace_days, t.sla_working_days) == \
        (15, (20, 45), 90, 5)
    assert t.kinship_registry_from == date(2018, 10, 1) and t.oms_region == "77"


def test_versions_inherit_and_apply_by_submission_date(make_app):
    tables = load_rule_table(tomllib.loads(TOML))
    assert [v.version for v in tables.versions] == ["2025-01", "2026-07", "2027-01"]
    assert tables.in_force(date(2026, 6, 30)).version == "2025-01"
    v2 = tables.in_force(date(2026, 7, 1))
    assert v2.version == "2026-07" and v2.sla_working_days == 7
    v3 = tables.in_force(date(2027, 5, 1))
    assert v3.sla_working_days == 7 and v3.min_applicant_age == 16  # inherited + changed

    report = run_all_checks(make_app(), table=tables)
    assert report.rule_version == "2026-07"
    assert all(r.rule_version == "2026-07" for r in report.results)
    assert report.sla_deadline == date(2026, 12, 1)  # 7 working days after Fri 20.11.2026


def test_sections_without_rules_key():
    tables = load_rule_table({"versions": [{"version": "x", "effective_from": "2026-01-01", "oms_region": "50"}]})
    assert tables.in_force(date(2026, 2, 1)).oms_region == "50"


@pytest.mark.parametrize("spec", [
    {"version": "x"},
    {"effective_from": "2026-01-01"},
    {"version": "x", "effective_from": "2026-13-01"},
    {"version": "x", "effective_from": "2026-01-01", "bogus": 1},
    {"version": "x", "effective_from": "2026-01-01", "sla_working_days": "5"},
    {"version": "x", "effective_from": "2026-01-01", "calendar_years": "2025"},
    {"version": "x", "effective_from": "2026-01-01", "feb29_birthday": "never"},
    {"version": "x", "effective_from": "2026-01-01", "passport_replace_ages": [45, 20]},
    {"version": "2025-01", "effective_from": "2026-01-01"},
])
def test_bad_versions_are_config_errors(spec):
    with pytest.raises(ConfigError):
        load_rule_table({"rules": {"versions": [spec]}})


def test_no_version_in_force_before_the_first():
    with pytest.raises(NoRuleVersionError) as err:
        load_rule_table().in_force(date(2024, 12, 31))
    assert isinstance(err.value, ReviewerError)


def test_rule_table_is_frozen():
    with pytest.raises(AttributeError):
        RuleTable().min_applicant_age = 3  # type: ignore[misc]
