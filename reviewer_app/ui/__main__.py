"""`python -m reviewer_app.ui`: the fast workstation launcher (also `reviewer-app gui` on a single PC).

The login window appears first. The reviewer service of this workstation then starts in a background thread, on
127.0.0.1 with a one-time key (`api.embedded`): the database layer (SQLAlchemy, Alembic, the services: about two
seconds of imports on a loaded machine) is imported and connected there while the reviewer types, and the desk
works through the service over HTTP like a desk on another PC. Same settings as `reviewer-app gui` (config file,
REVIEWER_* environment).
"""

from __future__ import annotations

import sys
import time


def open_window(app_context=None, *, service=None):
    """The login window, shown, with the service starting behind it: (window, service, desk). `service`: an
    `api.embedded.EmbeddedService` not started yet (tests); by default one on `app_context`, or on a context
    from the config file and environment (which it then owns)."""
    from PySide6.QtCore import QSettings

    from reviewer_app.api.embedded import EmbeddedService
    from reviewer_app.client.local import LocalServiceDesk
    from reviewer_app.ui.app import ensure_qapp, install_translations
    from reviewer_app.ui.local_service import start_behind_window
    from reviewer_app.ui.main_window import MainWindow

    owns_context = app_context is None
    if app_context is None:
        from reviewer_app.services.bootstrap import build_app

        app_context = build_app()  # settings only: it connects (in the service's thread) on first use
    ensure_qapp()
    lang = QSettings().value("lang", app_context.settings.lang)
    install_translations(lang)
    if service is None:
        service = EmbeddedService(lambda: app_context, owns_context=owns_context)
    desk = LocalServiceDesk(service)
    # Every role's screens work through the service (ui.role_desks): the window gets no application context.
    window = MainWindow(desk, lang=lang)  # type: ignore[arg-type]

    def ready() -> None:
        window.runner.run(lambda: bool(desk.is_training), on_success=attach_feedback)

    def attach_feedback(is_training: bool) -> None:
        from reviewer_app.ui.role_desks import training_desk_for
        from reviewer_app.ui.training_feedback import attach_training_feedback

        attach_training_feedback(window, training_desk_for(desk), window.runner, is_training=is_training)

    window.show()
    start_behind_window(window, service, on_ready=ready)
    return window, service, desk


def main(app_context=None) -> int:
    """Show the login window at once and start the service behind it. `reviewer-app gui` passes the context it
    built from the config file, environment and flags; `python -m reviewer_app.ui` reads them itself."""
    import os

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    window, service, desk = open_window(app_context)
    qapp = QApplication.instance()
    if os.environ.get("REVIEWER_GUI_EXIT_WHEN_SHOWN"):  # bench/gui.py: time from start to a shown window
        QTimer.singleShot(0, lambda: (print(f"shown_at={time.time():.3f}", flush=True), qapp.quit()))
    try:
        return qapp.exec()
    finally:
        window.runner.wait(3000)
        desk.close()
        service.stop()


if __name__ == "__main__":
    from reviewer_app.cli.display import display_problem

    problem = display_problem()
    if problem:  # Qt would abort (exit 134) without a display or its xcb libraries
        print(f"reviewer-app: error: {problem}", file=sys.stderr)
        sys.exit(2)
    sys.exit(main())
