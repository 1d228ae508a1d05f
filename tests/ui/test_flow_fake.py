"""The desk loop against the in-memory fake: login, next, decide, next shown; prefetch; errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reviewer_app.domain.enums import DecisionOutcome
from reviewer_app.domain.views import DecisionRequest
from reviewer_app.ui.decision import as_sentence
from tests.ui.conftest import login
from tests.ui.fakes import FakeDesk


def test_login_next_approve_shows_next(qtbot, make_window, fake_desk: FakeDesk):
    w = make_window(fake_desk)
    login(qtbot, w)
    qtbot.waitUntil(lambda: w.queue_page.model.rowCount() == 5, timeout=3000)
    with qtbot.waitSignal(w.application_shown, timeout=5000) as shown:
        w.actions_by_id["next"].trigger()
    first = shown.args[0]
    assert first == "EMK-2026-000001"
    assert w.review_page.images.selfie.has_image and w.review_page.images.scan.has_image
    assert w.review_page.checks_model.rowCount() == 3
    qtbot.waitUntil(lambda: w.prefetched is not None, timeout=5000)
    with qtbot.waitSignal(w.decision_made, timeout=3000) as made:
        w.actions_by_id["approve"].trigger()
    assert made.args == [first, "approve"]
    assert w.current is not None and w.current.id == "EMK-2026-000002"
    assert fake_desk.decisions[0][1].outcome == DecisionOutcome.APPROVE
    # Every opening and every image was audited by the service.
    actions = [a for _, a, t in fake_desk.audit if t.startswith(first)]
    assert actions.count("application.open") == 1 and actions.count("image.open") == 2


def test_wrong_code_and_locked_account_messages(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    page = w.login_page
    page.name.setText("anna")
    page.password.setText("pw")
    page.code.setText("000000")
    page.button.click()
    qtbot.waitUntil(lambda: page.button.isEnabled(), timeout=3000)
    assert "code" in page.message.text().lower() or "код" in page.message.text().lower()
    assert w.actor is None
    page.name.setText("locked")
    page.code.setText("123456")
    page.button.click()
    qtbot.waitUntil(lambda: page.button.isEnabled(), timeout=3000)
    assert "lock" in page.message.text().lower() or "заблок" in page.message.text().lower()


def test_reject_with_reason(qtbot, make_window, fake_desk):
    asked = []

    def ask(view, outcome, reasons):
        asked.append((outcome, [r.code for r in reasons]))
        return DecisionRequest(view.id, view.version, outcome, reason_code="photo_unclear",
                               comment_internal="selfie out of focus")

    w = make_window(fake_desk, ask=ask)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.next_application()
    with qtbot.waitSignal(w.decision_made, timeout=3000) as made:
        w.actions_by_id["reject"].trigger()
    assert made.args[1] == "reject"
    assert asked[0][0] == "reject" and "photo_unclear" in asked[0][1]
    req = fake_desk.decisions[0][1]
    assert req.reason_code == "photo_unclear" and req.comment_internal == "selfie out of focus"


def test_approving_a_mismatch_asks_for_a_comment_and_warns_of_second_review(qtbot, make_window, fake_desk):
    asked = []

    def ask(view, outcome, reasons):
        asked.append((view.id, view.band, outcome))
        return DecisionRequest(view.id, view.version, outcome, comment_internal="same person, older photo")

    fake_desk.rows["EMK-2026-000001"].band = "mismatch"
    w = make_window(fake_desk, ask=ask)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.next_application()
    assert w.current.view.band == "mismatch"
    with qtbot.waitSignal(w.decision_made, timeout=3000):
        w.actions_by_id["approve"].trigger()
    assert asked == [("EMK-2026-000001", "mismatch", "approve")]
    assert fake_desk.decisions[0][1].comment_internal == "same person, older photo"
    assert "second review" in w.statusBar().currentMessage() or "втор" in w.statusBar().currentMessage()


def test_decision_dialog_requires_comment_on_override(qtbot, fake_desk):
    from reviewer_app.domain.decision_plan import PersonFacts
    from reviewer_app.domain.enums import ApplicationStatus
    from reviewer_app.domain.screen_plan import facts_of
    from reviewer_app.domain.views import ApplicationView, CheckView
    from reviewer_app.ui.decision import DecisionDialog, dialog_needed

    view = ApplicationView(id="X", kind="own_access", status=ApplicationStatus.IN_REVIEW, version=3,
                           submitted_at=fake_desk.clock_now, sla_deadline=fake_desk.clock_now.date(),
                           applicant_name="И", checks=(CheckView("oms", "fail", "ОМС неверен", "OMS bad"),))
    person = PersonFacts("Иванова", "Мария", None, date(1990, 5, 17), "+79161234567")
    view = replace(view, decision_facts=replace(facts_of(view), applicant=person))
    assert dialog_needed(view, "approve")
    assert dialog_needed(view, "in_person")  # no check calls for a visit: M asks first (issue 22)
    visit = replace(view, checks=(*view.checks, CheckView("kinship", "in_person", "МФЦ", "MFC")), decision_facts=None)
    visit = replace(visit, decision_facts=replace(facts_of(visit), applicant=person))
    assert not dialog_needed(visit, "in_person")
    d = DecisionDialog(view, "approve", fake_desk.reject_reasons(), "en")
    qtbot.addWidget(d)
    assert "OMS bad" in d.warning.text()
    d.ok_button.click()
    assert d.result() == 0 and d.error.text()  # refused without a comment
    d.comment_internal.setPlainText("checked the policy by phone")
    d.ok_button.click()
    assert d.result() == 1
    assert d.request().comment_internal == "checked the policy by phone" and d.request().expected_version == 3
    r = DecisionDialog(view, "reject", fake_desk.reject_reasons(), "en")
    qtbot.addWidget(r)
    assert r.reason.currentData() == "data_mismatch"  # the one failed check points to one reason
    r.reason.setCurrentIndex(2)  # index 0 is "choose a reason"
    assert r.applicant_text.text() == as_sentence(fake_desk.reject_reasons()[1].applicant_text_en)
    r.ok_button.click()
    assert r.request().reason_code == fake_desk.reject_reasons()[1].code


def test_unreachable_database_message(qtbot, make_window, fake_desk, caplog):
    from reviewer_app.domain.errors import DatabaseError

    def down(name, password, code):
        raise DatabaseError("connection refused")

    fake_desk.login = down  # type: ignore[method-assign]
    w = make_window(fake_desk)
    page = w.login_page
    page.name.setText("anna")
    page.password.setText("pw")
    page.code.setText("123456")
    page.button.click()
    qtbot.waitUntil(lambda: page.button.isEnabled(), timeout=3000)
    assert "database" in page.message.text().lower() or "баз" in page.message.text().lower()
    # The driver's own words are for the administrator: in the log, not on the login page.
    assert "connection refused" not in page.message.text()
    assert "connection refused" in caplog.text


def test_lease_countdown_warns_and_renews_while_working(qtbot, make_window, fake_desk):
    """The renewal rhythm runs on the injected clock (never the machine's uptime or wall clock)."""
    from datetime import timedelta

    t = [5.0]  # a fresh machine: monotonic seconds since boot are few
    w = make_window(fake_desk, clock=lambda: t[0])
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.next_application()
    w._update_lease()
    assert "10:00" in w.review_page.lease.text() or "9:5" in w.review_page.lease.text()
    fake_desk.clock_now += timedelta(seconds=550)  # 50 s left
    w._update_lease()
    assert "0:50" in w.review_page.lease.text() and "ef6c00" in w.review_page.lease.styleSheet()
    t[0] += 400  # the reviewer was idle for 400 s (more than half the lease): no renewal
    w._on_tick()
    assert w.session.last_renew == 5.0
    w.session.touch()  # working again: the tick renews
    t[0] += 1
    w._on_tick()
    assert w.session.last_renew == t[0]
    qtbot.waitUntil(lambda: "10:00" in w.review_page.lease.text(), timeout=3000)


def test_expired_prefetch_is_not_shown(qtbot, make_window, fake_desk):
    from datetime import timedelta

    w = make_window(fake_desk)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.next_application()
    qtbot.waitUntil(lambda: w.prefetched is not None, timeout=5000)
    stale = w.prefetched.id
    fake_desk.clock_now += timedelta(seconds=fake_desk.lease_seconds + 1)
    fake_desk.release(w.actor, stale)  # the queue took it back when the lease ran out
    w.release_current()
    with qtbot.waitSignal(w.application_shown, timeout=5000) as shown:
        w.next_application()
    assert w.current is not None and shown.args[0] == w.current.id
    assert w.runner.last_error is None


def test_layout_is_remembered(qtbot, make_window, fake_desk, qsettings):
    w = make_window(fake_desk)
    w.review_page.main.setSizes([300, 700])
    w.review_page.right.setSizes([100, 400, 300])
    w.save_layout()
    w.close()  # closing saves too
    assert not qsettings.value("geometry").isEmpty()
    w2 = make_window(FakeDesk())
    # The offscreen screen is small, so compare the splitters (geometry is clamped to the screen).
    assert w2.review_page.main.saveState() == qsettings.value("review_main_splitter")
    assert w2.review_page.right.saveState() == qsettings.value("review_right_panes")


def test_face_boxes_drawn_once_per_face(qtbot, make_window, fake_desk):
    """Each face gets one box and one caption tag on its image (show_prescore draws them, set_image does not)."""
    w = make_window(fake_desk)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.actions_by_id["next"].trigger()
    images = w.review_page.images

    def children(view) -> int:
        return len(view._item.childItems()) if view._item is not None else -1

    # two selfie faces and one scan face, each a box plus a caption tag
    qtbot.waitUntil(lambda: (children(images.selfie), children(images.scan)) == (4, 2), timeout=5000)
    w.review_page.show_prescore(w.review_page.loaded)  # a redraw replaces, never adds
    assert (children(images.selfie), children(images.scan)) == (4, 2)


def test_each_new_case_starts_with_every_panel_reset(qtbot, make_window):
    """Scroll, selection and zoom of the previous case never carry over (a failed check could hide)."""
    desk = FakeDesk()
    w = make_window(desk)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.next_application()
    page = w.review_page
    page.resize(1366, 300)  # small tables: something to scroll
    for view in (page.checks_view, page.fields_view):
        view.selectRow(view.model().rowCount() - 1)
        view.scrollToBottom()
    page.images.zoom(2.0)
    zoomed = page.images.selfie.scale_factor
    qtbot.waitUntil(lambda: w.prefetched is not None, timeout=5000)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.actions_by_id["approve"].trigger()
    for view in (page.checks_view, page.fields_view, page.history_view):
        assert not view.selectionModel().hasSelection() and not view.currentIndex().isValid()
        assert view.verticalScrollBar().value() == 0
    assert page.images.selfie.scale_factor != zoomed


def test_the_checks_line_says_what_failed_beside_the_band(qtbot, make_window):
    from reviewer_app.ui import app as ui_app

    ui_app.install_translations("en")  # the English plural forms
    desk = FakeDesk()
    desk.rows["EMK-2026-000001"].failed_check = True
    desk.rows["EMK-2026-000001"].manual_check = True
    w = make_window(desk)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.next_application()
    line = w.review_page.prescore.checks_line.text()
    assert line.startswith("1 check failed") and "1 to check by hand" in line
    assert "1 field differs from the document" in line
    # failed and by-hand rows come first in the table
    statuses = [w.review_page.checks_model.row(i).status for i in range(w.review_page.checks_model.rowCount())]
    assert statuses[:2] == ["fail", "manual"]
