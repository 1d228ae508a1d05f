"""Nothing a supervisor reads is a code or a repr: every supervisor screen, built on the sample data (the demo
database, a few decisions made through the services, as tools/screenshots.py does), in Russian, with no
snake_case code and no Python dict or list in any visible label, button, list or table cell."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[3]
#: A code: lower-case words joined by underscores (a file name, followed by its extension, is not one).
CODE = re.compile(r"(?<![\w./@\\-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w./@-])")
REPRS = ("{'", "['", "{\"", "[\"")


def visible_texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a person can read in `top`: labels, buttons, group titles, tab titles, list
    entries, every table cell and header."""
    out = [("window title", top.windowTitle())]
    for w in [top, *top.findChildren(QWidget)]:
        if w is not top and not w.isVisibleTo(top):
            continue
        name = type(w).__name__
        if isinstance(w, QLabel | QAbstractButton):
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QPlainTextEdit):
            out.append((name, w.toPlainText()))
        elif isinstance(w, QComboBox):
            out += [(name, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            out += [(name, w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            m = w.model()
            columns = 1 if isinstance(m, QAbstractListModel) else m.columnCount()  # a list's columnCount is private
            for c in range(columns):
                out.append((f"{name} header", str(m.headerData(c, Qt.Orientation.Horizontal) or "")))
                for r in range(m.rowCount(QModelIndex())):
                    out.append((f"{name} cell {r},{c}", str(m.data(m.index(r, c)) or "")))
    return out


def problems(top: QWidget) -> list[str]:
    found = []
    for where, text in visible_texts(top):
        codes = CODE.findall(text)
        reprs = [r for r in REPRS if r in text]
        if codes or reprs:
            shown = text if len(text) <= 200 else text[:200] + "…"
            found.append(f"{type(top).__name__} / {where}: {shown!r} ({', '.join(codes + reprs)})")
    return found


def test_the_finder_catches_codes_and_reprs(qtbot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    for text in ("face_duplicate (не пройдена)", "Порог: 0,58, найдено: {'application_id': 'X'}", "selfie.jpg",
                 "passport_scan.jpg", "Проверено 3 заявления"):
        QLabel(text, top)
    assert [p.split(": ", 1)[1] for p in problems(top)] == [
        "'face_duplicate (не пройдена)' (face_duplicate)",
        "\"Порог: 0,58, найдено: {'application_id': 'X'}\" (application_id, {')"]


@pytest.fixture(scope="module")
def demo():
    """The demo database on the sample data, with decisions made through the services (tools/screenshots.py)."""
    from sqlalchemy import select

    from reviewer_app.cli.gui_cmd import build_demo
    from reviewer_app.db.models import Staff
    from reviewer_app.domain.actor import Actor
    from reviewer_app.domain.enums import StaffRole
    from reviewer_app.ui.app import ensure_qapp
    from reviewer_app.ui.screenshots import seed_decisions

    ensure_qapp()
    folder = Path(tempfile.mkdtemp(prefix="reviewer-words-"))
    ctx = None
    try:
        ctx, _accounts = build_demo(folder, sample_data=ROOT / "sample_data", lang="ru", log=lambda *_: None)
        with ctx.sessions() as s:
            rows = s.execute(select(Staff.id, Staff.name, Staff.role)).all()
        actors = {role: Actor(staff_id=i, name=name, role=StaffRole(role)) for i, name, role in rows}
        seed_decisions(ctx, actors["reviewer"], actors["supervisor"])
        yield ctx, actors["supervisor"]
    finally:
        if ctx is not None:
            ctx.close()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_every_supervisor_screen_is_in_words(qtbot, demo) -> None:
    from reviewer_app.services.supervisor_desk_service import DbSupervisorDesk
    from reviewer_app.ui.app import install_translations
    from reviewer_app.ui.supervisor import build_supervisor_tabs
    from reviewer_app.ui.supervisor.widgets import SearchTab, SecondReviewTab, VerdictDialog
    from reviewer_app.ui.tasks import TaskRunner

    ctx, sup = demo
    install_translations("ru")
    try:
        top = QTabWidget()
        qtbot.addWidget(top)
        top.resize(1366, 768)
        runner = TaskRunner(top)
        runner.show_errors = False
        tabs = build_supervisor_tabs(top, DbSupervisorDesk(ctx), sup, runner, lang="ru")
        for title, tab in tabs:
            top.addTab(tab, title)
        top.show()
        found: list[str] = []
        screens = 0
        for i, (_title, tab) in enumerate(tabs):
            with qtbot.waitSignal(tab.loaded, timeout=30000):
                top.setCurrentIndex(i)
                if tab.opened_once:
                    tab.refresh()
            runner.wait(30000)
            QApplication.processEvents()
            found += problems(top)
            screens += 1
            if isinstance(tab, SearchTab | SecondReviewTab) and tab.model.rowCount():
                for row in range(tab.model.rowCount()):  # every case on the list, as the supervisor opens it
                    tab.view.selectRow(row)
                    with qtbot.waitSignal(tab.loaded, timeout=30000):
                        tab.open_selected()
                    dialog = tab.case_dialog
                    dialog.resize(1366, 768)
                    runner.wait(30000)
                    QApplication.processEvents()
                    for page in range(dialog.tabs.count()):
                        dialog.tabs.setCurrentIndex(page)
                        found += problems(dialog)
                        screens += 1
                    dialog.close()
            if isinstance(tab, SecondReviewTab) and tab.model.rowCount():
                for confirm in (True, False):
                    verdict = VerdictDialog(tab.model.row(0), confirm, "ru", top)
                    verdict.show()
                    found += problems(verdict)
                    verdict.close()
        runner.wait(30000)
        assert screens >= 8
        assert not found, "\n".join(found)
    finally:
        install_translations("en")
