"""`python -m reviewer_app.ui`: the fast workstation launcher.

The login window appears first; the database layer (SQLAlchemy, Alembic, the services: about two seconds of
imports on a loaded machine) is imported and connected in the background while the reviewer types. Same
settings as `reviewer-app gui` (config file, REVIEWER_* environment).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any


class LazyDesk:
    """A DeskService whose real implementation is built on first use (always on a worker thread: every desk
    call goes through the task runner). `on_ready(desk, context)` callbacks run when it is built."""

    def __init__(self, factory: Callable[[], tuple[Any, Any]]) -> None:
        self._factory = factory
        self._desk = None
        self.context = None
        self._lock = threading.Lock()

    def load(self):
        with self._lock:
            if self._desk is None:
                self._desk, self.context = self._factory()
        return self._desk

    def __getattr__(self, name: str) -> Any:
        return getattr(self.load(), name)


def _build(ctx=None):
    from reviewer_app.services.bootstrap import build_app, build_desk

    ctx = ctx or build_app()
    ctx.engine  # noqa: B018 - connect and check the schema now, not at the first click
    return build_desk(ctx), ctx


def main(app_context=None) -> int:
    """Show the login window at once and build the database side behind it. `reviewer-app gui` passes the
    context it built from the config file, environment and flags; `python -m reviewer_app.ui` reads them itself."""
    import os

    from PySide6.QtCore import QSettings, QTimer

    from reviewer_app.config import load_settings
    from reviewer_app.ui.app import ensure_qapp, install_translations
    from reviewer_app.ui.main_window import MainWindow

    settings = app_context.settings if app_context is not None else load_settings()
    qapp = ensure_qapp()
    lang = QSettings().value("lang", settings.lang)
    install_translations(lang)
    desk = LazyDesk(lambda: _build(app_context))
    window = MainWindow(desk, lang=lang)  # type: ignore[arg-type]

    def load() -> bool:
        # on the worker: build the desk, and read the training flag (a database query on its first read;
        # DeskService.is_training guards its errors) here rather than in the UI-thread slot below
        return bool(desk.load().is_training)

    def ready(is_training: bool) -> None:
        window.app_context = desk.context
        from reviewer_app.services.training_desk import DbTrainingDesk
        from reviewer_app.ui.training_feedback import attach_training_feedback

        attach_training_feedback(window, DbTrainingDesk(desk.context), window.runner, is_training=is_training)

    window.runner.run(load, on_success=ready, on_failure=window.login_page.show_error)
    window.show()
    if os.environ.get("REVIEWER_GUI_EXIT_WHEN_SHOWN"):  # bench/gui.py: time from start to a shown window
        QTimer.singleShot(0, lambda: (print(f"shown_at={time.time():.3f}", flush=True), qapp.quit()))
    code = qapp.exec()
    window.runner.wait(3000)
    return code


if __name__ == "__main__":
    from reviewer_app.cli.display import display_problem

    problem = display_problem()
    if problem:  # Qt would abort (exit 134) without a display or its xcb libraries
        print(f"reviewer-app: error: {problem}", file=sys.stderr)
        sys.exit(2)
    sys.exit(main())
