"""Counts that decide, made by two transactions at the same moment, must see each other (on PostgreSQL, unserialised,
each counted before the other's commit). Failures under a name or phone with no account are counted from the audit
trail: the lock comes after exactly as many tries as for a real account. The last enabled administrator stays."""

from __future__ import annotations

from dataclasses import replace

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.services import citizen_login as cl
from reviewer_app.services import staff as st
from tests.concurrency import two_at_once

PW = "correct horse battery"


def test_staff_logins_under_an_unknown_name_at_once_count_each_other(app, monkeypatch):
    app.settings = replace(app.settings, staff_max_failures=2)
    outcome = two_at_once(monkeypatch, "staff.login_failed", lambda: st.login(app, "ghost", "wrong", "000000"))
    assert type(outcome["first"]) is st.LoginFailed
    assert type(outcome["second"]) is st.LoginThrottled  # the second failure of two allowed


def test_codes_for_an_unknown_phone_at_once_count_each_other(app, monkeypatch):
    app.settings = replace(app.settings, otp_max_failures=2)
    outcome = two_at_once(monkeypatch, "otp.fail", lambda: cl.verify_code(app, "+7 903 000-00-00", "000000"))
    assert type(outcome["first"]) is cl.LoginRefused
    assert type(outcome["second"]) is cl.LoginLocked


def test_two_administrators_disabling_each_other_at_once_leave_one(app, monkeypatch):
    first = st.add_staff(app, None, name="adam", role="admin", password=PW)
    adam = Actor(first.staff_id, "adam", StaffRole.ADMIN)
    bea = Actor(st.add_staff(app, adam, name="bea", role="admin", password=PW).staff_id, "bea", StaffRole.ADMIN)
    calls = iter([lambda: st.disable_staff(app, adam, "bea"), lambda: st.disable_staff(app, bea, "adam")])
    outcome = two_at_once(monkeypatch, "staff.disable", lambda: next(calls)())
    assert outcome["first"] is None
    # Refused: as the last enabled administrator, or because bea herself is disabled by then.
    assert isinstance(outcome["second"], ReviewerError), outcome
    with app.sessions() as s:
        assert st._enabled_admins(s) == 1


def test_two_first_accounts_at_once_make_one(app, monkeypatch):
    calls = iter([lambda n=n: st.add_staff(app, None, name=n, role="admin", password=PW) for n in ("adam", "bea")])
    outcome = two_at_once(monkeypatch, "staff.create", lambda: next(calls)())
    assert outcome["first"] is None
    assert isinstance(outcome["second"], PermissionDenied)
