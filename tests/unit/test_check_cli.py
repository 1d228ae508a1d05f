"""`reviewer-app check`: packs in tmp_path, no database."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from reviewer_app.cli import main

APP: dict[str, Any] = {
    "format": 1, "id": "EMK-2026-000123", "kind": "child_access", "submitted_at": "2026-11-20T10:15:00+03:00",
    "applicant": {
        "last_name": "Иванова", "first_name": "Мария", "middle_name": "Петровна", "birth_date": "1990-05-17",
        "phone": "8 (916) 123-45-67", "snils": "112-233-445 95",
        "passport": {"series": "4502", "number": "573482", "issued_on": "2010-06-01", "division_code": "770-001"},
        "oms_policy": {"number": "7700000000000008", "region": "77"},
    },
    "child": {
        "last_name": "Иванов", "first_name": "Пётр", "middle_name": "Сергеевич", "birth_date": "2019-02-11",
        "oms_policy": {"number": "5049123456789017", "region": "77"},
        "birth_certificate": {"series": "IV-МЮ", "number": "123456", "issued_on": "2019-03-01", "country": "RU"},
    },
    "documents": {"selfie_with_passport": "selfie.jpg"},
}
REGISTRY = [{
    "certificate": {"series": "IV-МЮ", "number": "123456", "issued_on": "2019-03-01"},
    "child": {"last_name": "Иванов", "first_name": "Пётр", "middle_name": "Сергеевич", "birth_date": "2019-02-11"},
    "parents": [{"last_name": "Иванова", "first_name": "Мария", "middle_name": "Петровна",
                 "birth_date": "1990-05-17"}],
}]


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REVIEWER_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    monkeypatch.delenv("REVIEWER_LANG", raising=False)


def make_pack(folder: Path, **changes: Any) -> Path:
    raw = copy.deepcopy(APP)
    raw.update(changes)
    folder.mkdir(parents=True)
    (folder / "application.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    buf = io.BytesIO()
    Image.new("RGB", (80, 60), (200, 60, 40)).save(buf, "JPEG")
    (folder / "selfie.jpg").write_bytes(buf.getvalue())
    return folder


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_json_output(tmp_path, capsys):
    pack = make_pack(tmp_path / "p1")
    reg = tmp_path / "registry.json"
    reg.write_text(json.dumps(REGISTRY, ensure_ascii=False), encoding="utf-8")
    rc = main(["check", str(pack), "--today", "2026-11-26", "--registry", str(reg), "--json", "--lang", "en"])
    assert rc == 0
    [obj] = json_lines(capsys.readouterr().out)
    assert obj["id"] == "EMK-2026-000123" and obj["kind"] == "child_access"
    assert obj["sla_deadline"] == "2026-11-27" and obj["rule_version"] == "2025-01"
    statuses = {c["id"]: c["status"] for c in obj["checks"]}
    assert statuses["kinship"] == "pass" and statuses["photo"] == "pass"
    assert statuses["sla"] == "warn"  # one working day left on 26.11
    assert all(set(c) == {"id", "status", "message", "details"} for c in obj["checks"])
    assert obj["checks"][0]["message"].startswith("Applicant is")


def test_table_output_in_russian(tmp_path, capsys):
    pack = make_pack(tmp_path / "p1")
    assert main(["check", str(pack), "--today", "2026-11-20", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "EMK-2026-000123" in out and "27.11.2026" in out
    assert "✓" in out and "Заявителю" in out
    assert "Реестр ЗАГС не подключён" in out  # no --registry: kinship is manual


def test_global_lang(tmp_path, capsys):
    pack = make_pack(tmp_path / "p1")
    assert main(["--lang", "en", "check", str(pack), "--today", "2026-11-20"]) == 0
    assert "Deadline" in capsys.readouterr().out


def test_today_replaces_the_submission_date_for_ages(tmp_path, capsys):
    pack = make_pack(tmp_path / "p1")
    assert main(["check", str(pack), "--today", "2034-02-11", "--json"]) == 0
    obj = json_lines(capsys.readouterr().out)[0]
    assert {c["id"]: c["status"] for c in obj["checks"]}["child_age"] == "fail"


def test_invalid_pack_exit_2_and_the_others_still_run(tmp_path, capsys):
    good = make_pack(tmp_path / "good")
    bad = make_pack(tmp_path / "bad", kind="nonsense", documents={"selfie_with_passport": "../x.jpg"})
    rc = main(["check", str(bad), str(good), "--today", "2026-11-20", "--json"])
    assert rc == 2
    captured = capsys.readouterr()
    first, second = json_lines(captured.out)
    assert first["pack"] == str(bad)
    assert {e["path"] for e in first["errors"]} == {"kind", "documents.selfie_with_passport"}
    assert all(e["file"] == "application.json" for e in first["errors"])
    assert second["id"] == "EMK-2026-000123"
    assert "application.json: kind:" in captured.err and "documents.selfie_with_passport" in captured.err


def test_two_packs_same_person_later_is_duplicate(tmp_path, capsys):
    p1 = make_pack(tmp_path / "p1", id="EMK-1", submitted_at="2026-11-20T12:00:00+03:00")
    p2 = make_pack(tmp_path / "p2", id="EMK-2", submitted_at="2026-11-20T10:00:00+03:00")
    p3 = make_pack(tmp_path / "p3", id="EMK-3", kind="opt_out")
    assert main(["check", str(p1), str(p2), str(p3), "--today", "2026-11-20", "--json"]) == 0
    objs = {o["id"]: {c["id"]: c for c in o["checks"]} for o in json_lines(capsys.readouterr().out)}
    assert objs["EMK-1"]["duplicate"]["status"] == "fail"  # submitted later than EMK-2
    assert objs["EMK-2"]["duplicate"]["status"] == "pass"
    assert objs["EMK-3"]["duplicate"]["status"] == "pass"  # another kind


def test_uncovered_calendar_year_is_exit_2(tmp_path, capsys):
    pack = make_pack(tmp_path / "p1", submitted_at="2028-03-01T10:00:00+03:00")
    assert main(["check", str(pack), "--json"]) == 2
    captured = capsys.readouterr()
    assert "2028" in captured.err
    assert json_lines(captured.out)[0]["pack"] == str(pack)


def test_bad_registry_file(tmp_path, capsys):
    pack = make_pack(tmp_path / "p1")
    reg = tmp_path / "r.json"
    reg.write_text('[{"certificate": {}}]')
    assert main(["check", str(pack), "--registry", str(reg)]) == 2
    assert "record [0]" in capsys.readouterr().err


def test_rules_file(tmp_path, capsys):
    pack = make_pack(tmp_path / "p1")
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rules.versions]]\nversion = "2026-07"\neffective_from = 2026-07-01\nsla_working_days = 7\n')
    assert main(["check", str(pack), "--rules", str(rules), "--json", "--today", "2026-11-20"]) == 0
    obj = json_lines(capsys.readouterr().out)[0]
    assert obj["rule_version"] == "2026-07" and obj["sla_deadline"] == "2026-12-01"
