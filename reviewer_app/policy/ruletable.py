"""The dated rule table: every threshold and date the rules use, in versions with effective-from dates.

The version in force on an application's submission date (Moscow) applies, and every check result records it.
The built-in table has one version, ``2025-01`` (effective from 2025-01-01). An administrator adds versions in
configuration; see `load_rule_table`.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reviewer_app.domain.errors import ConfigError, ReviewerError


class RuleTableError(ConfigError):
    """The rule table configuration is malformed."""


class NoRuleVersionError(ReviewerError):
    """No rule version is in force on the given date."""


FEB29_RULES = ("mar1", "feb28")


@dataclass(frozen=True)
class RuleTable:
    version: str = "2025-01"
    effective_from: date = date(2025, 1, 1)
    # applicant_age / child_age
    min_applicant_age: int = 15
    child_max_age: int = 15  # a child's record: under this age on the reference date
    # passport
    passport_min_issue_age: int = 14
    passport_replace_ages: tuple[int, ...] = (20, 45)
    passport_grace_days: int = 90
    passport_earliest_issue: date = date(1997, 10, 1)
    # kinship
    kinship_registry_from: date = date(2018, 10, 1)
    # oms
    oms_region: str = "77"
    # sla
    sla_working_days: int = 5
    sla_warn_working_days: int = 1
    calendar_years: tuple[int, ...] = (2025, 2026, 2027)
    # dates: birthday of a person born on 29 Feb in a non-leap year ("mar1" = 1 March, "feb28" = 28 February)
    feb29_birthday: str = "mar1"
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.feb29_birthday not in FEB29_RULES:
            raise RuleTableError(f"rule table {self.version}: feb29_birthday must be one of {FEB29_RULES}")
        if list(self.passport_replace_ages) != sorted(self.passport_replace_ages):
            raise RuleTableError(f"rule table {self.version}: passport_replace_ages must be ascending")


_FIELDS = {f.name: f for f in dataclasses.fields(RuleTable) if f.name != "extra"}
_DATE_FIELDS = {"effective_from", "passport_earliest_issue", "kinship_registry_from"}
_TUPLE_FIELDS = {"passport_replace_ages", "calendar_years"}
_INT_FIELDS = {"min_applicant_age", "child_max_age", "passport_min_issue_age", "passport_grace_days",
               "sla_working_days", "sla_warn_working_days"}

DEFAULT_TABLE = RuleTable()


@dataclass(frozen=True)
class RuleTables:
    """Rule versions sorted by effective_from; `in_force(day)` is the latest one not after `day`."""

    versions: tuple[RuleTable, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [v.effective_from for v in self.versions])

    def in_force(self, day: date) -> RuleTable:
        i = bisect.bisect_right(self._starts, day) - 1  # type: ignore[attr-defined]
        if i < 0:
            raise NoRuleVersionError(
                f"no rule version is in force on {day.isoformat()} (the earliest, {self.versions[0].version}, "
                f"is effective from {self.versions[0].effective_from.isoformat()})")
        return self.versions[i]


def _convert(version: str, name: str, value: Any) -> Any:
    try:
        if name in _DATE_FIELDS:
            return value if isinstance(value, date) else date.fromisoformat(str(value))
        if name in _TUPLE_FIELDS:
            if isinstance(value, dict) and {"from", "to"} <= value.keys():  # calendar_years = {from=.., to=..}
                return tuple(range(int(value["from"]), int(value["to"]) + 1))
            if not isinstance(value, list | tuple) or not all(isinstance(x, int) for x in value):
                raise TypeError("a list of integers")
            return tuple(value)
        if name in _INT_FIELDS:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError("an integer")
            return value
        if not isinstance(value, str):
            raise TypeError("a string")
        return value
    except (TypeError, ValueError) as exc:
        raise RuleTableError(f"rule table {version}: {name} = {value!r} is not valid ({exc})") from None


def load_rule_table(overrides: dict[str, Any] | None = None) -> RuleTables:
    """The built-in rule version plus the versions an administrator configured.

    `overrides` is the parsed TOML (the `[rules]` section, or a dict holding it under "rules") with a list of
    extra versions. Each version names its `version` and `effective_from` and only the values it changes;
    the rest are inherited from the version in force just before it:

        [[rules.versions]]
        version = "2026-07"
        effective_from = 2026-07-01          # a TOML date, or "2026-07-01"
        sla_working_days = 7
        calendar_years = [2025, 2026, 2027, 2028]   # or {from = 2025, to = 2028}

    Known keys: min_applicant_age, child_max_age, passport_min_issue_age, passport_replace_ages (e.g. [20, 45]),
    passport_grace_days, passport_earliest_issue, kinship_registry_from, oms_region, sla_working_days,
    sla_warn_working_days, calendar_years, feb29_birthday ("mar1" or "feb28"). Unknown keys are an error.
    Adding a calendar year is only correct if `holidays.RU` matches the adopted production calendar for it.
    """
    versions: list[RuleTable] = [DEFAULT_TABLE]
    if not overrides:
        return RuleTables(tuple(versions))
    section = overrides.get("rules", overrides)
    if not isinstance(section, dict):
        raise RuleTableError("rules: expected a table with a 'versions' list")
    extra = section.get("versions", [])
    if not isinstance(extra, list):
        raise RuleTableError("rules.versions: expected a list of tables ([[rules.versions]])")
    specs: list[dict[str, Any]] = []
    for i, spec in enumerate(extra):
        if not isinstance(spec, dict):
            raise RuleTableError(f"rules.versions[{i}]: expected a table")
        for key in ("version", "effective_from"):
            if key not in spec:
                raise RuleTableError(f"rules.versions[{i}]: '{key}' is required")
        unknown = set(spec) - set(_FIELDS)
        if unknown:
            raise RuleTableError(f"rules.versions[{i}] ({spec['version']}): unknown keys {sorted(unknown)}; "
                                 f"known: {sorted(_FIELDS)}")
        specs.append({k: _convert(str(spec["version"]), k, v) for k, v in spec.items()})
    specs.sort(key=lambda s: s["effective_from"])
    for spec in specs:
        base = RuleTables(tuple(sorted(versions, key=lambda v: v.effective_from)))
        try:
            prev = base.in_force(spec["effective_from"])
        except NoRuleVersionError:
            prev = DEFAULT_TABLE
        if any(v.version == spec["version"] for v in versions):
            raise RuleTableError(f"rules.versions: version {spec['version']!r} is defined twice")
        if any(v.effective_from == spec["effective_from"] for v in versions):
            raise RuleTableError(f"rules.versions: two versions take effect on {spec['effective_from']}")
        versions.append(dataclasses.replace(prev, **spec))
    return RuleTables(tuple(sorted(versions, key=lambda v: v.effective_from)))


def resolve_table(table: RuleTable | RuleTables | None, day: date) -> RuleTable:
    if table is None:
        return DEFAULT_TABLE if day >= DEFAULT_TABLE.effective_from else _raise_no_version(day)
    if isinstance(table, RuleTables):
        return table.in_force(day)
    return table


def _raise_no_version(day: date) -> RuleTable:
    return RuleTables((DEFAULT_TABLE,)).in_force(day)
