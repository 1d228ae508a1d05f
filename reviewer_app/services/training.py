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
import secrets
import statistics
import tempfile
import zipfile
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from reviewer_app.config import Settings, default_audit_anchor
from reviewer_app.db import migrate
from reviewer_app.db.models import Application, DatabaseMeta, Decision, Staff, TrainingAnswer
from reviewer_app.domain.actor import SYSTEM, Actor
from reviewer_app.domain.answer_key import AnswerKey, AnswerKeyError, parse_answer_key
from reviewer_app.domain.clock import Clock, moscow_date
from reviewer_app.domain.enums import CheckStatus, DecisionOutcome
from reviewer_app.domain.errors import NotFound, PermissionDenied, ReviewerError, brief
from reviewer_app.domain.training_views import WORDS, Feedback, describe, grade, lang_of
from reviewer_app.services import audit, sample_data, sample_history
from reviewer_app.services.bootstrap import build_app
from reviewer_app.services.context import AppContext
from reviewer_app.store.crypto import create_key_file

PURPOSE_KEY = "purpose"
TRAINING = "training"
ANSWER_KEY = "answer_key.json"
REGISTRY = "registry.json"
SAMPLE_DAY_KEY = "sample_dates_moved_to"


def training_dir(settings: Settings) -> Path:
    return settings.data_dir / "training"


def training_settings(settings: Settings, db_url: str | None = None) -> Settings:
    """The production settings pointed at the training database and its own document folder."""
    folder = training_dir(settings)
    url = db_url or f"sqlite:///{folder / 'training.db'}"
    # Its own keys too: training needs no production secret, and works before `keys init`; and its own audit
    # checkpoints: a training chain's heads must never mix with production's.
    return replace(settings, db_url=url, store_dir=folder / "documents", key_file=folder / "keys" / "store.key",
                   key=None, audit_key_file=folder / "keys" / "audit.key", audit_key=None, training=True,
                   audit_anchor=default_audit_anchor(url, settings.data_dir))


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
    if not settings.key_file.exists():
        create_key_file(settings.key_file)
    if not settings.audit_key_file.exists():
        create_key_file(settings.audit_key_file)
    ctx = build_app(settings=settings, clock=clock)
    try:
        migrate.upgrade(ctx.raw_engine)
        mark_training(ctx)
    except BaseException:
        ctx.close()
        raise
    return ctx


def _refuse_unmarked_with_applications(s, settings: Settings) -> None:
    purpose = s.get(DatabaseMeta, PURPOSE_KEY)
    if purpose is None or purpose.value != TRAINING:
        apps = s.scalar(select(func.count()).select_from(Application))
        if apps:
            raise PermissionDenied(
                f"database {settings.db_url} holds {apps} application(s) and is not marked for training "
                f"(database_meta purpose={purpose.value if purpose else 'unset'}); training refuses it")


def mark_training(ctx: AppContext) -> None:
    """Mark a migrated database as a training one (the demo's throwaway database too: its trainer account
    works there). Refused for a database that holds applications without being marked."""
    settings = ctx.settings
    # Refused before the first unit of work: that one compares the store key with the database's, and a
    # production database must be refused for what it is, not for holding another key.
    with ctx.sessions() as s:
        _refuse_unmarked_with_applications(s, settings)
    with ctx.uow() as s:
        purpose = s.get(DatabaseMeta, PURPOSE_KEY)
        if purpose is None or purpose.value != TRAINING:
            _refuse_unmarked_with_applications(s, settings)
            if purpose is None:
                s.add(DatabaseMeta(key=PURPOSE_KEY, value=TRAINING))
            else:
                purpose.value = TRAINING
    ctx.__dict__.pop("is_training_db", None)  # recompute the cached flag now that it is marked
    if not ctx.is_training_db:
        raise PermissionDenied(f"database {settings.db_url} is not a training database")


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
    registry_records: int = 0
    dates_written_for: date | None = None  # the sample's as_of day (None: the folder's dates are used as written)
    dates_moved_to: date | None = None
    date_problems: tuple[str, ...] = ()
    history_citizens: int = 0  # history.json seeded now: citizens holding a login (services.sample_history)
    history_mfc_desk_records: int = 0  # ...and desk-recorded MFC confirmations waiting for a supervisor


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
    from reviewer_app.packs.paths import is_pack

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
    history = sample_history.read_history(packs_dir)  # a malformed history loads nothing either
    with tempfile.TemporaryDirectory(prefix="reviewer-training-") as tmp:
        moved = sample_data.shifted_copy(packs_dir, Path(tmp) / "packs", _sample_day(app), app.rules.versions[-1])
        registry = load_registry(app, moved.folder)
        summary = intake.import_paths(app, [moved.folder], actor)
    answers = store_answers(app, key)
    seeded = sample_history.seed(app, history)  # before anyone decides: answers that need it hold
    with app.uow() as s:
        audit.record(s, at=app.clock.now(), actor=actor.name, action="training.load", target_type="training",
                     target_id=str(packs_dir)[-64:], details={"imported": summary.imported, "answers": answers,
                                                              "dates_moved_days": moved.days,
                                                              "history_citizens": seeded.citizens,
                                                              "history_mfc_desk_records": seeded.desk_records})
    by_pack = key.by_pack()
    refused, expected = [], []
    for o in summary.outcomes:
        if o.status != "refused":
            continue
        answer = by_pack.get(Path(o.source).name)
        (expected if answer is not None and not answer.reaches_desk else refused).append(f"{o.source}: {o.reason}")
    return LoadResult(summary.imported, summary.skipped, tuple(refused), answers, tuple(expected), registry,
                      moved.as_of, moved.today if moved.as_of else None, moved.problems, seeded.citizens,
                      seeded.desk_records)


def _sample_day(app: AppContext) -> date:
    """The day sample dates move to: the day this training database first loaded sample packs (kept in
    database_meta, so a reload on a later day finds the same packs instead of conflicting copies)."""
    with app.uow() as s:
        row = s.get(DatabaseMeta, SAMPLE_DAY_KEY)
        if row is None:
            row = DatabaseMeta(key=SAMPLE_DAY_KEY, value=moscow_date(app.clock.now()).isoformat())
            s.add(row)
        return date.fromisoformat(row.value)


def store_answers(app: AppContext, key: AnswerKey) -> int:
    """The key's answers for the applications in the database, as TrainingAnswer rows; returns how many."""
    _require_training(app)
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
            row.pack = entry.pack
            s.add(row)
            answers += 1
    return answers


def load_registry(app: AppContext, packs_dir: Path) -> int:
    """Load registry.json beside the packs (civil-registry birth records for the kinship checks), as the demo
    does, so kinship is judged as the answer key expects. Returns the records inserted (0 without the file)."""
    from reviewer_app.db.registry_table import load_records
    from reviewer_app.registry import JsonFileRegistry

    path = packs_dir / REGISTRY
    if not path.is_file():
        return 0
    records = JsonFileRegistry(path).records
    with app.uow() as s:
        inserted, _updated = load_records(s, records)
    return inserted


@dataclass(frozen=True)
class PracticeAccount:
    name: str
    role: str
    password: str
    totp_secret: str

    def as_tuple(self) -> tuple[str, str, str, str]:  # the demo banner's (name, role, password, secret)
        return self.name, self.role, self.password, self.totp_secret


def practice_accounts(app: AppContext, trainees: int = 3) -> list[PracticeAccount]:
    """The trainer and `trainees` trainee accounts (trainee1..N), each with a fresh password and TOTP secret
    every time training starts (practice accounts: their decisions and reports stay, credentials do not)."""
    from reviewer_app.services import staff

    _require_training(app)
    if not 0 <= trainees <= 50:
        raise ReviewerError(f"--trainees: between 0 and 50, got {trainees}")
    out = []
    for name, role in [("trainer", "trainer"), *((f"trainee{i}", "reviewer") for i in range(1, trainees + 1))]:
        password = secrets.token_urlsafe(9)
        e = staff.practice_account(app, name=name, role=role, password=password)
        out.append(PracticeAccount(name, role, password, e.secret))
    return out


# --- grading ----------------------------------------------------------------------------------------------------
# The words, the feedback and the grading rule are plain domain code (domain.training_views), shared with the
# reviewer service's client; kept importable from here.
_WORDS = WORDS
_lang = lang_of


def _explanation(ans: TrainingAnswer, lang: str) -> str:
    return (ans.explanation_en or ans.explanation) if lang == "en" else ans.explanation


def _feedback(ans: TrainingAnswer | None, application_id: str, outcome: str, reason: str | None,
              lang: str, failed: tuple[str, ...] = ()) -> Feedback:
    if ans is None:
        return Feedback(application_id, str(outcome), reason, False, None, None, "", lang, failed_checks=failed)
    return Feedback(application_id, str(outcome), reason,
                    grade(ans.expected_outcome, ans.expected_reason, outcome, reason),
                    ans.expected_outcome, ans.expected_reason, _explanation(ans, lang), lang, ans.pack or "",
                    failed)


def grade_decision(app: AppContext, application_id: str, outcome: str, reason: str | None,
                   lang: str | None = None) -> Feedback:
    """Grade one decision; the texts are in `lang` (default: the interface language of the settings)."""
    _require_training(app)
    with app.sessions() as s:
        ans = s.get(TrainingAnswer, application_id)
    return _feedback(ans, application_id, outcome, reason, _lang(lang or app.settings.lang))


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
    decisions: tuple[tuple[str, Feedback], ...] = ()  # (who, graded decision) for every decision, in order
    lang: str = "en"

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.graded if self.graded else None

    def _minutes(self, value: float | None) -> str:
        text = f"{value or 0:.1f}"
        return text.replace(".", ",") if _lang(self.lang) == "ru" else text  # a decimal comma in Russian

    def text(self) -> str:
        w = _REPORT[_lang(self.lang)]
        acc = "-" if self.accuracy is None else f"{self.accuracy:.0%}"
        lines = [w["title"] + (f" {w['for']} {self.trainee}" if self.trainee else ""),
                 f"  {w['decisions']}: {self.decided}; {w['graded']}: {self.graded}; {w['right']}: {self.correct} "
                 f"({acc})",
                 f"  {w['time']}: " + ("-" if self.median_minutes is None else
                                       f"{w['median']} {self._minutes(self.median_minutes)} {w['min']}, "
                                       f"{w['mean']} {self._minutes(self.mean_minutes)} {w['min']}")]
        if self.decisions:
            lines.append(f"  {w['applications']}:")
            for who, fb in self.decisions:
                mark = "?" if fb.expected_outcome is None else ("✓" if fb.correct else "✗")
                want = "" if fb.correct or fb.expected_outcome is None else \
                    f"  ({w['expected']}: {describe(fb.expected_outcome, fb.expected_reason, self.lang)})"
                lines.append(f"    {mark} {fb.title}  {who}: {describe(fb.outcome, fb.reason, self.lang)}{want}")
        if self.overlooked:
            lines.append(f"  {w['overlooked']}:")
            lines += [f"    {o.application_id}: {', '.join(o.check_ids)}" for o in self.overlooked]
        if self.mistakes:
            lines.append(f"  {w['again']}:")
            lines += ["    " + m.text().replace("\n", "\n      ") for m in self.mistakes]
        return "\n".join(lines)


_REPORT = {
    "en": {"title": "Training report", "for": "for", "decisions": "decisions", "graded": "graded",
           "right": "correct", "time": "time per application", "median": "median", "mean": "mean", "min": "min",
           "applications": "applications", "expected": "expected",
           "overlooked": "failed checks on approved applications", "again": "to look at again"},
    "ru": {"title": "Итоги тренировки", "for": "—", "decisions": "решений", "graded": "с ответом в ключе",
           "right": "верных", "time": "время на заявление", "median": "медиана", "mean": "среднее", "min": "мин",
           "applications": "заявления", "expected": "ожидалось",
           "overlooked": "одобрены вопреки непройденным проверкам", "again": "разобрать ещё раз"},
}


def session_report(app: AppContext, *, trainee: str | None = None, since: datetime | None = None,
                   lang: str | None = None) -> TrainingReport:
    """Sum up the decisions (of one trainee, or everybody) since a moment, naming every application."""
    _require_training(app)
    lang = _lang(lang or app.settings.lang)
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
    rows: list[tuple[str, Feedback]] = []
    decided = graded = correct = 0
    with app.sessions() as s:
        if trainee and s.scalar(select(Staff.id).where(Staff.name == trainee)) is None:
            raise NotFound(f"no staff member {brief(trainee)} in the training database")
        for d, name, ans in s.execute(stmt):
            decided += 1
            if d.claimed_at is not None:
                minutes.append((d.decided_at - d.claimed_at).total_seconds() / 60)
            if d.outcome == DecisionOutcome.APPROVE.value:
                failed = failed_check_ids(d.checks_snapshot)
                if failed:
                    overlooked.append(Overlooked(d.application_id, failed))
            fb = _feedback(ans, d.application_id, d.outcome, d.reason_code, lang, failed_check_ids(d.checks_snapshot))
            rows.append((name, fb))
            if ans is not None:
                graded += 1
                correct += fb.correct
                if not fb.correct:
                    mistakes.append(fb)
    return TrainingReport(trainee, decided, graded, correct,
                          round(statistics.median(minutes), 1) if minutes else None,
                          round(statistics.fmean(minutes), 1) if minutes else None,
                          tuple(overlooked), tuple(mistakes), tuple(rows), lang)


def grade_recorded(app: AppContext, application_id: str, lang: str | None = None, *,
                   staff_id: int | None = None) -> Feedback:
    """Grade the latest decision recorded on an application (the main window reports only id and outcome), or
    the latest of one staff member's; the feedback names the checks that had not passed when it was made."""
    _require_training(app)
    stmt = select(Decision).where(Decision.application_id == application_id)
    if staff_id is not None:
        stmt = stmt.where(Decision.staff_id == staff_id)
    with app.sessions() as s:
        d = s.scalar(stmt.order_by(Decision.id.desc()).limit(1))
        ans = s.get(TrainingAnswer, application_id) if d is not None else None
    if d is None:
        raise NotFound(f"no decision on application {application_id} yet")
    return _feedback(ans, application_id, d.outcome, d.reason_code, _lang(lang or app.settings.lang),
                     failed_check_ids(d.checks_snapshot))
