"""Screenshots are produced offscreen; the Russian translation is complete and loads."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QImage

from reviewer_app.ui import app as ui_app
from reviewer_app.ui.main_window import MainWindow
from tests.ui.fakes import FakeDesk

UI = Path(ui_app.__file__).parent


def test_screenshots_of_login_queue_review(qtbot, tmp_path):
    desk = FakeDesk(any_code=True)
    w = MainWindow(desk, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    rc = ui_app.take_screenshots(w, tmp_path / "shots", ("anna", "pw", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"))
    assert rc == 0
    for name in ("login", "queue", "review", "shortcuts"):
        image = QImage(str(tmp_path / "shots" / f"{name}.png"))
        # the smallest desk screen we support: what does not fit there shows in the screenshot
        assert not image.isNull() and (image.width(), image.height()) == ui_app.SMALLEST_SCREEN, name
    # The review shot shows an application, not the empty page.
    assert desk.audit and desk.audit[0][1] == "application.open"


def test_screenshots_at_a_large_screen(qtbot, tmp_path):
    w = MainWindow(FakeDesk(), settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert ui_app.take_screenshots(w, tmp_path / "shots", None, ui_app.SCREEN_SIZES["1920x1080"]) == 0
    image = QImage(str(tmp_path / "shots" / "login.png"))
    assert (image.width(), image.height()) == (1920, 1080)


def test_russian_translation_loads_and_covers_the_widgets(qtbot, tmp_path):
    assert (UI / "i18n" / "reviewer_ru.qm").is_file()
    try:
        assert ui_app.install_translations("ru")
        assert QCoreApplication.translate("DecisionBar", "Approve (A)") == "Одобрить (A)"
        assert QCoreApplication.translate("Shortcuts", "Approve") == "Одобрить"
    finally:
        ui_app.install_translations("en")
    assert QCoreApplication.translate("DecisionBar", "Approve (A)") == "Approve (A)"
    # Every translatable text of every UI module has its Russian form: tests/ui/test_ui_strings.py.
