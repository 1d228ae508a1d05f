"""The trainer's "Trainees" tab on a real training database, offscreen: sessions, cases with the given and the
expected answer and the rule, a fresh start after a confirmation, and the cases given; a trainee gets no such tab."""

from __future__ import annotations

import pyotp
import pytest
from PySide6.QtCore import Qt

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import decisions, queue_service, staff, training
from reviewer_app.services.desk_service import DbDeskService
from reviewer_app.services.training_desk import DbTrainingDesk
from reviewer_app.ui.trainer_tab import TraineesTab
from tests.ui.packs import FakeMatcher
from tests.ui.training_packs import EXPLANATIONS, write_training_packs

PASSWORD = "Trainer-pass-123"


@pytest.fixture
def tctx(db_url, app, clock, tmp_path):
    if not db_url.startswith("sqlite"):
        pytest.skip("training databases are SQLite files")
    ctx = training.open_training(app.settings, clock=clock)
    training.load_packs(ctx, write_training_packs(tmp_path / "packs"))
    yield ctx
    ctx.close()


@pytest.fixture
def people(tctx):
    root = staff.add_staff(tctx, None, name="root", role="admin", password="Admin-pass-123")
    admin = Actor(staff_id=root.staff_id, name="root", role=StaffRole.ADMIN)
    out = {}
    for name, role in (("tanya", "trainer"), ("trainee1", "reviewer"), ("trainee2", "reviewer")):
        made = staff.add_staff(tctx, admin, name=name, role=role, password=PASSWORD)
        out[name] = (Actor(staff_id=made.staff_id, name=name, role=StaffRole(role)), made.secret)
    return out


def _decide(ctx, actor, outcome, reason=None) -> str:
    item = queue_service.claim_next(ctx, actor)
    ctx.clock.advance(minutes=3)
    decisions.decide(ctx, actor, application_id=item.application_id, expected_version=item.version,
                     outcome=outcome, reason_code=reason, comment_internal="training",
                     acknowledged_checks=("face_duplicate", "document_data"))
    return item.application_id


def _login(qtbot, window, ctx, name, secret) -> None:
    ctx.clock.advance(seconds=30)
    page = window.login_page
    page.name.setText(name)
    page.password.setText(PASSWORD)
    page.code.setText(pyotp.TOTP(secret).at(int(ctx.clock.now().timestamp())))
    page.button.click()
    qtbot.waitUntil(lambda: window.actor is not None, timeout=10000)


def _tab(window) -> TraineesTab | None:
    return next((window.tabs.widget(i) for i in range(window.tabs.count())
                 if isinstance(window.tabs.widget(i), TraineesTab)), None)


def test_the_trainer_reads_the_trainees_work_and_starts_one_again(qtbot, make_window, tctx, people,
                                                                   tmp_path) -> None:
    _decide(tctx, people["trainee1"][0], "approve")  # pack1: right
    _decide(tctx, people["trainee2"][0], "escalate")  # pack2: wrong, the face does not match
    window = make_window(DbDeskService(tctx, matcher_factory=FakeMatcher), app_context=tctx, lang="en")
    _login(qtbot, window, tctx, "tanya", people["tanya"][1])
    tab = _tab(window)
    assert tab is not None and window.tabs.tabText(window.tabs.indexOf(tab)) == "Trainees"
    window.resize(1366, 768)
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.cases.rowCount() == 1, timeout=10000)
    rows = {tab.trainees.row(r).name: tab.trainees.row(r) for r in range(tab.trainees.rowCount())}
    assert set(rows) == {"trainee1", "trainee2"} and rows["trainee2"].wrong == 1

    tab.trainee_view.selectRow(list(rows).index("trainee2"))
    qtbot.waitUntil(lambda: tab.cases.rowCount() == 1 and tab.cases.row(0).application_id == "EMK-2026-000002",
                    timeout=10000)
    tab.case_view.selectRow(0)
    cells = [tab.cases.data(tab.cases.index(0, c)) for c in range(tab.cases.columnCount())]
    assert cells == ["EMK-2026-000002", "wrong", "escalate", "reject (Face does not match the passport)"]
    assert EXPLANATIONS["pack2"][1] in tab.rule.text() and "face_mismatch" not in tab.rule.text()
    assert tab.sessions.rowCount() == 1 and tab.kinds.count() == 1 and tab.lessons.count() == 2
    window.runner.wait(5000)
    qtbot.wait(50)
    shot = window.grab()
    assert (shot.width(), shot.height()) == (1366, 768)
    assert shot.save(str(tmp_path / "trainer-trainees.png"))

    # the case set: trainee2 practises the face lesson only
    tab.set_for.setCurrentIndex(tab.set_for.findData("trainee2"))
    window.runner.wait(5000)
    lesson = next(tab.lessons.item(i) for i in range(tab.lessons.count())
                  if tab.lessons.item(i).data(Qt.ItemDataRole.UserRole) == "face_mismatch")
    lesson.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.save_set_button.click()
    assert DbTrainingDesk(tctx).case_set(people["tanya"][0], "trainee2").lessons == ("face_mismatch",)

    # a fresh start, only after the confirmation
    asked: list[str] = []
    tab.confirm_reset = lambda name: asked.append(name) or False
    tab.reset_selected()
    assert asked == ["trainee2"] and tab.trainees.row(list(rows).index("trainee2")).cases == 1
    tab.confirm_reset = lambda name: True
    tab.reset_selected()
    qtbot.waitUntil(lambda: any(tab.trainees.row(r).name == "trainee2" and tab.trainees.row(r).cases == 0
                                for r in range(tab.trainees.rowCount())), timeout=10000)
    window.runner.wait(5000)


def test_a_trainee_gets_no_trainees_tab(qtbot, make_window, tctx, people) -> None:
    window = make_window(DbDeskService(tctx, matcher_factory=FakeMatcher), app_context=tctx, lang="en")
    _login(qtbot, window, tctx, "trainee1", people["trainee1"][1])
    window.runner.wait(5000)
    assert _tab(window) is None
