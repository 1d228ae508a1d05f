"""The window fits the smallest desk screen (1366x768): its minimum size, with the training banner, leaves
room for the window's title bar."""

from __future__ import annotations


def test_the_window_fits_1366x768(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    w.training_banner.setVisible(True)  # the tallest variant: a training database
    w.resize(1366, 740)
    w.show()
    qtbot.waitExposed(w)
    hint = w.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768 - 36, hint
