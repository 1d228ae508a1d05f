"""The decision dialog by keyboard alone: Tab between fields, Ctrl+Enter saves, a missing input is said in the
dialog beside what was typed (nothing thrown away), and every dialog lists what failed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewer_app.domain.decision_plan import missing_inputs
from reviewer_app.domain.enums import ApplicationStatus
from reviewer_app.domain.reasons import REASONS
from reviewer_app.domain.views import ApplicationView, CheckView, DecisionRequest, FieldRow
from reviewer_app.ui.decision import DecisionDialog


def _view(fake_desk, checks=(), fields=()) -> ApplicationView:
    return ApplicationView(id="X", kind="own_access", status=ApplicationStatus.IN_REVIEW, version=3,
                           submitted_at=fake_desk.clock_now, sla_deadline=fake_desk.clock_now.date(),
                           applicant_name="И", checks=tuple(checks), fields=tuple(fields))


def test_tab_moves_between_fields_and_ctrl_enter_saves(qtbot, fake_desk):
    d = DecisionDialog(_view(fake_desk), "escalate", list(REASONS), "en")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.comment_internal.setFocus()
    qtbot.keyClicks(d.comment_internal, "ask the supervisor")
    qtbot.keyClick(d.comment_internal, Qt.Key.Key_Tab)
    assert "\t" not in d.comment_internal.toPlainText() and d.focusWidget() is not d.comment_internal
    d.comment_internal.setFocus()
    qtbot.keyClick(d.comment_internal, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.result() == DecisionDialog.DialogCode.Accepted
    assert d.request().comment_internal == "ask the supervisor"


def test_other_without_a_comment_is_said_in_the_dialog_and_keeps_the_text(qtbot, fake_desk):
    d = DecisionDialog(_view(fake_desk), "reject", list(REASONS), "en")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.reason.setCurrentIndex(d.reason.findData("other"))
    d.comment_internal.setPlainText("spoke to the MFC")
    assert d.focusWidget() is d.reason  # the reason first: Ctrl+Enter from the list works too
    qtbot.keyClick(d.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.isVisible() and d.result() == 0
    assert "other" in d.error.text() and "comment_applicant" not in d.error.text()  # words, not a field name
    assert d.focusWidget() is d.comment_applicant and d.comment_internal.toPlainText() == "spoke to the MFC"
    d.comment_applicant.setPlainText("Приложите разворот с пропиской")
    qtbot.keyClick(d.comment_applicant, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.result() == DecisionDialog.DialogCode.Accepted
    assert d.request().reason_code == "other" and d.request().comment_internal == "spoke to the MFC"


def test_the_same_rule_in_the_domain():
    assert missing_inputs("reject", "other", " ", None) == ["comment_applicant"]
    assert missing_inputs("reject", None, None, None) == ["reason_code"]
    assert missing_inputs("escalate", None, None, "") == ["comment_internal"]
    assert missing_inputs("approve", None, None, None, ["failed_check:oms"]) == ["comment_internal"]
    assert missing_inputs("in_person", None, None, None) == []


def test_every_dialog_lists_what_failed(qtbot, fake_desk):
    view = _view(fake_desk, checks=(CheckView("oms", "fail", "ОМС неверен", "OMS bad"),
                                     CheckView("photo", "manual", "Фото: проверьте", "Photo: check by eye"),
                                     CheckView("age", "pass", "Возраст", "Age ok")),
                 fields=(FieldRow("first_name", "Имя", "First name", "Мария", "Марья", mismatch=True),))
    d = DecisionDialog(view, "return", list(REASONS), "en")
    qtbot.addWidget(d)
    text = d.evidence.text()
    assert "OMS bad" in text and "Photo: check by eye" in text and "Марья" in text and "Age ok" not in text


def test_a_refused_request_comes_back_filled_in_with_the_reason(qtbot, fake_desk):
    refused = DecisionRequest("X", 3, "reject", reason_code="other", comment_applicant="a", comment_internal="b")
    d = DecisionDialog(_view(fake_desk), "reject", list(REASONS), "en", initial=refused,
                       error="the database cannot be reached")
    qtbot.addWidget(d)
    assert d.reason.currentData() == "other" and d.comment_applicant.toPlainText() == "a"
    assert d.comment_internal.toPlainText() == "b" and "database" in d.error.text()
