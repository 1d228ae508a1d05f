"""Working days by the Russian production calendar (`holidays.RU`), for the years the rule table covers.

Counting follows the Civil Code: a term in days starts the day after the event (art. 191); a deadline that
falls on a day off moves to the next working day (art. 193). Counting N working days from the day after
submission always lands on a working day, so the second rule holds by construction.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta
from functools import lru_cache

import holidays

from reviewer_app.domain.errors import ReviewerError


class CalendarNotCoveredError(ReviewerError):
    """The production calendar for a year is not in the data: a deadline cannot be computed, only guessed."""


@lru_cache(maxsize=64)
def _working_ordinals(year: int) -> tuple[int, ...]:
    """Sorted ordinals of the working days of a year (working Saturdays included, transferred days off out)."""
    cal = holidays.RU(years=year)
    start = date(year, 1, 1).toordinal()
    end = date(year, 12, 31).toordinal()
    return tuple(o for o in range(start, end + 1) if cal.is_working_day(date.fromordinal(o)))


def warm_calendar(table_or_years: object) -> None:
    """Build the working-day sets of the covered years now (a RuleTable, RuleTables or a tuple of years)."""
    versions = getattr(table_or_years, "versions", None)
    if versions is not None:
        years = {y for v in versions for y in v.calendar_years}
    else:
        years = set(getattr(table_or_years, "calendar_years", table_or_years))  # type: ignore[arg-type]
    for year in sorted(years):
        _working_ordinals(year)


def _check_year(year: int, years: tuple[int, ...]) -> None:
    if year not in years:
        covered = f"{min(years)}-{max(years)}" if years else "none"
        raise CalendarNotCoveredError(
            f"the production calendar for {year} is not configured (covered years: {covered}); "
            "add the year to the rule table's calendar_years once holidays.RU matches the adopted calendar")


def is_working_day(day: date, years: tuple[int, ...]) -> bool:
    _check_year(day.year, years)
    ords = _working_ordinals(day.year)
    o = day.toordinal()
    i = bisect.bisect_left(ords, o)
    return i < len(ords) and ords[i] == o


def add_working_days(start: date, n: int, years: tuple[int, ...]) -> date:
    """The n-th working day after `start` (n >= 1); `start` itself never counts."""
    if n < 1:
        raise ValueError("n must be at least 1")
    year = start.year
    o = start.toordinal()
    _check_year(year, years)
    while True:
        ords = _working_ordinals(year)
        i = bisect.bisect_right(ords, o)
        if i + n - 1 < len(ords):
            return date.fromordinal(ords[i + n - 1])
        n -= len(ords) - i
        year += 1
        _check_year(year, years)
        o = date(year, 1, 1).toordinal() - 1


def working_days_between(start: date, end: date, years: tuple[int, ...]) -> int:
    """Working days in (start, end]; 0 when end <= start."""
    if end <= start:
        return 0
    total = 0
    for year in range(start.year, end.year + 1):
        _check_year(year, years)
        ords = _working_ordinals(year)
        lo = bisect.bisect_right(ords, start.toordinal())
        hi = bisect.bisect_right(ords, end.toordinal())
        total += hi - lo
    return total


def next_working_day_on_or_after(day: date, years: tuple[int, ...]) -> date:
    return add_working_days(day - timedelta(days=1), 1, years)
