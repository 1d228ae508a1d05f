"""A decision key pressed twice quickly decides one application. The first press decides the application on screen
and the next one appears at once; the second press lands on it before the reviewer has seen it: ignored, and the
status bar says so. A deliberate press once it has been up for the settle time decides it. The clock is injected."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import login
from tests.ui.fakes import FakeDesk

SETTLE = 0.5


def _plain_desk() -> FakeDesk:
    """Every application a plain approval (no dialog): nothing stops a second press but the rule under test."""
    desk = FakeDesk()
    for row in desk.rows.values():
        row.band, row.failed_check = "match", False
    return desk


def _window_with_two_up(qtbot, make_window, desk: FakeDesk, t: list[float], **kwargs):
    """Log in, open the first application and let the reviewer look at it (the next one is prefetched)."""
    w = make_window(desk, clock=lambda: t[0], settle_seconds=SETTLE, **kwargs)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: w.prefetched is not None, timeout=5000)
    t[0] += 5  # the reviewer looks at the first one
    return w


def _decided(desk: FakeDesk) -> list[tuple[str, str]]:
    return [(d[1].application_id, d[1].outcome) for d in desk.decisions]


def _approve_first(qtbot, w) -> tuple[str, str]:
    """Approve the application on screen; returns (its id, the id of the one that then appears)."""
    first = w.current.id
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_A)
    second = w.current.id
    assert second != first
    return first, second


def test_a_quick_double_press_decides_one_application(qtbot, make_window):
    desk, t = _plain_desk(), [1.0]
    w = _window_with_two_up(qtbot, make_window, desk, t, undo_seconds=10)
    first, second = _approve_first(qtbot, w)
    t[0] += 0.1  # the second half of the double press
    qtbot.keyClick(w, Qt.Key.Key_A)
    assert w.current.id == second and w.session.held.item.id == first  # the second one is still undecided
    message = w.statusBar().currentMessage()
    assert "ignored" in message and second in message
    t[0] += 10.5  # the undo time of the first is over: only the first is written
    with qtbot.waitSignal(w.decision_made, timeout=5000):
        w._on_tick()
    w.runner.wait(3000)
    assert _decided(desk) == [(first, "approve")] and w.current.id == second and w.session.held is None


def test_a_deliberate_press_after_the_next_one_is_shown_decides_it(qtbot, make_window):
    desk, t = _plain_desk(), [1.0]
    w = _window_with_two_up(qtbot, make_window, desk, t, undo_seconds=10)
    first, second = _approve_first(qtbot, w)
    t[0] += SETTLE  # up long enough to have been looked at
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_A)
    assert w.current.id not in (first, second) and w.session.held.item.id == second
    assert "ignored" not in w.statusBar().currentMessage()
    t[0] += 10.5
    with qtbot.waitSignal(w.decision_made, timeout=5000):
        w._on_tick()
    w.runner.wait(3000)
    assert _decided(desk) == [(first, "approve"), (second, "approve")]


def test_without_undo_a_press_as_the_next_one_appears_is_ignored(qtbot, make_window):
    """Undo off (training): the decision is saved, then the next one appears; a press right then is ignored."""
    desk, t = _plain_desk(), [1.0]
    w = _window_with_two_up(qtbot, make_window, desk, t)  # undo_seconds=0: written at once
    first, second = _approve_first(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_A)  # no time has passed on the clock since it appeared
    w.runner.wait(3000)
    assert desk.decide_calls == 1 and _decided(desk) == [(first, "approve")] and w.current.id == second
    assert "ignored" in w.statusBar().currentMessage()
    t[0] += SETTLE
    with qtbot.waitSignal(w.decision_made, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_A)
    assert _decided(desk) == [(first, "approve"), (second, "approve")]


def test_held_down_decision_keys_do_not_repeat(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    for key in ("approve", "reject", "in_person", "return", "escalate", "next", "undo"):
        assert not w.actions_by_id[key].autoRepeat(), key
    assert w.actions_by_id["zoom_in"].autoRepeat()
