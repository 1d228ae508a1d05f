"""Logging out leaves nothing of the last user on screen; "Log out" is not under the View menu."""

from __future__ import annotations

from tests.ui.conftest import login


def test_logout_clears_the_user_and_the_queue_even_for_a_refused_next_user(qtbot, make_window, fake_desk):
    w = make_window(fake_desk)
    login(qtbot, w)
    qtbot.waitUntil(lambda: w.queue_page.model.rowCount() == 5, timeout=3000)
    assert "anna" in w.user_label.text()
    w.logout()
    assert w.user_label.text() == ""
    assert w.queue_page.model.rowCount() == 0 and "0" in w.queue_page.summary.text()
    page = w.login_page
    page.name.setText("mallory")
    page.password.setText("wrong")
    page.code.setText("000000")
    page.button.click()
    qtbot.waitUntil(lambda: page.button.isEnabled(), timeout=3000)
    assert w.actor is None and w.queue_page.model.rowCount() == 0 and w.user_label.text() == ""


def test_log_out_is_in_the_desk_menu_not_the_view_menu(make_window, fake_desk):
    w = make_window(fake_desk)
    menus = {m.title().replace("&", ""): [a.text() for a in m.actions()]
             for m in (a.menu() for a in w.menuBar().actions()) if m is not None}
    assert "Log out" in menus["Desk"]
    assert "Log out" not in menus["View"]
    assert next(iter(menus)) == "Desk"
