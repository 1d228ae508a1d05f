"""Issue 24 items 3 and 4 in the supervisor's desk, on a real database through the real task runner (offscreen):
an escalated application is decided with the reviewer's dialog under the decision plan, and the statistics tab
shows the figures in words and saves the service's CSV/PDF where the supervisor chose."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy import select

from reviewer_app.db.models import Application, Decision
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.domain.views import DecisionRequest
from reviewer_app.services import intake, staff
from reviewer_app.services.desk_service import DbDeskService
from reviewer_app.services.supervisor_desk_service import DbSupervisorDesk
from reviewer_app.ui.supervisor.escalation import EscalationDialog, decision_dialog
from reviewer_app.ui.supervisor.models import SecondReviewTableModel
from reviewer_app.ui.supervisor.stats_tab import StatsTab
from reviewer_app.ui.supervisor.widgets import SecondReviewTab
from reviewer_app.ui.tasks import TaskRunner
from tests.ui.packs import write_pack

PASSWORD = "Reviewer-pass-123"
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.fixture
def desk_day(qtbot, app, clock, tmp_path, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the UI is database-agnostic; its services are tested on both")
    clock.current = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    admin = staff.add_staff(app, None, name="root", role="admin", password="Admin-pass-123")
    root = Actor(staff_id=admin.staff_id, name="root", role=StaffRole.ADMIN)
    people = {name: Actor(staff_id=staff.add_staff(app, root, name=name, role=role, password=PASSWORD).staff_id,
                          name=name, role=StaffRole(role))
              for name, role in (("anna", "reviewer"), ("olga", "supervisor"))}
    for n in (1, 2):
        assert intake.import_pack(app, write_pack(tmp_path / "packs", n,
                                                  submitted_at="2026-11-25T10:00:00+03:00")).status == "imported"
    desk = DbDeskService(app)
    anna = people["anna"]
    escalated = desk.claim_next(anna)
    view = desk.open_application(anna, escalated)
    by_hand = tuple(c.id for c in view.checks if c.status in ("manual", "not_run"))
    desk.decide(anna, DecisionRequest(escalated, view.version, "escalate", acknowledged_checks=by_hand,
                                      comment_internal="the passport photo looks retouched"))
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent)
    runner.show_errors = False
    yield app, people, escalated, parent, runner
    runner.wait(3000)


def _decision_rows(app, application_id):
    with app.sessions() as s:
        return [tuple(r) for r in s.execute(select(Decision.outcome, Decision.second_review, Decision.reason_code)
                                            .where(Decision.application_id == application_id)
                                            .order_by(Decision.id))]


def test_a_supervisor_decides_an_escalation_in_the_second_review_tab(qtbot, desk_day, tmp_path):
    app, people, escalated, parent, runner = desk_day
    olga = people["olga"]
    tab = SecondReviewTab(DbSupervisorDesk(app), olga, runner, parent, "en")
    tab.resize(1366, 700)
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.refresh()
    row = tab.selected()
    assert row is not None and row.application_id == escalated and row.outcome == "escalate"
    comment = tab.model.data(tab.model.index(0, SecondReviewTableModel.COL_COMMENT))
    assert comment == "Escalated by anna: the passport photo looks retouched"
    # An escalation is decided, not confirmed or overturned.
    assert tab.decide_button.isEnabled() and tab.decide_button.text() == "Decide… (D)"
    assert not tab.confirm_button.isEnabled() and not tab.overturn_button.isEnabled()
    assert tab.verdict(confirm=True) is False and "decided" in tab.status.text()

    seen = {}

    def ask(parent_, row_, view, lang):
        chooser = EscalationDialog(row_, view, lang, parent_)
        seen["said"] = chooser.said.text()
        seen["enabled"] = {o: b.isEnabled() for o, b in chooser.buttons.items()}
        chooser.resize(1366 // 2, chooser.sizeHint().height())
        chooser.grab().save(str(tmp_path / "escalation.png"))
        chooser.choose("reject")
        assert chooser.result() == QDialog.DialogCode.Accepted and chooser.chosen == "reject"
        dialog = decision_dialog(row_, view, chooser.chosen, lang, parent_)
        dialog._accept()  # nothing chosen yet: the plan says what is missing, nothing is saved
        seen["missing"] = dialog.error.text()
        dialog.reason.setCurrentIndex(dialog.reason.findData("photo_unclear"))
        dialog.comment_internal.setPlainText("retouched: a new photo is needed")
        dialog._accept()
        assert dialog.result() == QDialog.DialogCode.Accepted
        return dialog.request()

    tab.ask_escalation = ask
    tab.decide()
    qtbot.waitUntil(lambda: len(_decision_rows(app, escalated)) == 2 and tab.model.rowCount() == 0, timeout=5000)
    assert seen["said"].startswith("Escalated by anna, ") and seen["said"].endswith(
        ": the passport photo looks retouched")
    assert seen["enabled"] == {"approve": True, "reject": True, "return": True, "in_person": True}
    assert seen["missing"] == "Choose a reason."
    assert _decision_rows(app, escalated) == [("escalate", "confirmed", None), ("reject", "", "photo_unclear")]
    with app.sessions() as s:
        assert s.get(Application, escalated).status == "decided"
    assert (tmp_path / "escalation.png").stat().st_size > 1000
    # The service decides who may: a reviewer is refused even in process.
    with pytest.raises(PermissionDenied):
        DbSupervisorDesk(app).resolve_escalation(people["anna"], 1, outcome="approve")


def test_the_statistics_tab_in_words_and_its_exports(qtbot, desk_day, tmp_path):
    app, people, _escalated, parent, runner = desk_day
    sup = DbSupervisorDesk(app)
    [row] = sup.second_review_queue(people["olga"]).rows
    sup.resolve_escalation(people["olga"], row.decision_id, outcome="reject", reason_code="photo_unclear",
                           comment_internal="blurred")
    tab = StatsTab(sup, people["olga"], runner, parent, "en")
    tab.resize(1366, 700)
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.refresh()
    text = tab.summary.text() + "\n" + tab.calibration.text()
    assert "2 decisions" in text and "1 application waiting in the queue now" in text
    assert "Second reviews: 1; they agreed with the decision in 100.0 %, overturned it in 0.0 %" in text
    assert tab.reasons.rowCount() == 1 and tab.reasons.data(tab.reasons.index(0, 0)) == "Photo unclear"
    assert not SNAKE.findall(text), text
    for fmt in ("csv", "pdf"):
        path = tmp_path / f"stats.{fmt}"
        with qtbot.waitSignal(tab.loaded, timeout=10000):
            tab.export(fmt, str(path))
        data = path.read_bytes()
        assert data.startswith(b"%PDF") if fmt == "pdf" else "Decisions per reviewer" in data.decode("utf-8-sig")
        assert str(path) in tab.status.text()
    assert not SNAKE.findall((tmp_path / "stats.csv").read_text(encoding="utf-8-sig"))


def test_the_escalation_dialog_offers_what_the_plan_offers_and_says_why_not(qtbot) -> None:
    """Kinship to be confirmed in person at an MFC: the supervisor, like a reviewer, cannot approve; the button is
    disabled, the reason is written above the buttons, and A does nothing."""
    from datetime import date

    from reviewer_app.domain.supervision_views import DecisionRow
    from reviewer_app.domain.views import ApplicationView
    from tests.unit.access.test_decision_plan import facts

    in_person = facts("child_access", "kinship_in_person")
    view = ApplicationView(id=in_person.application_id, kind="child_access", status="awaiting_second_review",
                           version=2, submitted_at=datetime(2026, 11, 25, 7, tzinfo=UTC),
                           sla_deadline=date(2026, 12, 9), applicant_name="Иванова Анна",
                           decision_facts=in_person, decision_on=date(2026, 11, 27))
    row = DecisionRow(5, view.id, datetime(2026, 11, 27, 9, tzinfo=UTC), "anna", "child_access", "escalate", None,
                      None, False, False, "pending", applicant="Иванова Анна", comment="the certificate is foreign")
    dialog = EscalationDialog(row, view, "en")
    qtbot.addWidget(dialog)
    assert {o: b.isEnabled() for o, b in dialog.buttons.items()} == {
        "approve": False, "reject": True, "return": True, "in_person": True}
    assert dialog.route_note.text().startswith("Approve is not possible: ")
    assert "in person at an MFC" in dialog.route_note.text()
    # The plan's Russian reason is in words (its English one is the service's message and names the outcomes'
    # codes: the reviewer's decision bar shows the same text).
    russian = EscalationDialog(row, view, "ru")
    qtbot.addWidget(russian)
    assert "МФЦ" in russian.route_note.text() and not SNAKE.findall(russian.route_note.text())
    assert dialog.said.text() == "Escalated by anna, 27.11.2026 12:00: the certificate is foreign"
    dialog.choose("approve")
    assert dialog.chosen is None and dialog.result() == 0
    dialog.choose("in_person")
    assert dialog.chosen == "in_person" and dialog.result() == QDialog.DialogCode.Accepted
