"""Sample data that never ages: shifted to a later day, every pack shows what it showed on its own day."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from reviewer_app.cli import main
from reviewer_app.policy.ruletable import DEFAULT_TABLE, load_rule_file
from reviewer_app.policy.sample_dates import Shift, shift_pack, shift_registry
from reviewer_app.services.sample_data import shifted_copy, written_for

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REVIEWER_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")


def _checks(folder: Path, today: date, capsys, rules: Path | None = None) -> dict[str, dict[str, tuple]]:
    """{application id: {check id: (status, working days left)}} from `reviewer-app check --json`."""
    packs = sorted(str(p) for p in folder.iterdir() if p.name[:2].isdigit())
    main(["check", "--json", "--today", today.isoformat(), "--registry", str(folder / "registry.json"),
          *(["--rules", str(rules)] if rules else []), *packs])
    out = {}
    for line in capsys.readouterr().out.splitlines():
        o = json.loads(line)
        if "errors" in o:
            out[Path(o["pack"]).name] = {"refused": (len(o["errors"]),)}
            continue
        out[o["id"]] = {c["id"]: (c["status"], (c.get("details") or {}).get("working_days_left"))
                                    for c in o["checks"]}
    return out


@pytest.mark.parametrize("today", [date(2026, 12, 2), date(2027, 3, 15), date(2027, 12, 20), date(2030, 6, 3)])
def test_every_pack_shows_on_a_later_day_what_it_showed_on_its_own(tmp_path, capsys, today) -> None:
    as_of = written_for(SAMPLE)
    assert as_of == date(2026, 11, 27)
    before = _checks(SAMPLE, as_of, capsys)
    # the built-in production calendar stops at 2027: later years come from a rule file
    rules = tmp_path / "rules.toml"
    rules.write_text("".join(f'[[calendar.years]]\nyear = {y}\nsource = "holidays"\n' for y in (2028, 2029, 2030)))
    table = load_rule_file(rules).versions[-1]
    moved = shifted_copy(SAMPLE, tmp_path / "moved", today, table)
    assert moved.folder != SAMPLE and moved.days == (today - as_of).days and moved.problems == ()
    assert _checks(moved.folder, today, capsys, rules) == before


def test_the_answer_key_and_other_files_come_along(tmp_path) -> None:
    moved = shifted_copy(SAMPLE, tmp_path / "moved", date(2027, 2, 1))
    assert (moved.folder / "answer_key.json").read_bytes() == (SAMPLE / "answer_key.json").read_bytes()
    assert sorted(p.name for p in moved.folder.iterdir()) == sorted(p.name for p in SAMPLE.iterdir())


def test_nothing_moves_on_or_before_the_day_written_for(tmp_path) -> None:
    assert shifted_copy(SAMPLE, tmp_path / "m", date(2026, 11, 27)).folder == SAMPLE
    assert shifted_copy(SAMPLE, tmp_path / "m", date(2026, 1, 1)).folder == SAMPLE


def _child_pack(cert_issued: str, born: str) -> dict:
    return {"submitted_at": "2026-11-24T10:00:00+03:00",
            "applicant": {"birth_date": "1990-01-01", "passport": {"issued_on": "1997-09-15"}},
            "child": {"birth_date": born, "birth_certificate": {"issued_on": cert_issued, "country": "RU"}}}


def test_fixed_legal_dates_are_never_crossed() -> None:
    shift = Shift(date(2026, 11, 27), date(2026, 12, 27), DEFAULT_TABLE)  # 30 days
    out = shift_pack(_child_pack("2018-09-20", "2018-09-10"), shift)
    assert out["child"]["birth_certificate"]["issued_on"] == "2018-09-30"  # stays before 1 Oct 2018
    assert out["child"]["birth_date"] == "2018-09-20"  # its child moves with it (10 days)
    assert out["applicant"]["passport"]["issued_on"] == "1997-09-30"  # stays before 1 Oct 1997
    assert out["applicant"]["birth_date"] == "1990-01-31"  # ordinary dates move 30 days
    after = shift_pack(_child_pack("2018-10-01", "2018-09-25"), shift)
    assert after["child"]["birth_certificate"]["issued_on"] == "2018-10-31"  # after the cutoff: moves freely
    # the registry record of that certificate moves exactly like the pack, so kinship still matches
    reg = shift_registry({"format": 1, "records": [{
        "certificate": {"series": "IV-МЮ", "number": "1", "issued_on": "2018-09-20"},
        "child": {"birth_date": "2018-09-10"}, "parents": [{"birth_date": "1990-01-01"}]}]}, shift)
    rec = reg["records"][0]
    assert (rec["certificate"]["issued_on"], rec["child"]["birth_date"], rec["parents"][0]["birth_date"]) == \
        ("2018-09-30", "2018-09-20", "1990-01-31")
    assert shift.problems == []


def test_a_child_who_can_no_longer_be_under_15_is_reported() -> None:
    shift = Shift(date(2026, 11, 27), date(2033, 11, 27), DEFAULT_TABLE)
    shift_pack(_child_pack("2018-09-20", "2018-09-10"), shift, "11-child")
    assert any(p.startswith("11-child: the birth certificate must stay") and "the child is now 15" in p
               for p in shift.problems), shift.problems


def test_submissions_keep_their_distance_in_working_days() -> None:
    # Tue 24.11.2026 is 3 working days before Fri 27.11; moved to Mon 11.01.2027 (31 Dec and 1-10 Jan off)
    # it becomes Mon 28.12.2026 (29, 30 Dec and 11 Jan worked), at the same time of day
    shift = Shift(date(2026, 11, 27), date(2027, 1, 11), DEFAULT_TABLE)
    moved = shift.submitted(datetime.fromisoformat("2026-11-24T10:17:00+03:00"))
    assert moved.isoformat() == "2026-12-28T10:17:00+03:00"
