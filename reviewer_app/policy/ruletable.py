"""The dated rule table: every threshold and date the rules use, in versions with effective-from dates.

The version in force on an application's submission date (Moscow) applies, and every check result records it.
The built-in table has one version, ``2025-01`` (effective from 2025-01-01). An administrator adds versions and
production-calendar years in the rule file the `rules_file` setting names; see `load_rule_file` and
docs/rule-file.md. `coverage_warning` warns 60 days before the calendar runs out.
"""

from __future__ import annotations

import bisect
import dataclasses
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reviewer_app.domain.errors import ConfigError, ReviewerError
from reviewer_app.policy.calendar import YearCalendar, Years, covered_years


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
    calendar_years: Years = (2025, 2026, 2027)  # an int: as holidays.RU knows it; a YearCalendar: written out
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
    Adding a calendar year is only correct if `holidays.RU` matches the adopted production calendar for it;
    a rule file (`load_rule_file`) can instead write a year out under [[calendar.years]], for every version.
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
    problems: list[str] = []
    try:
        calendar_years = _calendar_section(overrides.get("calendar") if "rules" in overrides else None)
    except RuleTableError as exc:
        problems.append(str(exc))
    for i, spec in enumerate(extra):
        try:
            specs.append(_version_spec(i, spec))
        except RuleTableError as exc:
            problems.append(str(exc))
    if problems:
        raise RuleTableError("\n".join(problems))
    if calendar_years:
        versions = [_with_years(DEFAULT_TABLE, calendar_years)]
        for spec in specs:
            if "calendar_years" in spec:
                spec["calendar_years"] = _merge_years(spec["calendar_years"], calendar_years)
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


def _version_spec(i: int, spec: Any) -> dict[str, Any]:
    if not isinstance(spec, dict):
        raise RuleTableError(f"rules.versions[{i}]: expected a table")
    for key in ("version", "effective_from"):
        if key not in spec:
            raise RuleTableError(f"rules.versions[{i}]: field '{key}': required")
    unknown = set(spec) - set(_FIELDS)
    if unknown:
        raise RuleTableError(f"rules.versions[{i}] ({spec['version']}): unknown field(s) {sorted(unknown)}; "
                             f"known: {sorted(_FIELDS)}")
    out = {k: _convert(str(spec["version"]), k, v) for k, v in spec.items()}
    try:
        RuleTable(**out)  # the version's own checks (feb29 rule, ascending ages)
    except RuleTableError as exc:
        raise RuleTableError(f"rules.versions[{i}]: {exc}") from None
    return out


def _dates(where: str, name: str, raw: Any) -> tuple[date, ...]:
    if not isinstance(raw, list):
        raise RuleTableError(f"{where}: field '{name}': expected a list of dates")
    out = []
    for value in raw:
        try:
            out.append(value if isinstance(value, date) else date.fromisoformat(str(value)))
        except ValueError:
            raise RuleTableError(f"{where}: field '{name}': {value!r} is not a date YYYY-MM-DD") from None
    return tuple(sorted(out))


def _calendar_section(section: Any) -> tuple[int | YearCalendar, ...]:
    """[[calendar.years]]: `year` and either `source = "holidays"` (the holidays package knows the adopted
    calendar) or `days_off` (weekdays not worked) and `working_days` (Saturdays/Sundays worked)."""
    if section is None:
        return ()
    entries = section.get("years") if isinstance(section, dict) else None
    if not isinstance(entries, list):
        raise RuleTableError("calendar: field 'years': expected a list of tables ([[calendar.years]])")
    out: list[int | YearCalendar] = []
    problems: list[str] = []
    for i, entry in enumerate(entries):
        where = f"calendar.years[{i}]"
        try:
            if not isinstance(entry, dict) or not isinstance(entry.get("year"), int) or \
                    isinstance(entry.get("year"), bool) or not 2000 <= entry["year"] <= 2100:
                raise RuleTableError(f"{where}: field 'year': required, a year like 2028")
            year = entry["year"]
            where = f"calendar.years[{i}] ({year})"
            unknown = set(entry) - {"year", "source", "days_off", "working_days"}
            if unknown:
                raise RuleTableError(f"{where}: unknown field(s) {sorted(unknown)}; known: year, source, days_off, "
                                     "working_days")
            if entry.get("source") == "holidays":
                if "days_off" in entry or "working_days" in entry:
                    raise RuleTableError(f"{where}: source = \"holidays\" takes no days_off or working_days")
                out.append(year)
                continue
            if "source" in entry:
                raise RuleTableError(f"{where}: field 'source': only \"holidays\" is known, got {entry['source']!r}")
            if "days_off" not in entry:
                raise RuleTableError(f"{where}: field 'days_off': required (or source = \"holidays\")")
            off = _dates(where, "days_off", entry["days_off"])
            worked = _dates(where, "working_days", entry.get("working_days", []))
            for name, days in (("days_off", off), ("working_days", worked)):
                stray = [d.isoformat() for d in days if d.year != year]
                if stray:
                    raise RuleTableError(f"{where}: field '{name}': {', '.join(stray)} not in {year}")
            bad = [d.isoformat() for d in off if d.weekday() >= 5]
            if bad:
                raise RuleTableError(f"{where}: field 'days_off': {', '.join(bad)} fall on a weekend (list only "
                                     "weekdays that are not worked)")
            bad = [d.isoformat() for d in worked if d.weekday() < 5]
            if bad:
                raise RuleTableError(f"{where}: field 'working_days': {', '.join(bad)} are weekdays (list only "
                                     "Saturdays or Sundays that are worked)")
            out.append(YearCalendar(year, off, worked))
        except RuleTableError as exc:
            problems.append(str(exc))
    years = [e.year if isinstance(e, YearCalendar) else e for e in out]
    problems += [f"calendar.years: {y} is given twice" for y in sorted({y for y in years if years.count(y) > 1})]
    if problems:
        raise RuleTableError("\n".join(problems))
    return tuple(out)


def _merge_years(base: Years, added: Years) -> Years:
    """`base` with the administrator's years added (a written-out year replaces the built-in one)."""
    numbers = set(covered_years(added))
    return tuple(sorted((*(y for y in base if (y.year if isinstance(y, YearCalendar) else y) not in numbers),
                         *added), key=lambda y: y.year if isinstance(y, YearCalendar) else y))


def _with_years(table: RuleTable, years: Years) -> RuleTable:
    return dataclasses.replace(table, calendar_years=_merge_years(table.calendar_years, years))


def load_rule_file(path: Path) -> RuleTables:
    """The rule table with an administrator's rule file (the `rules_file` setting): [[rules.versions]] and
    [[calendar.years]]. Every problem is reported with the file, the field and what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleTableError(f"rule file {path}: does not exist (setting 'rules_file'). Fix: create it or unset "
                             "the setting") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleTableError(f"rule file {path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"rules", "calendar"})
    problems = [f"rule file {path}: {name}: unknown section (known: [[rules.versions]], [[calendar.years]])"
                for name in unknown]
    try:
        tables = load_rule_table({"rules": data.get("rules", {}), "calendar": data.get("calendar")})
    except RuleTableError as exc:
        problems += [f"rule file {path}: {line}" for line in str(exc).splitlines()]
        tables = None
    if problems:
        raise RuleTableError(f"invalid rule file {path} ({len(problems)} problem(s)):\n"
                             + "\n".join(f"  - {p}" for p in problems))
    assert tables is not None
    return tables


def coverage_end(tables: RuleTable | RuleTables) -> date:
    """The last day the production calendar covers (in the latest version): deadlines past it cannot be
    computed."""
    latest = tables.versions[-1] if isinstance(tables, RuleTables) else tables
    return date(max(covered_years(latest.calendar_years)), 12, 31)


def coverage_warning(tables: RuleTable | RuleTables, today: date, *, days: int = 60, lang: str = "en") -> str | None:
    """A warning from `days` days before the production calendar runs out (None before that)."""
    end = coverage_end(tables)
    left = (end - today).days
    if left > days:
        return None
    nxt, shown = end.year + 1, end.strftime("%d.%m.%Y")
    if lang == "ru":
        head = (f"производственный календарь закончился {shown}: заявления нельзя проверить" if left < 0 else
                f"производственный календарь заканчивается {shown} (осталось дней: {left}): сроки ответа "
                f"попадут в {nxt} год, и приём будет отклонять заявления")
        return (f"{head}. Что сделать: добавьте {nxt} год в файл правил из настройки rules_file "
                f"([[calendar.years]] year = {nxt}, см. docs/rule-file.md)")
    head = (f"the production calendar ended on {shown}: applications cannot be checked" if left < 0 else
            f"the production calendar ends on {shown} ({left} day(s) left): deadlines will fall in {nxt} and "
            "intake will refuse the packs")
    return (f"{head}. Fix: add {nxt} to the rule file the `rules_file` setting names ([[calendar.years]] "
            f"year = {nxt}, see docs/rule-file.md)")


def resolve_table(table: RuleTable | RuleTables | None, day: date) -> RuleTable:
    if table is None:
        return DEFAULT_TABLE if day >= DEFAULT_TABLE.effective_from else _raise_no_version(day)
    if isinstance(table, RuleTables):
        return table.in_force(day)
    return table


def _raise_no_version(day: date) -> RuleTable:
    return RuleTables((DEFAULT_TABLE,)).in_force(day)
