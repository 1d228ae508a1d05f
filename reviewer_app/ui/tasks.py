"""A small background task runner: blocking service calls run on a thread pool, results come back by signal.

In the style of Anki's QueryOp/CollectionOp: the UI thread never waits on the database, the document store or
face matching. The workers are Python threads (concurrent.futures), not QThreadPool threads: dlib (pybind11)
hangs or crashes on its second call from a QThreadPool thread, whose Python thread state is recreated per run.
`run(fn, on_success=..., on_failure=..., label=...)` calls `fn()` on a worker thread and then
`on_success(result)` or `on_failure(exc)` on the UI thread. Failures without a handler become a message box
with a message in the user's language (never a traceback nor the service's English message: both are
logged).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.ui.errors import user_message
from reviewer_app.ui.plain import show_message

log = logging.getLogger(__name__)


class _Signals(QObject):
    # Lives in the UI thread, so emitting from a worker queues the call to the UI thread.
    done = Signal(object)
    failed = Signal(object)


def _job(fn: Callable[[], Any], signals: _Signals) -> None:
    try:
        result = fn()
    except BaseException as exc:  # every failure must reach the UI thread, never kill the worker silently
        signals.failed.emit(exc)
    else:
        signals.done.emit(result)


def error_text(exc: BaseException) -> str:
    """What the user reads: the error's message in the interface's language, by its code (ui.errors); the
    service's own (English, technical) message goes to the log."""
    return user_message(exc)


class TaskRunner(QObject):
    """Runs callables off the UI thread. `busy(label)` is emitted with the current label ('' when idle)."""

    busy = Signal(str)

    def __init__(self, parent: QObject | None = None, *, error_parent: QWidget | None = None,
                 max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="desk-task")
        self._futures: set[Future] = set()
        self.error_parent = error_parent
        self._live: set[_Signals] = set()
        self._labels: list[str] = []
        self.show_errors = True  # tests switch modal boxes off and read `last_error`
        self.last_error: str | None = None

    def run(self, fn: Callable[[], Any], *, on_success: Callable[[Any], None] | None = None,
           on_failure: Callable[[BaseException], None] | None = None, label: str = "") -> None:
        signals = _Signals()
        self._live.add(signals)
        if label:
            self._labels.append(label)
            self.busy.emit(label)
        started = time.perf_counter()

        def finish() -> None:
            self._live.discard(signals)
            if label:
                self._labels.remove(label)
                self.busy.emit(self._labels[-1] if self._labels else "")
            log.debug("task %s took %.0f ms", label or fn, (time.perf_counter() - started) * 1000)

        def ok(result: Any) -> None:
            finish()
            if on_success is not None:
                on_success(result)

        def failed(exc: BaseException) -> None:
            finish()
            if not isinstance(exc, ReviewerError):
                log.error("background task failed", exc_info=exc)
            if on_failure is not None:
                on_failure(exc)
            else:
                self.report(exc)

        signals.done.connect(ok)
        signals.failed.connect(failed)
        future = self.pool.submit(_job, fn, signals)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)

    def report(self, exc: BaseException, title: str = "") -> None:
        self.last_error = error_text(exc)
        if self.show_errors:
            show_message(self.error_parent, title or self.tr("Error"), self.last_error)

    @property
    def active(self) -> int:
        return len(self._live)

    def wait(self, msecs: int = 5000) -> bool:
        """Block until the running tasks finish (closing, tests); their results are delivered afterwards."""
        _done, pending = wait_futures(list(self._futures), timeout=msecs / 1000)
        return not pending
