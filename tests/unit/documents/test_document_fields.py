"""The review screen's "Document / registry" cells from the document_data check."""

from __future__ import annotations

from datetime import date

from reviewer_app.domain.document_fields import document_cells
from reviewer_app.domain.documents import READ, DocumentReading
from reviewer_app.domain.mrz import compose
from reviewer_app.policy import run_all_checks
from tests.unit.policy.conftest import build

PASSPORT = dict(last_name="Иванова", first_name="Мария", middle_name="Петровна", sex="F",
                birth_date=date(1990, 5, 17), series="4502", number="573482", issued_on=date(2010, 6, 1),
                division_code="770-001")


def details(app, lines, **kw):
    r = DocumentReading("passport_scan", READ, None, lines, names_reliable=True, runner_up=lines[0], **kw)
    return run_all_checks(app, documents=(r,)).by_id("document_data").details


def test_cells_show_what_was_read_and_mark_mismatches():
    app = build(**{"applicant.passport.number": "573483"})
    cells = document_cells(details(app, compose(**PASSPORT)))
    assert cells["last_name"] == ("Иванова", False)
    assert cells["birth_date"] == ("17.05.1990", False)
    assert cells["passport"] == ("45** ****82", True)  # typed 573483: masked as other checks mask numbers
    assert cells["passport_issued"] == ("01.06.2010 770-001", False)
    assert cells["mrz_1"][0].startswith("PNRUSIVANOVA<<MARI8<PETROVNA")
    assert cells["mrz_checks"][0].count("✓") == 4 and not cells["mrz_checks"][1]
    assert cells["mrz_2"][0].startswith("45*****82")  # the zone's series and number starred the same way


def test_unreadable_zone_says_why():
    app = build()
    r = DocumentReading("selfie_with_passport", "unreadable", "no_zone_found")
    d = run_all_checks(app, documents=(r,)).by_id("document_data").details
    cells = document_cells(d)
    assert "no_zone_found" in cells["mrz_checks"][0] and "last_name" not in cells
    assert document_cells(None) == {}
