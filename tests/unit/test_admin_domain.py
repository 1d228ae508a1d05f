"""The administrator's desk's plain data: an account's state and what is wrong with an audit query."""

from __future__ import annotations

from datetime import UTC, date, datetime

from reviewer_app.domain.admin import AuditCheck, AuditQuery, StaffMember
from reviewer_app.services.admin_desk import audit_window

AT = datetime(2026, 11, 27, 9, tzinfo=UTC)


def _member(**changes) -> StaffMember:
    values = {"id": 1, "name": "anna", "role": "reviewer", "disabled": False, "locked_until": None,
              "failed_logins": 0, "has_totp": True, "created_at": AT} | changes
    return StaffMember(**values)


def test_an_accounts_state_disabled_before_locked():
    assert _member().state == "active"
    assert _member(locked_until=AT).state == "locked"
    assert _member(locked_until=AT, disabled=True).state == "disabled"


def test_audit_query_problems_name_the_field():
    assert AuditQuery().problems() == []
    assert AuditQuery(limit=0).problems() == ["limit: 0 is not between 1 and 1000"]
    assert AuditQuery(after_id=-1).problems() == ["after_id: -1 is negative"]
    assert AuditQuery(since=date(2026, 11, 28), until=date(2026, 11, 27)).problems() == [
        "since: 2026-11-28 is after until 2026-11-27"]
    assert AuditQuery(actor="x" * 201).problems() == ["actor: longer than 200 characters"]


def test_the_period_is_whole_moscow_days_until_included():
    since, until = audit_window(AuditQuery(since=date(2026, 11, 27), until=date(2026, 11, 27)))
    assert since.isoformat() == "2026-11-27T00:00:00+03:00" and until.isoformat() == "2026-11-28T00:00:00+03:00"
    assert audit_window(AuditQuery()) == (None, None)


def test_an_audit_check_is_intact_only_with_its_anchor_and_no_break():
    assert AuditCheck(10, 1).intact
    assert not AuditCheck(10, 0, anchor_missing=True).intact
    assert not AuditCheck(10, 1, broken_entry=4, problem="changed").intact
