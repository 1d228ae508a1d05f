"""The task runner: results and failures come back on the UI thread; dlib works from its worker threads."""

from __future__ import annotations

import threading

import pytest

from reviewer_app.domain.errors import NotFound
from reviewer_app.ui.tasks import TaskRunner


def test_results_and_errors_arrive_on_the_ui_thread(qtbot, caplog):
    runner = TaskRunner()
    runner.show_errors = False
    main = threading.get_ident()
    seen = []
    runner.run(lambda: threading.get_ident(), on_success=lambda worker: seen.append((worker, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen[0][0] != main and seen[0][1] == main

    def missing():
        raise NotFound("application X does not exist")

    runner.run(missing)
    qtbot.waitUntil(lambda: runner.last_error is not None, timeout=3000)
    # the user's words for the error's code, never a traceback nor the service's message (that goes to the log)
    assert runner.last_error == "The record was not found: it may have been removed. Refresh and try again."
    assert "application X does not exist" in caplog.text
    assert runner.wait(1000) and runner.active == 0


@pytest.mark.slow
def test_face_matching_twice_from_worker_threads(qtbot):
    """Regression: dlib hung or crashed on its second call from a QThreadPool thread."""
    composites = pytest.importorskip("reviewer_app.matching.composites")
    try:
        a = composites.astronaut()
    except ImportError:
        pytest.skip("scikit-image not installed")
    from reviewer_app.matching import FaceMatcher
    from reviewer_app.services.desk_service import LockedMatcher

    selfie = composites.make_selfie_with_document(a.image, a.image, seed=3, live_face_box=a.face_box,
                                                  doc_face_box=a.face_box).jpeg
    matcher = LockedMatcher(FaceMatcher())  # as the desk does: dlib must not run in two threads at once
    runner = TaskRunner()
    bands = []
    for _ in range(3):
        runner.run(lambda: matcher.prescore(selfie, None, consent=True).band, on_success=bands.append)
    qtbot.waitUntil(lambda: len(bands) == 3, timeout=60000)
    assert bands == ["match"] * 3
