"""Russian plural forms for texts built in the domain and the rules (the UI uses Qt's plural translations).

Russian has three forms: one (1, 21, 101 год), few (2-4, 22-24 года) and many (0, 5-20, 11-14, 25 лет).
"""

from __future__ import annotations


def ru_form(n: int, one: str, few: str, many: str) -> str:
    """The form of the noun that goes with the number n."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def ru_years(n: int) -> str:
    """'1 год', '3 года', '51 год', '34 года', '7 лет'."""
    return f"{n} {ru_form(n, 'год', 'года', 'лет')}"


def ru_working_days(n: int) -> str:
    return f"{n} {ru_form(n, 'рабочий день', 'рабочих дня', 'рабочих дней')}"


def en_count(n: int, one: str, many: str) -> str:
    return f"{n} {one if abs(n) == 1 else many}"
