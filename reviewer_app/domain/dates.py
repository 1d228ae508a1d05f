"""Birthdays and ages on calendar dates (pure; the rules and the decision plan both count with these)."""

from __future__ import annotations

from datetime import date


def birthday_in_year(birth: date, year: int, feb29: str = "mar1") -> date:
    """The birthday in `year`. 29 Feb in a non-leap year is 1 March ("mar1") or 28 February ("feb28")."""
    try:
        return birth.replace(year=year)
    except ValueError:  # 29 Feb, non-leap year
        return date(year, 3, 1) if feb29 == "mar1" else date(year, 2, 28)


def nth_birthday(birth: date, n: int, feb29: str = "mar1") -> date:
    return birthday_in_year(birth, birth.year + n, feb29)


def age_on(birth: date, day: date, feb29: str = "mar1") -> int:
    """Full years on `day` (negative when `day` is before the birth)."""
    years = day.year - birth.year
    if day < birthday_in_year(birth, day.year, feb29):
        years -= 1
    return years
