"""`check --today` means what intake means by its day: ages and passport validity must hold on the submission
date AND on that day (the worse result is reported, with the day it was judged on)."""

from __future__ import annotations

import pytest

from reviewer_app.cli import main
from tests.unit.test_check_cli import APP, json_lines, make_pack


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REVIEWER_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    monkeypatch.delenv("REVIEWER_LANG", raising=False)


def _checks(capsys) -> dict[str, dict]:
    return {c["id"]: c for c in json_lines(capsys.readouterr().out)[0]["checks"]}


def test_an_applicant_under_15_on_submission_stays_refused_on_a_later_day(tmp_path, capsys) -> None:
    # 15 on 01.12.2026, submitted 20.11.2026: too young when applying, whatever day the check runs.
    pack = make_pack(tmp_path / "p", kind="own_access",
                     applicant={**APP["applicant"], "birth_date": "2011-12-01"})
    assert main(["check", str(pack), "--today", "2026-12-02", "--json"]) == 0
    age = _checks(capsys)["applicant_age"]
    assert age["status"] == "fail" and age["details"]["on"] == "2026-11-20"


def test_a_passport_expiring_after_submission_fails_on_the_later_day(tmp_path, capsys) -> None:
    # Born 17.05.2006, issued at 14: valid until 15.08.2026 (20th birthday + 90 days).
    applicant = {**APP["applicant"], "birth_date": "2006-05-17",
                 "passport": {"series": "4520", "number": "573499", "issued_on": "2020-06-01",
                              "division_code": "770-001"}}
    pack = make_pack(tmp_path / "p", kind="own_access", applicant=applicant,
                     submitted_at="2026-08-10T10:00:00+03:00")
    assert main(["check", str(pack), "--today", "2026-08-14", "--json"]) == 0
    assert _checks(capsys)["passport_validity"]["status"] == "pass"
    assert main(["check", str(pack), "--today", "2026-08-17", "--json"]) == 0
    pv = _checks(capsys)["passport_validity"]
    assert pv["status"] == "fail" and pv["details"]["judged_on"] == "2026-08-17"
    assert pv["details"]["at_submission"] == "pass"
