"""The smaller things a new user tripped over (issue 24): P with a prefetched case, Enter on a queue row, the
administrator's keys, a refused MFC confirmation, the facts of a check, a collapsed splitter, the decision dialog."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.ui.main_window import MainWindow
from tests.ui.conftest import login
from tests.ui.fakes import FakeDesk


def _shown(qtbot, w) -> None:
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.next_application()
    qtbot.waitUntil(lambda: w.prefetched is not None, timeout=5000)


def test_put_back_returns_to_the_queue_and_gives_back_the_prefetched_one(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    login(qtbot, w)
    _shown(qtbot, w)
    shown, prefetched = w.current.id, w.prefetched.id
    w.release_current()
    qtbot.waitUntil(lambda: {shown, prefetched} <= set(fake_desk.released), timeout=3000)
    assert w.tabs.currentWidget() is w.queue_page
    assert w.prefetched is None and fake_desk.rows[prefetched].holder is None
    # nothing is being compared: the empty review page does not say "Scoring…"
    assert w.review_page.prescore.band.text() == ""


def test_enter_on_a_queue_row_opens_it(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    login(qtbot, w, name="boss")  # a supervisor may open a chosen application
    w.ask_open_reason = lambda _id: "проверка жалобы"
    qtbot.waitUntil(lambda: w.queue_page.model.rowCount() == 5, timeout=3000)
    w.tabs.setCurrentWidget(w.queue_page)
    table = w.queue_page.table
    table.setFocus()
    table.selectRow(2)
    wanted = w.queue_page.model.row(2).id
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert w.current.id == wanted and w.tabs.currentWidget() is w.review_page


def test_an_administrator_is_not_offered_the_review_keys(qtbot, make_window, fake_desk):
    admin = Actor(staff_id=9, name="root", role=StaffRole.ADMIN)
    fake_desk.login = lambda *_args: admin  # type: ignore[method-assign]
    w = make_window(fake_desk)
    login(qtbot, w, name="root")
    assert not w.reviews
    for key in ("next", "acknowledge", "queue", "undo", "release", "approve"):
        assert not w.actions_by_id[key].isEnabled(), key
    assert not w.apps_menu.menuAction().isVisible()  # no MFC confirmations either
    w.actions_by_id["help"].trigger()  # ? / F1
    listed = [w.help.grid.itemAtPosition(r, 1).widget().text() for r in range(w.help.grid.rowCount())
              if w.help.grid.itemAtPosition(r, 1) is not None]
    assert listed == ["This help", "Log out"]
    w.help.hide()
    # the reviewer keeps them
    reviewer = make_window(FakeDesk())
    login(qtbot, reviewer)
    assert reviewer.reviews and reviewer.actions_by_id["next"].isEnabled()


def test_a_refused_mfc_confirmation_keeps_the_typing_and_says_why(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    login(qtbot, w)
    typed = {"confirmed_by": "Петрова А. А.", "mfc_office": "МФЦ Арбат", "document_ref": "МФЦ-2026/1"}
    asked: list[tuple] = []

    def ask(on_screen, filled, error):
        asked.append((on_screen, filled, error))
        if len(asked) == 1:  # the number of an own-record application, typed by mistake
            return "EMK-2026-000001", {**typed, "confirmed_on": fake_desk.clock_now.date()}
        return None

    w.ask_mfc = ask
    w.record_mfc_confirmation(any_application=True)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=3000)
    _on_screen, filled, error = asked[1]
    assert filled["application_id"] == "EMK-2026-000001"
    assert {k: filled[k] for k in typed} == typed
    assert "child's record" in error and "administrator" not in error
    assert fake_desk.mfc_confirmations == []


def test_an_mfc_confirmation_on_an_own_record_on_screen_is_refused_before_typing(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.next_application()
    assert w.current is not None and w.current.view.kind == "own_access"
    w.ask_mfc = lambda *_a: (_ for _ in ()).throw(AssertionError("the dialog was opened"))
    w.record_mfc_confirmation()
    assert "child's record" in w.statusBar().currentMessage()


def test_the_facts_of_a_check_are_readable_under_the_table(qtbot, make_window, fake_desk):
    fake_desk.rows["EMK-2026-000001"].failed_check = True
    w = make_window(fake_desk)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.next_application()
    page = w.review_page
    first = page.checks_model.row(0)
    assert first.status == "fail"  # failures first: its facts are shown without a click
    assert page.check_facts.isVisible() and "7700" in page.check_facts.text()
    page.checks_view.selectRow(page.checks_model.rowCount() - 1)
    last = page.checks_model.row(page.checks_model.rowCount() - 1)
    assert page.check_facts.isVisible() == bool(last.details)


def test_a_collapsed_pane_does_not_come_back_collapsed(qtbot, make_window, fake_desk, qsettings):
    w = make_window(fake_desk)
    w.review_page.right.setChildrenCollapsible(True)  # as a state saved before panes could not collapse
    w.review_page.right.setSizes([200, 0, 300])
    qsettings.setValue("review_right_panes", w.review_page.right.saveState())
    qsettings.sync()
    assert isinstance(qsettings.value("review_right_panes"), QByteArray)
    w2 = MainWindow(FakeDesk(), settings=QSettings(qsettings.fileName(), QSettings.Format.IniFormat),
                    settle_seconds=0, undo_seconds=0)
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitExposed(w2)
    assert not w2.review_page.right.childrenCollapsible()
    w2.stack.setCurrentWidget(w2.tabs)  # as after a login
    w2.tabs.setCurrentWidget(w2.review_page)
    qtbot.waitUntil(lambda: w2.review_page.isVisible(), timeout=3000)
    assert all(size > 0 for size in w2.review_page.right.sizes()), w2.review_page.right.sizes()


def test_the_decision_dialog_is_gone_before_the_decision_goes_on(qtbot, make_window, fake_desk, monkeypatch):
    from reviewer_app.ui.decision import DecisionDialog

    fake_desk.rows["EMK-2026-000001"].failed_check = True  # approving it needs the dialog (a comment)
    w = make_window(fake_desk)
    w.ask = w._ask_dialog
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.next_application()
    seen: list[bool] = []

    def exec_(dialog):
        dialog.comment_internal.setPlainText("Проверил по оригиналу паспорта.")
        return DecisionDialog.DialogCode.Accepted

    monkeypatch.setattr(DecisionDialog, "exec", exec_)
    decide = w.session.decide
    monkeypatch.setattr(w.session, "decide", lambda request: (seen.append(True), decide(request))[1])
    w.choose_outcome("approve")
    assert seen == []  # not yet: the event loop runs first (the closed dialog is repainted away)
    qtbot.waitUntil(lambda: seen == [True], timeout=3000)


def test_the_prefetched_one_is_marked_as_next_in_the_own_queue(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    login(qtbot, w)
    _shown(qtbot, w)
    w.refresh_queue()
    w.on_session_changed()  # what the session reports on its next tick
    model = w.queue_page.model
    states = {model.row(r).id: model.data(model.index(r, model.COL_STATE)) for r in range(model.rowCount())}
    assert states[w.prefetched.id] == "next for you (not opened yet)"


def test_the_facts_line_goes_on_in_lower_case_after_the_colon_in_russian(qtbot):
    from reviewer_app.domain.views import CheckView
    from reviewer_app.ui.app import install_translations
    from reviewer_app.ui.review_page import ReviewPage

    install_translations("ru")
    try:
        page = ReviewPage("ru")
        qtbot.addWidget(page)
        page.checks_model.set_checks([CheckView("applicant_age", "pass", "Заявителю 51 год", "Applicant is 51",
                                                {"birth_date": "1975-07-18", "age": 51})])
        page.show_check_facts(0)
        _label, facts = page.check_facts.text().split(": ", 1)
        assert facts and not (facts[0].isupper() and facts[1].islower()), page.check_facts.text()
    finally:
        install_translations("en")
