"""The trainer's desk in the services: the trainees' work in words, a fresh start for one trainee only (audited,
one transaction), the set of cases given, and nobody but a trainer on a training database."""

from __future__ import annotations

import pytest
import sv_factories as f
from sqlalchemy import func, select
from test_training import write_packs

from reviewer_app.db.models import AccessGrant, AuditEvent, Decision, SmsMessage
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.domain.training_views import CaseSet
from reviewer_app.services import decisions, queue_service, training, training_trainer
from reviewer_app.services.training_desk import DbTrainingDesk, TrainingDesk


@pytest.fixture
def tctx(db_url, app, tmp_path):
    if not db_url.startswith("sqlite"):
        pytest.skip("training databases are SQLite files")
    ctx = training.open_training(app.settings, clock=app.clock)
    training.load_packs(ctx, write_packs(tmp_path / "packs"))
    yield ctx
    ctx.close()


@pytest.fixture
def people(tctx):
    return {"trainer": f.staff(tctx, "tanya", "trainer"), "t1": f.staff(tctx, "trainee1", "reviewer"),
            "t2": f.staff(tctx, "trainee2", "reviewer"), "sup": f.staff(tctx, "olga", "supervisor")}


def _decide(ctx, actor: Actor, outcome: str, reason: str | None = None) -> str:
    item = queue_service.claim_next(ctx, actor)
    assert item is not None
    ctx.clock.advance(minutes=4)
    decisions.decide(ctx, actor, application_id=item.application_id, expected_version=item.version,
                     outcome=outcome, reason_code=reason, comment_internal="training",
                     acknowledged_checks=("face_duplicate",), comment_applicant="Фото не совпадает" if reason else None)
    return item.application_id


def _count(ctx, model, *where) -> int:
    with ctx.sessions() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_the_trainer_sees_each_trainees_cases_in_words(tctx, people) -> None:
    desk: TrainingDesk = DbTrainingDesk(tctx)
    first = _decide(tctx, people["t1"], "approve")  # TR-1: right
    second = _decide(tctx, people["t2"], "approve")  # TR-2: wrong (the face does not match)
    assert (first, second) == ("TR-1", "TR-2")

    summary = {t.name: t for t in desk.trainees(people["trainer"])}
    assert set(summary) == {"trainee1", "trainee2"}  # neither the trainer nor a supervisor who did nothing
    one, two = summary["trainee1"], summary["trainee2"]
    assert (one.cases, one.right, one.wrong) == (1, 1, 0) and (two.cases, two.right, two.wrong) == (1, 0, 1)
    assert len(two.sessions) == 1 and two.sessions[0].cases == 1 and two.sessions[0].wrong == 1
    assert two.last_at == two.sessions[0].ended_at

    [case] = desk.trainee_cases(people["trainer"], "trainee2")
    assert case.application_id == "TR-2" and case.correct is False
    assert (case.given_ru, case.given_en) == ("одобрить", "approve")
    assert case.expected_ru.startswith("отказать (") and case.expected_en == "reject (Face does not match the passport)"
    assert case.rule("ru") == "Лицо на селфи не совпадает с паспортом."
    assert case.rule("en") == "The face does not match."
    with tctx.sessions() as s:
        read = s.scalars(select(AuditEvent).where(AuditEvent.action == "training.read")).all()
    assert [(e.actor, e.target_id) for e in read] == [("tanya", "trainee2")]

    # the trainee's own feedback: their decision, in their language
    fb = desk.feedback(people["t2"], "TR-2", "en")
    assert not fb.correct and fb.explanation == "The face does not match." and "Wrong" in fb.text()


def test_only_a_trainer_on_a_training_database(tctx, people, app, team) -> None:
    desk = DbTrainingDesk(tctx)
    for who in ("t1", "sup"):
        for call in (lambda a: desk.trainees(a), lambda a: desk.trainee_cases(a, "trainee1"),
                     lambda a: desk.reset_trainee(a, "trainee1"), lambda a: desk.case_choices(a),
                     lambda a: desk.set_case_set(a, CaseSet(("own_access",)))):
            with pytest.raises(PermissionDenied) as refused:
                call(people[who])
            assert refused.value.code == "trainer_only"
    # a trainer account on production: refused as not a training database, whatever the role
    with pytest.raises(PermissionDenied, match="not a training database"):
        DbTrainingDesk(app).trainees(team["trainer"])
    # somebody else's decision is not the trainee's feedback
    _decide(tctx, people["t1"], "approve")
    with pytest.raises(ReviewerError, match="no decision"):
        desk.feedback(people["t2"], "TR-1")


def test_reset_clears_one_trainee_only_and_is_audited(tctx, people) -> None:
    desk = DbTrainingDesk(tctx)
    mine = _decide(tctx, people["t1"], "approve")  # TR-1, approved: a grant and an SMS
    theirs = _decide(tctx, people["t2"], "reject", "face_mismatch")
    assert _count(tctx, AccessGrant, AccessGrant.application_id == mine) == 1
    assert _count(tctx, SmsMessage, SmsMessage.application_id == mine) >= 1

    result = desk.reset_trainee(people["trainer"], "trainee1")

    assert (result.trainee, result.decisions_cleared, result.applications_back) == ("trainee1", 1, 1)
    assert _count(tctx, Decision, Decision.staff_id == people["t1"].staff_id) == 0
    assert _count(tctx, Decision, Decision.staff_id == people["t2"].staff_id) == 1  # the other trainee's stays
    assert _count(tctx, AccessGrant, AccessGrant.application_id == mine) == 0
    assert _count(tctx, SmsMessage, SmsMessage.application_id == mine) == 0
    with tctx.sessions() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "training.reset")).one()
    assert (event.actor, event.target_id, event.details["decisions"]) == ("tanya", "trainee1", 1)
    summary = {t.name: t for t in desk.trainees(people["trainer"])}
    assert summary["trainee1"].cases == 0 and summary["trainee2"].cases == 1
    # ...and the case is back: the trainee can start again on it
    assert _decide(tctx, people["t1"], "approve") == mine
    assert theirs == "TR-2"


def test_reset_is_one_transaction(tctx, people, monkeypatch) -> None:
    _decide(tctx, people["t1"], "approve")

    def broken(*_a, **_k):
        raise RuntimeError("the audit write failed")

    monkeypatch.setattr(training_trainer.audit, "record", broken)
    with pytest.raises(RuntimeError):
        DbTrainingDesk(tctx).reset_trainee(people["trainer"], "trainee1")
    assert _count(tctx, Decision, Decision.staff_id == people["t1"].staff_id) == 1
    assert _count(tctx, AccessGrant, AccessGrant.application_id == "TR-1") == 1


def test_the_case_set_decides_what_a_trainee_is_given(tctx, people) -> None:
    desk = DbTrainingDesk(tctx)
    choices = desk.case_choices(people["trainer"])
    assert dict(choices.kinds) == {"own_access": 2}
    lessons = {x.code: x for x in choices.lessons}
    assert set(lessons) == {"approve", "face_mismatch"} and lessons["face_mismatch"].label("en").startswith("reject")
    # trainee1 only practises the face-mismatch lesson; everybody else gets every case
    desk.set_case_set(people["trainer"], CaseSet(lessons=("face_mismatch",)), "trainee1")
    assert desk.case_set(people["trainer"], "trainee1").lessons == ("face_mismatch",)
    assert desk.case_set(people["trainer"]).everything
    assert _decide(tctx, people["t1"], "reject", "face_mismatch") == "TR-2"
    assert queue_service.claim_next(tctx, people["t1"]) is None  # TR-1 is outside trainee1's set
    assert _decide(tctx, people["t2"], "approve") == "TR-1"
    with pytest.raises(ReviewerError, match="lessons: no case"):
        desk.set_case_set(people["trainer"], CaseSet(lessons=("made_up",)))
    with pytest.raises(ReviewerError, match="kinds: unknown"):
        desk.set_case_set(people["trainer"], CaseSet(kinds=("nonsense",)))
    with tctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.action == "training.case_set")) == 1


def test_feedback_names_the_failed_checks(tctx, people) -> None:
    with tctx.uow() as s:
        from reviewer_app.db.models import CheckResultRow

        row = s.scalars(select(CheckResultRow).where(CheckResultRow.application_id == "TR-1")
                        .order_by(CheckResultRow.id)).first()
        row.status, failed = "fail", row.check_id
    item = queue_service.claim_next(tctx, people["t1"])
    try:
        decisions.decide(tctx, people["t1"], application_id=item.application_id, expected_version=item.version,
                         outcome="escalate", comment_internal="a failed check")
    except ReviewerError:
        pytest.skip("this check cannot be escalated over")
    fb = DbTrainingDesk(tctx).feedback(people["t1"], "TR-1", "ru")
    assert fb.failed_checks == (failed,)
    assert "Не пройдены проверки: " in fb.text() and f": {failed}" not in fb.text()  # in words, not the code
    assert StaffRole.REVIEWER is people["t1"].role
