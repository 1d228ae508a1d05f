"""The full desk loop on a real database through DbDeskService: login → Next → Approve → the next one shown."""

from __future__ import annotations

from datetime import UTC, datetime

import pyotp
import pytest
from sqlalchemy import func, select

from reviewer_app.db.models import AuditEvent, Decision
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.views import DecisionRequest
from reviewer_app.services import intake, staff
from reviewer_app.services.desk_service import DbDeskService
from tests.ui.conftest import login
from tests.ui.packs import FakeMatcher, write_pack


@pytest.fixture
def desk_db(app, tmp_path):
    admin = staff.add_staff(app, None, name="root", role="admin", password="Admin-pass-123")
    admin_actor = Actor(staff_id=admin.staff_id, name="root", role=StaffRole.ADMIN)
    anna = staff.add_staff(app, admin_actor, name="anna", role="reviewer", password="Reviewer-pass-123")
    for n in range(1, 4):
        outcome = intake.import_pack(app, write_pack(tmp_path / "packs", n,
                                                     submitted_at=f"2026-11-2{n}T10:15:00+03:00"))
        assert outcome.status == "imported", outcome
    matcher = FakeMatcher()
    return DbDeskService(app, matcher_factory=lambda: matcher), anna, matcher


def _code(enrollment) -> str:
    return pyotp.TOTP(enrollment.secret).now()


def test_login_next_approve_next_on_real_db(qtbot, make_window, desk_db, app, clock):
    desk, anna, matcher = desk_db
    # staff.login checks the TOTP code against the app clock: keep the clock on real time for the code.
    clock.current = datetime.now(UTC)
    w = make_window(desk)
    login(qtbot, w, "anna", "Reviewer-pass-123", _code(anna))
    qtbot.waitUntil(lambda: w.queue_page.model.rowCount() == 3, timeout=5000)
    with qtbot.waitSignal(w.application_shown, timeout=10000) as shown:
        w.actions_by_id["next"].trigger()
    first = shown.args[0]
    assert first == "EMK-2026-000001"  # the most urgent (oldest) first
    page = w.review_page
    assert page.images.selfie.has_image and page.images.scan.has_image
    assert page.checks_model.rowCount() > 0
    assert set(w.current.crops) == {"live", "document", "scan"}
    qtbot.waitUntil(lambda: w.prefetched is not None, timeout=10000)
    assert w.prefetched.id == "EMK-2026-000002" and w.prefetched.prescore is not None
    # The tiny packs carry no readable passport zone: document_data asks for a check by hand (K) first.
    assert any(c.id == "document_data" and c.status == "manual" for c in w.current.view.checks)
    w.actions_by_id["acknowledge"].trigger()
    with qtbot.waitSignal(w.decision_made, timeout=5000) as made:
        w.actions_by_id["approve"].trigger()
    assert made.args == [first, "approve"]
    assert w.current is not None and w.current.id == "EMK-2026-000002"  # shown at once from the prefetch
    w.runner.wait(5000)
    with app.sessions() as s:
        outcomes = s.execute(select(Decision.application_id, Decision.outcome)).all()
        opens = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "application.open", AuditEvent.target_id == first))
        images = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "image.open"))
    assert [tuple(o) for o in outcomes] == [(first, "approve")]
    assert opens == 1
    assert images >= 4  # two images of each of the two applications opened so far
    assert matcher.calls >= 2  # scored on demand: the one on screen, the prefetched ones


def test_reject_with_reason_on_real_db(qtbot, make_window, desk_db, app, clock):
    desk, anna, _ = desk_db
    clock.current = datetime.now(UTC)
    chosen = {}

    def ask(view, outcome, reasons):
        chosen["codes"] = [r.code for r in reasons]
        return DecisionRequest(view.id, view.version, outcome, reason_code="photo_unclear",
                               comment_internal="blurred")

    w = make_window(desk, ask=ask)
    login(qtbot, w, "anna", "Reviewer-pass-123", _code(anna))
    with qtbot.waitSignal(w.application_shown, timeout=10000):
        w.next_application()
    with qtbot.waitSignal(w.decision_made, timeout=5000) as made:
        w.actions_by_id["reject"].trigger()
    assert made.args[1] == "reject"
    assert "photo_unclear" in chosen["codes"]
    with app.sessions() as s:
        row = s.execute(select(Decision.outcome, Decision.reason_code, Decision.comment_internal)).one()
    assert tuple(row) == ("reject", "photo_unclear", "blurred")


def test_supervisor_gets_the_supervisor_tabs(qtbot, make_window, app, clock):
    clock.current = datetime.now(UTC)
    admin = staff.add_staff(app, None, name="root", role="admin", password="Admin-pass-123")
    root = Actor(staff_id=admin.staff_id, name="root", role=StaffRole.ADMIN)
    boss = staff.add_staff(app, root, name="boss", role="supervisor", password="Super-pass-123")
    w = make_window(DbDeskService(app), app_context=app)
    login(qtbot, w, "boss", "Super-pass-123", _code(boss))
    titles = [w.tabs.tabText(i) for i in range(w.tabs.count())]
    assert len(titles) > 2, titles  # queue, review, then the supervisor's own tabs
    w.logout()
    assert w.tabs.count() == 2 and w.actor is None


class _HeldMatcher(FakeMatcher):
    """A face comparison that runs only when the test lets it (so the test sees the desk while it runs)."""

    def __init__(self) -> None:
        import threading

        super().__init__()
        self.go = threading.Event()

    def prescore(self, *args, **kwargs):
        assert self.go.wait(10)
        return super().prescore(*args, **kwargs)


def test_a_check_not_yet_done_is_shown_and_approve_waits_for_the_comparison(qtbot, make_window, desk_db, app,
                                                                           clock):
    _desk, anna, _ = desk_db
    matcher = _HeldMatcher()
    desk = DbDeskService(app, matcher_factory=lambda: matcher)
    clock.current = datetime.now(UTC)
    w = make_window(desk)
    try:
        login(qtbot, w, "anna", "Reviewer-pass-123", _code(anna))
        qtbot.waitUntil(lambda: w.queue_page.model.rowCount() == 3, timeout=5000)
        page = w.review_page
        w.actions_by_id["next"].trigger()
        qtbot.waitUntil(lambda: w.current is not None and page.checks_model.rowCount() > 0, timeout=10000)
        first = w.current.id
        # the faces are being compared: the duplicate search is "not yet done", never a silent pass
        rows = {page.checks_model.row(r).id: page.checks_model.data(page.checks_model.index(r, 0))
                for r in range(page.checks_model.rowCount())}
        assert "not yet done" in rows["face_duplicate"]
        assert "1 check not yet done" in page.prescore.checks_line.text()
        assert "All checks passed" not in page.prescore.checks_line.text()
        w.actions_by_id["acknowledge"].trigger()  # document_data asks for a check by hand in these packs
        w.actions_by_id["approve"].trigger()
        assert "still being compared" in w.statusBar().currentMessage()
        w.runner.wait(200)
        with app.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Decision)) == 0  # Approve was not accepted
        with qtbot.waitSignal(w.application_shown, timeout=10000):  # the comparison arrives
            matcher.go.set()
        qtbot.waitUntil(lambda: all(page.checks_model.row(r).status != "not_run"
                                    for r in range(page.checks_model.rowCount())), timeout=5000)
        assert "not yet done" not in page.prescore.checks_line.text()
        w.actions_by_id["acknowledge"].trigger()
        with qtbot.waitSignal(w.decision_made, timeout=5000) as made:
            w.actions_by_id["approve"].trigger()
        assert made.args == [first, "approve"]
        w.runner.wait(5000)
        with app.sessions() as s:
            assert s.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.action == "application.open", AuditEvent.target_id == first)) == 1
    finally:
        matcher.go.set()
