"""The shipped answer key is in the one format, uses only real reason codes, and matches the packs both ways."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from reviewer_app.domain.answer_key import REFUSED_AT_INTAKE, AnswerKeyError, parse_answer_key
from reviewer_app.domain.reasons import REASON_BY_CODE
from reviewer_app.services.training import check_key_against_packs, pack_ids, read_answer_key

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data"
KEY = SAMPLE / "answer_key.json"

GOOD = {"format": 1, "answers": [
    {"application_id": "A-1", "pack": "01-a", "expected_outcome": "reject", "expected_reason": "face_mismatch",
     "explanation": {"ru": "Другое лицо.", "en": "Another face."}},
    {"application_id": "A-2", "pack": "02-b", "expected_outcome": "approve", "expected_reason": None,
     "explanation": {"ru": "Всё верно.", "en": "All good."}},
]}


def test_shipped_key_parses_and_every_reason_is_a_real_code() -> None:
    key = read_answer_key(KEY)
    assert len(key.answers) >= 30
    reasons = {a.expected_reason for a in key.answers} - {None}
    assert reasons <= set(REASON_BY_CODE), reasons - set(REASON_BY_CODE)
    for a in key.answers:
        assert a.explanation("ru") != a.explanation("en"), a.pack  # both languages really written


def test_shipped_key_covers_every_pack_and_only_real_packs() -> None:
    key = read_answer_key(KEY)
    assert check_key_against_packs(key, SAMPLE) == []
    ids = pack_ids(SAMPLE)
    assert set(ids) == {a.pack for a in key.answers}
    assert [a.pack for a in key.answers if not a.reaches_desk] == ["26-invalid-pack"]


def test_shipped_explanations_name_no_date_that_shifts() -> None:
    # Training moves the sample dates to its own day: a dd.mm.yyyy date in an explanation would go stale.
    for a in read_answer_key(KEY).answers:
        for lang in ("ru", "en"):
            assert not re.search(r"\b\d{2}\.\d{2}\.\d{4}\b|\b\d{4}-\d{2}-\d{2}\b", a.explanation(lang)), a.pack


def test_check_against_packs_names_missing_extra_and_wrong_id(tmp_path: Path) -> None:
    for name, app_id in (("01-a", "A-1"), ("03-c", "A-3")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "application.json").write_text(json.dumps({"id": app_id}), encoding="utf-8")
    data = copy.deepcopy(GOOD)
    data["answers"][0]["application_id"] = "A-9"
    problems = check_key_against_packs(parse_answer_key(data, "k.json"), tmp_path)
    assert "k.json: pack 03-c: no answer for it (application A-3)" in problems
    assert any("answer A-2: field 'pack': no pack '02-b'" in p for p in problems)
    assert any("answer A-9: field 'application_id': pack 01-a has id 'A-1'" in p for p in problems)


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["answers"][0].update(expected_reason="face_not_matching"),
     "answers[0] (A-1): field 'expected_reason': unknown reason code 'face_not_matching'"),
    (lambda d: d["answers"][0].update(expected_reason=None),
     "answers[0] (A-1): field 'expected_reason': a reject needs a reason code"),
    (lambda d: d["answers"][0].update(expected_outcome="return", expected_reason="duplicate"),
     "answers[0] (A-1): field 'expected_reason': 'duplicate' is final; a return needs a reason"),
    (lambda d: d["answers"][1].update(expected_reason="face_mismatch"),
     "answers[1] (A-2): field 'expected_reason': a approve carries no reason"),
    (lambda d: d["answers"][1].update(expected_outcome="refused"),
     "answers[1] (A-2): field 'expected_outcome': must be one of approve, reject"),
    (lambda d: d["answers"][1]["explanation"].pop("en"),
     "answers[1] (A-2): field 'explanation.en': required text"),
    (lambda d: d["answers"][1].update(explanation="Всё верно."),
     "answers[1] (A-2): field 'explanation': must be an object"),
    (lambda d: d["answers"][1].update(reason=None),
     "answers[1] (A-2): field 'reason': unknown field"),
    (lambda d: d["answers"][1].update(pack="01-a"),
     "answers (A-2): field 'pack': '01-a' appears twice"),
    (lambda d: d.update(format=2), "field 'format': must be 1, got 2"),
    (lambda d: d["answers"][0].update(failed_checks=["face_twin"]),
     "answers[0] (A-1): field 'failed_checks': unknown check 'face_twin'"),
    (lambda d: d["answers"][0].update(failed_checks="face_duplicate"),
     "answers[0] (A-1): field 'failed_checks': must be a list of check ids"),
])
def test_bad_keys_are_refused_naming_file_entry_field_and_problem(change, expected) -> None:
    data = copy.deepcopy(GOOD)
    change(data)
    with pytest.raises(AnswerKeyError) as err:
        parse_answer_key(data, "sample/answer_key.json")
    assert str(err.value).startswith("invalid answer key sample/answer_key.json")
    assert any(p.startswith(expected) for p in err.value.problems), err.value.problems


def test_every_problem_is_reported_at_once() -> None:
    data = copy.deepcopy(GOOD)
    data["answers"][0]["expected_reason"] = "too_young"
    data["answers"][1]["expected_outcome"] = "maybe"
    with pytest.raises(AnswerKeyError) as err:
        parse_answer_key(data)
    assert len(err.value.problems) == 2


def test_the_old_key_format_is_refused_with_a_hint() -> None:
    old = {"01-clean-approval": {"application_id": "A-1", "expected": "approve", "reason": None}}
    with pytest.raises(AnswerKeyError, match="old key keyed by folder"):
        parse_answer_key(old)


def test_refused_at_intake_is_an_outcome_of_the_key_only() -> None:
    data = copy.deepcopy(GOOD)
    data["answers"][1]["expected_outcome"] = REFUSED_AT_INTAKE
    key = parse_answer_key(data)
    assert not key.by_id()["A-2"].reaches_desk and key.by_id()["A-1"].reaches_desk


def test_failed_checks_are_read_and_optional() -> None:
    data = copy.deepcopy(GOOD)
    data["answers"][0]["failed_checks"] = ["face_duplicate", "document_data"]
    key = parse_answer_key(data)
    assert key.answers[0].failed_checks == ("face_duplicate", "document_data") and key.answers[1].failed_checks == ()


def test_shipped_explanations_never_say_every_check_passes_beside_a_failed_one() -> None:
    key = parse_answer_key(json.loads((SAMPLE / "answer_key.json").read_text(encoding="utf-8")))
    flagged = [a for a in key.answers if "face_duplicate" in a.failed_checks]
    assert {a.pack for a in flagged} == {"02-face-mismatch", "32-wrong-mrz-check-digit"}
    assert all(a.expected_outcome in ("reject", "escalate") for a in flagged)  # the fraud the check is for
    for a in key.answers:
        if a.failed_checks:
            for text in (a.explanation("ru").lower(), a.explanation("en").lower()):
                assert not any(p in text for p in ("проверки пройдены", "every check passes", "the checks pass")), \
                    a.pack
