"""The administrator's desk over the real service on real HTTP: staff administration by an administrator only, the
audit trail searched and verified by its readers, and no way for anyone to write an audit entry."""

from __future__ import annotations

from datetime import date

import httpx
import pyotp
import pytest
from sqlalchemy import func, select

from reviewer_app.api.version import HEADER
from reviewer_app.client import HttpDeskService
from reviewer_app.client.admin import HttpAdminDesk
from reviewer_app.db.models import AuditEvent
from reviewer_app.domain.admin import AuditQuery
from reviewer_app.domain.errors import NotFound, PermissionDenied, ReviewerError
from reviewer_app.services import audit_anchor
from tests.integration.service.conftest import PASSWORD

ROOT_PASSWORD = "Admin-pass-123"


@pytest.fixture
def admin(service, people, clock):
    """HttpAdminDesk signed in as the administrator `root`."""
    clock.advance(seconds=30)
    desk = HttpDeskService(service.url, retry_delays=(0.1,))
    desk.login("root", ROOT_PASSWORD, people.code("root", clock))
    yield HttpAdminDesk(desk)
    desk.close()


def _audit_count(app) -> int:
    with app.sessions() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def test_admin_adds_a_reviewer_who_signs_in_then_disables_them(app, service, admin, clock):
    root = admin.desk.signed_in
    enrollment = admin.add_staff(root, name="Vera", role="reviewer", password="Vera-pass-1234")
    assert (enrollment.name, enrollment.role) == ("vera", "reviewer")
    assert enrollment.uri.startswith("otpauth://totp/") and enrollment.secret in enrollment.uri
    listed = {m.name: m for m in admin.list_staff(root)}
    assert listed["vera"].state == "active" and listed["vera"].has_totp
    assert "secret" not in repr(listed["vera"]) and enrollment.secret not in repr(listed)

    clock.advance(seconds=30)
    vera = HttpDeskService(service.url, retry_delays=(0.1,))
    actor = vera.login("vera", "Vera-pass-1234", pyotp.TOTP(enrollment.secret).at(int(clock.now().timestamp())))
    assert actor.role.value == "reviewer"
    vera.list_queue(actor)

    admin.disable(root, "vera")
    assert {m.name: m.state for m in admin.list_staff(root)}["vera"] == "disabled"
    with pytest.raises(PermissionDenied) as stopped:  # her token stops at her next call
        vera.list_queue(actor)
    assert stopped.value.code == "account_disabled"
    admin.enable(root, "vera")
    with pytest.raises(PermissionDenied) as ended:  # that session ended; she signs in again
        vera.list_queue(actor)
    assert ended.value.code == "signed_out"
    vera.close()

    actions = [e.action for e in admin.search_audit(root, AuditQuery(actor="root", action=None))]
    assert {"staff.create", "staff.disable", "staff.enable"} <= set(actions)


def test_roles_unlock_and_totp_reset(app, service, admin, people, clock, sign_in):
    root = admin.desk.signed_in
    anna = sign_in("anna")
    admin.change_role(root, "anna", "supervisor")
    assert {m.name: m.role for m in admin.list_staff(root)}["anna"] == "supervisor"
    changed = admin.search_audit(root, AuditQuery(action="staff.role_change"))
    assert changed[-1].details == {"name": "anna", "from": "reviewer", "to": "supervisor"}
    assert anna.signed_in is not None and anna.list_queue(anna.signed_in) is not None  # the new role, same session

    with pytest.raises(ReviewerError) as own:
        admin.change_role(root, "root", "reviewer")
    assert own.value.code == "own_account"
    with pytest.raises(ReviewerError) as bad_role:
        admin.change_role(root, "anna", "boss")
    assert bad_role.value.code == "staff_role"
    with pytest.raises(NotFound):
        admin.unlock(root, "nobody")
    with pytest.raises(ReviewerError) as weak:
        admin.add_staff(root, name="petr", role="reviewer", password="short")
    assert weak.value.code == "staff_password"

    old_secret = people.secrets["boris"]
    fresh = admin.reset_totp(root, "boris")
    assert fresh.secret != old_secret
    clock.advance(seconds=30)
    boris = HttpDeskService(service.url, retry_delays=(0.1,))
    with pytest.raises(PermissionDenied):
        boris.login("boris", PASSWORD, pyotp.TOTP(old_secret).at(int(clock.now().timestamp())))
    clock.advance(seconds=30)
    boris.login("boris", PASSWORD, pyotp.TOTP(fresh.secret).at(int(clock.now().timestamp())))
    boris.close()
    admin.unlock(root, "boris")  # clears the failure count
    assert {m.name: m.failed_logins for m in admin.list_staff(root)}["boris"] == 0


def test_both_desks_are_admin_desks(app, admin):
    from reviewer_app.services.admin_desk import AdminDesk, DbAdminDesk

    assert isinstance(admin, AdminDesk) and isinstance(DbAdminDesk(app), AdminDesk)


def test_a_reviewer_gets_403_on_admin_endpoints_and_cannot_write_audit_entries(app, service, sign_in):
    anna = sign_in("anna")
    as_admin = HttpAdminDesk(anna)
    me = anna.signed_in
    for call in (lambda: as_admin.list_staff(me),
                 lambda: as_admin.add_staff(me, name="mole", role="admin", password="Mole-pass-1234"),
                 lambda: as_admin.disable(me, "boris"), lambda: as_admin.change_role(me, "anna", "admin"),
                 lambda: as_admin.reset_totp(me, "boris"), lambda: as_admin.search_audit(me, AuditQuery()),
                 lambda: as_admin.verify_audit(me)):
        with pytest.raises(PermissionDenied):
            call()
    raw = {"Authorization": f"Bearer {anna._token}", HEADER: "1"}
    assert httpx.get(f"{service.url}/v1/staff", headers=raw).status_code == 403
    assert httpx.post(f"{service.url}/v1/staff/boris/disable", headers=raw).status_code == 403

    before = _audit_count(app)
    forged = {"actor": "olga", "action": "decision.confirm", "target_type": "decision", "target_id": "1"}
    for method in ("POST", "PUT", "PATCH"):
        for path in ("/v1/audit", "/v1/audit/entries", "/v1/audit/1"):
            answer = httpx.request(method, f"{service.url}{path}", headers=raw, json=forged)
            assert answer.status_code in (403, 404, 405), (method, path, answer.status_code)
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.actor == "olga", AuditEvent.action == "decision.confirm")) == 0
    assert _audit_count(app) == before  # refusals of the API leave the chain as it was
    paths = httpx.get(f"{service.url}/openapi.json").json()["paths"]
    writes = [(p, m) for p, ops in paths.items() if "audit" in p for m in ops if m != "get"]
    assert writes == [("/v1/audit/verify", "post")]  # verifying is the only non-read; nothing appends


def test_audit_search_by_filters_and_verify(app, service, admin, people, clock, sign_in):
    root = admin.desk.signed_in
    sign_in("anna")
    found = admin.search_audit(root, AuditQuery(actor="anna", action="staff.login"))
    assert found and all((e.actor, e.action) == ("anna", "staff.login") for e in found)
    assert admin.search_audit(root, AuditQuery(target="EMK-2026-000001"))[0].action == "application.intake"
    day = date(2026, 11, 27)
    assert admin.search_audit(root, AuditQuery(since=day, until=day, action="staff.create"))
    assert not admin.search_audit(root, AuditQuery(until=date(2026, 11, 26), action="staff.create"))
    page = admin.search_audit(root, AuditQuery(limit=2))
    after = admin.search_audit(root, AuditQuery(limit=2, after_id=page[-1].id))
    assert len(page) == 2 and after[0].id > page[-1].id
    with pytest.raises(ReviewerError) as bad:
        admin.search_audit(root, AuditQuery(since=date(2026, 11, 28), until=day))
    assert "since" in str(bad.value) and bad.value.code == "date_range"
    reads = admin.search_audit(root, AuditQuery(action="audit.read", actor="root"))
    assert reads  # the searches are audited

    missing = admin.verify_audit(root)
    assert missing.anchor_missing and not missing.intact
    audit_anchor.init_anchor(app)
    check = admin.verify_audit(root)
    assert check.intact and check.entries > 10 and check.signed_head is not None
    verified = admin.search_audit(root, AuditQuery(action="audit.verify", actor="root"))
    assert [e.details["anchor_missing"] for e in verified] == [True, False]  # who verified, and what they saw
