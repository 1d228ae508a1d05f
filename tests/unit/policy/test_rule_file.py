"""The rule file the settings name: calendar years and rule versions added without code, checked like packs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reviewer_app.config import load_settings
from reviewer_app.domain.errors import ConfigError
from reviewer_app.policy import CalendarNotCoveredError, run_all_checks, sla_deadline
from reviewer_app.policy.calendar import YearCalendar, add_working_days, is_working_day
from reviewer_app.policy.ruletable import RuleTableError, coverage_warning, load_rule_file, load_rule_table

# 2028 written out: the fixed holidays on weekdays, plus one invented transfer so the test can tell a
# written-out year from the holidays package's
YEAR_2028 = """
[[calendar.years]]
year = 2028
days_off = [2028-01-03, 2028-01-04, 2028-01-05, 2028-01-06, 2028-01-07, 2028-02-23, 2028-03-08,
            2028-05-01, 2028-05-09, 2028-06-12, 2028-01-10]
working_days = ["2028-01-15"]
"""


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pack_submitted_on_24_december_2027_needs_2028_and_gets_it_from_the_file(tmp_path, make_app) -> None:
    with pytest.raises(CalendarNotCoveredError, match="rules_file"):  # the advice names the setting
        run_all_checks(make_app(submitted_at="2027-12-24T10:00:00+03:00"), today=date(2027, 12, 24))
    tables = load_rule_file(_file(tmp_path, YEAR_2028))
    report = run_all_checks(make_app(submitted_at="2027-12-24T10:00:00+03:00"), today=date(2027, 12, 24),
                            table=tables)
    # 27-30 Dec worked, 31 Dec off (2027 calendar), 3-7 Jan holidays, 8-9 weekend, 10 Jan off (as written)
    assert report.sla_deadline == date(2028, 1, 11)
    t = tables.in_force(date(2027, 12, 28))
    assert add_working_days(date(2027, 12, 28), 5, t.calendar_years) == date(2028, 1, 13)
    assert not is_working_day(date(2028, 1, 10), t.calendar_years)
    assert is_working_day(date(2028, 1, 15), t.calendar_years)  # a worked Saturday, as written


def test_calendar_years_count_for_every_version_and_holidays_years_work(tmp_path) -> None:
    text = YEAR_2028 + """
[[calendar.years]]
year = 2029
source = "holidays"

[[rules.versions]]
version = "2027-07"
effective_from = 2027-07-01
sla_working_days = 7
"""
    tables = load_rule_file(_file(tmp_path, text))
    for version in tables.versions:
        years = [y.year if isinstance(y, YearCalendar) else y for y in version.calendar_years]
        assert years == [2025, 2026, 2027, 2028, 2029], version.version
    assert tables.in_force(date(2027, 8, 1)).sla_working_days == 7
    assert sla_deadline(date(2029, 6, 1), tables.in_force(date(2029, 6, 1))) == date(2029, 6, 13)


@pytest.mark.parametrize(("text", "expected"), [
    ("[[calendar.years]]\nyear = 2028\ndays_off = [2028-01-01]\n",
     "calendar.years[0] (2028): field 'days_off': 2028-01-01 fall on a weekend"),
    ("[[calendar.years]]\nyear = 2028\ndays_off = [2029-01-09]\n",
     "calendar.years[0] (2028): field 'days_off': 2029-01-09 not in 2028"),
    ("[[calendar.years]]\nyear = 2028\ndays_off = []\nworking_days = [2028-01-10]\n",
     "calendar.years[0] (2028): field 'working_days': 2028-01-10 are weekdays"),
    ("[[calendar.years]]\nyear = 2028\n", "calendar.years[0] (2028): field 'days_off': required"),
    ("[[calendar.years]]\nyear = 2028\nsource = \"gosuslugi\"\n", "calendar.years[0] (2028): field 'source'"),
    ("[[calendar.years]]\nyear = \"2028\"\n", "calendar.years[0]: field 'year': required"),
    ("[[rules.versions]]\nversion = \"x\"\n", "rules.versions[0]: field 'effective_from': required"),
    ("[[rules.versions]]\nversion = \"x\"\neffective_from = 2027-01-01\nsla_days = 3\n",
     "rules.versions[0] (x): unknown field(s) ['sla_days']"),
    ("[holidays]\nyear = 2028\n", "holidays: unknown section"),
    ("[[calendar.years]]\nyear = 2028\nsource = \"holidays\"\n[[calendar.years]]\nyear = 2028\nsource = \"holidays\"\n",
     "calendar.years: 2028 is given twice"),
])
def test_mistakes_name_the_file_the_field_and_the_problem(tmp_path, text, expected) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(RuleTableError) as err:
        load_rule_file(path)
    assert str(err.value).startswith(f"invalid rule file {path}")
    assert f"rule file {path}: {expected}" in str(err.value), str(err.value)


def test_every_problem_of_a_file_is_listed_at_once(tmp_path) -> None:
    text = ("[[calendar.years]]\nyear = 2028\ndays_off = [2028-01-01]\n"
            "[[rules.versions]]\nversion = \"x\"\n")
    with pytest.raises(RuleTableError, match=r"\(2 problem\(s\)\)"):
        load_rule_file(_file(tmp_path, text))


def test_a_missing_or_broken_file_says_so(tmp_path) -> None:
    with pytest.raises(RuleTableError, match=r"does not exist \(setting 'rules_file'\)"):
        load_rule_file(tmp_path / "none.toml")
    with pytest.raises(RuleTableError, match="not valid TOML"):
        load_rule_file(_file(tmp_path, "[[calendar.years]\n"))


def test_the_settings_name_the_file_and_refuse_a_rules_section(tmp_path) -> None:
    rules = _file(tmp_path, YEAR_2028)
    config = tmp_path / "config.toml"
    config.write_text(f'rules_file = "{rules}"\n', encoding="utf-8")
    assert load_settings(config_file=config, env={}).rules_file == rules
    assert load_settings(env={"REVIEWER_RULES_FILE": str(rules)}).rules_file == rules
    config.write_text("[rules]\n[[rules.versions]]\nversion = \"x\"\neffective_from = 2027-01-01\n",
                      encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rules_file = .*REVIEWER_RULES_FILE"):
        load_settings(config_file=config, env={})


@pytest.mark.parametrize(("today", "warned"), [
    (date(2027, 10, 31), False),  # 61 days before the end: quiet
    (date(2027, 11, 1), True),    # 60 days left
    (date(2027, 12, 31), True),
    (date(2028, 1, 5), True),     # ran out
])
def test_warning_from_60_days_before_the_calendar_runs_out(today, warned) -> None:
    text = coverage_warning(load_rule_table(), today)
    assert (text is not None) == warned
    if warned:
        assert "31.12.2027" in text and "year = 2028" in text and "rules_file" in text
        assert "2028" in coverage_warning(load_rule_table(), today, lang="ru")


def test_warning_goes_once_the_next_year_is_added(tmp_path) -> None:
    assert coverage_warning(load_rule_file(_file(tmp_path, YEAR_2028)), date(2027, 12, 1)) is None


def test_check_warns_and_uses_the_rule_file_the_settings_name(tmp_path, monkeypatch, capsys) -> None:
    from reviewer_app.cli import main

    sample = Path(__file__).resolve().parents[3] / "sample_data" / "01-clean-approval"
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REVIEWER_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    assert main(["check", "--today", "2027-12-01", str(sample)]) == 0
    assert "warning: the production calendar ends on 31.12.2027" in capsys.readouterr().err
    monkeypatch.setenv("REVIEWER_RULES_FILE", str(_file(tmp_path, YEAR_2028)))
    assert main(["check", "--today", "2027-12-01", str(sample)]) == 0
    assert "warning" not in capsys.readouterr().err
    _file(tmp_path, "[[calendar.years]]\nyear = 2028\n")  # the named file broken: check says which and why
    assert main(["check", "--today", "2027-12-01", str(sample)]) == 2
    assert "calendar.years[0] (2028): field 'days_off': required" in capsys.readouterr().err
