"""Intake reads the passport's zone and stores the document_data check, with why it could not be read."""

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

