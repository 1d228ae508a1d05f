"""The queue service: role checks, audit entries in the same transaction, status and list views."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select

from reviewer_app.db.models import Applicant, AuditEvent
from reviewer_app.domain.actor import SYSTEM, Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.services import queue_service
from tests.factories import add_applications, add_staff, applicant_row


@pytest.fixture
def people(app):
    with app.uow() as s:
        rev = Actor(add_staff(s, "anna"), "anna", StaffRole.REVIEWER)
        rev2 = Actor(add_staff(s, "boris"), "boris", StaffRole.REVIEWER)
        sup = Actor(add_staff(s, "sveta", "supervisor"), "sveta", StaffRole.SUPERVISOR)
        adm = Actor(add_staff(s, "root", "admin"), "root", StaffRole.ADMIN)
    return rev, rev2, sup, adm


def _actions(app) -> list[tuple[str, str, str]]:
    with app.sessions() as s:
        return [tuple(r) for r in s.execute(select(AuditEvent.actor, AuditEvent.action, AuditEvent.target_id)
                                            .order_by(AuditEvent.id))]


def test_claim_release_reassign_are_audited_and_role_checked(app, clock, people):
    rev, rev2, sup, adm = people
    with app.uow() as s:
        add_applications(s, 2)
    with pytest.raises(PermissionDenied, match="root \\(admin\\) may not claim"):
        queue_service.claim_next(app, adm)
    item = queue_service.claim_next(app, rev)
    assert item.staff_id == rev.staff_id and item.lease_expires_at == clock.now() + timedelta(seconds=600)
    with pytest.raises(PermissionDenied, match="may not reassign"):
        queue_service.release(app, rev2, item.application_id)  # someone else's claim
    queue_service.release(app, sup, item.application_id)  # a supervisor may
    moved = queue_service.reassign(app, sup, item.application_id, to_staff_id=rev2.staff_id)
    assert moved.staff_id == rev2.staff_id
    clock.advance(seconds=601)
    again = queue_service.claim_next(app, rev)  # rev2's lease lapsed: back in the queue, most urgent first
    assert again.application_id == item.application_id
    assert _actions(app) == [
        ("anna", "claim.take", item.application_id),
        ("sveta", "claim.release", item.application_id),
        ("sveta", "claim.reassign", item.application_id),
        ("system", "claim.expire", item.application_id),
        ("anna", "claim.take", item.application_id),
    ]


def test_status_and_list_mask_documents_and_band_by_moscow_date(app, clock, people):
    today = date(2026, 11, 27)  # the clock's Moscow date
    with app.uow() as s:
        ids = add_applications(s, 1, start=0, sla_deadline=today - timedelta(days=1))
        ids += add_applications(s, 1, start=1, sla_deadline=today)
        ids += add_applications(s, 1, start=2, sla_deadline=today + timedelta(days=3), kind="child_access")
        ids += add_applications(s, 1, start=3, sla_deadline=today - timedelta(days=5), status="decided")
        s.execute(insert(Applicant), [applicant_row(a, 573482 + i) for i, a in enumerate(ids)])
    st = queue_service.status(app, SYSTEM)
    assert st.today == "2026-11-27"
    assert st.by_status() == {"pending": 3, "decided": 1}
    assert st.by_band() == {"overdue": 1, "due_today": 1, "later": 1}
    assert st.by_kind() == {"own_access": 2, "child_access": 1}
    rows = queue_service.list_queue(app, SYSTEM, overdue=True)
    assert [r.application_id for r in rows] == [ids[0]]
    assert rows[0].passport == "45** ****82" and "573482" not in repr(rows[0])
    assert rows[0].applicant == "Иванова М. П." and rows[0].sla_band == "overdue"
    assert [r.application_id for r in queue_service.list_queue(app, SYSTEM, kind="child_access")] == [ids[2]]
    assert len(queue_service.list_queue(app, SYSTEM, limit=2)) == 2
