"""The desk's table models: Qt's model contract (qtmodeltester) and what each cell shows."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt

from reviewer_app.domain.views import CheckView, FieldRow, HistoryItem, QueueItem
from reviewer_app.ui.models import (
    BADGE_COLOURS,
    ITEM_ROLE,
    MISMATCH_BG,
    ChecksModel,
    FieldsModel,
    HistoryModel,
    QueueTableModel,
)

TODAY = date(2026, 11, 27)


def _item(app_id: str, days_old: int, deadline: date, band: str | None = None) -> QueueItem:
    submitted = datetime(2026, 11, 27 - days_old, 8, 0, tzinfo=UTC)
    return QueueItem(app_id, "own_access", "pending", submitted, deadline, band=band)


def test_queue_model_contract_and_badges(qtmodeltester):
    model = QueueTableModel()
    items = [_item("A", 1, date(2026, 12, 4), "match"), _item("B", 4, date(2026, 11, 30)),
             _item("C", 9, date(2026, 11, 25), "mismatch")]
    model.set_items(items, TODAY)
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 7
    age = QueueTableModel.COL_AGE
    colours = [model.data(model.index(r, age), Qt.ItemDataRole.BackgroundRole).color() for r in range(3)]
    assert colours == [BADGE_COLOURS["green"], BADGE_COLOURS["amber"], BADGE_COLOURS["red"]]
    assert model.data(model.index(2, 0), ITEM_ROLE) is items[2]
    due = model.data(model.index(2, QueueTableModel.COL_DUE))
    assert "25.11.2026" in due and "2" in due
    model.set_items([], TODAY)
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_queue_item_badge_rules():
    fresh = _item("A", 2, date(2026, 12, 1))
    old = _item("B", 3, date(2026, 12, 1))
    overdue = _item("C", 1, date(2026, 11, 26))
    assert [i.age_badge(TODAY) for i in (fresh, old, overdue)] == ["green", "amber", "red"]
    assert overdue.is_due_soon(TODAY) and not _item("D", 0, date(2026, 12, 10)).is_due_soon(TODAY)


def test_checks_model_failures_first(qtmodeltester):
    model = ChecksModel(lang="en")
    model.set_checks([CheckView("age", "pass", "Возраст", "Age ok"), CheckView("oms", "fail", "ОМС", "Bad OMS",
                                                                              {"number": "77**"}),
                      CheckView("phone", "warn", "Телефон", "Phone?")])
    qtmodeltester.check(model)
    assert [model.data(model.index(r, 0), ITEM_ROLE).id for r in range(3)] == ["oms", "phone", "age"]
    assert model.data(model.index(0, ChecksModel.COL_MESSAGE)) == "Bad OMS"
    assert model.data(model.index(0, ChecksModel.COL_FACTS)) == "Number 77**."


def test_facts_read_as_a_sentence_not_as_keys(qtmodeltester):
    from reviewer_app.ui.words import facts_sentence

    model = ChecksModel(lang="en")
    model.set_checks([CheckView("photo", "pass", "Фото", "Photo", {"mfc_confirmed": False, "is_colour": True}),
                      CheckView("sla", "warn", "Срок", "Deadline", {"submitted_on": "2026-11-03",
                                                                     "deadline": "2026-11-10"})])
    facts = [model.data(model.index(r, ChecksModel.COL_FACTS)) for r in range(2)]
    assert facts == ["Submitted 03.11.2026, answer due 10.11.2026.",
                     "Account not confirmed at an MFC, colour photo."]
    assert not any("_" in f or "False" in f for f in facts)
    overdue = facts_sentence({"working_days_left": -2})
    assert "overdue" in overdue and "2" in overdue and "%n" not in overdue  # a negative count still reads


def test_fields_model_marks_mismatch(qtmodeltester):
    model = FieldsModel(lang="ru")
    model.set_fields([FieldRow("last_name", "Фамилия", "Last name", "Иванова", "Иванова"),
                      FieldRow("first_name", "Имя", "First name", "Мария", "Марья", mismatch=True),
                      FieldRow("phone", "Телефон", "Phone", "+79161234567")])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole).color() == MISMATCH_BG
    assert model.data(model.index(1, 0)).startswith("⚠")
    assert model.data(model.index(2, FieldsModel.COL_DOCUMENT)) == "—"


def test_history_model(qtmodeltester):
    model = HistoryModel()
    model.set_rows([HistoryItem("application", "EMK-1", "own_access", "decided", date(2025, 1, 2), "reject"),
                    HistoryItem("grant", "7", "child", "active", None, "Иванов П.")])
    qtmodeltester.check(model)
    assert model.data(model.index(0, HistoryModel.COL_DATE)) == "02.01.2025"
    assert model.data(model.index(1, HistoryModel.COL_DATE)) == ""
    assert model.data(model.index(0, HistoryModel.COL_NOTE)) == "rejected"  # the outcome in words, not "reject"
    assert model.data(model.index(1, HistoryModel.COL_NOTE)) == "Иванов П."


def test_age_counts_moscow_calendar_days():
    # 22:30 UTC on the 26th is already the 27th in Moscow: submitted "today", so 0 days old.
    item = QueueItem("A", "own_access", "pending", datetime(2026, 11, 26, 22, 30, tzinfo=UTC), date(2026, 12, 4))
    assert item.age_days(TODAY) == 0


def test_status_icons_are_glyphs_of_the_desk_font(qapp):
    """An emoji the font lacks is drawn as an empty box (it was, before "лично в МФЦ")."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    from reviewer_app.ui.models import STATUS_ICONS

    metrics = QFontMetrics(QApplication.font())
    missing = [icon for icon in STATUS_ICONS.values() for ch in icon if not metrics.inFontUcs4(ord(ch))]
    assert missing == []


def test_history_names_the_link_between_a_corrected_pack_and_the_returned_application(qtmodeltester):
    model = HistoryModel()
    model.set_rows([HistoryItem("application", "EMK-1", "own_access", "returned", date(2026, 11, 20), "return",
                                link="corrected_by_this"),
                    HistoryItem("application", "EMK-3", "own_access", "pending", date(2026, 11, 25),
                                link="corrects_this")])
    qtmodeltester.check(model)
    assert model.data(model.index(0, HistoryModel.COL_NOTE)) == \
        "returned for correction; corrected by the application on screen"
    assert model.data(model.index(1, HistoryModel.COL_NOTE)) == "corrects the application on screen"


def test_audit_sentences_of_waiting_cases_notices_and_corrections():
    from reviewer_app.ui.words import action_sentence

    assert action_sentence("application.expire", {}) == "Closed: the MFC visit did not happen in time"
    assert action_sentence("grant.ending_notified", {}) == "Parent told that the child's access ends soon"
    assert action_sentence("application.intake", {"corrects_application_id": "EMK-1"}) == \
        "Corrected pack received (corrects application EMK-1)"
    # An entry of the other application of a correction chain names it.
    assert action_sentence("decision.make", {"outcome": "approve", "linked_application": "EMK-2"}) == \
        "Application EMK-2: Decision: approved"


def test_queue_days_in_russian_take_their_plural_form():
    from reviewer_app.ui.app import install_translations

    model = QueueTableModel()
    model.set_items([_item("A", 1, date(2026, 11, 28)), _item("B", 3, date(2026, 11, 30)),
                     _item("C", 5, date(2026, 11, 25))], TODAY)
    install_translations("ru")
    try:
        ages = [model.data(model.index(r, QueueTableModel.COL_AGE)) for r in range(3)]
        due = [model.data(model.index(r, QueueTableModel.COL_DUE)) for r in range(3)]
        header = model.headerData(QueueTableModel.COL_AGE, Qt.Orientation.Horizontal)
    finally:
        install_translations("en")
    assert ages == ["1 день", "3 дня", "5 дней"] and header == "С подачи"  # the application's age, not a person's
    assert due == ["28.11.2026 (остался 1 день)", "30.11.2026 (осталось 3 дня)", "25.11.2026 (просрочено на 2 дня)"]
