"""The training answer key: what a careful reviewer decides on each sample pack, and why.

One format, written by tools/make_sample_data.py and read by `reviewer-app train` (described for people in
sample_data/README.md)::

    {"format": 1,
     "answers": [
       {"application_id": "EMK-2026-900002", "pack": "02-face-mismatch",
        "expected_outcome": "reject", "expected_reason": "face_mismatch",
        "explanation": {"ru": "...", "en": "..."}, "failed_checks": ["face_duplicate"]},
       ...]}

- `expected_outcome`: a decision outcome (approve, reject, return, in_person, escalate), or `refused_at_intake`
  for a pack intake must refuse (it never reaches the desk).
- `expected_reason`: a code of domain.reasons (never an invented one): required for reject and return (a return
  only with a reason the applicant can fix), absent or null for approve and refused_at_intake.
- `explanation`: the rule behind the answer, in Russian and English (the trainee reads it in the interface
  language). It names no calendar date that moves when the sample dates are shifted to the day of training.
- `failed_checks` (optional, default none): the checks that fail on the pack as the desk shows it (ids of
  domain.check_words), so the trainer knows what the trainee sees; the shipped key lists them all (a test runs the
  real pipeline over the sample set and compares).

`parse_answer_key` checks all of it and reports every problem with the file, the entry and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewer_app.domain.check_words import CHECK_WORDS
from reviewer_app.domain.decision_plan import needs_reason, reason_allowed
from reviewer_app.domain.enums import DecisionOutcome
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.reasons import REASON_BY_CODE

FORMAT = 1
REFUSED_AT_INTAKE = "refused_at_intake"
OUTCOMES: tuple[str, ...] = (*(o.value for o in DecisionOutcome), REFUSED_AT_INTAKE)
LANGS = ("ru", "en")
_FIELDS = {"application_id", "pack", "expected_outcome", "expected_reason", "explanation", "failed_checks"}


@dataclass(frozen=True)
class Answer:
    application_id: str
    pack: str  # the pack's folder or .zip name beside the key
    expected_outcome: str
    expected_reason: str | None
    explanation_ru: str
    explanation_en: str
    failed_checks: tuple[str, ...] = ()  # the checks that fail on the pack by design

    def explanation(self, lang: str = "ru") -> str:
        return self.explanation_en if lang == "en" else self.explanation_ru

    @property
    def reaches_desk(self) -> bool:
        return self.expected_outcome != REFUSED_AT_INTAKE


@dataclass(frozen=True)
class AnswerKey:
    source: str
    answers: tuple[Answer, ...]

    def by_id(self) -> dict[str, Answer]:
        return {a.application_id: a for a in self.answers}

    def by_pack(self) -> dict[str, Answer]:
        return {a.pack: a for a in self.answers}


class AnswerKeyError(ReviewerError):
    """An answer key that cannot be used; the message lists every problem (file, entry, field, problem)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source, self.problems = source, problems
        super().__init__(f"invalid answer key {source} ({len(problems)} problem(s)):\n"
                         + "\n".join(f"  - {p}" for p in problems))


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _entry(i: int, raw: Any, problems: list[str]) -> Answer | None:
    where = f"answers[{i}]"
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be an object with application_id, pack, expected_outcome, "
                        "expected_reason, explanation")
        return None
    if _text(raw.get("application_id")):
        where = f"answers[{i}] ({raw['application_id']})"
    before = len(problems)
    for name in sorted(set(raw) - _FIELDS):
        problems.append(f"{where}: field '{name}': unknown field (known: {', '.join(sorted(_FIELDS))})")
    for name in ("application_id", "pack"):
        if not _text(raw.get(name)):
            problems.append(f"{where}: field '{name}': required text, got {raw.get(name)!r}")
    outcome, reason = raw.get("expected_outcome"), raw.get("expected_reason")
    if outcome not in OUTCOMES:
        problems.append(f"{where}: field 'expected_outcome': must be one of {', '.join(OUTCOMES)}, got {outcome!r}")
    elif reason is None and needs_reason(outcome):
        problems.append(f"{where}: field 'expected_reason': a {outcome} needs a reason code "
                        f"({', '.join(REASON_BY_CODE)})")
    if reason is not None:
        known = REASON_BY_CODE.get(reason) if isinstance(reason, str) else None
        if known is None:
            problems.append(f"{where}: field 'expected_reason': unknown reason code {reason!r} "
                            f"(known: {', '.join(REASON_BY_CODE)})")
        elif outcome in (DecisionOutcome.APPROVE.value, REFUSED_AT_INTAKE):
            problems.append(f"{where}: field 'expected_reason': a {outcome} carries no reason, got {reason!r}")
        elif outcome in OUTCOMES and not reason_allowed(outcome, known.final):
            problems.append(f"{where}: field 'expected_reason': {reason!r} is final; a return needs a reason "
                            "the applicant can fix")
    expl = raw.get("explanation")
    if not isinstance(expl, dict):
        problems.append(f"{where}: field 'explanation': must be an object {{\"ru\": text, \"en\": text}}")
    else:
        for lang in LANGS:
            if not _text(expl.get(lang)):
                problems.append(f"{where}: field 'explanation.{lang}': required text")
        for lang in sorted(set(expl) - set(LANGS)):
            problems.append(f"{where}: field 'explanation.{lang}': unknown language (known: ru, en)")
    failed = raw.get("failed_checks", [])
    if not isinstance(failed, list) or not all(isinstance(c, str) for c in failed):
        problems.append(f"{where}: field 'failed_checks': must be a list of check ids, got {failed!r}")
    else:
        for c in failed:
            if c not in CHECK_WORDS:
                problems.append(f"{where}: field 'failed_checks': unknown check {c!r} "
                                f"(known: {', '.join(CHECK_WORDS)})")
    if len(problems) > before:
        return None
    assert isinstance(expl, dict) and isinstance(outcome, str)  # the checks above returned None otherwise
    return Answer(raw["application_id"], raw["pack"], outcome, reason, expl["ru"].strip(), expl["en"].strip(),
                  tuple(failed))


def parse_answer_key(data: Any, source: str = "answer_key.json") -> AnswerKey:
    """Check a decoded answer key; raises AnswerKeyError naming every problem."""
    if not isinstance(data, dict) or not isinstance(data.get("answers"), list):
        hint = ""
        if isinstance(data, dict) and data and all(isinstance(v, dict) for v in data.values()):
            hint = (" (this looks like the old key keyed by folder or application id: regenerate it with "
                    "tools/make_sample_data.py or convert it to the list described in sample_data/README.md)")
        raise AnswerKeyError(source, [f"top level: must be an object {{\"format\": {FORMAT}, \"answers\": "
                                      f"[...]}}{hint}"])
    problems: list[str] = []
    if data.get("format") != FORMAT:
        problems.append(f"field 'format': must be {FORMAT}, got {data.get('format')!r}")
    answers = [a for i, raw in enumerate(data["answers"]) if (a := _entry(i, raw, problems)) is not None]
    for attr in ("application_id", "pack"):
        seen: set[str] = set()
        for a in answers:
            value = getattr(a, attr)
            if value in seen:
                problems.append(f"answers ({a.application_id}): field '{attr}': {value!r} appears twice")
            seen.add(value)
    if problems:
        raise AnswerKeyError(source, problems)
    return AnswerKey(source, tuple(answers))
