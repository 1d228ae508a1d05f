"""sample_data/history.json is read with every problem named (file, entry, field)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.sample_history import parse_history, read_history

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data"


def test_the_shipped_history_gives_pack_38s_phone_to_an_earlier_citizen() -> None:
    if not (SAMPLE / "38-shared-phone" / "application.json").is_file():
        pytest.skip("sample_data/ not generated")
    history = read_history(SAMPLE)
    pack = json.loads((SAMPLE / "38-shared-phone" / "application.json").read_text(encoding="utf-8"))
    assert [c.phone_e164 for c in history.citizens] == ["+7" + "".join(ch for ch in pack["applicant"]["phone"]
                                                                        if ch.isdigit())[1:]]
    assert (history.citizens[0].last_name, history.citizens[0].first_name) != (
        pack["applicant"]["last_name"], pack["applicant"]["first_name"])  # another person
    assert [(r.application_id, r.recorded_by) for r in history.desk_records] == [("EMK-2026-900012", "desk-clerk")]


def test_every_problem_names_the_file_the_entry_and_the_field() -> None:
    raw = {"format": 1,
           "citizens": [{"last_name": "Ковалёв", "first_name": "Игорь", "birth_date": "10.02.1981",
                         "phone": "+7 495 123-45-67"}],
           "mfc_desk_records": [{"application_id": "EMK-1", "recorded_by": ""}]}
    with pytest.raises(ReviewerError) as err:
        parse_history(raw, "h.json")
    text = str(err.value)
    for part in ("h.json: citizens[0]: field 'birth_date'", "h.json: citizens[0]: field 'phone'",
                 "h.json: mfc_desk_records[0]: field 'recorded_by'", "mfc_desk_records[0]: field 'mfc_office'"):
        assert part in text


def test_no_file_is_an_empty_history(tmp_path: Path) -> None:
    h = read_history(tmp_path)
    assert h.citizens == () and h.desk_records == ()
