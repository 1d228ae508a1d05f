"""Training mode: a separate database where trainees work sample applications and learn why.

The training database lives in data_dir/training/ (training.db and its own documents/ folder) and is marked
`database_meta.purpose = training`. `open_training` refuses the production database: the same URL as the
configured `db_url`, or any database that holds applications without being marked for training. Nothing in
this module writes to the production database; it is never even opened.

An answer key (answer_key.json beside the packs, format in domain.answer_key and sample_data/README.md)
becomes TrainingAnswer rows; `grade_decision` compares a trainee's decision with it, and
`session_report` sums up accuracy, time per application and the failed checks on applications approved anyway.
"""

from __future__ import annotations

import json
import statistics
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from reviewer_app.config import Settings
from reviewer_app.db import migrate
from reviewer_app.db.models import Application, DatabaseMeta, Decision, Staff, TrainingAnswer
from reviewer_app.domain.actor import SYSTEM, Actor
from reviewer_app.domain.answer_key import AnswerKey, AnswerKeyError, parse_answer_key
from reviewer_app.domain.clock import Clock
from reviewer_app.domain.enums import CheckStatus, DecisionOutcome
from reviewer_app.domain.errors import NotFound, PermissionDenied, ReviewerError
from reviewer_app.services import audit
from reviewer_app.services.bootstrap import build_app
from reviewer_app.services.context import AppContext

PURPOSE_KEY = "purpose"
TRAINING = "training"
ANSWER_KEY = "answer_key.json"


def training_dir(settings: Settings) -> Path:
    return settings.data_dir / "training"


def training_settings(settings: Settings, db_url: str | None = None) -> Settings:
    """The production settings pointed at the training database and its own document folder."""
    folder = training_dir(settings)
    url = db_url or f"sqlite:///{folder / 'training.db'}"
    return replace(settings, db_url=url, store_dir=folder / "documents", training=True)


def _same_database(a: str, b: str) -> bool:
    ua, ub = make_url(a), make_url(b)
    if ua.get_backend_name() != ub.get_backend_name():
        return False
    if ua.get_backend_name() == "sqlite":
        return Path(ua.database or "").expanduser().resolve() == Path(ub.database or "").expanduser().resolve()
    return (ua.host, ua.port or 5432, ua.database) == (ub.host, ub.port or 5432, ub.database)


def open_training(production: Settings, *, db_url: str | None = None, clock: Clock | None = None) -> AppContext:
    """An AppContext on the training database: created and marked on first use; refused if it is production."""
    settings = training_settings(production, db_url)
    if _same_database(settings.db_url, production.db_url):
        raise PermissionDenied(f"training refuses to run on the production database ({production.db_url}); "
                               "it uses data_dir/training/training.db")
    ctx = build_app(settings=settings, clock=clock)
    try:
        migrate.upgrade(ctx.raw_engine)
        with ctx.uow() as s:
            purpose = s.get(DatabaseMeta, PURPOSE_KEY)
            if purpose is None or purpose.value != TRAINING:
                apps = s.scalar(select(func.count()).select_from(Application))
                if apps:
                    raise PermissionDenied(
                        f"database {settings.db_url} holds {apps} application(s) and is not marked for training "
                        f"(database_meta purpose={purpose.value if purpose else 'unset'}); training refuses it")
                if purpose is None:
                    s.add(DatabaseMeta(key=PURPOSE_KEY, value=TRAINING))
                else:
                    purpose.value = TRAINING
        ctx.__dict__.pop("is_training_db", None)  # recompute the cached flag now that it is marked
        if not ctx.is_training_db:
            raise PermissionDenied(f"database {settings.db_url} is not a training database")
    except BaseException:
        ctx.close()
        raise
    return ctx


def _require_training(app: AppContext) -> None:
    if not app.is_training_db:
        raise PermissionDenied("this is not a training database: training functions refuse to touch it")


# --- loading ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LoadResult:
    imported: int
    skipped: int
    refused: tuple[str, ...]  # messages naming the pack and the problem
    answers: int
    refused_as_expected: tuple[str, ...] = ()  # packs the key marks refused_at_intake (a lesson for the trainer)


def read_answer_key(path: Path) -> AnswerKey:
    """Read and check answer_key.json (format: domain.answer_key); errors name the file, the entry and the field."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReviewerError(f"{path}: answer key not found. Fix: put {ANSWER_KEY} beside the packs") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ReviewerError(f"{path}: not valid JSON ({exc})") from None
    return parse_answer_key(data, str(path))


def pack_ids(packs_dir: Path) -> dict[str, str | None]:
    """{pack folder or .zip name: the `id` its application.json gives (None if unreadable)} for the packs here.

    Read leniently (a pack intake refuses still names its id), so the key can be checked against every pack."""
    from reviewer_app.services.intake import is_pack

    out: dict[str, str | None] = {}
    for p in sorted(packs_dir.iterdir()):
        if not is_pack(p):
            continue
        try:
            if p.is_dir():
                raw = (p / "application.json").read_bytes()
            else:
                with zipfile.ZipFile(p) as zf:
                    name = next(n for n in zf.namelist() if n.rsplit("/", 1)[-1] == "application.json")
                    raw = zf.read(name)
            app_id = json.loads(raw.decode("utf-8")).get("id")
            out[p.name] = app_id if isinstance(app_id, str) else None
        except (OSError, StopIteration, ValueError, zipfile.BadZipFile, AttributeError):
            out[p.name] = None
    return out


def check_key_against_packs(key: AnswerKey, packs_dir: Path) -> list[str]:
    """Problems between the key and the packs beside it: a pack without an answer, an answer without its pack,
    an answer whose application id is not the pack's."""
    ids = pack_ids(packs_dir)
    by_pack = key.by_pack()
    problems = [f"{key.source}: pack {name}: no answer for it (application {app_id})"
                for name, app_id in ids.items() if name not in by_pack]
    for a in key.answers:
        if a.pack not in ids:
            problems.append(f"{key.source}: answer {a.application_id}: field 'pack': no pack {a.pack!r} in {packs_dir}")
        elif ids[a.pack] != a.application_id:
            problems.append(f"{key.source}: answer {a.application_id}: field 'application_id': pack {a.pack} "
                            f"has id {ids[a.pack]!r}")
    return problems


def load_packs(app: AppContext, packs_dir: Path, actor: Actor = SYSTEM) -> LoadResult:
    """Import the packs under `packs_dir` into the training database, with their answer key.

    The key is checked first (format, reason codes, one answer per pack and the pack's own id): a bad key
    loads nothing. A pack the key expects intake to refuse is listed as such, not as a problem."""
    from reviewer_app.services import intake

    _require_training(app)
    if not packs_dir.is_dir():
        raise ReviewerError(f"{packs_dir}: not a folder of application packs")
    key = read_answer_key(packs_dir / ANSWER_KEY)
    problems = check_key_against_packs(key, packs_dir)
    if problems:
        raise AnswerKeyError(key.source, problems)
    summary = intake.import_paths(app, [packs_dir], actor)
    answers = 0
    answers_by_id = key.by_id()
    with app.uow() as s:
        known = set(s.scalars(select(Application.id).where(Application.id.in_(list(answers_by_id)))))
        for app_id, entry in answers_by_id.items():
            if app_id not in known or not entry.reaches_desk:
                continue  # refused at intake: its message is in the summary
            row = s.get(TrainingAnswer, app_id) or TrainingAnswer(application_id=app_id)
            row.expected_outcome = entry.expected_outcome
            row.expected_reason = entry.expected_reason
            row.explanation = entry.explanation_ru
            row.explanation_en = entry.explanation_en
            s.add(row)
            answers += 1
        audit.record(s, at=app.clock.now(), actor=actor.name, action="training.load", target_type="training",
                     target_id=str(packs_dir)[-64:], details={"imported": summary.imported, "answers": answers})
    by_pack = key.by_pack()
    refused, expected = [], []
    for o in summary.outcomes:
        if o.status != "refused":
            continue
        answer = by_pack.get(Path(o.source).name)
        (expected if answer is not None and not answer.reaches_desk else refused).append(f"{o.source}: {o.reason}")
    return LoadResult(summary.imported, summary.skipped, tuple(refused), answers, tuple(expected))


# --- grading ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Feedback:
    application_id: str
    outcome: str
    reason: str | None
    correct: bool
    expected_outcome: str | None  # None: no answer key entry
    expected_reason: str | None
    explanation: str

    def text(self) -> str:
        if self.expected_outcome is None:
            return f"{self.application_id}: no answer key entry; ask the trainer."
        verdict = "Верно / Correct" if self.correct else "Неверно / Not quite"
        want = self.expected_outcome + (f" ({self.expected_reason})" if self.expected_reason else "")
        got = self.outcome + (f" ({self.reason})" if self.reason else "")
        return f"{verdict}: {got}; expected {want}.\n{self.explanation}".strip()


def grade(expected_outcome: str, expected_reason: str | None, outcome: str, reason: str | None) -> bool:
    """Right outcome, and for a reject/return the right reason when the key names one."""
    if str(outcome) != expected_outcome:
        return False
    return not expected_reason or (reason or None) == expected_reason


def _explanation(ans: TrainingAnswer, lang: str) -> str:
    return (ans.explanation_en or ans.explanation) if lang == "en" else ans.explanation


def grade_decision(app: AppContext, application_id: str, outcome: str, reason: str | None,
                   lang: str | None = None) -> Feedback:
    """Grade one decision; the explanation is in `lang` (default: the interface language of the settings)."""
    _require_training(app)
    lang = lang or app.settings.lang
    with app.sessions() as s:
        ans = s.get(TrainingAnswer, application_id)
    if ans is None:
        return Feedback(application_id, str(outcome), reason, False, None, None, "")
    return Feedback(application_id, str(outcome), reason,
                    grade(ans.expected_outcome, ans.expected_reason, outcome, reason),
                    ans.expected_outcome, ans.expected_reason, _explanation(ans, lang))


def snapshot_check_id(entry: dict[str, Any]) -> str:
    """The check id of one entry of a decision's checks snapshot (decisions._check_dict writes "check_id")."""
    return entry.get("check_id", "?")


def failed_check_ids(snapshot: list[dict[str, Any]] | tuple[dict[str, Any], ...] | None) -> tuple[str, ...]:
    """The ids of the failed checks in a decision's checks snapshot, in snapshot order."""
    return tuple(snapshot_check_id(c) for c in snapshot or () if c.get("status") == CheckStatus.FAIL.value)


@dataclass(frozen=True)
class Overlooked:
    application_id: str
    check_ids: tuple[str, ...]


@dataclass(frozen=True)
class TrainingReport:
    trainee: str | None
    decided: int
    graded: int
    correct: int
    median_minutes: float | None
    mean_minutes: float | None
    overlooked: tuple[Overlooked, ...]  # failed checks on applications the trainee approved
    mistakes: tuple[Feedback, ...]

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.graded if self.graded else None

    def text(self) -> str:
        acc = "-" if self.accuracy is None else f"{self.accuracy:.0%}"
        lines = [f"Training report{f' for {self.trainee}' if self.trainee else ''}",
                 f"  decisions: {self.decided}; graded: {self.graded}; correct: {self.correct} ({acc})",
                 "  time per application: " + ("-" if self.median_minutes is None else
                                               f"median {self.median_minutes:.1f} min, "
                                               f"mean {self.mean_minutes:.1f} min")]
        if self.overlooked:
            lines.append("  failed checks on approved applications:")
            lines += [f"    {o.application_id}: {', '.join(o.check_ids)}" for o in self.overlooked]
        if self.mistakes:
            lines.append("  to look at again:")
            lines += ["    " + m.text().replace("\n", "\n      ") for m in self.mistakes]
        return "\n".join(lines)


def session_report(app: AppContext, *, trainee: str | None = None, since: datetime | None = None) -> TrainingReport:
    """Sum up the decisions (of one trainee, or everybody) since a moment."""
    _require_training(app)
    stmt = (select(Decision, Staff.name, TrainingAnswer).join(Staff, Staff.id == Decision.staff_id)
            .outerjoin(TrainingAnswer, TrainingAnswer.application_id == Decision.application_id)
            .order_by(Decision.id))
    if trainee:
        stmt = stmt.where(Staff.name == trainee)
    if since is not None:
        stmt = stmt.where(Decision.decided_at >= since)
    minutes: list[float] = []
    overlooked: list[Overlooked] = []
    mistakes: list[Feedback] = []
    decided = graded = correct = 0
    with app.sessions() as s:
        if trainee and s.scalar(select(Staff.id).where(Staff.name == trainee)) is None:
            raise NotFound(f"no staff member {trainee!r} in the training database")
        for d, _name, ans in s.execute(stmt):
            decided += 1
            if d.claimed_at is not None:
                minutes.append((d.decided_at - d.claimed_at).total_seconds() / 60)
            if d.outcome == DecisionOutcome.APPROVE.value:
                failed = failed_check_ids(d.checks_snapshot)
                if failed:
                    overlooked.append(Overlooked(d.application_id, failed))
            if ans is not None:
                graded += 1
                ok = grade(ans.expected_outcome, ans.expected_reason, d.outcome, d.reason_code)
                correct += ok
                if not ok:
                    mistakes.append(Feedback(d.application_id, d.outcome, d.reason_code, False, ans.expected_outcome,
                                             ans.expected_reason, _explanation(ans, app.settings.lang)))
    return TrainingReport(trainee, decided, graded, correct,
                          round(statistics.median(minutes), 1) if minutes else None,
                          round(statistics.fmean(minutes), 1) if minutes else None,
                          tuple(overlooked), tuple(mistakes))


def grade_recorded(app: AppContext, application_id: str, lang: str | None = None) -> Feedback:
    """Grade the latest decision recorded on an application (the main window reports only id and outcome)."""
    _require_training(app)
    with app.sessions() as s:
        d = s.scalar(select(Decision).where(Decision.application_id == application_id)
                     .order_by(Decision.id.desc()).limit(1))
    if d is None:
        raise NotFound(f"no decision on application {application_id} yet")
    return grade_decision(app, application_id, d.outcome, d.reason_code, lang)
