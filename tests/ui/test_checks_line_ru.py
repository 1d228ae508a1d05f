"""The checks summary under the pre-score band is shown whole in Russian, where it wraps: on the smallest desk
screen (1366x768) and on a large one. It used to sit beside the band in the top pane of a splitter, which sizes
its panes from minimum size hints and ignores height-for-width: every line after the first was cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from reviewer_app.ui import app as ui_app
from tests.ui.conftest import login


@pytest.fixture
def russian(qapp):
    assert ui_app.install_translations("ru")
    yield
    ui_app.install_translations("en")


def _fully_shown(label, pane) -> None:
    """The label's height is what its text needs at its width, and the pane that holds it shows all of it."""
    assert label.isVisible() and label.text()
    assert label.height() >= label.heightForWidth(label.width()), (label.text(), label.size())
    top_left = label.mapTo(pane, QPoint(0, 0))
    assert QRect(0, 0, pane.width(), pane.height()).contains(QRect(top_left, label.size())), \
        (top_left, label.size(), pane.size())


@pytest.mark.parametrize("size", [(1366, 740), (1920, 1050)])
def test_russian_checks_line_is_not_clipped(qtbot, make_window, fake_desk, russian, size):
    app_id = "EMK-2026-000003"  # a failed check and a differing field; with a check by hand too
    fake_desk.rows[app_id].manual_check = True
    w = make_window(fake_desk, lang="ru")
    w.resize(*size)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.open_application(app_id)
    page = w.review_page
    label = page.prescore.checks_line
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=3000)
    assert "проверить вручную" in label.text()  # Russian, and long enough to wrap at 1366
    if size[0] == 1366:
        assert label.heightForWidth(label.width()) > label.fontMetrics().lineSpacing() * 2, "does not wrap"
    _fully_shown(label, page.right.widget(0))
    for other in (page.prescore.summary, page.prescore.flags):
        _fully_shown(other, page.right.widget(0))
    # Acknowledging the check by hand changes the text; still whole.
    page.show_acknowledged(frozenset({"photo"}))
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=3000)
    _fully_shown(label, page.right.widget(0))


def test_a_short_line_stays_beside_the_band_and_a_long_one_goes_under_it(qtbot, make_window, fake_desk, russian):
    """The row under the band costs the checks table a row on a small screen: a line that fits beside the band
    stays there, whole; one that does not goes under it, whole."""
    w = make_window(fake_desk, lang="ru")
    w.resize(1920, 1050)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.open_application("EMK-2026-000001")  # a warning only: "Непройденных проверок нет; прочтите ..."
    page = w.review_page
    panel, label = page.prescore, page.prescore.checks_line
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=3000)
    assert panel.checks_beside and label.y() < panel.band.geometry().bottom()
    assert label.height() < 2 * label.fontMetrics().lineSpacing()  # one line
    _fully_shown(label, page.right.widget(0))
    w.resize(1366, 740)  # the same text no longer fits beside the band
    qtbot.waitUntil(lambda: not panel.checks_beside, timeout=3000)
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=3000)
    assert label.y() > panel.band.geometry().bottom()
    _fully_shown(label, page.right.widget(0))


def test_the_fields_table_fits_its_width_and_tooltips_carry_whole_values(qtbot, make_window, fake_desk, russian):
    """At 1366 px in Russian the document column is not pushed behind a horizontal scroll bar."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from reviewer_app.domain.views import FieldRow

    w = make_window(fake_desk, lang="ru")
    w.resize(1366, 740)
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000):
        w.open_application("EMK-2026-000003")  # a differing field too
    view = w.review_page.fields_view
    # Values as long as the sample passports' (a place of birth, an issuing office) in both value columns.
    place = "ГОР. МОСКВА, ОВД РАЙОНА АРБАТ Г. МОСКВЫ"
    view.model().set_fields([FieldRow("birth_place", "Место рождения", "Place of birth", place, place),
                             FieldRow("last_name", "Фамилия", "Last name", "Козлова", "Козлов", mismatch=True)])
    qtbot.waitUntil(lambda: view.viewport().width() > 0)
    QApplication.processEvents()
    assert view.horizontalHeader().length() <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    model = view.model()
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            shown = model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)
            assert shown in model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
