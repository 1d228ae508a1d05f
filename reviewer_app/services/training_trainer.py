"""The trainer's use cases on a training database: the trainees' work, a fresh start, and which cases they get.

Every function re-reads the caller's account (`authz.current`) and refuses anyone but a trainer, and any database
not marked for training (`training._require_training`). The trainee's own feedback (`feedback_for`) is the one
exception: a trainee asks for the grade of their own decision.

- `trainees`: every trainee (reviewer accounts, and anyone else who decided here) with their sessions (one per
  Moscow day), cases, right and wrong.
- `trainee_cases`: one trainee's decisions, each with the given and the expected answer and the rule behind the
  answer (the key's explanation), in Russian and English; audited as a read (`training.read`).
- `reset_trainee`: the trainee's decisions cleared and the applications back in the queue, with whatever the
  decisions wrote (grants, SMS, the MFC wait), in one transaction, audited (`training.reset`).
- `case_choices` / `case_set` / `set_case_set`: the set of cases given to one trainee or to everybody, by
  application kind and by lesson (the key's expected reason, or its outcome); kept in `database_meta`, applied
  by the queue (`excluded_for`) when a trainee takes the next application.
"""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import delete, func, or_, select, update

from reviewer_app.db.models import (
    AccessGrant,
    Application,
    Claim,
    DatabaseMeta,
    Decision,
    DecisionRequestRow,
    SmsMessage,
    Staff,
    TrainingAnswer,
)
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import ApplicationKind, ApplicationStatus, StaffRole
from reviewer_app.domain.errors import NotFound, PermissionDenied, ReviewerError, brief
from reviewer_app.domain.permissions import Permission
from reviewer_app.domain.training_views import (
    CaseChoices,
    CaseSet,
    Feedback,
    Lesson,
    ResetResult,
    TraineeCase,
    TraineeSession,
    TraineeSummary,
    describe,
    grade,
    lesson_of,
)
from reviewer_app.services import audit, authz, training
from reviewer_app.services.context import AppContext

CASE_SET_KEY = "training_case_set"  # database_meta key for everybody; "<key>:<trainee>" for one trainee


def _require_trainer(app: AppContext, actor: Actor) -> Actor:
    training._require_training(app)
    fresh = authz.current(app, actor)
    if fresh.role is not StaffRole.TRAINER:
        raise PermissionDenied(f"{actor.name} ({fresh.role.value if fresh.role else 'system'}) may not see or change "
                               "the trainees' work: trainers only", code="trainer_only")
    return fresh


def _trainee(s, name: str) -> Staff:
    row = s.scalar(select(Staff).where(Staff.name == name))
    if row is None:
        raise NotFound(f"trainee: no staff member {brief(name)} in the training database")
    if row.role == StaffRole.TRAINER.value:
        raise ReviewerError(f"trainee: {brief(name)} is a trainer, not a trainee", code="not_a_trainee")
    return row


# --- the trainee's feedback -------------------------------------------------------------------------------------
def feedback_for(app: AppContext, actor: Actor, application_id: str, lang: str | None = None) -> Feedback:
    """The grade of the caller's own latest decision on the application (a trainer: anybody's latest)."""
    fresh = authz.require(app, actor, Permission.DECIDE)
    training._require_training(app)
    staff_id = None if fresh.role is StaffRole.TRAINER else fresh.staff_id
    return training.grade_recorded(app, application_id, lang, staff_id=staff_id)


# --- the trainees' work ------------------------------------------------------------------------------------------
def trainees(app: AppContext, actor: Actor) -> list[TraineeSummary]:
    """Every trainee with their sessions (a Moscow day each, oldest first) and their own case set, by name."""
    _require_trainer(app, actor)
    with app.sessions() as s:
        people = s.execute(select(Staff.id, Staff.name, Staff.role).where(Staff.role != StaffRole.TRAINER.value)
                           .order_by(Staff.name)).all()
        rows = s.execute(select(Decision.staff_id, Decision.decided_at, Decision.outcome, Decision.reason_code,
                                TrainingAnswer.expected_outcome, TrainingAnswer.expected_reason)
                         .outerjoin(TrainingAnswer, TrainingAnswer.application_id == Decision.application_id)
                         .order_by(Decision.decided_at, Decision.id)).all()
        sets = _case_sets(s)
    by_staff: dict[int, list] = defaultdict(list)
    for r in rows:
        by_staff[r.staff_id].append(r)
    out = []
    for staff_id, name, role in people:
        mine = by_staff.get(staff_id, [])
        if role != StaffRole.REVIEWER.value and not mine:
            continue  # a supervisor or an administrator who never worked a case here is nobody's trainee
        days: dict = defaultdict(list)
        for r in mine:
            days[moscow_date(r.decided_at)].append(r)
        sessions = tuple(_session(day, items) for day, items in sorted(days.items()))
        out.append(TraineeSummary(name, len(mine), sum(x.right for x in sessions), sum(x.wrong for x in sessions),
                                  mine[-1].decided_at if mine else None, sessions, sets.get(name)))
    return out


def _right(r) -> bool | None:
    if r.expected_outcome is None:
        return None
    return grade(r.expected_outcome, r.expected_reason, r.outcome, r.reason_code)


def _session(day, items) -> TraineeSession:
    graded = [_right(r) for r in items]
    return TraineeSession(day, items[0].decided_at, items[-1].decided_at, len(items),
                          sum(1 for g in graded if g is True), sum(1 for g in graded if g is False))


def trainee_cases(app: AppContext, actor: Actor, trainee: str) -> list[TraineeCase]:
    """One trainee's decisions, oldest first, each with the expected answer and the rule; audited as a read."""
    fresh = _require_trainer(app, actor)
    with app.uow() as s:
        who = _trainee(s, trainee)
        rows = s.execute(select(Decision, TrainingAnswer)
                         .outerjoin(TrainingAnswer, TrainingAnswer.application_id == Decision.application_id)
                         .where(Decision.staff_id == who.id).order_by(Decision.decided_at, Decision.id)).all()
        audit.record(s, at=app.clock.now(), actor=fresh.name, action="training.read", target_type="staff",
                     target_id=who.name, details={"cases": len(rows)})
    out = []
    for d, ans in rows:
        given = {lang: describe(d.outcome, d.reason_code, lang) for lang in ("ru", "en")}
        if ans is None:
            expected = {"ru": "нет ответа в ключе", "en": "no answer in the key"}
            rule = {"ru": "", "en": ""}
            right = None
        else:
            expected = {lang: describe(ans.expected_outcome, ans.expected_reason, lang) for lang in ("ru", "en")}
            rule = {"ru": ans.explanation, "en": ans.explanation_en or ans.explanation}
            right = grade(ans.expected_outcome, ans.expected_reason, d.outcome, d.reason_code)
        out.append(TraineeCase(d.application_id, ans.pack if ans is not None else "", d.kind, d.decided_at, right,
                               given["ru"], given["en"], expected["ru"], expected["en"], rule["ru"], rule["en"],
                               training.failed_check_ids(d.checks_snapshot)))
    return out


# --- a fresh start -------------------------------------------------------------------------------------------------
def reset_trainee(app: AppContext, actor: Actor, trainee: str) -> ResetResult:
    """Clear one trainee's decisions so they can start again: their decisions (and idempotency records) go, and an
    application nobody else decided goes back to the queue with what the decision wrote undone (grants, SMS, the
    MFC wait). Applications the trainee holds go back too. One transaction, audited."""
    fresh = _require_trainer(app, actor)
    now = app.clock.now()
    with app.uow() as s:
        who = _trainee(s, trainee)
        decided = set(s.scalars(select(Decision.application_id).where(Decision.staff_id == who.id)))
        cleared = s.execute(delete(Decision).where(Decision.staff_id == who.id)
                            .execution_options(synchronize_session=False)).rowcount or 0  # type: ignore[attr-defined]
        s.execute(delete(DecisionRequestRow).where(DecisionRequestRow.staff_id == who.id)
                  .execution_options(synchronize_session=False))
        others = set(s.scalars(select(Decision.application_id).where(Decision.application_id.in_(decided)))) \
            if decided else set()
        back = sorted(decided - others)
        if back:
            s.execute(delete(AccessGrant).where(AccessGrant.application_id.in_(back))
                      .execution_options(synchronize_session=False))
            s.execute(delete(SmsMessage).where(SmsMessage.application_id.in_(back))
                      .execution_options(synchronize_session=False))
        held = list(s.scalars(select(Application.id).where(Application.claimed_by == who.id)))
        again = sorted(set(back) | set(held))
        if again:
            s.execute(update(Application).where(Application.id.in_(again))
                      .values(status=ApplicationStatus.PENDING.value, claimed_by=None, lease_expires_at=None,
                              waiting_until=None, version=Application.version + 1)
                      .execution_options(synchronize_session=False))
            s.execute(update(Claim).where(Claim.application_id.in_(again), Claim.released_at.is_(None))
                      .values(released_at=now, release_reason="released")
                      .execution_options(synchronize_session=False))
        audit.record(s, at=now, actor=fresh.name, action="training.reset", target_type="staff", target_id=who.name,
                     details={"decisions": cleared, "applications_back": len(back), "held_released": len(held)})
    return ResetResult(who.name, cleared, len(back))


# --- which cases ---------------------------------------------------------------------------------------------------
def _parse_set(value: str | None) -> CaseSet | None:
    if not value:
        return None
    try:
        raw = json.loads(value)
        return CaseSet(tuple(raw.get("kinds") or ()), tuple(raw.get("lessons") or ()))
    except (ValueError, AttributeError, TypeError):
        return None  # an unreadable entry limits nothing


def _case_sets(s) -> dict[str | None, CaseSet]:
    """{None: everybody's set, trainee name: their own} as stored."""
    out: dict[str | None, CaseSet] = {}
    for key, value in s.execute(select(DatabaseMeta.key, DatabaseMeta.value)
                                .where(or_(DatabaseMeta.key == CASE_SET_KEY,
                                           DatabaseMeta.key.like(CASE_SET_KEY + ":%")))):
        parsed = _parse_set(value)
        if parsed is not None:
            out[None if key == CASE_SET_KEY else key.split(":", 1)[1]] = parsed
    return out


def case_choices(app: AppContext, actor: Actor) -> CaseChoices:
    """The kinds and the lessons of the cases in the key (with how many cases each), and everybody's set."""
    _require_trainer(app, actor)
    with app.sessions() as s:
        kinds = s.execute(select(Application.kind, func.count()).join(
            TrainingAnswer, TrainingAnswer.application_id == Application.id).group_by(Application.kind)
            .order_by(Application.kind)).all()
        answers = s.execute(select(TrainingAnswer.expected_outcome, TrainingAnswer.expected_reason)).all()
        everybody = _case_sets(s).get(None) or CaseSet()
    counts: dict[str, int] = defaultdict(int)
    words: dict[str, tuple[str, str]] = {}
    for outcome, reason in answers:
        code = lesson_of(outcome, reason)
        counts[code] += 1
        words[code] = (describe(outcome, reason, "ru"), describe(outcome, reason, "en"))
    lessons = tuple(Lesson(c, words[c][0], words[c][1], counts[c]) for c in sorted(counts, key=lambda c: words[c][1]))
    return CaseChoices(tuple((k, n) for k, n in kinds), lessons, everybody)


def case_set(app: AppContext, actor: Actor, trainee: str | None = None) -> CaseSet:
    """The set stored for `trainee` (None: everybody's); an empty set when none is chosen."""
    _require_trainer(app, actor)
    with app.sessions() as s:
        return _case_sets(s).get(trainee) or CaseSet()


def set_case_set(app: AppContext, actor: Actor, chosen: CaseSet, trainee: str | None = None) -> CaseSet:
    """Give `trainee` (None: everybody without a set of their own) only these cases; an empty set gives all
    (and removes a trainee's own set, so everybody's applies again). Audited."""
    fresh = _require_trainer(app, actor)
    known_kinds = {k.value for k in ApplicationKind}
    for kind in chosen.kinds:
        if kind not in known_kinds:
            raise ReviewerError(f"kinds: unknown application kind {brief(kind)} "
                                f"(known: {', '.join(sorted(known_kinds))})", code="bad_kind")
    with app.uow() as s:
        if trainee is not None:
            _trainee(s, trainee)
        lessons = {lesson_of(o, r) for o, r in s.execute(select(TrainingAnswer.expected_outcome,
                                                               TrainingAnswer.expected_reason))}
        for lesson in chosen.lessons:
            if lesson not in lessons:
                raise ReviewerError(f"lessons: no case in the answer key teaches {brief(lesson)}", code="bad_lesson")
        key = CASE_SET_KEY if trainee is None else f"{CASE_SET_KEY}:{trainee}"
        row = s.get(DatabaseMeta, key)
        clean = CaseSet(tuple(sorted(set(chosen.kinds))), tuple(sorted(set(chosen.lessons))))
        if clean.everything:
            if row is not None:
                s.delete(row)
        else:
            value = json.dumps({"kinds": list(clean.kinds), "lessons": list(clean.lessons)})
            if row is None:
                s.add(DatabaseMeta(key=key, value=value))
            else:
                row.value = value
        audit.record(s, at=app.clock.now(), actor=fresh.name, action="training.case_set",
                     target_type="staff" if trainee else "training", target_id=trainee or "*",
                     details={"kinds": list(clean.kinds), "lessons": list(clean.lessons)})
    return clean


def excluded_for(s, staff_id: int) -> tuple[str, ...]:
    """Pending applications outside the case set of this staff member (their own, else everybody's), in the
    caller's transaction; () when no set limits them. The queue skips these on a training database."""
    name = s.scalar(select(Staff.name).where(Staff.id == staff_id))
    sets = _case_sets(s)
    chosen = sets.get(name) or sets.get(None)
    if chosen is None or chosen.everything:
        return ()
    rows = s.execute(select(Application.id, Application.kind, TrainingAnswer.expected_outcome,
                            TrainingAnswer.expected_reason)
                     .outerjoin(TrainingAnswer, TrainingAnswer.application_id == Application.id)
                     .where(Application.status == ApplicationStatus.PENDING.value)).all()
    return tuple(sorted(r.id for r in rows if not chosen.admits(
        r.kind, lesson_of(r.expected_outcome, r.expected_reason) if r.expected_outcome else None)))
