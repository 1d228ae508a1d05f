from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from reviewer_app.ui.main_window import MainWindow
from tests.ui.fakes import FakeDesk


@pytest.fixture(autouse=True)
def english_interface(qapp):
    """Every UI test reads the interface as the app shows it in English: with the English plural forms
    (1 decision, 2 decisions) installed, whatever an earlier test installed."""
    from reviewer_app.ui.app import install_translations

    install_translations("en")
    yield


@pytest.fixture
def qsettings(tmp_path):
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def fake_desk() -> FakeDesk:
    return FakeDesk()


@pytest.fixture
def make_window(qtbot, qsettings):
    made = []

    def unexpected_dialog(view, outcome, reasons):
        raise AssertionError(f"unexpected decision dialog for {outcome} on {view.id}")

    def make(desk, **kwargs) -> MainWindow:
        kwargs.setdefault("ask", unexpected_dialog)  # a modal dialog would hang the test
        # decisions are written at once unless a test looks at undo (then it passes undo_seconds and a clock)
        kwargs.setdefault("undo_seconds", 0)
        # decisions are accepted as soon as an application is shown unless a test looks at the settle time
        kwargs.setdefault("settle_seconds", 0)
        w = MainWindow(desk, settings=qsettings, **kwargs)
        w.runner.show_errors = False
        qtbot.addWidget(w)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.runner.wait(3000)


def login(qtbot, window: MainWindow, name: str = "anna", password: str = "pw", code: str = "123456") -> None:
    page = window.login_page
    page.name.setText(name)
    page.password.setText(password)
    page.code.setText(code)
    page.button.click()
    qtbot.waitUntil(lambda: window.actor is not None, timeout=3000)
