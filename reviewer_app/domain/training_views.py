"""What the trainer's desk and the trainee's feedback show: plain frozen dataclasses, in words.

Shared by the in-process training desk (`services.training_desk.DbTrainingDesk`), the reviewer service's
training endpoints and the desk's HTTP client (which imports no database code): pydantic validates JSON straight
back into these types. Decisions are described in Russian and English here (`describe`), so every screen and
report says "отказать (Лицо не совпадает с паспортом)", never `reject`/`face_mismatch`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from reviewer_app.domain.check_words import check_words
from reviewer_app.domain.reasons import REASON_BY_CODE

WORDS = {
    "ru": {"correct": "Верно", "wrong": "Неверно", "no_key": "нет ответа в ключе; спросите тренера",
           "expected": "ожидалось", "approve": "одобрить", "reject": "отказать", "return": "вернуть на доработку",
           "in_person": "направить в МФЦ", "escalate": "передать руководителю", "failed": "Не пройдены проверки"},
    "en": {"correct": "Correct", "wrong": "Wrong", "no_key": "no answer key entry; ask the trainer",
           "expected": "expected", "approve": "approve", "reject": "reject", "return": "return for correction",
           "in_person": "send to an MFC", "escalate": "escalate", "failed": "Checks not passed"},
}


#: The checks in words, for texts made outside the Qt screens (the report, the feedback text); the screens word
#: them through their own translations (ui.words.check_label).
def check_name(check_id: str, lang: str = "ru") -> str:
    """A check's name in words (one table for texts made outside Qt: domain.check_words)."""
    return check_words(check_id, lang)


def lang_of(lang: str | None) -> str:
    return "en" if lang == "en" else "ru"


def describe(outcome: str | None, reason: str | None, lang: str = "ru") -> str:
    """A decision as the trainee reads it: "отказать (Лицо не совпадает с паспортом)"."""
    words = WORDS[lang_of(lang)]
    text = words.get(outcome or "", outcome or "—")
    known = REASON_BY_CODE.get(reason or "")
    if reason:
        text += f" ({known.label(lang) if known else reason})"
    return text


def grade(expected_outcome: str, expected_reason: str | None, outcome: str, reason: str | None) -> bool:
    """Right outcome, and for a reject/return the right reason when the key names one."""
    if str(outcome) != expected_outcome:
        return False
    return not expected_reason or (reason or None) == expected_reason


def lesson_of(expected_outcome: str, expected_reason: str | None) -> str:
    """The lesson a case teaches: its expected reason when there is one, else its expected outcome."""
    return expected_reason or expected_outcome


@dataclass(frozen=True)
class Feedback:
    application_id: str
    outcome: str
    reason: str | None
    correct: bool
    expected_outcome: str | None  # None: no answer key entry
    expected_reason: str | None
    explanation: str  # in `lang`
    lang: str = "ru"
    pack: str = ""  # the sample pack's folder, when the key names it
    #: The checks that had not passed when the trainee decided (ids; the screens word them): the feedback says so
    #: next to the verdict, so it never reads as "all checks passed" on a case with a failed check.
    failed_checks: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.application_id + (f" ({self.pack})" if self.pack else "")

    def text(self) -> str:
        words = WORDS[lang_of(self.lang)]
        if self.expected_outcome is None:
            return f"{self.title}: {words['no_key']}."
        verdict = words["correct"] if self.correct else words["wrong"]
        failed = (f" {words['failed']}: {', '.join(check_name(c, self.lang) for c in self.failed_checks)}."
                  if self.failed_checks else "")
        return (f"{self.title}: {verdict}: {describe(self.outcome, self.reason, self.lang)}; {words['expected']} "
                f"{describe(self.expected_outcome, self.expected_reason, self.lang)}.{failed}\n"
                f"{self.explanation}").strip()


@dataclass(frozen=True)
class TraineeSession:
    """One day's work of a trainee (Moscow date): how many cases, how many right, from when to when."""

    day: date
    started_at: datetime
    ended_at: datetime
    cases: int
    right: int
    wrong: int


@dataclass(frozen=True)
class CaseSet:
    """The cases a trainee (or everybody) is given: application kinds and lessons (`lesson_of`); empty = all."""

    kinds: tuple[str, ...] = ()
    lessons: tuple[str, ...] = ()

    @property
    def everything(self) -> bool:
        return not self.kinds and not self.lessons

    def admits(self, kind: str, lesson: str | None) -> bool:
        return (not self.kinds or kind in self.kinds) and (not self.lessons or lesson in self.lessons)


@dataclass(frozen=True)
class TraineeSummary:
    name: str
    cases: int
    right: int
    wrong: int
    last_at: datetime | None
    sessions: tuple[TraineeSession, ...] = ()
    own_case_set: CaseSet | None = None  # None: the session's set applies


@dataclass(frozen=True)
class TraineeCase:
    """One decision of a trainee with the key's answer and the rule that decides it, in both languages."""

    application_id: str
    pack: str
    kind: str
    decided_at: datetime
    correct: bool | None  # None: the key has no answer for it
    given_ru: str
    given_en: str
    expected_ru: str
    expected_en: str
    rule_ru: str
    rule_en: str
    failed_checks: tuple[str, ...] = ()

    def given(self, lang: str) -> str:
        return self.given_en if lang == "en" else self.given_ru

    def expected(self, lang: str) -> str:
        return self.expected_en if lang == "en" else self.expected_ru

    def rule(self, lang: str) -> str:
        return self.rule_en if lang == "en" else self.rule_ru


@dataclass(frozen=True)
class Lesson:
    code: str  # lesson_of(...): a reason or an outcome code, for choosing only
    label_ru: str
    label_en: str
    cases: int

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_ru


@dataclass(frozen=True)
class CaseChoices:
    """What a case set can be made of: the kinds in the training database and the key's lessons, with counts."""

    kinds: tuple[tuple[str, int], ...] = ()
    lessons: tuple[Lesson, ...] = ()
    session_set: CaseSet = field(default_factory=CaseSet)


@dataclass(frozen=True)
class ResetResult:
    trainee: str
    decisions_cleared: int
    applications_back: int  # back in the queue, to be worked again
