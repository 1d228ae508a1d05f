"""The administrator's desk in the main window on a real database (offscreen, the real task runner): an
administrator lands on the staff table, not on N/K/Q; adds, disables, re-enables, unlocks, gives a new code and
another role; searches and verifies the audit trail; saves the screen at 1366x768."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pyotp
import pytest
from PySide6.QtGui import QImage

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.admin import TotpEnrollment
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import audit_anchor, staff
from reviewer_app.services.desk_service import DbDeskService
from reviewer_app.ui.admin import AuditTab, StaffTab
from reviewer_app.ui.admin.dialogs import EnrollmentDialog, NewStaff
from reviewer_app.ui.admin.words import action_label, details_text, who_label


@pytest.fixture
def sqlite_only(db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the UI is database-agnostic; its services are tested on both")


@pytest.fixture
def interface_lang() -> str:
    return "en"


@pytest.fixture
def admin_window(sqlite_only, interface_lang, app, clock, make_window, qtbot):
    from reviewer_app.ui.app import install_translations

    install_translations(interface_lang)
    first = staff.add_staff(app, None, name="root", role="admin", password="Admin-pass-123")
    root = Actor(staff_id=first.staff_id, name="root", role=StaffRole.ADMIN)
    for name, role in (("anna", "reviewer"), ("boris", "reviewer"), ("olga", "supervisor")):
        staff.add_staff(app, root, name=name, role=role, password="Reviewer-pass-123")
    for _ in range(app.settings.staff_max_failures):  # boris mistypes his code until the account locks
        clock.advance(seconds=31)
        with contextlib.suppress(staff.PermissionDenied):
            staff.login(app, "boris", "Reviewer-pass-123", "000000")
    staff.disable_staff(app, root, "olga")
    audit_anchor.init_anchor(app)
    w = make_window(DbDeskService(app), app_context=app)
    w.resize(1366, 768)
    clock.advance(seconds=31)
    page = w.login_page
    page.name.setText("root")
    page.password.setText("Admin-pass-123")
    page.code.setText(pyotp.TOTP(first.secret).at(int(clock.now().timestamp())))
    page.button.click()
    qtbot.waitUntil(lambda: w.actor is not None, timeout=10000)
    return w


def _tab(w, kind):
    return next(w.tabs.widget(i) for i in range(w.tabs.count()) if isinstance(w.tabs.widget(i), kind))


def test_an_administrator_lands_on_the_staff_table_with_its_states(admin_window, qtbot):
    w = admin_window
    staff_tab = _tab(w, StaffTab)
    assert w.tabs.currentWidget() is staff_tab  # not an empty page
    assert not w.tabs.isTabVisible(w.tabs.indexOf(w.queue_page))
    assert not w.actions_by_id["next"].isEnabled() and not w.actions_by_id["acknowledge"].isEnabled()
    qtbot.waitUntil(lambda: staff_tab.model.rowCount() == 4, timeout=10000)
    cells = {staff_tab.model.index(r, 0).data(): [staff_tab.model.index(r, c).data() for c in range(8)]
             for r in range(4)}
    assert cells["anna"][2:5] == ["reviewer", "active", "yes"]
    assert cells["olga"][3] == "disabled"
    assert cells["boris"][3].startswith("locked until ")
    assert "Accounts: 4 (active 2, locked 1, disabled 1)." in staff_tab.status.text()

    assert staff_tab.select("root")
    assert not staff_tab.disable_button.isEnabled() and not staff_tab.role_button.isEnabled()  # not oneself
    assert staff_tab.select("olga") and staff_tab.enable_button.isEnabled()


def test_the_administrators_actions_through_the_screen(admin_window, app, clock, qtbot):
    w = admin_window
    staff_tab = _tab(w, StaffTab)
    qtbot.waitUntil(lambda: staff_tab.model.rowCount() == 4, timeout=10000)
    shown = []
    staff_tab.show_enrollment = lambda enr, new: shown.append((enr, new))
    staff_tab.confirm = lambda text: True
    staff_tab.ask_new_staff = lambda: NewStaff("Vera", "reviewer", "Vera-pass-1234")
    with qtbot.waitSignal(staff_tab.loaded, timeout=10000):
        staff_tab.add_button.click()
    (enrollment, new), = shown
    assert new and enrollment.name == "vera" and staff_tab.model.rowCount() == 5
    assert "vera added." in staff_tab.status.text()
    clock.advance(seconds=31)  # she can sign in with the code shown
    assert staff.login(app, "vera", "Vera-pass-1234", pyotp.TOTP(enrollment.secret).at(
        int(clock.now().timestamp()))).name == "vera"

    staff_tab.select("vera")
    with qtbot.waitSignal(staff_tab.loaded, timeout=10000):
        staff_tab.disable_button.click()
    assert {m.name: m.state for m in staff_tab.model.rows}["vera"] == "disabled"
    staff_tab.select("olga")
    with qtbot.waitSignal(staff_tab.loaded, timeout=10000):
        staff_tab.enable_button.click()
    staff_tab.select("boris")
    with qtbot.waitSignal(staff_tab.loaded, timeout=10000):
        staff_tab.unlock_button.click()
    states = {m.name: m.state for m in staff_tab.model.rows}
    assert (states["olga"], states["boris"]) == ("active", "active")

    staff_tab.select("anna")
    staff_tab.ask_role = lambda member: "supervisor"
    with qtbot.waitSignal(staff_tab.loaded, timeout=10000):
        staff_tab.role_button.click()
    assert {m.name: m.role for m in staff_tab.model.rows}["anna"] == "supervisor"
    with qtbot.waitSignal(staff_tab.loaded, timeout=10000):
        staff_tab.totp_button.click()
    assert shown[-1][0].name == "anna" and not shown[-1][1]

    # refused by the service: the screen says why in words
    staff_tab.ask_new_staff = lambda: NewStaff("anna", "reviewer", "Anna-pass-12345")
    with qtbot.waitSignal(staff_tab.loaded, timeout=10000):
        staff_tab.add_button.click()
    assert w.runner.last_error == "A staff member with this name already exists."

    audit = _tab(w, AuditTab)
    w.tabs.setCurrentWidget(audit)
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=10000)
    audit.who.setText("root")
    audit.action.setCurrentIndex(audit.action.findData("staff.role_change"))
    with qtbot.waitSignal(audit.loaded, timeout=10000):
        audit.search_button.click()
    assert audit.model.rowCount() == 1
    row = [audit.model.index(0, c).data() for c in range(6)]
    assert row[2:4] == ["root", "Role changed"] and "was: reviewer; now: supervisor" in row[5]
    with qtbot.waitSignal(audit.loaded, timeout=10000):
        audit.verify_button.click()
    assert audit.last_check is not None and audit.last_check.intact
    assert audit.verdict.text().startswith("The audit trail is intact.")


def test_words_for_actions_and_details():
    assert action_label("staff.disable") == "Account disabled"
    assert (who_label("bootstrap"), who_label("system"), who_label("anna")) == ("installation", "the system", "anna")
    assert action_label("claim.take") == "Taken for review"  # the case history's words
    assert details_text({"problem": "code", "source": "cli"}) == "problem: wrong code; from where: cli"
    assert details_text({"role": "mfc", "service": False, "empty": None}) == "role: MFC operator; script: no"


@pytest.mark.parametrize("interface_lang", ["en", "ru"])
def test_the_admin_screen_at_1366x768(admin_window, interface_lang, qtbot, tmp_path):
    w = admin_window
    staff_tab = _tab(w, StaffTab)
    qtbot.waitUntil(lambda: staff_tab.model.rowCount() == 4, timeout=10000)
    w.runner.wait(5000)
    out = Path(os.environ.get("REVIEWER_SCREENSHOT_DIR", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(out / f"admin-staff-{interface_lang}.png"))
    image = QImage(str(out / f"admin-staff-{interface_lang}.png"))
    assert (image.width(), image.height()) == (1366, 768)
    audit = _tab(w, AuditTab)
    w.tabs.setCurrentWidget(audit)
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=10000)
    with qtbot.waitSignal(audit.loaded, timeout=10000):
        audit.verify_button.click()
    w.grab().save(str(out / f"admin-audit-{interface_lang}.png"))
    enr = TotpEnrollment(9, "vera", "reviewer", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
                           "otpauth://totp/EMK%20reviewer:vera?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    dialog = EnrollmentDialog(enr, w, new_account=True)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(out / f"admin-new-account-{interface_lang}.png"))
    assert dialog.qr.pixmap().width() > 100
    dialog.close()
