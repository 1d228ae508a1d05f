"""Starting the workstation: the QApplication, translations, high-DPI, and offscreen screenshots."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

I18N_DIR = Path(__file__).with_name("i18n")
#: The screens screenshots are taken at: the smallest desk screen we support, and a common large one.
SCREEN_SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
SMALLEST_SCREEN = SCREEN_SIZES["1366x768"]


def ensure_qapp(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        # Qt 6 scales for high DPI by itself; pass fractional factors through instead of rounding them.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv or [sys.argv[0]])
        app.setOrganizationName("reviewer-app")
        app.setApplicationName("workstation")
    return app  # type: ignore[return-value]


_installed: list[QTranslator] = []


def install_translations(lang: str) -> bool:
    """Install the app's .qm (and Qt's own) for `lang`; English is the source language. True if found."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Russian if lang == "ru" else QLocale.Language.English))
    ok = lang == "en"  # the source language: its .qm only holds the plural forms
    ours = QTranslator(app)
    if ours.load(str(I18N_DIR / f"reviewer_{lang}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
        ok = True
    if lang == "en":
        return ok
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return ok


def offscreen() -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


# --- the demo banner ------------------------------------------------------------------------------------------
#: Accounts listed in the banner: four demo roles, or the trainer and a few trainees, in at most two lines at
#: 1366 px; more would take the room the review page needs on a 768 px screen.
MAX_BANNER_ACCOUNTS = 4

class DemoBanner:
    """Built lazily (needs a QApplication): the demo accounts with their passwords and current TOTP codes."""

    @staticmethod
    def create(accounts: list[tuple[str, str, str, str]], *, training: bool = False):
        """accounts: (name, role, password, totp_secret); `training`: the practice accounts of `train`, not the
        demo's."""
        from html import escape

        import pyotp
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QLabel

        from reviewer_app.ui.words import role_label

        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText)
        # Wrapped, never one long line: four accounts on one line made the window ~1540 px wide, wider than a
        # 1366x768 screen, and cut off the right edge of every page (the code, "Next (N)", the lease timer).
        label.setWordWrap(True)
        label.setAccessibleName(QCoreApplication.translate("Demo", "Demo accounts"))
        label.setStyleSheet("background:#fff8e1; color:#3e2723; padding:4px; border-bottom:1px solid #ffb300;")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        def refresh() -> None:
            left = 30 - int(time.time()) % 30
            # Rich text for the bold names and codes: every value in it is escaped.
            # The role in words, and only where the name does not already say it (the demo's "reviewer" is one).
            parts = [f"<b>{escape(name)}</b>" + ("" if name == role else f" ({escape(role_label(role))})")
                     + f" / {escape(password)} / <b>{pyotp.TOTP(secret).now()}</b>"
                     for name, role, password, secret in accounts[:MAX_BANNER_ACCOUNTS]]
            if len(accounts) > MAX_BANNER_ACCOUNTS:  # `train --trainees 50`: the rest would push the window off
                parts.append(escape(QCoreApplication.translate(  # a 768 px screen; the command printed them
                    "Demo", "{0} more: their names and passwords are in the command's output").format(
                    len(accounts) - MAX_BANNER_ACCOUNTS)))
            head = (QCoreApplication.translate("Demo", "PRACTICE — name / password / code (new code in {0} s):")
                    if training else
                    QCoreApplication.translate("Demo", "DEMO — name / password / code (new code in {0} s):"))
            label.setText(escape(head.format(left)) + " &nbsp; " + " &nbsp;·&nbsp; ".join(parts))

        timer = QTimer(label)
        timer.setInterval(1000)  # the countdown ticks; the codes themselves change every 30 s
        timer.timeout.connect(refresh)
        timer.start()
        refresh()
        return label


def run_workstation(desk, *, lang: str, app_context=None, accounts=None, screenshot_dir: Path | None = None,
                    login_as: tuple[str, str, str] | None = None,
                    screen_size: tuple[int, int] = SMALLEST_SCREEN) -> int:
    """Show the workstation. With `screenshot_dir`, render login/queue/review offscreen to PNGs (at
    `screen_size`) and return.

    `login_as` = (name, password, totp_secret) lets the screenshot mode log in by itself.
    """
    from PySide6.QtCore import QSettings

    from reviewer_app.ui.main_window import MainWindow

    if screenshot_dir is not None:
        offscreen()
    qapp = ensure_qapp()
    settings = QSettings()
    lang = settings.value("lang", lang) if screenshot_dir is None else lang
    install_translations(lang)
    banner = DemoBanner.create(accounts) if accounts else None
    window = MainWindow(desk, lang=lang, app_context=app_context, banner=banner,
                        # screenshots start from the default layout, not the user's remembered one
                        settings=QSettings(str(Path(tempfile.mkdtemp()) / "ui.ini"), QSettings.Format.IniFormat)
                        if screenshot_dir is not None else None)
    from reviewer_app.ui.role_desks import training_desk_for
    from reviewer_app.ui.training_feedback import attach_training_feedback

    training_desk = training_desk_for(desk, app_context)
    if training_desk is not None:
        # the training flag is a database query on its first read: read it on a worker
        # (DeskService.is_training guards its errors) and hook the feedback when it arrives
        window.runner.run(lambda: bool(desk.is_training),
                          on_success=lambda is_training: attach_training_feedback(
                              window, training_desk, window.runner, is_training=is_training))
    if screenshot_dir is None:
        window.show()
        if os.environ.get("REVIEWER_GUI_EXIT_WHEN_SHOWN"):  # bench/gui.py: time from start to a shown window
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, lambda: (print(f"shown_at={time.time():.3f}", flush=True), qapp.quit()))
        return qapp.exec()
    return take_screenshots(window, screenshot_dir, login_as, screen_size)


def run_training_workstation(ctx, *, desk=None, screenshot: Path | None = None, accounts=None) -> int:
    """Start the workstation on the training context, with the practice accounts (name, role, password, TOTP
    secret) in the banner; with `screenshot`, render offscreen into it and exit. `desk`: the trainee's desk
    (`reviewer-app train` gives one on its own service); by default the in-process one on `ctx`."""
    from reviewer_app.services import training
    from reviewer_app.ui.main_window import MainWindow
    from reviewer_app.ui.role_desks import training_desk_for
    from reviewer_app.ui.training_feedback import FeedbackDialog, attach_training_feedback

    if screenshot is not None:
        offscreen()
    qapp = ensure_qapp()
    install_translations(ctx.settings.lang)
    if desk is None:
        from reviewer_app.services.bootstrap import build_desk

        desk = build_desk(ctx)
    window = MainWindow(desk, lang=ctx.settings.lang, app_context=ctx,
                        banner=DemoBanner.create(accounts, training=True) if accounts else None)
    # open_training has just checked the mark and cached is_training_db: reading it here does not query
    attach_training_feedback(window, training_desk_for(desk, ctx), window.runner, is_training=ctx.is_training_db)
    window.resize(*SMALLEST_SCREEN)
    window.show()
    if screenshot is not None:
        screenshot.mkdir(parents=True, exist_ok=True)
        qapp.processEvents()
        window.grab().save(str(screenshot / "training.png"))
        en = ctx.settings.lang == "en"
        sample = training.Feedback("EMK-2026-900002", "approve", None, False, "reject", "face_mismatch",
                                   "The person in the selfie is not the one in the passport photo." if en else
                                   "На селфи другой человек, чем на фото в паспорте.", ctx.settings.lang,
                                   "02-face-mismatch")
        dialog = FeedbackDialog(sample, window)
        dialog.show()
        qapp.processEvents()
        dialog.grab().save(str(screenshot / "training_feedback.png"))
        print(f"screenshots in {screenshot}")
        return 0
    return qapp.exec()


def wait_for_signal(signal, timeout_ms: int) -> list:
    """Run the event loop until `signal` fires (its arguments) or the time runs out (empty)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    got: list = []

    def done(*args) -> None:
        got.append(args)
        loop.quit()

    signal.connect(done)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(done)
    return got


def take_screenshots(window, out: Path, login_as: tuple[str, str, str] | None,
                     size: tuple[int, int] = SMALLEST_SCREEN) -> int:
    import pyotp

    out.mkdir(parents=True, exist_ok=True)
    qapp = QApplication.instance()
    window.resize(*size)
    window.show()
    qapp.processEvents()
    written: list[Path] = []

    def shoot(name: str) -> None:
        path = out / name
        window.grab().save(str(path))
        written.append(path)

    if login_as is not None:
        window.login_page.name.setText(login_as[0])
        window.login_page.password.setText(login_as[1])  # shown masked
    qapp.processEvents()
    shoot("login.png")
    if login_as is not None:
        secret = login_as[2]
        window.login_page.code.setText(pyotp.TOTP(secret).now())
        window.login_page.button.click()
        if not wait_for_signal(window.logged_in, 20000):
            print(f"login failed: {window.login_page.message.text()}", file=sys.stderr)
            return 1
        window.runner.wait(20000)
        qapp.processEvents()
        window.next_application()
        if not wait_for_signal(window.application_shown, 120000):
            print("the first application did not open in time", file=sys.stderr)
            return 1
        qapp.processEvents()
        shoot("review.png")
        # The queue after the first claim: the application in review and the pre-scores computed so far.
        window.tabs.setCurrentWidget(window.queue_page)
        window.refresh_queue()
        window.runner.wait(20000)
        qapp.processEvents()
        shoot("queue.png")
        window.tabs.setCurrentWidget(window.review_page)
        qapp.processEvents()
        window.help.open(window.single_keys)
        qapp.processEvents()
        shoot("shortcuts.png")
        window.help.hide()
    window.close()
    for p in written:
        print(f"screenshot: {p}")
    return 0
