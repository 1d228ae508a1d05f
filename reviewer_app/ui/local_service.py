"""The login window while the workstation's own reviewer service starts behind it (`demo`, `train`, `gui` on a
single PC): the status bar says so, a login pressed before the service answers says it waits for it, and a
service that could not start says why on the login page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer


def _t(text: str) -> str:
    return QCoreApplication.translate("LocalService", text)


def start_behind_window(window, service, *, on_ready: Callable[[], None] | None = None) -> None:
    """Start `service` (api.embedded.EmbeddedService) once the window's first frame is out, and report on the
    login page; `on_ready()` runs on the UI thread when the service answers."""
    page = window.login_page

    def submitted(*_args) -> None:  # after the page's own "Checking…"
        if not service.ready:
            page.message.setText(_t("Starting the reviewer service: you are signed in as soon as it is ready…"))

    def ready(_result) -> None:
        if not page.button.isEnabled():  # a login waits on the service: it goes on now
            page.set_busy(True)
        if on_ready is not None:
            on_ready()

    def begin() -> None:
        service.start()
        window.runner.run(service.wait, on_success=ready, on_failure=page.show_error,
                          label=_t("Starting the reviewer service…"))

    page.submitted.connect(submitted)
    window.installEventFilter(_GiveUpOnClose(window, service))
    QTimer.singleShot(0, begin)


class _GiveUpOnClose(QObject):
    """Closing the window before the service answered: the calls waiting for it end at once, so the window's own
    closing (which waits for its tasks) does not wait for the database side to finish loading."""

    def __init__(self, window, service) -> None:
        super().__init__(window)
        self.service = service

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Close:
            self.service.give_up()
        return False
