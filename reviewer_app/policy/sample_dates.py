"""Sample data that never ages: move the dates of packs written for one day (`as_of`) to another (`today`).

Which date moves how, and why:
- **Submission times** keep their distance from "today" in *working days* (and their time of day), so every
  deadline is as near, as far or as overdue as when the pack was written, whatever weekends and holidays fall
  in between. Packs submitted on the same day stay in the same order (duplicates stay duplicates).
- **Birth dates and document dates** (applicant, child, passport issue, birth certificate, and the civil-registry
  records that match them) move by the same number of *calendar days* as "today", so ages, the 14/20/45
  passport brackets plus their 90-day grace, "issued before the 14th birthday" and "child under 15" all stay
  what they were.
- **Fixed legal dates do not move**: a birth certificate stays on its side of 1 October 2018 (before it kinship is
  confirmed at an MFC, from it through the registry) and a passport on its side of 1 October 1997 (the earliest
  issue of the current passport). A certificate that would cross moves only as far as the day before (or of)
  the cutoff, its child's birth date with it; if the child's age then changes side of 15, `problems` says so.
- Dates only move forward: a day before `as_of` leaves everything as written.

Plain functions on the decoded JSON (no I/O); services.sample_data writes the shifted copy.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from reviewer_app.domain.dates import age_on
from reviewer_app.policy import calendar
from reviewer_app.policy.ruletable import RuleTable

# Key added to a moved pack: how many days its passport's birth and issue dates moved, so that the document_data
# check reads the (unchanged) passport image's dates as moved too. Only sample packs ever carry it.
DOCUMENT_SHIFT = "sample_dates_moved"


@dataclass
class Shift:
    """How to move the dates written for `as_of` to `today` under `table` (its cutoffs and calendar years)."""

    as_of: date
    today: date
    table: RuleTable
    problems: list[str] = field(default_factory=list)

    @property
    def days(self) -> int:
        return max(0, (self.today - self.as_of).days)

    # --- plain dates ----------------------------------------------------------------------------------------
    def _bounded(self, day: date, cutoff: date) -> int:
        """The calendar-day shift for `day`, kept on its side of the fixed legal date `cutoff`."""
        moved = day + timedelta(days=self.days)
        if day < cutoff <= moved:
            return (cutoff - timedelta(days=1) - day).days
        return self.days

    def plain(self, day: date) -> date:
        return day + timedelta(days=self.days)

    def passport_issue(self, day: date) -> date:
        return day + timedelta(days=self._bounded(day, self.table.passport_earliest_issue))

    def certificate_shift(self, issued_on: date) -> int:
        return self._bounded(issued_on, self.table.kinship_registry_from)

    # --- submission times -----------------------------------------------------------------------------------
    def submitted(self, at: datetime) -> datetime:
        """The same number of working days before `today` as `at` was before `as_of` (same time of day)."""
        if self.days == 0:
            return at
        day = at.date()
        years = self.table.calendar_years
        try:
            back = calendar.working_days_between(day, self.as_of, years)
            new = self.today
            while calendar.working_days_between(new, self.today, years) < back or (
                    calendar.is_working_day(day, years) and not calendar.is_working_day(new, years)):
                new -= timedelta(days=1)
        except calendar.CalendarNotCoveredError as exc:
            problem = f"submission dates moved by calendar days, not working days: {exc}"
            if problem not in self.problems:
                self.problems.append(problem)
            new = day + timedelta(days=self.days)
        return at + timedelta(days=(new - day).days)


def _iso(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None  # an invalid pack keeps its invalid date: intake must still refuse it


def _plus(days: int) -> Callable[[date], date]:
    return lambda d: d + timedelta(days=days)


def _move(obj: dict[str, Any], key: str, fn: Callable[[date], date]) -> None:
    day = _iso(obj.get(key))
    if day is not None:
        obj[key] = fn(day).isoformat()


def shift_pack(raw: dict[str, Any], shift: Shift, source: str = "pack") -> dict[str, Any]:
    """A copy of an application.json with its dates moved (see the module docstring)."""
    out = copy.deepcopy(raw)
    at = out.get("submitted_at")
    if isinstance(at, str):
        with contextlib.suppress(ValueError):
            out["submitted_at"] = shift.submitted(datetime.fromisoformat(at)).isoformat()
    applicant = out.get("applicant")
    if isinstance(applicant, dict):
        _move(applicant, "birth_date", shift.plain)
        if isinstance(applicant.get("passport"), dict):
            issued = _iso(applicant["passport"].get("issued_on"))
            _move(applicant["passport"], "issued_on", shift.passport_issue)
            if shift.days:  # the passport images keep the dates they were drawn with: say how far the typed moved
                out[DOCUMENT_SHIFT] = {
                    "birth_date_days": shift.days,
                    "issued_on_days": (shift.passport_issue(issued) - issued).days if issued else shift.days}
    child = out.get("child")
    if isinstance(child, dict):
        given = child.get("birth_certificate")
        cert: dict[str, Any] = given if isinstance(given, dict) else {}
        issued = _iso(cert.get("issued_on"))
        days = shift.certificate_shift(issued) if issued else shift.days
        if issued:
            cert["issued_on"] = (issued + timedelta(days=days)).isoformat()
        born_then = _iso(child.get("birth_date"))
        if born_then is not None:
            born = born_then + timedelta(days=days)
            child["birth_date"] = born.isoformat()
            limit = shift.table.child_max_age
            feb29 = shift.table.feb29_birthday
            if days != shift.days and (age_on(born_then, shift.as_of, feb29) < limit) != \
                    (age_on(born, shift.today, feb29) < limit):
                shift.problems.append(
                    f"{source}: the birth certificate must stay on its side of "
                    f"{shift.table.kinship_registry_from.isoformat()}, so the child is now "
                    f"{age_on(born, shift.today, feb29)} and the pack no longer shows what it was written for")
    return out


def shift_registry(raw: dict[str, Any] | list[Any], shift: Shift) -> dict[str, Any] | list[Any]:
    """A copy of a registry.json with its dates moved exactly as the packs that match its records."""
    out = copy.deepcopy(raw)
    records = out.get("records", []) if isinstance(out, dict) else out
    for rec in records if isinstance(records, list) else []:
        if not isinstance(rec, dict):
            continue
        given = rec.get("certificate")
        cert: dict[str, Any] = given if isinstance(given, dict) else {}
        issued = _iso(cert.get("issued_on"))
        days = shift.certificate_shift(issued) if issued else shift.days
        if issued:
            cert["issued_on"] = (issued + timedelta(days=days)).isoformat()
        if isinstance(rec.get("child"), dict):
            _move(rec["child"], "birth_date", _plus(days))
        for parent in rec.get("parents") or []:
            if isinstance(parent, dict):
                _move(parent, "birth_date", shift.plain)
    return out
