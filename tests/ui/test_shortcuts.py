"""Keyboard: every action has keys, single keys can be switched off, keys are ignored while saving."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from reviewer_app.ui.shortcuts import NO_SINGLE_KEY, SHORTCUTS
from tests.ui.conftest import login
from tests.ui.fakes import FakeDesk


def _open_first(qtbot, w):
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_N)


def test_single_key_next_and_approve(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    _open_first(qtbot, w)
    assert w.current.id == "EMK-2026-000001"
    qtbot.waitUntil(lambda: w.prefetched is not None, timeout=5000)
    with qtbot.waitSignal(w.decision_made, timeout=3000) as made:
        qtbot.keyClick(w, Qt.Key.Key_A)
    assert made.args == ["EMK-2026-000001", "approve"]


def test_single_keys_off_keeps_ctrl_shift(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    w.set_single_keys(False)
    assert w.settings.value("single_key_shortcuts", type=bool) is False
    login(qtbot, w)
    w.tabs.setCurrentWidget(w.review_page)
    qtbot.keyClick(w, Qt.Key.Key_N)
    qtbot.wait(300)
    assert w.current is None and not w.loading  # a plain N does nothing now
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(w, Qt.Key.Key_A)
    qtbot.wait(300)
    assert fake_desk.decisions == []
    with qtbot.waitSignal(w.decision_made, timeout=3000):
        qtbot.keyClick(w, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_keys_ignored_while_saving(qtbot, make_window):
    desk = FakeDesk(decide_delay=0.5)
    w = make_window(desk)
    _open_first(qtbot, w)
    qtbot.waitUntil(lambda: w.prefetched is not None, timeout=5000)
    qtbot.keyClick(w, Qt.Key.Key_A)
    assert w.saving
    for key in (Qt.Key.Key_A, Qt.Key.Key_A, Qt.Key.Key_M, Qt.Key.Key_N):
        qtbot.keyClick(w, key)
    qtbot.waitUntil(lambda: not w.saving, timeout=5000)
    w.runner.wait(3000)
    # every attempt counts (a second attempt would be refused by the desk and hide the bug otherwise)
    assert desk.decide_calls == 1 and len(desk.decisions) == 1 and w.runner.last_error is None


def test_undo_key_takes_the_decision_back_within_ten_seconds(qtbot, make_window):
    desk = FakeDesk()
    t = [1.0]
    w = make_window(desk, undo_seconds=10, clock=lambda: t[0])
    _open_first(qtbot, w)
    qtbot.waitUntil(lambda: w.prefetched is not None, timeout=5000)
    first = w.current.id
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_A)
    assert w.current.id != first and w.undo_label.isVisible() and first in w.undo_label.text()
    t[0] += 9
    with qtbot.waitSignal(w.application_shown, timeout=5000) as shown:
        qtbot.keyClick(w, Qt.Key.Key_U)
    assert shown.args[0] == first and w.current.id == first and not w.undo_label.isVisible()
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_A)
    t[0] += 10.5
    with qtbot.waitSignal(w.decision_made, timeout=5000) as made:
        w._on_tick()  # the undo time is over: written now
    assert made.args[0] == first and [d[1].application_id for d in desk.decisions] == [first]
    qtbot.keyClick(w, Qt.Key.Key_U)
    assert w.current.id != first  # too late to undo


def test_approve_waits_for_the_check_by_hand_acknowledgement(qtbot, make_window):
    desk = FakeDesk()
    desk.rows["EMK-2026-000001"].manual_check = True
    w = make_window(desk)
    _open_first(qtbot, w)
    assert "K" in w.review_page.prescore.checks_line.text()
    qtbot.keyClick(w, Qt.Key.Key_A)
    qtbot.wait(200)
    assert desk.decide_calls == 0 and w.current.id == "EMK-2026-000001"
    qtbot.keyClick(w, Qt.Key.Key_K)
    assert "✓" in w.review_page.prescore.checks_line.text()
    with qtbot.waitSignal(w.decision_made, timeout=3000):
        qtbot.keyClick(w, Qt.Key.Key_A)
    assert desk.decisions[0][1].acknowledged_checks == ("photo",)


def test_every_action_has_both_kinds_of_keys_and_help_lists_them(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    for spec in SHORTCUTS:
        assert spec.modified and (spec.single or spec.id in NO_SINGLE_KEY), spec.id
        keys = [k.toString() for k in w.actions_by_id[spec.id].shortcuts()]
        assert QKeySequence(spec.modified[0]).toString() in keys
    w.actions_by_id["help"].trigger()
    assert w.help.isVisible()
    texts = [w.help.grid.itemAt(i).widget().text() for i in range(w.help.grid.count())]
    assert len(texts) == 2 * len(SHORTCUTS)
    qtbot.keyClick(w.help, Qt.Key.Key_Escape)
    assert not w.help.isVisible()
