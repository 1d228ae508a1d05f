"""Issue 23, item 1: every string from a pack is shown as written, never as markup.

Packs whose every text field carries markup are imported into a real database; then every screen of the
reviewer and the supervisor is built offscreen (the same tour `tools/screenshots.py` takes), and at each screen every
label showing planted text must be plain text, and every tooltip must show the markup literally. An applicant named
`<img src="/dev/zero">` made the desk read /dev/zero until it crashed; here the image points nowhere.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.views import DecisionRequest
from reviewer_app.services import intake, staff
from reviewer_app.services import prescore_worker as pw
from reviewer_app.services.desk_service import DbDeskService
from reviewer_app.ui import screenshots as tour
from tests.ui.packs import FakeMatcher, _jpeg

IMG = '<img src="file:///nonexistent">'
SPAN = '<span style="font-size:40px;color:green">✔ Все проверки пройдены</span>'
BOLD = "<b>"
PLANTED = (IMG, SPAN, "<b>", "<i>")


def hostile_pack(root: Path, n: int, kind: str = "own_access") -> Path:
    """A valid pack whose every free-text field is markup (within the schema's lengths)."""
    pack = root / f"hostile{n}"
    pack.mkdir(parents=True)
    selfie, scan, cert = f"<b>selfie{n}<i>.jpg", f"<i>scan{n}<b>.jpg", f"<b>cert{n}<i>.jpg"  # no "/"
    doc = {
        "format": 1, "id": f"EMK-2026-{n:06d}", "kind": kind, "submitted_at": f"2026-11-2{n}T10:15:00+03:00",
        "applicant": {
            "last_name": IMG, "first_name": SPAN, "middle_name": "<b>Петровна</b>", "birth_date": "1990-05-17",
            "phone": "<b>+7 916 123-45-67</b>", "snils": "<b>112</b>", "account_confirmed_at_mfc": False,
            "biometric_consent": True,
            "passport": {"series": "<b>45</b>", "number": f"<i>{n}</i>", "issued_on": "2012-06-01",
                         "issued_by": f"{SPAN}{IMG}", "division_code": "<b>770</b>"},
            "oms_policy": {"number": "<b>7700000000000008</b>", "region": "<i>7</i>"},
        },
        "documents": {"selfie_with_passport": selfie, "passport_scan": scan},
    }
    if kind == "child_access":
        doc["child"] = {
            "last_name": IMG, "first_name": SPAN, "middle_name": BOLD, "birth_date": "2019-02-11",
            "oms_policy": {"number": "<b>5049123456789017</b>", "region": "<i>7</i>"},
            "birth_certificate": {"series": "<b>IV-МЮ</b>", "number": "<i>1</i>", "issued_on": "2019-03-01",
                                  "country": "RU"},
            "kinship_confirmation": {"confirmed_by": SPAN, "mfc_office": IMG, "confirmed_on": "2026-11-01",
                                     "document_ref": "<b>ref</b>"},
        }
        doc["documents"]["birth_certificate_scan"] = cert
        (pack / cert).write_bytes(_jpeg(300, 400, (215, 205, 190), []))
    (pack / "application.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (pack / selfie).write_bytes(_jpeg(640, 480, (80, 120, 190), [(80, 300, 300, 120), (260, 560, 360, 480)]))
    (pack / scan).write_bytes(_jpeg(300, 400, (215, 205, 190), [(60, 220, 250, 80)]))
    return pack


def _planted(text: object) -> bool:
    return isinstance(text, str) and any(m in text for m in PLANTED)


class Inspector:
    """Stands in for the screenshot taker: at every screen, looks at what the user would read."""

    def __init__(self) -> None:
        self.shown: dict[str, list[str]] = {}  # screen -> texts showing planted markup literally
        self.problems: list[str] = []

    def __call__(self, widget: QWidget, name: str) -> None:
        QApplication.instance().processEvents()
        shown = self.shown.setdefault(name, [])
        labels = widget.findChildren(QLabel) + ([widget] if isinstance(widget, QLabel) else [])
        for label in labels:
            if _planted(label.text()):
                shown.append(label.text())
                if label.textFormat() != Qt.TextFormat.PlainText:
                    self.problems.append(f"{name}: label {label.text()[:60]!r} is {label.textFormat()}")
        for w in [widget, *widget.findChildren(QWidget)]:
            self._tooltip(name, f"tooltip of {type(w).__name__}", w.toolTip())
        for view in widget.findChildren(QAbstractItemView):
            model = view.model()
            if model is None:
                continue
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    index = model.index(r, c)
                    if _planted(model.data(index, Qt.ItemDataRole.DisplayRole)):
                        shown.append(model.data(index, Qt.ItemDataRole.DisplayRole))
                    self._tooltip(name, f"cell {r},{c} of {type(model).__name__}",
                                  model.data(index, Qt.ItemDataRole.ToolTipRole))

    def _tooltip(self, name: str, where: str, tip: object) -> None:
        if not isinstance(tip, str) or not tip:
            return
        if _planted(tip):
            self.problems.append(f"{name}: {where} carries raw markup {tip[:60]!r}")
        if QtGui.Qt.mightBeRichText(tip):  # what Qt will render: the planted text must come out as written
            doc = QTextDocument()
            doc.setHtml(tip)
            # What Qt renders must be the text as written: the escaped text inside the paragraph, character for
            # character (a masked or shortened value may carry only part of the planted markup).
            inner = re.sub(r"^<p[^>]*>|</p>$", "", tip)
            if "&lt;" in tip and doc.toPlainText() != html.unescape(inner):
                self.problems.append(f"{name}: {where} does not show its markup literally")


@pytest.fixture
def hostile_db(app, tmp_path, clock, monkeypatch, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the UI is database-agnostic; its services are tested on both")
    clock.current = datetime.now(UTC)  # TOTP codes are checked against the app clock
    monkeypatch.setattr(pw, "default_matcher", lambda app: FakeMatcher())  # no face model in UI tests
    admin = staff.add_staff(app, None, name="root", role="admin", password="Admin-pass-123")
    root = Actor(staff_id=admin.staff_id, name="root", role=StaffRole.ADMIN)
    anna = staff.add_staff(app, root, name="anna", role="reviewer", password="Reviewer-pass-123")
    olga = staff.add_staff(app, root, name="olga", role="supervisor", password="Super-pass-123")
    for n, kind in enumerate(("own_access", "child_access", "own_access", "child_access", "own_access"), 1):
        out = intake.import_pack(app, hostile_pack(tmp_path / "packs", n, kind))
        assert out.status == "imported", out.reason
    return anna, olga


def _decide_with_markup(app, reviewer: Actor) -> None:
    """Decisions whose comments are markup too (the reviewer's words reach the supervisor's screens)."""
    desk = DbDeskService(app)
    for outcome, reason in (("reject", "photo_unclear"), ("return", "data_mismatch"), ("escalate", None)):
        app_id = desk.claim_next(reviewer)
        assert app_id is not None
        desk.prescore(reviewer, app_id)
        view = desk.open_application(reviewer, app_id)
        desk.decide(reviewer, DecisionRequest(app_id, view.version, outcome, reason_code=reason,
                                              comment_internal=f"{SPAN} {IMG}", comment_applicant=None))


def test_every_screen_shows_pack_markup_as_written(qtbot, app, hostile_db):
    anna, olga = hostile_db
    inspect = Inspector()
    window = tour._window(DbDeskService(app), "en", app)
    qtbot.addWidget(window)
    try:
        assert tour.reviewer_screens(window, inspect, ("anna", "reviewer", "Reviewer-pass-123", anna.secret))
        window.logout()
        tour._settle(window)
        reviewer = Actor(staff_id=anna.staff_id, name="anna", role=StaffRole.REVIEWER)
        _decide_with_markup(app, reviewer)
        supervisor = Actor(staff_id=olga.staff_id, name="olga", role=StaffRole.SUPERVISOR)
        tour.seed_decisions(app, reviewer, supervisor, count=2)
        assert tour.supervisor_screens(window, inspect, ("olga", "supervisor", "Super-pass-123", olga.secret))
    finally:
        window.runner.wait(5000)
        window.close()
    assert inspect.problems == []
    # Not vacuous: the planted text was on the screens that show it, as written.
    review = " ".join(inspect.shown["reviewer-review"])
    assert IMG in review and SPAN in review
    assert any(IMG in t for t in inspect.shown["reviewer-queue"])
    for dialog in ("reject", "return", "escalate"):  # the evidence quotes the typed passport fields
        assert any("<b>" in t for t in inspect.shown[f"reviewer-{dialog}-dialog"])
    assert any(t.startswith(IMG) and SPAN in t for t in inspect.shown["supervisor-decisions"])  # a table cell
    assert any(IMG in t and SPAN in t for t in inspect.shown["supervisor-case"])
    assert any(t.startswith(f"Internal comment: {SPAN}") for t in inspect.shown["supervisor-second-review-case"])
    assert any(IMG in t for t in inspect.shown["supervisor-overturn-dialog"])


def test_training_feedback_and_message_boxes_are_plain(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from reviewer_app.services.training import Feedback
    from reviewer_app.ui import plain
    from reviewer_app.ui.training_feedback import FeedbackDialog

    feedback = Feedback("EMK-1", "approve", None, False, "reject", "photo_unclear", explanation=SPAN, lang="en",
                        pack=IMG)
    dialog = FeedbackDialog(feedback)
    qtbot.addWidget(dialog)
    inspect = Inspector()
    inspect(dialog, "trainer-feedback")
    assert inspect.problems == [] and any(SPAN in t for t in inspect.shown["trainer-feedback"])
    assert IMG in dialog.windowTitle()

    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append((box.textFormat(), box.text())))
    plain.show_message(None, "Error", f"cannot open {IMG}")
    assert boxes == [(Qt.TextFormat.PlainText, f"cannot open {IMG}")]
