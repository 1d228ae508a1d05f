"""The administrator's desk in the window on the reviewer service (`gui --service`): the staff table and the audit
trail come over the API on the desk's own session, not from a database."""

from __future__ import annotations

import pytest

from reviewer_app.client import HttpDeskService
from reviewer_app.client.admin import HttpAdminDesk
from reviewer_app.ui.admin import AuditTab, StaffTab
from reviewer_app.ui.admin.dialogs import NewStaff


@pytest.fixture
def window(qtbot, qapp, tmp_path, service):
    from PySide6.QtCore import QSettings

    from reviewer_app.ui.app import install_translations
    from reviewer_app.ui.main_window import MainWindow

    install_translations("en")
    desk = HttpDeskService(service.url)
    w = MainWindow(desk, lang="en", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                   undo_seconds=0, settle_seconds=0)
    w.runner.show_errors = False
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    yield w
    w.runner.wait(5000)
    desk.close()


def test_the_admin_desk_over_the_service(qtbot, window, people, clock):
    w = window
    clock.advance(seconds=30)
    page = w.login_page
    page.name.setText("root")
    page.password.setText("Admin-pass-123")
    page.code.setText(people.code("root", clock))
    page.button.click()
    qtbot.waitUntil(lambda: w.actor is not None, timeout=10000)
    staff_tab = w.tabs.currentWidget()
    assert isinstance(staff_tab, StaffTab) and isinstance(staff_tab.desk, HttpAdminDesk)
    assert staff_tab.desk.desk is w.desk  # one sign-in serves every screen
    titles = [w.tabs.tabText(i) for i in range(w.tabs.count()) if w.tabs.isTabVisible(i)]
    # staff and the audit trail first, then the audit screens an administrator has in process too; no queue
    assert titles == ["Staff", "Audit trail", "Decisions", "Statistics", "Integrity"]
    qtbot.waitUntil(lambda: staff_tab.model.rowCount() == 4, timeout=10000)
    shown = []
    staff_tab.show_enrollment = lambda enr, new: shown.append(enr)
    staff_tab.ask_new_staff = lambda: NewStaff("vera", "reviewer", "Vera-pass-1234")
    with qtbot.waitSignal(staff_tab.loaded, timeout=10000):
        staff_tab.add_button.click()
    assert shown and shown[0].uri.startswith("otpauth://") and staff_tab.model.rowCount() == 5

    audit = next(w.tabs.widget(i) for i in range(w.tabs.count()) if isinstance(w.tabs.widget(i), AuditTab))
    w.tabs.setCurrentWidget(audit)
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=10000)
    assert any(e.action == "staff.create" and e.details.get("name") == "vera" for e in audit.model.rows)
