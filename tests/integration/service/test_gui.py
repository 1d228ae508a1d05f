"""The workstation on the reviewer service (`gui --service`): the reviewer's loop through the window, the
supervisor's screens work through it, logout ends the service session, and the desk reads no
database setting and no key."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewer_app.client import HttpDeskService
from reviewer_app.db.models import Decision, ServiceSession
from reviewer_app.domain.errors import ConflictError
from reviewer_app.entry import Workstation
from tests.integration.service.conftest import PASSWORD


@pytest.fixture
def window(qtbot, qapp, tmp_path, service):
    from PySide6.QtCore import QSettings

    from reviewer_app.ui.app import install_translations
    from reviewer_app.ui.main_window import MainWindow

    install_translations("en")
    desk = HttpDeskService(service.url)

    def unexpected_dialog(view, outcome, reasons):
        raise AssertionError(f"unexpected decision dialog for {outcome} on {view.id}")

    w = MainWindow(desk, lang="en", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                   ask=unexpected_dialog, undo_seconds=0, settle_seconds=0)
    w.runner.show_errors = False
    qtbot.addWidget(w)
    w.show()
    yield w
    w.runner.wait(5000)
    desk.close()


def _login(qtbot, w, name, people, clock):
    clock.advance(seconds=30)
    page = w.login_page
    page.name.setText(name)
    page.password.setText(PASSWORD)
    page.code.setText(people.code(name, clock))
    page.button.click()
    qtbot.waitUntil(lambda: w.actor is not None, timeout=10000)


def test_a_reviewers_loop_in_the_window_over_the_service(qtbot, window, app, people, clock):
    w = window
    _login(qtbot, w, "anna", people, clock)
    qtbot.waitUntil(lambda: w.queue_page.model.rowCount() == 3, timeout=10000)
    with qtbot.waitSignal(w.application_shown, timeout=20000) as shown:
        w.actions_by_id["next"].trigger()
    first = shown.args[0]
    assert first == "EMK-2026-000001"
    assert w.review_page.images.selfie.has_image and w.review_page.images.scan.has_image
    qtbot.waitUntil(lambda: w.prefetched is not None, timeout=20000)
    w.actions_by_id["acknowledge"].trigger()  # the tiny packs ask for the document check by hand first
    with qtbot.waitSignal(w.decision_made, timeout=10000) as made:
        w.actions_by_id["approve"].trigger()
    assert made.args == [first, "approve"]
    assert w.current is not None and w.current.id == "EMK-2026-000002"  # from the prefetch, at once
    w.runner.wait(10000)
    with app.sessions() as s:
        assert [tuple(r) for r in s.execute(select(Decision.application_id, Decision.outcome))] == [
            (first, "approve")]
    held = w.current.id
    w.logout()
    qtbot.waitUntil(lambda: _ended(app), timeout=10000)  # the service session ends after the give-backs
    # What was on screen went back to the queue before the session ended.
    boris = HttpDeskService(w.desk.base_url)  # a supervisor choosing it by id, with a reason
    clock.advance(seconds=30)
    boris.login("olga", PASSWORD, people.code("olga", clock))
    try:
        assert boris.claim(boris.signed_in, held, reason="audit of a logout") is not None
    except ConflictError:  # pragma: no cover - the message says what went wrong
        pytest.fail(f"{held} was not given back at logout")
    finally:
        boris.close()


def _ended(app) -> bool:
    with app.sessions() as s:
        rows = s.scalars(select(ServiceSession)).all()
    return bool(rows) and all(r.ended_at is not None for r in rows)


def test_a_supervisors_screens_work_over_the_service(qtbot, window, app, people, clock, sign_in):
    from reviewer_app.client import HttpSupervisorDesk
    from reviewer_app.ui.supervisor import SearchTab
    from tests.integration.service.test_supervision import _decide

    decided = _decide(sign_in("anna"), "reject", reason_code="photo_unclear")
    w = window
    _login(qtbot, w, "olga", people, clock)
    titles = [w.tabs.tabText(i) for i in range(w.tabs.count())]
    assert titles[2:] == ["Decisions", "Second review", "MFC confirmations", "Claims", "Statistics", "Integrity"]
    search = next(w.tabs.widget(i) for i in range(w.tabs.count()) if isinstance(w.tabs.widget(i), SearchTab))
    assert isinstance(search.desk, HttpSupervisorDesk) and search.desk.desk is w.desk  # one sign-in
    with qtbot.waitSignal(search.loaded, timeout=10000):
        w.tabs.setCurrentWidget(search)  # the tab loads when shown, through the service
    assert [search.model.row(r).application_id for r in range(search.model.rowCount())] == [decided]
    search.view.selectRow(0)
    with qtbot.waitSignal(search.loaded, timeout=10000):
        search.open_button.click()
    dialog = search.case_dialog
    assert decided in dialog.windowTitle()
    qtbot.waitUntil(lambda: all(lbl.pixmap() is not None and not lbl.pixmap().isNull()
                                for lbl in dialog.image_labels.values()), timeout=10000)
    dialog.close()


def test_gui_service_needs_no_database_settings_and_no_keys(service, tmp_path, monkeypatch):
    from reviewer_app.cli import main

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    data = tmp_path / "desk-data"
    data.mkdir()
    shots = tmp_path / "shots"
    assert main(["--data-dir", str(data), "gui", "--service", service.url, "--screenshot", str(shots)],
                workstation=Workstation()) == 0
    assert (shots / "login.png").is_file()
    assert list(data.iterdir()) == []  # no database file, no key file made or read
    assert main(["--data-dir", str(data), "gui", "--service", "db.example:8765", "--screenshot", str(shots)],
                workstation=Workstation()) == 2


def test_demo_and_gui_start_the_service_in_process_on_loopback(app, people, clock):
    """`demo`, `train`, `gui --screenshot`: the service in a thread on 127.0.0.1, and a desk that signs in to it."""
    from reviewer_app.cli.gui_cmd import local_service

    service, desk = local_service(app)
    try:
        assert service.url.startswith("http://127.0.0.1:")
        clock.advance(seconds=30)
        actor = desk.login("anna", PASSWORD, people.code("anna", clock))
        assert isinstance(desk.http(), HttpDeskService) and desk.claim_next(actor) == "EMK-2026-000001"
    finally:
        desk.close()
        service.stop()
    assert not service.thread.is_alive()


def test_gui_on_one_pc_shows_the_login_first_and_signs_in_through_its_own_service(qtbot, app, people, clock):
    """`reviewer-app gui` without --service: the window is up before the service; a login pressed meanwhile
    says it waits for the service, then goes through it over HTTP."""
    import threading

    from PySide6.QtCore import QCoreApplication

    from reviewer_app.api.embedded import EmbeddedService
    from reviewer_app.client.local import LocalServiceDesk
    from reviewer_app.services.desk_service import DbDeskService
    from reviewer_app.ui.__main__ import open_window
    from reviewer_app.ui.app import install_translations
    from tests.ui.packs import FakeMatcher

    loading = threading.Event()

    def prepare():
        loading.wait(60)  # the database side still loading when the person presses Log in
        return app

    service = EmbeddedService(prepare, desk_factory=lambda ctx: DbDeskService(ctx, matcher_factory=FakeMatcher))
    window, service, desk = open_window(app, service=service)
    try:
        qtbot.addWidget(window)
        window.runner.show_errors = False
        assert isinstance(window.desk, LocalServiceDesk) and not service.ready
        page = window.login_page
        clock.advance(seconds=30)
        page.name.setText("anna")
        page.password.setText(PASSWORD)
        page.code.setText(people.code("anna", clock))
        qtbot.waitUntil(lambda: service.thread.is_alive(), timeout=5000)  # started after the first frame
        page.button.click()
        assert page.message.text() == QCoreApplication.translate(
            "LocalService", "Starting the reviewer service: you are signed in as soon as it is ready…")
        assert window.actor is None and not page.button.isEnabled()
        loading.set()
        qtbot.waitUntil(lambda: window.actor is not None, timeout=30000)
        assert window.actor.name == "anna" and desk.http().signed_in.name == "anna"  # signed in over HTTP
        qtbot.waitUntil(lambda: window.queue_page.model.rowCount() == 3, timeout=10000)
    finally:
        loading.set()
        window.close()
        window.runner.wait(10000)
        desk.close()
        service.stop()
        install_translations("en")
    assert not service.thread.is_alive()


DESK_PROCESS = """
import sys
from reviewer_app.entry import main
code = main(["--data-dir", sys.argv[1], "gui", "--service", sys.argv[2]])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic", "psycopg")
                or m.startswith(("reviewer_app.db", "reviewer_app.queue", "reviewer_app.store")))
print("database modules:", loaded)
sys.exit(code)
"""


def test_a_desk_on_a_service_imports_no_database_code(service, tmp_path):
    """`gui --service URL` in its own process: by the time the login window has shown (the launcher quits
    then), nothing of SQLAlchemy, Alembic, psycopg or the database packages is loaded."""
    import os
    import subprocess
    import sys

    data = tmp_path / "desk-data"
    data.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REVIEWER_GUI_EXIT_WHEN_SHOWN="1")
    done = subprocess.run([sys.executable, "-c", DESK_PROCESS, str(data), service.url], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "shown_at=" in done.stdout
    assert "database modules: []" in done.stdout, done.stdout
