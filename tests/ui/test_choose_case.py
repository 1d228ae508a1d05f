"""Fair assignment on the desk (issue 22): reviewers take the next application; the queue offers opening a
chosen one only to a supervisor, who gives a reason that goes to the service (and its audit entry)."""

from __future__ import annotations

from tests.ui.conftest import login
from tests.ui.fakes import FakeDesk


def test_a_reviewer_is_not_offered_opening_by_id(qtbot, make_window) -> None:
    desk = FakeDesk()
    w = make_window(desk)
    login(qtbot, w, "anna")
    page = w.queue_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=3000)
    assert not page.open_button.isVisible()
    page.table.setCurrentIndex(page.model.index(2, 0))
    with qtbot.assertNotEmitted(page.open_requested):
        page._open()  # a double-click on someone's pending application
    assert "supervisor" in page.summary.text() and desk.claim_reasons == []


def test_a_supervisor_opens_a_chosen_application_with_a_reason(qtbot, make_window) -> None:
    desk = FakeDesk()
    w = make_window(desk)
    asked = []
    w.ask_open_reason = lambda app_id: asked.append(app_id) or None  # cancelled: nothing is claimed
    login(qtbot, w, "boss")
    page = w.queue_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=3000)
    assert page.open_button.isVisible()
    w.open_application("EMK-2026-000003")
    assert asked == ["EMK-2026-000003"] and desk.claim_reasons == []
    w.ask_open_reason = lambda app_id: "  the applicant complained  "
    w.open_application("EMK-2026-000003")
    qtbot.waitUntil(lambda: w.current is not None, timeout=3000)
    assert desk.claim_reasons == [("boss", "EMK-2026-000003", "the applicant complained")]
