"""Training over the real reviewer service on loopback: a trainee decides and reads the feedback, the trainer sees
it and starts the trainee again, and a reviewer's token is refused the trainer's desk (403)."""

from __future__ import annotations

import httpx
import pyotp
import pytest
from sqlalchemy import select

from reviewer_app.api.version import API_VERSION, HEADER, PREFIX
from reviewer_app.client import HttpDeskService
from reviewer_app.client.training import HttpTrainingDesk
from reviewer_app.db.models import AuditEvent
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.domain.training_views import CaseSet
from reviewer_app.domain.views import DecisionRequest
from reviewer_app.services import staff, training
from reviewer_app.services.training_desk import TrainingDesk
from tests.integration.service.conftest import PASSWORD, Service
from tests.ui.packs import FakeMatcher
from tests.ui.training_packs import EXPLANATIONS, write_training_packs


@pytest.fixture
def tctx(db_url, app, clock, tmp_path):
    if not db_url.startswith("sqlite"):
        pytest.skip("training databases are SQLite files")
    ctx = training.open_training(app.settings, clock=clock)
    training.load_packs(ctx, write_training_packs(tmp_path / "packs"))
    yield ctx
    ctx.close()


@pytest.fixture
def secrets(tctx) -> dict[str, str]:
    root = staff.add_staff(tctx, None, name="root", role="admin", password="Admin-pass-123")
    from reviewer_app.domain.actor import Actor
    from reviewer_app.domain.enums import StaffRole

    admin = Actor(staff_id=root.staff_id, name="root", role=StaffRole.ADMIN)
    return {name: staff.add_staff(tctx, admin, name=name, role=role, password=PASSWORD).secret
            for name, role in (("tanya", "trainer"), ("trainee1", "reviewer"), ("trainee2", "reviewer"))}


@pytest.fixture
def sign_in(tctx, secrets, clock):
    service = Service(tctx, FakeMatcher()).start()
    clients: list[HttpDeskService] = []

    def _sign_in(name: str) -> HttpDeskService:
        clock.advance(seconds=30)  # one TOTP code per sign-in
        client = HttpDeskService(service.url, retry_delays=(0.1,))
        clients.append(client)
        client.login(name, PASSWORD, pyotp.TOTP(secrets[name]).at(int(clock.now().timestamp())))
        return client

    yield _sign_in
    for c in clients:
        c.close()
    service.stop()


def test_training_over_the_service(tctx, sign_in) -> None:
    trainee = sign_in("trainee1")
    me = trainee.signed_in
    assert trainee.is_training is True
    first = trainee.claim_next(me)
    view = trainee.open_application(me, first)
    trainee.decide(me, DecisionRequest(first, view.version, "approve", comment_internal="training",
                                       acknowledged_checks=("face_duplicate", "document_data")))
    feedback = HttpTrainingDesk(trainee).feedback(me, first, "en")
    assert (feedback.application_id, feedback.correct, feedback.expected_outcome) == (first, True, "approve")
    assert feedback.explanation == EXPLANATIONS["pack1"][1] and feedback.pack == "pack1"

    # a reviewer's (trainee's) token: the trainer's desk is refused, in the client and on the wire
    with pytest.raises(PermissionDenied):
        HttpTrainingDesk(trainee).trainees(me)
    raw = httpx.get(f"{trainee.base_url}{PREFIX}/training/trainees",
                    headers={HEADER: API_VERSION, "Authorization": f"Bearer {trainee._token}"})
    assert raw.status_code == 403 and raw.json()["code"] == "trainer_only"

    trainer_desk = sign_in("tanya")
    desk: TrainingDesk = HttpTrainingDesk(trainer_desk)
    tanya = trainer_desk.signed_in
    summary = {t.name: t for t in desk.trainees(tanya)}
    assert (summary["trainee1"].cases, summary["trainee1"].right, summary["trainee1"].wrong) == (1, 1, 0)
    assert summary["trainee2"].cases == 0 and len(summary["trainee1"].sessions) == 1
    [case] = desk.trainee_cases(tanya, "trainee1")
    assert (case.application_id, case.correct, case.given_ru, case.expected_en) == (first, True, "одобрить", "approve")
    assert case.rule("ru") == EXPLANATIONS["pack1"][0]

    lessons = {x.code for x in desk.case_choices(tanya).lessons}
    assert lessons == {"approve", "face_mismatch"}
    assert desk.set_case_set(tanya, CaseSet(lessons=("face_mismatch",)), "trainee2").lessons == ("face_mismatch",)
    assert desk.case_set(tanya, "trainee2").lessons == ("face_mismatch",)

    result = desk.reset_trainee(tanya, "trainee1")
    assert (result.decisions_cleared, result.applications_back) == (1, 1)
    assert {t.name: t.cases for t in desk.trainees(tanya)}["trainee1"] == 0
    with tctx.sessions() as s:
        actors = s.scalars(select(AuditEvent.actor).where(AuditEvent.action.in_(
            ("training.read", "training.reset", "training.case_set")))).all()
    assert set(actors) == {"tanya"}  # audited under the signed-in trainer's name
    # the case is back for the trainee to work again
    assert first in [i.id for i in trainee.list_queue(me)]


def test_the_trainees_tab_of_a_desk_on_the_service(qtbot, qapp, tmp_path, tctx, secrets, sign_in, clock) -> None:
    """A trainer's window on the service gets the Trainees tab over HttpTrainingDesk (no application context)."""
    from PySide6.QtCore import QSettings

    from reviewer_app.ui.app import install_translations
    from reviewer_app.ui.main_window import MainWindow
    from reviewer_app.ui.trainer_tab import TraineesTab

    trainee = sign_in("trainee1")
    first = trainee.claim_next(trainee.signed_in)
    view = trainee.open_application(trainee.signed_in, first)
    trainee.decide(trainee.signed_in, DecisionRequest(first, view.version, "escalate", comment_internal="unsure"))
    install_translations("en")
    desk = HttpDeskService(trainee.base_url)
    w = MainWindow(desk, lang="en", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                   undo_seconds=0, settle_seconds=0)
    w.runner.show_errors = False
    qtbot.addWidget(w)
    w.show()
    try:
        clock.advance(seconds=30)
        w.login_page.name.setText("tanya")
        w.login_page.password.setText(PASSWORD)
        w.login_page.code.setText(pyotp.TOTP(secrets["tanya"]).at(int(clock.now().timestamp())))
        w.login_page.button.click()
        qtbot.waitUntil(lambda: w.actor is not None, timeout=10000)
        tab = next(w.tabs.widget(i) for i in range(w.tabs.count()) if isinstance(w.tabs.widget(i), TraineesTab))
        assert isinstance(tab.desk, HttpTrainingDesk)
        w.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda: tab.cases.rowCount() == 1, timeout=10000)
        row = tab.cases.row(0)
        assert (row.application_id, row.correct, row.given_en) == (first, False, "escalate")
    finally:
        w.runner.wait(5000)
        w.close()
        desk.close()
