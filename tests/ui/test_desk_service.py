"""DbDeskService on a real database (SQLite, and PostgreSQL when configured): the desk's read side and rules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from reviewer_app.db.models import AuditEvent, FacePrescore, Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import ConflictError, NotFound, PermissionDenied
from reviewer_app.domain.views import ROLE_SELFIE, QueueFilter
from reviewer_app.services import intake, staff
from reviewer_app.services.desk_service import DbDeskService
from tests.ui.packs import FakeMatcher, write_pack


@pytest.fixture
def setup(app, tmp_path, clock):
    clock.current = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    admin = staff.add_staff(app, None, name="root", role="admin", password="Admin-pass-123")
    root = Actor(staff_id=admin.staff_id, name="root", role=StaffRole.ADMIN)
    a = staff.add_staff(app, root, name="anna", role="reviewer", password="Reviewer-pass-123")
    b = staff.add_staff(app, root, name="boris", role="reviewer", password="Reviewer-pass-123")
    for n, day in ((1, "2026-11-16"), (2, "2026-11-25"), (3, "2026-11-26")):
        assert intake.import_pack(app, write_pack(tmp_path, n, submitted_at=f"{day}T10:00:00+03:00")).status \
            == "imported"
    matcher = FakeMatcher()
    anna = Actor(staff_id=a.staff_id, name="anna", role=StaffRole.REVIEWER)
    boris = Actor(staff_id=b.staff_id, name="boris", role=StaffRole.REVIEWER)
    return DbDeskService(app, matcher_factory=lambda: matcher), anna, boris, matcher


def test_queue_filters_and_claims(setup, app):
    desk, anna, boris, _ = setup
    items = desk.list_queue(anna)
    assert [i.id for i in items] == ["EMK-2026-000001", "EMK-2026-000002", "EMK-2026-000003"]
    today = datetime(2026, 11, 27).date()
    assert items[0].age_badge(today) == "red"
    assert all(i.applicant and "." in i.applicant for i in items)  # a short name (Фамилия И. О.) in every row
    due = desk.list_queue(anna, QueueFilter(due_soon=True))
    assert [i.id for i in due] == ["EMK-2026-000001"]
    assert desk.list_queue(anna, QueueFilter(kind="child_access")) == []
    with pytest.raises(PermissionDenied) as chosen:  # reviewers take the next one (issue 22)
        desk.claim(anna, "EMK-2026-000002")
    assert chosen.value.code == "choose_case"
    root = Actor(1, "root", StaffRole.ADMIN)
    olga, irina = (Actor(staff.add_staff(app, root, name=n, role="supervisor", password="Supervisor-pass-1")
                         .staff_id, n, StaffRole.SUPERVISOR) for n in ("olga", "irina"))
    desk.claim(olga, "EMK-2026-000002", reason="the applicant called")
    with pytest.raises(ConflictError) as taken:
        desk.claim(irina, "EMK-2026-000002", reason="me too")
    assert taken.value.code == "not_available"  # the interface words it by the code, in the user's language
    desk.release(olga, "EMK-2026-000002")
    assert desk.claim_next(anna) == "EMK-2026-000001"
    assert desk.claim_next(anna) == "EMK-2026-000002"
    # Anna still sees the one she holds; Boris no longer does.
    assert "EMK-2026-000002" in [i.id for i in desk.list_queue(anna)]
    assert "EMK-2026-000002" not in [i.id for i in desk.list_queue(boris)]
    assert desk.claim_next(boris) == "EMK-2026-000003"
    with pytest.raises(NotFound):
        desk.claim(anna, "EMK-2026-999999")


def test_open_image_prescore_are_audited_and_need_the_claim(setup, app):
    desk, anna, boris, matcher = setup
    app_id = desk.claim_next(anna)
    with pytest.raises(ConflictError) as not_his:
        desk.open_application(boris, app_id)
    assert not_his.value.code == "not_claimed"
    with pytest.raises(ConflictError):
        desk.load_image(boris, app_id, ROLE_SELFIE)
    view = desk.open_application(anna, app_id)
    assert view.id == app_id and view.checks and view.lease_expires_at is not None
    assert {f.key for f in view.fields} >= {"last_name", "birth_date", "passport", "oms"}
    assert view.document(ROLE_SELFIE) is not None and view.prescore is None
    data = desk.load_image(anna, app_id, ROLE_SELFIE)
    assert data[:2] == b"\xff\xd8"  # the JPEG as stored, decrypted
    first = desk.prescore(anna, app_id)
    again = desk.prescore(anna, app_id)
    assert first == again and first.band == "match" and matcher.calls == 1  # computed once, then stored
    with app.sessions() as s:
        actions = dict(s.execute(select(AuditEvent.action, func.count()).where(
            AuditEvent.actor == "anna").group_by(AuditEvent.action)).all())
        stored = s.scalar(select(func.count()).select_from(FacePrescore).where(FacePrescore.application_id == app_id))
    assert actions["application.open"] == 1 and actions["image.open"] == 1
    assert stored == 1
    assert desk.open_application(anna, app_id).prescore == first


def test_login_reads_the_training_mark_on_the_callers_thread(setup, app, clock):
    """The window builds its supervisor tabs from `is_training_db` on the UI thread right after login: the login
    (run on a worker) must leave it cached, so that read never queries the database."""
    import pyotp

    desk, _, _, _ = setup
    with app.sessions() as s:
        root_id = s.scalar(select(Staff.id).where(Staff.name == "root"))
    root = Actor(staff_id=root_id, name="root", role=StaffRole.ADMIN)
    enr = staff.add_staff(app, root, name="olga", role="supervisor", password="Supervisor-pass-123")
    app.__dict__.pop("is_training_db", None)  # as in a fresh process
    actor = desk.login("olga", "Supervisor-pass-123", pyotp.TOTP(enr.secret).at(int(clock.now().timestamp())))
    assert actor.role is StaffRole.SUPERVISOR
    assert app.__dict__["is_training_db"] is False
