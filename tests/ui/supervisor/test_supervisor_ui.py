"""Supervisor screens on a real database through the real task runner (offscreen)."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "integration" / "supervision"))
import sv_factories as f

from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import supervision as sv
from reviewer_app.services.supervision import DecisionRow
from reviewer_app.services.supervisor_desk_service import DbSupervisorDesk
from reviewer_app.ui.supervisor import build_supervisor_tabs
from reviewer_app.ui.supervisor.models import ITEM_ROLE, DecisionTableModel
from reviewer_app.ui.tasks import TaskRunner


@pytest.fixture
def sqlite_only(db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the UI is database-agnostic; its services are tested on both")


@pytest.fixture
def setup(qtbot, sqlite_only, app):
    sup = f.staff(app, "olga", "supervisor")
    anna = f.staff(app, "anna", "reviewer")
    now = app.clock.now()
    for i in range(3):
        f.application(app, f"U{i}", docs={"selfie_with_passport": f"img{i}".encode()})
        f.decision(app, f"U{i}", anna, outcome="approve" if i else "reject", reason=None if i else "face_mismatch",
                   decided_at=now - timedelta(days=i), override=(i == 2))
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent)
    runner.show_errors = False
    yield app, sup, anna, parent, runner
    runner.wait(3000)


def test_model_cells_and_item_role(qtmodeltester) -> None:
    from datetime import UTC, datetime

    model = DecisionTableModel()
    row = DecisionRow(7, "EMK-1", datetime(2026, 11, 27, 9, tzinfo=UTC), "anna", "own_access", "approve", None,
                      "mismatch", True, False, "pending")
    model.set_rows([row])
    qtmodeltester.check(model)
    assert model.data(model.index(0, DecisionTableModel.COL_AT)) == "27.11.2026 12:00"  # Moscow time
    assert model.data(model.index(0, DecisionTableModel.COL_FLAGS)) == "override"
    assert model.data(model.index(0, DecisionTableModel.COL_OUTCOME)) == "approved"  # words, not the code
    assert model.data(model.index(0, DecisionTableModel.COL_KIND)) == "Own record"
    assert model.data(model.index(0, DecisionTableModel.COL_SECOND)) == "waiting"
    assert model.data(model.index(0, 0), ITEM_ROLE) is row
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None


def test_tabs_follow_the_role(setup) -> None:
    app, sup, anna, parent, runner = setup
    titles = [t for t, _ in build_supervisor_tabs(parent, DbSupervisorDesk(app), sup, runner)]
    assert titles == ["Decisions", "Second review", "MFC confirmations", "Claims", "Statistics", "Integrity"]
    assert build_supervisor_tabs(parent, DbSupervisorDesk(app), anna, runner) == []
    assert anna.role is StaffRole.REVIEWER


def test_search_open_case_and_stats(qtbot, setup) -> None:
    app, sup, _anna, parent, runner = setup
    tabs = dict(build_supervisor_tabs(parent, DbSupervisorDesk(app), sup, runner))
    search = tabs["Decisions"]
    with qtbot.waitSignal(search.loaded, timeout=5000):
        search.search_button.click()
    assert search.model.rowCount() == 3
    search.overrides.setChecked(True)
    with qtbot.waitSignal(search.loaded, timeout=5000):
        search.search_button.click()
    assert [search.model.row(r).application_id for r in range(search.model.rowCount())] == ["U2"]
    search.view.setCurrentIndex(search.model.index(0, 0))
    with qtbot.waitSignal(search.loaded, timeout=5000):
        search.open_button.click()
    dialog = search.case_dialog
    assert "U2" in dialog.windowTitle() and dialog.checks.rowCount() == 1
    qtbot.waitUntil(lambda: all((lbl.pixmap() is not None and not lbl.pixmap().isNull()) or "cannot" in lbl.text()
                                for lbl in dialog.image_labels.values()), timeout=5000)
    stats_tab = tabs["Statistics"]
    with qtbot.waitSignal(stats_tab.loaded, timeout=5000):
        stats_tab.compute_button.click()
    assert stats_tab.stats.total == 3 and stats_tab.workload.rowCount() == 1
    assert stats_tab.chart_view.chart().series()[0].count() >= 1


def test_search_reviewer_is_picked_from_the_list_and_an_unknown_name_is_said(qtbot, setup) -> None:
    app, sup, _anna, parent, runner = setup
    search = dict(build_supervisor_tabs(parent, DbSupervisorDesk(app), sup, runner))["Decisions"]
    with qtbot.waitSignal(search.loaded, timeout=5000):
        search.search_button.click()
    # The list (loaded with the first search, off the UI thread): no filter, then everyone who has decided.
    assert [search.reviewer.itemText(i) for i in range(search.reviewer.count())] == ["", "anna"]
    search.reviewer.setCurrentIndex(1)
    with qtbot.waitSignal(search.loaded, timeout=5000):
        search.search_button.click()
    assert search.model.rowCount() == 3
    search.reviewer.setEditText("Ana")  # a typo
    with qtbot.waitSignal(search.loaded, timeout=5000):
        search.search_button.click()
    assert search.model.rowCount() == 0 and "“ana”" in search.status.text() and "list" in search.status.text()
    assert not search.next_button.isEnabled()
    search.reviewer.setEditText(" ANNA ")  # names are stored in lower case
    with qtbot.waitSignal(search.loaded, timeout=5000):
        search.search_button.click()
    assert search.model.rowCount() == 3 and search.reviewer.count() == 2


def test_second_review_confirm(qtbot, setup) -> None:
    app, sup, _anna, parent, runner = setup
    tab = dict(build_supervisor_tabs(parent, DbSupervisorDesk(app), sup, runner))["Second review"]
    app.settings = replace(app.settings, second_review_share=1.0)  # every approval sampled, for the test
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.sample_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    asked = []
    tab.ask = lambda _parent, row, confirm, _lang: asked.append((row.decision_id, confirm)) or ("fine", None)
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.confirm_button.click()
    assert asked == [(tab.model.row(0).decision_id, True)]  # asked exactly once, about the selected row
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)


def test_case_thumbnail_is_decoded_and_scaled_off_the_ui_thread(qtbot) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    from reviewer_app.ui.supervisor.widgets import _thumbnail

    big = QImage(1600, 900, QImage.Format.Format_RGB32)
    big.fill(QColor("teal"))
    raw = QByteArray()
    buf = QBuffer(raw)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    big.save(buf, "PNG")
    thumb = _thumbnail(bytes(raw.data()))
    expected = big.size().scaled(320, 240, Qt.AspectRatioMode.KeepAspectRatio)
    assert not thumb.isNull() and thumb.size() == expected and (thumb.width(), thumb.height()) == (320, 180)
    assert _thumbnail(b"not an image").isNull()


def test_integrity_tab_lists_tampered_documents(qtbot, setup) -> None:
    from reviewer_app.services import audit

    app, sup, _anna, parent, runner = setup
    tab = dict(build_supervisor_tabs(parent, DbSupervisorDesk(app), sup, runner))["Integrity"]
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.refresh_button.click()
    assert tab.list.toPlainText() == "" and "No document" in tab.status.text()
    with app.uow() as s:
        audit.record(s, at=app.clock.now(), actor="anna", action="document.integrity_failed", target_type="document",
                     target_id="ab" * 32, details={"application_id": "U1", "role": "selfie_with_passport"})
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.refresh_button.click()
    assert "U1  selfie_with_passport  abababababababab…  anna" in tab.list.toPlainText()
    assert tab.status.text().startswith("1 ")  # "1 document failed its integrity check", in the installed language


def test_a_tab_loads_when_first_shown(qtbot, setup) -> None:
    app, sup, _anna, parent, runner = setup
    search = dict(build_supervisor_tabs(parent, DbSupervisorDesk(app), sup, runner))["Decisions"]
    assert search.model.rowCount() == 0  # nothing loads before it is shown
    with qtbot.waitSignal(search.loaded, timeout=5000):
        parent.show()  # the tab appears: no button pressed
    assert search.model.rowCount() == 3


def test_second_review_opens_the_case_with_comment_failed_checks_and_prescore(qtbot, setup) -> None:
    from reviewer_app.db.models import Decision
    from reviewer_app.domain.prescore import PreScore, decision_snapshot

    app, sup, anna, parent, runner = setup
    f.application(app, "W1")
    checks = [{"check_id": "phone", "status": "fail", "message_ru": "Телефон не мобильный",
               "message_en": "Not a mobile phone", "details": {"reason": "not_mobile"}},
              {"check_id": "sla", "status": "pass", "message_ru": "Срок", "message_en": "Deadline"}]
    d = f.decision(app, "W1", anna, second_review="pending", checks=checks, band="uncertain", score=None)
    with app.uow() as s:
        row = s.get(Decision, d)
        row.comment_internal = "typo in the phone, faces alike"
        row.prescore_snapshot = decision_snapshot(  # the stored shape: the row's columns, the result nested
            row_id=1, band="uncertain", score=52.0, distance=0.5, model_version="m", selfie_sha256=None,
            scan_sha256=None, computed_at="2026-11-27T09:00:00+00:00",
            result=PreScore("uncertain", 52.0, summary_en="Unsure", summary_ru="Неясно").to_dict())
    tab = dict(build_supervisor_tabs(parent, DbSupervisorDesk(app), sup, runner, lang="en"))["Second review"]
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.refresh()
    assert tab.model.row(0).application_id == "W1"
    assert tab.model.data(tab.model.index(0, tab.model.COL_COMMENT)) == "typo in the phone, faces alike"
    assert tab.model.data(tab.model.index(0, tab.model.COL_NOT_PASSED)) == "Phone"
    tab.view.selectRow(0)
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.open_button.click()
    dialog = tab.case_dialog
    assert "typo in the phone" in dialog.comments.text()
    assert "Phone" in dialog.not_passed.text() and "Not a mobile phone" in dialog.not_passed.text()
    assert dialog.prescore.band.text().startswith("uncertain") and "52/100" in dialog.prescore.band.text()
    assert dialog.confirm_button is not None and dialog.overturn_button is not None
    # the case's history is in words, not codes or hashes
    history = [dialog.history.data(dialog.history.index(r, 2)) for r in range(dialog.history.rowCount())]
    assert history and all("." not in h.split()[0] for h in history), history


def test_overturn_asks_once_and_needs_a_comment_inline(qtbot, setup) -> None:
    from reviewer_app.ui.supervisor.widgets import VerdictDialog

    app, sup, anna, _parent, _runner = setup
    f.application(app, "V1")

    f.decision(app, "V1", anna, second_review="pending")
    row = sv.second_review_queue(app, sup).rows[0]
    dialog = VerdictDialog(row, confirm=False, lang="en")
    qtbot.addWidget(dialog)
    dialog.comment.setPlainText("")
    dialog._accept()
    assert dialog.result() == 0 and "why" in dialog.error.text().lower()  # stays open, says what is missing
    dialog.comment.setPlainText("the faces differ")
    dialog._accept()
    assert "reason" in dialog.error.text().lower() and dialog.comment.toPlainText() == "the faces differ"
    dialog.reason.setCurrentIndex(dialog.reason.findData("face_mismatch"))
    dialog._accept()
    assert dialog.result() == VerdictDialog.DialogCode.Accepted
    assert dialog.answer() == ("the faces differ", "face_mismatch")


class _FlaggingMatcher:
    """The worker's matcher, answering with a pre-score that has quality flags (no face model needed)."""

    def prescore(self, selfie, scan=None, *, consent, selfie_name="", scan_name=""):
        from reviewer_app.domain.prescore import PreScore, QualityFlag

        return PreScore(band="uncertain", score=52.0, distance=0.55, model="test-model",
                        flags=(QualityFlag("glare", "Блики на фото паспорта", "Glare on the passport photo"),),
                        summary_ru="Лица похожи не вполне", summary_en="The faces are not clearly alike")


def test_the_case_shows_the_prescore_the_reviewer_saw_from_a_real_decision(qtbot, setup) -> None:
    """The pre-score goes the real way: worker -> stored pre-score -> decision snapshot -> case dialog."""
    from reviewer_app.db.models import Applicant, Application, Claim, Document
    from reviewer_app.services import decisions
    from reviewer_app.services.prescore_worker import run_worker

    app, sup, anna, parent, runner = setup
    now = app.clock.now()
    with app.uow() as s:
        s.add(Application(id="P1", kind="own_access", status="in_review", submitted_at=now - timedelta(days=1),
                          received_at=now, sla_deadline=(now + timedelta(days=5)).date(), person_key="pk-P1",
                          pack_json={"id": "P1"}, pack_sha256="1" * 64, rule_version="2026-01",
                          claimed_by=anna.staff_id, lease_expires_at=now + timedelta(minutes=10), version=1))
        s.flush()
        s.add(Applicant(application_id="P1", last_name="Иванова", first_name="Мария", birth_date=date(1990, 5, 17),
                        phone_e164="+79161234567", passport_series="4502", passport_number="573482",
                        biometric_consent=False))
        s.add(Claim(application_id="P1", staff_id=anna.staff_id, claimed_at=now, lease_expires_at=now
                    + timedelta(minutes=10)))
        s.add(Document(application_id="P1", role="selfie_with_passport", filename="selfie.jpg",
                       sha256=app.store.put(b"selfie"), size=6, media_type="image/jpeg"))
    assert run_worker(app, matcher=_FlaggingMatcher(), once=True).done == 1
    r = decisions.decide(app, anna, application_id="P1", expected_version=1, outcome="reject",
                         reason_code="photo_unclear")
    tab = dict(build_supervisor_tabs(parent, DbSupervisorDesk(app), sup, runner, lang="en"))["Decisions"]
    case = sv.open_case(app, sup, r.decision_id)
    from reviewer_app.ui.supervisor.widgets import CaseDialog

    dialog = CaseDialog(case, DbSupervisorDesk(app), sup, runner, tab, lang="en")
    qtbot.addWidget(dialog)
    assert dialog.prescore.band.text().startswith("uncertain") and "52/100" in dialog.prescore.band.text()
    assert "Glare on the passport photo" in dialog.prescore.flags.text()
    assert "No quality problems" not in dialog.prescore.flags.text()
    assert dialog.prescore.summary.text() == "The faces are not clearly alike"


def test_find_a_case_by_name_or_passport_and_open_it(qtbot, setup) -> None:
    import hashlib

    from PySide6.QtWidgets import QLineEdit

    from reviewer_app.db.models import Applicant, Application

    app, sup, anna, parent, runner = setup
    f.application(app, "EMK-2026-000777", submitted_at=app.clock.now() - timedelta(days=300))
    with app.uow() as s:
        s.get(Application, "EMK-2026-000777").person_key = hashlib.sha256(b"passport:4502573482").hexdigest()
        s.add(Applicant(application_id="EMK-2026-000777", last_name="Кузнецова", first_name="Алёна",
                        birth_date=date(1990, 5, 17), phone_e164="+79161234567"))
    f.decision(app, "EMK-2026-000777", anna, decided_at=app.clock.now() - timedelta(days=200))  # long ago
    search = dict(build_supervisor_tabs(parent, DbSupervisorDesk(app), sup, runner, lang="en"))["Decisions"]
    search.name.setText("кузнецова ален")
    with qtbot.waitSignal(search.loaded, timeout=5000):
        search.search_button.click()
    assert [search.model.row(r).application_id for r in range(search.model.rowCount())] == ["EMK-2026-000777"]
    assert "all dates" in search.status.text()  # found outside the date range shown
    search.name.clear()
    assert search.passport.echoMode() == QLineEdit.EchoMode.PasswordEchoOnEdit  # typed in full, shown masked
    search.passport.setText("4502 573482")
    with qtbot.waitSignal(search.loaded, timeout=5000):
        search.passport.returnPressed.emit()
    assert search.model.rowCount() == 1
    search.view.setCurrentIndex(search.model.index(0, 0))
    with qtbot.waitSignal(search.loaded, timeout=5000):
        search.open_button.click()
    assert "EMK-2026-000777" in search.case_dialog.windowTitle()
    search.passport.setText("4502")
    search.search_button.click()
    qtbot.waitUntil(lambda: "10 digits" in search.status.text(), timeout=5000)  # said in words, not a code


def test_a_title_after_a_colon_starts_in_lower_case_but_an_abbreviation_stays() -> None:
    from reviewer_app.ui.supervisor.widgets import after_colon

    assert after_colon("Данные не совпадают") == "данные не совпадают"
    assert after_colon("СНИЛС неверен") == "СНИЛС неверен" and after_colon("") == ""


def test_mfc_tab_confirms_and_refuses_pending_desk_records(qtbot, setup) -> None:
    """Issue 22: a confirmation typed in at a desk waits here for another supervisor."""
    from datetime import date

    from sqlalchemy import select

    from reviewer_app.db.models import AuditEvent, KinshipConfirmation

    app, sup, _anna, parent, runner = setup
    with app.uow() as s:
        for ref in ("МФЦ-1", "МФЦ-2"):
            s.add(KinshipConfirmation(parent_key="p", child_key="c", application_id=None, source="desk",
                                      state="pending", recorded_by="anna", recorded_at=app.clock.now(),
                                      confirmed_on=date(2026, 11, 26), confirmed_by="Петрова",
                                      mfc_office="МФЦ Арбат", document_ref=ref))
    tab = dict(build_supervisor_tabs(parent, DbSupervisorDesk(app), sup, runner))["MFC confirmations"]
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.refresh()
    assert tab.list.count() == 2 and "recorded by anna" in tab.list.item(0).text()
    tab.list.setCurrentRow(0)
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.confirm_button.click()
    qtbot.waitUntil(lambda: tab.list.count() == 1, timeout=5000)
    tab.list.setCurrentRow(0)
    tab.ask_comment = lambda: "no such reference"
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.refuse_button.click()
    qtbot.waitUntil(lambda: tab.list.count() == 0, timeout=5000)
    with app.sessions() as s:
        states = dict(s.execute(select(KinshipConfirmation.document_ref, KinshipConfirmation.state)).all())
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("kinship.%"))))
    assert states == {"МФЦ-1": "confirmed", "МФЦ-2": "refused"}
    assert actions == ["kinship.mfc_confirmed", "kinship.mfc_refused"]
