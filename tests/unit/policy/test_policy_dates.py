"""Ages, 29 February, working days and the SLA deadline."""

from __future__ import annotations

from datetime import date

import pytest

from reviewer_app.domain.dates import age_on, birthday_in_year
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.policy import DEFAULT_TABLE, CalendarNotCoveredError, load_rule_table, sla_deadline
from reviewer_app.policy.calendar import add_working_days, is_working_day, working_days_between

YEARS = (2025, 2026, 2027)


@pytest.mark.parametrize(("birth", "on", "age"), [
    (date(2010, 6, 15), date(2025, 6, 14), 14),   # the day before the 15th birthday
    (date(2010, 6, 15), date(2025, 6, 15), 15),   # the 15th birthday
    (date(2008, 2, 29), date(2023, 2, 28), 14),   # 29 Feb: non-leap year, still 14 on 28 Feb
    (date(2008, 2, 29), date(2023, 3, 1), 15),    # ... 15 on 1 March
    (date(2008, 2, 29), date(2024, 2, 29), 16),   # leap year: the real birthday
    (date(2008, 2, 29), date(2024, 2, 28), 15),
])
def test_age_on(birth, on, age):
    assert age_on(birth, on) == age


def test_feb29_rule_is_configurable():
    assert birthday_in_year(date(2008, 2, 29), 2023) == date(2023, 3, 1)
    assert birthday_in_year(date(2008, 2, 29), 2023, "feb28") == date(2023, 2, 28)
    assert age_on(date(2008, 2, 29), date(2023, 2, 28), "feb28") == 15


@pytest.mark.parametrize(("submitted", "deadline"), [
    (date(2025, 4, 28), date(2025, 5, 7)),     # May holidays 2025
    (date(2025, 12, 29), date(2026, 1, 15)),   # across the New Year
    (date(2026, 5, 6), date(2026, 5, 14)),     # May holidays 2026
    (date(2026, 11, 20), date(2026, 11, 27)),  # an ordinary week
    (date(2026, 11, 21), date(2026, 11, 27)),  # submitted on a Saturday: counting starts Monday
    (date(2026, 11, 22), date(2026, 11, 27)),  # ... on a Sunday
])
def test_deadlines(submitted, deadline):
    assert sla_deadline(submitted) == deadline
    assert sla_deadline(submitted, load_rule_table()) == deadline


def test_working_days_count_per_year_matches_the_production_calendar():
    for year in YEARS:
        n = working_days_between(date(year - 1, 12, 31), date(year, 12, 31), (year - 1, *YEARS))
        assert n == 247, year


def test_working_saturday_and_transferred_day_off():
    assert is_working_day(date(2025, 11, 1), YEARS)  # Saturday worked in 2025
    assert not is_working_day(date(2025, 11, 3), YEARS)  # Monday off (transfer)
    assert not is_working_day(date(2025, 12, 31), YEARS)


def test_uncovered_year_is_an_error_not_a_guess():
    with pytest.raises(CalendarNotCoveredError) as err:
        sla_deadline(date(2028, 3, 1))
    assert isinstance(err.value, ReviewerError)
    assert "2028" in str(err.value)
    with pytest.raises(CalendarNotCoveredError):
        add_working_days(date(2027, 12, 29), 5, YEARS)  # the deadline would be in 2028


def test_deadline_can_cross_into_a_covered_year():
    assert add_working_days(date(2026, 12, 29), 5, YEARS).year == 2027


def test_default_table_covers_2025_to_2027():
    assert DEFAULT_TABLE.calendar_years == (2025, 2026, 2027)


@pytest.mark.parametrize(("today", "status", "left"), [
    (date(2026, 11, 20), "pass", 5),
    (date(2026, 11, 25), "pass", 2),
    (date(2026, 11, 26), "warn", 1),
    (date(2026, 11, 27), "warn", 0),
    (date(2026, 11, 30), "warn", -1),
])
def test_sla_rule(make_app, today, status, left):
    from reviewer_app.policy import run_all_checks

    report = run_all_checks(make_app(), today=today)
    res = report.by_id("sla")
    assert res.status == status
    assert res.details["deadline"] == "2026-11-27"
    assert res.details["working_days_left"] == left
    assert report.sla_deadline == date(2026, 11, 27)


def test_submission_date_is_the_moscow_date(make_app):
    # 22:30 UTC on Thursday 19.11 is already Friday 20.11 in Moscow.
    app = make_app(submitted_at="2026-11-19T22:30:00+00:00")
    assert app.submitted_on == date(2026, 11, 20)
    assert sla_deadline(app) == date(2026, 11, 27)
