"""The desk asks the domain's decision plan: why Approve is not offered, the MFC confirmation, the reason of the
first failed check preselected, the phone change and no-SMS shown before saving, a check changed since intake."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reviewer_app.domain.decision_plan import PersonFacts
from reviewer_app.domain.screen_plan import facts_of
from reviewer_app.domain.views import CheckView
from reviewer_app.ui.decision import DecisionBar, DecisionDialog, MfcConfirmationDialog, dialog_needed
from reviewer_app.ui.models import ChecksModel
from tests.ui.conftest import login
from tests.ui.fakes import FakeDesk


def _view(desk: FakeDesk, app_id: str):
    return desk._view(app_id, desk.rows[app_id])


def test_in_person_kinship_disables_approve_and_says_why(qtbot) -> None:
    desk = FakeDesk(kinship_status="in_person")
    view = _view(desk, "EMK-2026-000002")  # a child_access application
    bar = DecisionBar()
    qtbot.addWidget(bar)
    bar.show_routes(view, "en")
    bar.set_enabled(True, False)
    assert not bar.buttons["approve"].isEnabled() and not bar.buttons["escalate"].isEnabled()
    assert bar.buttons["reject"].isEnabled() and bar.buttons["in_person"].isEnabled()
    assert bar.buttons["return"].isEnabled()
    assert not bar.route_note.isHidden() and "MFC" in bar.route_note.text()
    assert "MFC" in bar.buttons["approve"].toolTip()
    assert not bar.mfc_button.isHidden()
    # The same application with the kinship confirmed by the registry: everything is offered again.
    ok = _view(FakeDesk(), "EMK-2026-000002")
    bar.show_routes(ok, "en")
    assert bar.buttons["approve"].isEnabled() and bar.route_note.isHidden() and bar.mfc_button.isHidden()


def test_approve_key_on_a_blocked_application_opens_a_dialog_that_cannot_save(qtbot) -> None:
    view = _view(FakeDesk(kinship_status="in_person"), "EMK-2026-000002")
    assert dialog_needed(view, "approve") and not dialog_needed(view, "in_person")
    d = DecisionDialog(view, "approve", FakeDesk().reject_reasons(), "ru")
    qtbot.addWidget(d)
    assert not d.ok_button.isEnabled() and "МФЦ" in d.warning.text()


def test_the_service_refuses_what_the_screen_might_offer(qtbot) -> None:
    from reviewer_app.domain.actor import Actor
    from reviewer_app.domain.enums import StaffRole
    from reviewer_app.domain.errors import ReviewerError
    from reviewer_app.domain.views import DecisionRequest

    desk = FakeDesk(kinship_status="in_person")
    actor = Actor(1, "anna", StaffRole.REVIEWER)
    desk.claim(actor, "EMK-2026-000002")
    version = desk.rows["EMK-2026-000002"].version
    try:
        desk.decide(actor, DecisionRequest("EMK-2026-000002", version, "approve", comment_internal="sure"))
        raise AssertionError("approval was not refused")
    except ReviewerError as exc:
        assert "MFC" in str(exc)
    assert desk.decisions == []


def _with_checks(view, *checks):
    view = replace(view, checks=checks, decision_facts=None)
    return replace(view, decision_facts=replace(facts_of(view), applicant=PersonFacts(
        "Иванова", "Мария", None, date(1990, 5, 17), "+79161234567")))


def test_reject_preselects_a_reason_only_when_the_failed_checks_point_to_one(qtbot) -> None:
    desk = FakeDesk()
    base = _view(desk, "EMK-2026-000003")  # its OMS check failed (details without a policy type)
    phone = CheckView("phone", "fail", "Телефон не мобильный", "Not a mobile")
    one = _with_checks(base, phone, *(c for c in base.checks if not c.failed))
    d = DecisionDialog(one, "reject", desk.reject_reasons(), "en")
    qtbot.addWidget(d)
    assert d.reason.currentData() == "phone_not_mobile"
    assert "mobile number" in d.applicant_text.text()
    # Two failed checks, two reasons: nothing is chosen, and Ctrl+Enter without a choice is refused.
    two = _with_checks(base, phone, *base.checks)
    d2 = DecisionDialog(two, "reject", desk.reject_reasons(), "en")
    qtbot.addWidget(d2)
    assert d2.reason.currentData() is None and d2.applicant_text.text() == ""
    d2._accept()
    assert d2.result() == 0 and "Choose a reason." in d2.error.text()
    # Nothing failed: nothing chosen either (it used to be the first of the list, "photo unclear").
    clean = _with_checks(base, *(c for c in base.checks if not c.failed))
    d3 = DecisionDialog(clean, "reject", desk.reject_reasons(), "en")
    qtbot.addWidget(d3)
    assert d3.reason.currentData() is None


def test_m_asks_first_when_no_check_calls_for_a_visit(qtbot) -> None:
    visit = _view(FakeDesk(kinship_status="in_person"), "EMK-2026-000002")
    assert not dialog_needed(visit, "in_person")  # the kinship check calls for the MFC: M goes straight through
    clean = _view(FakeDesk(), "EMK-2026-000001")
    assert dialog_needed(clean, "in_person")
    d = DecisionDialog(clean, "in_person", FakeDesk().reject_reasons(), "en")
    qtbot.addWidget(d)
    assert "No check calls for a visit" in d.warning.text() and d.ok_button.isEnabled()


def test_a_phone_change_is_shown_before_the_approval_is_saved(qtbot) -> None:
    desk = FakeDesk(login_phone="+79035550011")
    view = _view(desk, "EMK-2026-000001")
    assert dialog_needed(view, "approve")
    d = DecisionDialog(view, "approve", desk.reject_reasons(), "en")
    qtbot.addWidget(d)
    assert "from +7 903 ***-**-11 to +7 916 ***-**-67" in d.warning.text() and d.ok_button.isEnabled()
    assert not d.comment_required
    d.ok_button.click()
    assert d.result() == 1


def test_no_sms_to_a_landline_is_shown(qtbot) -> None:
    desk = FakeDesk()
    view = _view(desk, "EMK-2026-000001")
    landline = replace(view.decision_facts.applicant, phone="+74951234567", phone_sms=False)
    view = replace(view, decision_facts=replace(view.decision_facts, applicant=landline))
    d = DecisionDialog(view, "return", desk.reject_reasons(), "en")
    qtbot.addWidget(d)
    assert "No SMS to the applicant" in d.warning.text()


def test_a_check_changed_since_intake_is_marked(qtbot) -> None:
    model = ChecksModel(None, "en")
    model.set_checks([CheckView("passport_validity", "fail", "Паспорт недействителен", "Passport expired", {},
                                intake_status="pass")])
    text = model.data(model.index(0, ChecksModel.COL_MESSAGE))
    assert text.startswith("Passport expired") and "changed since intake" in text
    model.set_checks([CheckView("passport_validity", "fail", "Паспорт недействителен", "Passport expired")])
    assert "changed since intake" not in model.data(model.index(0, ChecksModel.COL_MESSAGE))


def test_mfc_confirmation_from_the_desk(qtbot, make_window, monkeypatch) -> None:
    desk = FakeDesk(kinship_status="in_person")
    w = make_window(desk)
    login(qtbot, w)
    qtbot.waitUntil(lambda: w.queue_page.model.rowCount() == 5, timeout=3000)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.open_application("EMK-2026-000002")
    assert not w.review_page.decision_bar.buttons["approve"].isEnabled()

    def fake_exec(dialog):
        dialog.confirmed_by.setText("Петрова А. А.")
        dialog.mfc_office.setText("МФЦ района Арбат")
        dialog.document_ref.setText("МФЦ-2026/123")
        return MfcConfirmationDialog.DialogCode.Accepted

    monkeypatch.setattr(MfcConfirmationDialog, "exec", fake_exec)
    desk.kinship_status = "pass"  # what the desk reads back once the confirmation is recorded
    w.review_page.decision_bar.mfc_button.click()
    qtbot.waitUntil(lambda: len(desk.mfc_confirmations) == 1, timeout=3000)
    app_id, who, office, on, ref = desk.mfc_confirmations[0]
    assert (app_id, who, office, ref) == ("EMK-2026-000002", "Петрова А. А.", "МФЦ района Арбат", "МФЦ-2026/123")
    assert on == desk.clock_now.date()
    qtbot.waitUntil(lambda: w.review_page.decision_bar.buttons["approve"].isEnabled(), timeout=3000)
