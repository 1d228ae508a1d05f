"""The UI never freezes: slow service calls run off the UI thread while a timer keeps firing."""

from __future__ import annotations

import itertools
import time

from PySide6.QtCore import QTimer

from tests.ui.conftest import login
from tests.ui.fakes import FakeDesk


def test_event_loop_keeps_running_during_slow_prescore(qtbot, make_window):
    desk = FakeDesk(prescore_delay=1.5, open_delay=0.3)
    w = make_window(desk)
    login(qtbot, w)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    w.next_application()
    assert time.perf_counter() - started < 0.1  # the call returned at once: the work is in the background
    # The application (images, checks) appears before the slow pre-score is done, which shows "scoring".
    qtbot.waitUntil(lambda: w.current is not None, timeout=3000)
    assert not w.current.prescore_ready
    assert w.busy_bar.isVisible()
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        pass
    timer.stop()
    assert w.current.prescore is not None
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 40, len(ticks)  # ~1.8 s of 20 ms ticks, minus scheduling slack
    assert max(gaps) < 0.25, max(gaps)  # never blocked for long


def test_errors_become_messages_not_tracebacks(qtbot, make_window, caplog):
    desk = FakeDesk()

    def broken(actor, application_id):
        raise RuntimeError("disk on fire")

    desk.open_application = broken  # type: ignore[method-assign]
    w = make_window(desk)
    login(qtbot, w)
    w.next_application()
    qtbot.waitUntil(lambda: w.runner.last_error is not None, timeout=3000)
    assert w.runner.last_error.startswith("Unexpected error. The details are in the log")
    assert "disk on fire" not in w.runner.last_error and "disk on fire" in caplog.text
    assert w.current is None and not w.loading
