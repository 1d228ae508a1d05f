"""Intake reads the passport's zone and stores the document_data check; moved sample dates only for training."""

from __future__ import annotations

from sqlalchemy import select

from reviewer_app.db.models import CheckResultRow
from reviewer_app.services.intake import import_pack
from tests.integration.intake.test_intake import make_pack


def test_document_data_is_stored_with_the_reason_it_could_not_be_read(app, tmp_path):
    out = import_pack(app, make_pack(tmp_path, "p1"))  # plain coloured images: no zone to read
    assert out.status == "imported" and out.checks["document_data"] == "manual"
    with app.sessions() as s:
        row = s.scalar(select(CheckResultRow).where(CheckResultRow.check_id == "document_data"))
    assert [r["status"] for r in row.details["readings"]] == ["unreadable", "unreadable"]
    assert all(r["reason"] for r in row.details["readings"])


def test_moved_sample_dates_are_refused_outside_a_training_database(app, tmp_path):
    assert not app.is_training_db
    pack = make_pack(tmp_path, "p1", sample_dates_moved={"birth_date_days": 3, "issued_on_days": 3})
    out = import_pack(app, pack)
    assert out.status == "refused" and "sample_dates_moved" in out.reason
