"""Working days by the Russian production calendar (`holidays.RU`), for the years the rule table covers.

Counting follows the Civil Code: a term in days starts the day after the event (art. 191); a deadline that
falls on a day off moves to the next working day (art. 193). Counting N working days from the day after
submission always lands on a working day, so the second rule holds by construction.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

from reviewer_app.domain.errors import ReviewerError


class CalendarNotCoveredError(ReviewerError):
    """The production calendar for a year is not in the data: a deadline cannot be computed, only guessed."""


@dataclass(frozen=True)
class YearCalendar:
    """A production calendar an administrator wrote out (the rule file's [[calendar.years]]): every weekday is
    worked except `days_off`; Saturdays and Sundays are off except `working_days`."""

    year: int
    days_off: tuple[date, ...] = ()
    working_days: tuple[date, ...] = ()


Years = tuple[int | YearCalendar, ...]  # an int: the year as `holidays.RU` knows it


def year_number(entry: int | YearCalendar) -> int:
    return entry.year if isinstance(entry, YearCalendar) else entry


def covered_years(years: Years) -> tuple[int, ...]:
    return tuple(sorted({year_number(y) for y in years}))


@lru_cache(maxsize=64)
def _ordinals_of(entry: int | YearCalendar) -> tuple[int, ...]:
    """Sorted ordinals of the working days of a year (working Saturdays included, transferred days off out)."""
    year = year_number(entry)
    start = date(year, 1, 1).toordinal()
    end = date(year, 12, 31).toordinal()
    if isinstance(entry, YearCalendar):
        off, worked = set(entry.days_off), set(entry.working_days)
        return tuple(o for o in range(start, end + 1)
                     if (d := date.fromordinal(o)) in worked or (d.weekday() < 5 and d not in off))
    cal = holidays.country_holidays("RU", years=year)
    return tuple(o for o in range(start, end + 1) if cal.is_working_day(date.fromordinal(o)))


def _working_ordinals(year: int, years: Years = ()) -> tuple[int, ...]:
    for entry in years:
        if isinstance(entry, YearCalendar) and entry.year == year:
            return _ordinals_of(entry)
    return _ordinals_of(year)


def warm_calendar(table_or_years: object) -> None:
    """Build the working-day sets of the covered years now (a RuleTable, RuleTables or a tuple of years)."""
    versions = getattr(table_or_years, "versions", None)
    if versions is not None:
        entries = {y for v in versions for y in v.calendar_years}
    else:
        entries = set(getattr(table_or_years, "calendar_years", table_or_years))  # type: ignore[call-overload]
    for entry in entries:
        _ordinals_of(entry)


ADVICE = ("add the year to the production calendar in the rule file that the `rules_file` setting names "
          "([[calendar.years]] year = {year}, with its days_off and working_days as adopted; see "
          "docs/rule-file.md), once the government has adopted that calendar")


def _check_year(year: int, years: Years) -> None:
    covered = covered_years(years)
    if year not in covered:
        shown = f"{min(covered)}-{max(covered)}" if covered else "none"
        raise CalendarNotCoveredError(
            f"the production calendar for {year} is not configured (covered years: {shown}); "
            + ADVICE.format(year=year))


def is_working_day(day: date, years: Years) -> bool:
    _check_year(day.year, years)
    ords = _working_ordinals(day.year, years)
    o = day.toordinal()
    i = bisect.bisect_left(ords, o)
    return i < len(ords) and ords[i] == o


def add_working_days(start: date, n: int, years: Years) -> date:
    """The n-th working day after `start` (n >= 1); `start` itself never counts."""
    if n < 1:
        raise ValueError("n must be at least 1")
    year = start.year
    o = start.toordinal()
    _check_year(year, years)
    while True:
        ords = _working_ordinals(year, years)
        i = bisect.bisect_right(ords, o)
        if i + n - 1 < len(ords):
            return date.fromordinal(ords[i + n - 1])
        n -= len(ords) - i
        year += 1
        _check_year(year, years)
        o = date(year, 1, 1).toordinal() - 1


def working_days_between(start: date, end: date, years: Years) -> int:
    """Working days in (start, end]; 0 when end <= start."""
    if end <= start:
        return 0
    total = 0
    for year in range(start.year, end.year + 1):
        _check_year(year, years)
        ords = _working_ordinals(year, years)
        lo = bisect.bisect_right(ords, start.toordinal())
        hi = bisect.bisect_right(ords, end.toordinal())
        total += hi - lo
    return total

