"""A trainee works every shipped sample pack through the services: 100% following the key, and exactly the
mistakes made when not."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyotp
import pytest

from reviewer_app.config import load_settings
from reviewer_app.domain.clock import FixedClock
from reviewer_app.services import decisions, queue_service, staff, training

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data"


@pytest.fixture
def ctx(tmp_path):
    settings = load_settings(env={}, overrides={"data_dir": tmp_path / "data", "lang": "en"})
    # the day the sample packs were written for: every deadline and age as the key describes it
    context = training.open_training(settings, clock=FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC)))
    yield context
    context.close()


def _login(ctx, account: training.PracticeAccount):
    return staff.login(ctx, account.name, account.password, pyotp.TOTP(account.totp_secret).at(ctx.clock.now()))


def _work_queue(ctx, actor, choose) -> list[str]:
    """Claim until the queue is empty; `choose(answer) -> (outcome, reason)`; returns the ids in order."""
    key = training.read_answer_key(SAMPLE / training.ANSWER_KEY).by_id()
    done = []
    while (item := queue_service.claim_next(ctx, actor)) is not None:
        ctx.clock.advance(minutes=3)
        outcome, reason = choose(key[item.application_id])
        decisions.decide(ctx, actor, application_id=item.application_id, expected_version=item.version,
                         outcome=outcome, reason_code=reason, comment_internal="training run",
                         acknowledged_checks=("face_duplicate",),  # no worker ran: checked by hand
                         comment_applicant="see the notice" if reason == "other" else None)
        done.append(item.application_id)
    return done


def test_following_the_key_scores_every_pack(ctx) -> None:
    loaded = training.load_packs(ctx, SAMPLE)
    key = training.read_answer_key(SAMPLE / training.ANSWER_KEY)
    desk_answers = [a for a in key.answers if a.reaches_desk]
    assert loaded.refused == () and len(loaded.refused_as_expected) == len(key.answers) - len(desk_answers)
    assert loaded.registry_records > 0 and loaded.answers == len(desk_answers)
    accounts = training.practice_accounts(ctx, trainees=2)
    assert [a.name for a in accounts] == ["trainer", "trainee1", "trainee2"]
    trainee = _login(ctx, accounts[1])

    done = _work_queue(ctx, trainee, lambda a: (a.expected_outcome, a.expected_reason))

    assert sorted(done) == sorted(a.application_id for a in desk_answers)
    report = training.session_report(ctx, trainee="trainee1")
    assert (report.decided, report.graded, report.correct, report.accuracy) == (len(done),) * 3 + (1.0,)
    assert report.mistakes == () and report.overlooked == ()
    text = report.text()
    for a in desk_answers:  # the report names every application, with its pack
        assert f"✓ {a.application_id} ({a.pack})" in text


def test_mistakes_are_graded_as_the_mistakes_made(ctx) -> None:
    training.load_packs(ctx, SAMPLE)
    trainee = _login(ctx, training.practice_accounts(ctx, trainees=1)[1])
    wrong: set[str] = set()

    def choose(answer):
        right = (answer.expected_outcome, answer.expected_reason)
        if answer.application_id[-1] in "13579":  # every other pack decided as the key says
            return right
        wrong.add(answer.application_id)
        if answer.expected_outcome == "approve":
            return "reject", "face_mismatch"
        return ("return", "data_mismatch") if right == ("return", "photo_unclear") else ("return", "photo_unclear")

    done = _work_queue(ctx, trainee, choose)
    report = training.session_report(ctx, trainee="trainee1")
    assert {m.application_id for m in report.mistakes} == wrong and wrong
    assert report.correct == len(done) - len(wrong)
    face = next(m for m in report.mistakes if m.expected_outcome == "approve")
    assert face.text().startswith(f"{face.title}: Wrong: reject (Face does not match the passport); "
                                  "expected approve.")


def test_feedback_for_a_decision_explains_the_rule_in_the_interface_language(ctx) -> None:
    training.load_packs(ctx, SAMPLE)
    trainee = _login(ctx, training.practice_accounts(ctx, trainees=1)[1])
    item = queue_service.claim_next(ctx, trainee)
    decisions.decide(ctx, trainee, application_id=item.application_id, expected_version=item.version,
                     outcome="escalate", comment_internal="not sure")
    answer = training.read_answer_key(SAMPLE / training.ANSWER_KEY).by_id()[item.application_id]
    en = training.grade_recorded(ctx, item.application_id)  # the settings say English
    ru = training.grade_recorded(ctx, item.application_id, "ru")
    assert not en.correct and en.explanation == answer.explanation("en") and en.pack == answer.pack
    assert ru.explanation == answer.explanation("ru") and ru.text().split(": ")[1] == "Неверно"


def test_training_months_later_moves_the_dates_once_and_reloads_cleanly(tmp_path) -> None:
    settings = load_settings(env={}, overrides={"data_dir": tmp_path / "data", "lang": "ru"})
    clock = FixedClock(datetime(2027, 2, 10, 9, 0, tzinfo=UTC))
    ctx = training.open_training(settings, clock=clock)
    try:
        first = training.load_packs(ctx, SAMPLE)
        assert (first.dates_written_for.isoformat(), first.dates_moved_to.isoformat()) == ("2026-11-27", "2027-02-10")
        assert first.refused == () and first.date_problems == ()
        clock.advance(days=3)  # the trainer starts `train` again another day: the same packs, nothing refused
        again = training.load_packs(ctx, SAMPLE)
        assert (again.imported, again.refused, again.dates_moved_to) == (0, (), first.dates_moved_to)
        assert again.skipped == first.imported
    finally:
        ctx.close()
