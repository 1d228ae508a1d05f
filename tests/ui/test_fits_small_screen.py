"""Every role's screens fit a 1366x768 screen in both languages, with the demo's account banner and the training
banner shown (the tallest and widest variant): the window's minimum size, on each tab it offers, leaves room for
the window's title bar. Built on the demo database (sample data), logged in through the login screen."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
SCREEN_W, SCREEN_H = 1366, 768
TITLE_BAR = 36  # what the window manager takes above the window


@pytest.fixture(scope="module")
def demo():
    from reviewer_app.cli.gui_cmd import build_demo
    from reviewer_app.ui.app import ensure_qapp

    ensure_qapp()
    folder = Path(tempfile.mkdtemp(prefix="reviewer-fit-"))
    ctx = None
    try:
        ctx, accounts = build_demo(folder, sample_data=ROOT / "sample_data", lang="ru", log=lambda *_: None)
        yield ctx, accounts
    finally:
        if ctx is not None:
            ctx.close()
        shutil.rmtree(folder, ignore_errors=True)


def _settle(window) -> None:
    for _ in range(3):
        window.runner.wait(30000)
        QApplication.processEvents()


def _too_big(window, banner, where: str) -> str | None:
    """The minimum size the window needs on its current tab, with the banner wrapped at the screen's width."""
    _settle(window)
    hint = window.minimumSizeHint()
    # the banner wraps: its minimum hint is one line, at the screen's width it takes what its text needs
    height = hint.height() - banner.minimumSizeHint().height() + banner.heightForWidth(SCREEN_W)
    if hint.width() > SCREEN_W or height > SCREEN_H - TITLE_BAR:
        return f"{where}: needs {hint.width()}x{height}"
    return None


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_role_fits_1366x768_with_the_banners(qtbot, demo, tmp_path, lang) -> None:
    from sqlalchemy import select

    from reviewer_app.db.models import Staff
    from reviewer_app.domain.actor import Actor
    from reviewer_app.domain.enums import StaffRole
    from reviewer_app.services.desk_service import DbDeskService
    from reviewer_app.ui.app import DemoBanner, install_translations
    from reviewer_app.ui.main_window import MainWindow

    ctx, accounts = demo
    with ctx.sessions() as s:
        actors = {n: Actor(staff_id=i, name=n, role=StaffRole(r))
                  for i, n, r in s.execute(select(Staff.id, Staff.name, Staff.role)).all()}

    class SignedIn(DbDeskService):
        """Logs in without the code: a TOTP code is accepted once, and this test signs in eight times."""

        def login(self, name: str, password: str, code: str) -> Actor:
            return actors[name]
    install_translations(lang)
    found: list[str] = []
    try:
        for name, role, password, _secret in accounts:
            banner = DemoBanner.create(accounts)
            settings = QSettings(str(tmp_path / f"{lang}-{role}.ini"), QSettings.Format.IniFormat)
            w = MainWindow(SignedIn(ctx), lang=lang, app_context=ctx, banner=banner, settings=settings,
                           settle_seconds=0)
            w.runner.show_errors = False
            qtbot.addWidget(w)
            w.resize(SCREEN_W, SCREEN_H - TITLE_BAR)
            w.show()
            _settle(w)
            w.training_banner.setVisible(True)  # the demo database is a training one; shown either way
            found.append(_too_big(w, banner, f"{lang} login"))
            w.login_page.name.setText(name)
            w.login_page.password.setText(password)
            w.login_page.code.setText("000000")
            with qtbot.waitSignal(w.logged_in, timeout=30000):
                w.login_page.button.click()
            _settle(w)
            if role == "reviewer":  # the review page with an application on it (the same page for every role)
                with qtbot.waitSignal(w.application_shown, timeout=120000):
                    w.next_application()
            for i in range(w.tabs.count()):
                if w.tabs.isTabVisible(i):
                    w.tabs.setCurrentIndex(i)
                    found.append(_too_big(w, banner, f"{lang} {role} / {w.tabs.tabText(i)}"))
            if w.current is not None:
                w.release_current()
            w.logout()
            _settle(w)
            w.close()
    finally:
        install_translations("en")
    found = [f for f in found if f]
    assert found == [], "\n".join(found)


def test_the_practice_banner_of_many_trainees_stays_two_lines(qtbot) -> None:
    from reviewer_app.ui.app import MAX_BANNER_ACCOUNTS, DemoBanner, install_translations

    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    accounts = [("trainer", "trainer", "Zx9-long-password", secret)] + [
        (f"trainee{i}", "reviewer", "Zx9-long-password", secret) for i in range(1, 51)]
    for lang in ("ru", "en"):
        install_translations(lang)
        try:
            banner = DemoBanner.create(accounts, training=True)
            qtbot.addWidget(banner)
            assert banner.text().count("Zx9-long-password") == MAX_BANNER_ACCOUNTS
            assert str(51 - MAX_BANNER_ACCOUNTS) in banner.text()  # "47 more: … in the command's output"
            one_line = banner.fontMetrics().lineSpacing()
            assert banner.heightForWidth(SCREEN_W) <= 2 * one_line + 12, lang  # two lines and the padding
        finally:
            install_translations("en")
