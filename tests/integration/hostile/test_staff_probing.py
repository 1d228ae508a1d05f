"""Issue 23, item 2: staff names cannot be probed, and a stranger's wrong passwords cannot lock a working person out.
On SQLite and PostgreSQL."""

from __future__ import annotations

import pyotp
import pytest
from argon2 import PasswordHasher

from reviewer_app.db.models import Staff
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.domain.permissions import Permission
from reviewer_app.services import authz, staff

PW = "right password"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch):
    monkeypatch.setattr(staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def rita_secret(app) -> str:
    with app.uow() as s:
        row = Staff(name="rita", role="reviewer", password_hash=staff._hasher.hash(PW), created_at=app.clock.now())
        s.add(row)
        s.flush()
        return staff._enroll(app, row).secret


def _try(app, name: str, source: str, password: str = "wrong", code: str = "000000") -> PermissionDenied:
    with pytest.raises(PermissionDenied) as info:
        staff.login(app, name, password, code, source=source)
    return info.value


def test_a_strangers_wrong_passwords_neither_lock_rita_out_nor_end_her_session(app, clock, rita_secret):
    rita = staff.login(app, "rita", PW, pyotp.TOTP(rita_secret).at(clock.now()), source="desk:rita-pc")
    for _ in range(3 * app.settings.staff_max_failures):
        refusal = _try(app, "rita", "desk:evil-pc")
        assert not isinstance(refusal, staff.AccountLocked)
        if isinstance(refusal, staff.LoginThrottled):  # the stranger honours the wait; it only grows
            clock.advance(seconds=refusal.wait_seconds)
        authz.require(app, rita, Permission.DECIDE)  # her open session goes on
    clock.advance(seconds=30)
    staff.login(app, "rita", PW, pyotp.TOTP(rita_secret).at(clock.now()), source="desk:rita-pc")


def test_waits_grow_for_known_and_unknown_names_alike(app, clock, rita_secret):
    waits = {}
    for name in ("rita", "nobody"):
        seen = []
        for _ in range(app.settings.staff_max_failures + 3):
            refusal = _try(app, name, "cli:evil")
            if isinstance(refusal, staff.LoginThrottled):
                seen.append(refusal.wait_seconds)
                assert _try(app, name, "cli:evil").wait_seconds == refusal.wait_seconds  # refused unchecked
                clock.advance(seconds=refusal.wait_seconds)
            else:
                seen.append(str(refusal))
        waits[name] = seen
        clock.advance(minutes=app.settings.staff_lock_minutes)
    assert waits["rita"] == waits["nobody"]
    first = staff.THROTTLE_FIRST_WAIT
    assert waits["rita"][-4:] == [first, 2 * first, 4 * first, 8 * first]


def test_failures_age_out_alike_for_known_and_unknown_names(app, clock, rita_secret):
    """Spread over more than the lock period, a known name's failures used to add up to a lock for good."""
    limit = app.settings.staff_max_failures
    gap = app.settings.staff_lock_minutes * 60 // (limit - 1) + 1
    answers = {}
    for name in ("rita", "nobody"):
        seen = []
        for _ in range(2 * limit):
            seen.append(type(_try(app, name, "cli:evil")).__name__)
            clock.advance(seconds=gap)
        answers[name] = seen
    assert answers["rita"] == answers["nobody"] == ["LoginFailed"] * (2 * limit)


def test_an_unknown_name_costs_a_password_check_like_a_known_one(app, monkeypatch, rita_secret):
    checks = []

    class Counting(PasswordHasher):
        def verify(self, hash, password):
            checks.append(hash)
            return super().verify(hash, password)

    monkeypatch.setattr(staff, "_hasher", Counting(time_cost=1, memory_cost=1024, parallelism=1))
    for name in ("rita", "nobody"):
        _try(app, name, "cli")
    assert len(checks) == 2
