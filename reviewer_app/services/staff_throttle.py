"""Throttling of staff sign-ins: the failures under one name from one source, counted from the audit trail (the
same for names that exist and names that do not), ask for growing waits; the person's own failures count towards
the lock."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.db.models import AuditEvent
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.errors import PermissionDenied


class LoginThrottled(PermissionDenied):
    """Too many failed logins under this name from this source: the next try is accepted from `until` on
    (`wait_seconds` from now). The caller honours it (a desk shows it, a later HTTP service answers 429 with
    Retry-After); the service never sleeps. Told alike for every name, known or not."""

    def __init__(self, until: datetime, wait_seconds: int) -> None:
        self.until, self.wait_seconds = until, wait_seconds
        super().__init__(f"too many failed logins: try again in {wait_seconds} s (after "
                         f"{until.astimezone(MOSCOW):%H:%M:%S} Moscow time)", code="login_throttled", until=until,
                         wait_seconds=wait_seconds)


LOCAL_SOURCE = "cli"  # the source of a login typed on this machine's command line
THROTTLE_FIRST_WAIT = 30  # seconds after the failure that reaches staff_max_failures; doubled for each one after
OWN_FAILURES = ("code", "code replayed", "no TOTP enrolled")  # the password was right: the person's own slip


def key(name: str | None) -> str:
    return (name or "?").strip().lower()[:64] or "?"


def source_of(source: str | None) -> str:
    """Where a login comes from ("cli", "desk:HOST", a client address): part of the throttle's key."""
    return (source or LOCAL_SOURCE).strip()[:64] or LOCAL_SOURCE


def failures(app, s: Session, target: str, now: datetime, keep) -> list[datetime]:
    """Times of the failed logins under `target` (a staff id, or an unknown name) within the last
    `staff_lock_minutes` that `keep(event)` counts, each count started afresh by an unlock or by what
    `keep` says resets it (it returns None then). The same for known and unknown names, so both age out alike."""
    window = timedelta(minutes=app.settings.staff_lock_minutes)
    events = s.scalars(select(AuditEvent).where(
        AuditEvent.target_type == "staff", AuditEvent.target_id == target, AuditEvent.at > now - window,
        AuditEvent.action.in_(("staff.login_failed", "staff.login", "staff.unlock"))).order_by(AuditEvent.id))
    times: list[datetime] = []
    for e in events:
        verdict = None if e.action == "staff.unlock" else keep(e)
        if verdict is None:
            times = []
        elif verdict:
            times.append(e.at)
    return times


def throttle_wait(app, times: list[datetime], now: datetime) -> datetime | None:
    """When the next try from this source may come, if not now: from the failure that reaches
    `staff_max_failures`, each failure asks for a wait twice as long as the one before (at most the lock period)."""
    over = len(times) - app.settings.staff_max_failures
    if over < 0:
        return None
    wait = min(THROTTLE_FIRST_WAIT * 2 ** min(over, 20), app.settings.staff_lock_minutes * 60)
    until = times[-1] + timedelta(seconds=wait)
    return until if until > now else None


def throttled(until: datetime, now: datetime) -> LoginThrottled:
    return LoginThrottled(until, max(1, int((until - now).total_seconds() + 0.999)))


def from_source(source: str):
    def keep(event) -> bool | None:
        mine = (event.details or {}).get("source") == source
        if event.action == "staff.login":
            return None if mine else False  # a success from this source starts its count afresh
        return mine
    return keep


def own(event) -> bool | None:
    if event.action == "staff.login":
        return None
    return (event.details or {}).get("problem") in OWN_FAILURES


def next_try(app, s: Session, target: str, now: datetime, source: str) -> datetime | None:
    """When the next try under `target` from `source` may come, if not now."""
    return throttle_wait(app, failures(app, s, target, now, from_source(source)), now)


def check(app, s: Session, target: str, now: datetime, source: str) -> None:
    """Refuses a try that comes before its wait is over (`LoginThrottled`)."""
    until = next_try(app, s, target, now, source)
    if until is not None:
        raise throttled(until, now)
