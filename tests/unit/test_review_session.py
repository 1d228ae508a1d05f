"""The review loop without Qt and without a display: a hand-stepped runner, a fake clock, an in-memory desk."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.views import ApplicationView, DecisionRequest
from reviewer_app.services.review_session import Loader, Phase, ReviewSession
from tests.ui.fakes import FakeDesk


@dataclass
class Item:
    view: ApplicationView
    prescore_ready: bool = True

    @property
    def id(self) -> str:
        return self.view.id


@dataclass
class StepRunner:
    """Holds every job until the test runs it: the test decides what finishes when."""

    jobs: list[tuple[str, Callable[[], Any], Any, Any]] = field(default_factory=list)

    def run(self, fn, *, on_success=None, on_failure=None, label: str = "") -> None:
        self.jobs.append((label, fn, on_success, on_failure))

    def step(self, label: str | None = None) -> None:
        index = next(i for i, j in enumerate(self.jobs) if label is None or j[0] == label)
        _label, fn, ok, bad = self.jobs.pop(index)
        try:
            result = fn()
        except Exception as exc:
            if bad is None:
                raise
            bad(exc)
        else:
            if ok is not None:
                ok(result)

    def drain(self) -> None:
        while self.jobs:
            self.step()

    def labels(self) -> list[str]:
        return [j[0] for j in self.jobs]


class Events:
    def __init__(self) -> None:
        self.log: list[tuple] = []

    def show(self, item) -> None:
        self.log.append(("show", item.id))

    def prescored(self, item) -> None:
        self.log.append(("prescored", item.id))

    def cleared(self, reason, application_id) -> None:
        self.log.append(("cleared", reason, application_id))

    def changed(self) -> None:
        pass

    def decided(self, result) -> None:
        self.log.append(("decided", result.application_id, result.outcome))

    def failed(self, what, exc, application_id) -> None:
        self.log.append(("failed", what, application_id))

    def of(self, kind: str) -> list[tuple]:
        return [e for e in self.log if e[0] == kind]


def loader(desk: FakeDesk) -> Loader:
    def next_(actor, kind, exclude, prescore):
        app_id = desk.claim_next(actor, kind, exclude=exclude)
        return Item(desk.open_application(actor, app_id)) if app_id else None

    def one(actor, app_id):
        desk.claim(actor, app_id)
        return Item(desk.open_application(actor, app_id))

    return Loader(next_, one, lambda actor, item: item)


class Clock:
    def __init__(self) -> None:
        self.t = 3.0  # a machine up for three seconds: nothing may assume a large monotonic time

    def __call__(self) -> float:
        return self.t


def make(desk: FakeDesk | None = None, undo: float = 10.0, settle: float = 0.0):
    desk = desk or FakeDesk()
    runner, events, clock = StepRunner(), Events(), Clock()
    session = ReviewSession(desk, loader(desk), runner, events, clock, undo_seconds=undo, settle_seconds=settle)
    session.start(Actor(staff_id=1, name="anna", role=StaffRole.REVIEWER))
    return session, desk, runner, events, clock


def approve(session: ReviewSession) -> bool:
    view = session.current.view
    return session.decide(DecisionRequest(view.id, view.version, "approve"))


def open_first(session, runner) -> None:
    assert session.next() and session.phase == Phase.LOADING
    runner.step("opening")
    assert session.phase == Phase.SHOWING
    runner.step("")  # the prefetch of the one after
    assert session.prefetched is not None


def test_the_loop_needs_no_qt():
    code = "import sys, reviewer_app.services.review_session; print('PySide6' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"})
    assert done.stdout.strip() == "False"


def test_next_shows_then_prefetches_and_decide_moves_on_at_once():
    session, desk, runner, events, _clock = make()
    open_first(session, runner)
    first, second = session.current.id, session.prefetched.id
    assert events.of("show") == [("show", first)] and first != second
    assert approve(session)
    # the next one is on screen at once (from the prefetch); the decision is held for undo, not written yet
    assert session.current.id == second and session.held.item.id == first
    assert desk.decisions == [] and events.of("show")[-1] == ("show", second)


def test_held_decision_is_written_when_the_undo_time_passes():
    session, desk, runner, events, clock = make()
    open_first(session, runner)
    first = session.current.id
    approve(session)
    runner.drain()
    clock.t += 9.9
    session.tick()
    assert desk.decisions == [] and session.can_undo
    clock.t += 0.2
    session.tick()
    assert not session.can_undo and "saving" in runner.labels()
    runner.step("saving")
    assert [d[1].application_id for d in desk.decisions] == [first]
    assert events.of("decided") == [("decided", first, "approve")]


def test_undo_brings_the_application_back_and_nothing_is_written():
    session, desk, runner, _events, clock = make()
    open_first(session, runner)
    first = session.current.id
    approve(session)
    second = session.current.id
    clock.t += 5
    assert session.undo()
    assert session.current.id == first and session.prefetched.id == second  # the next one waits, still leased
    assert session.held is None
    runner.drain()
    clock.t += 60
    session.tick()
    runner.drain()
    assert desk.decisions == [] and desk.decide_calls == 0
    assert desk.rows[first].holder == 1  # still ours: nobody else could take it meanwhile


def test_undo_is_refused_after_ten_seconds():
    session, _desk, runner, _events, clock = make()
    open_first(session, runner)
    approve(session)
    clock.t += 10.0
    assert not session.undo()


def test_the_next_decision_writes_the_held_one_first():
    session, desk, runner, _events, _clock = make()
    open_first(session, runner)
    first = session.current.id
    approve(session)
    runner.drain()
    second = session.current.id
    # The fake scores the second application a mismatch: approving it is an override and needs a comment.
    view = session.current.view
    assert session.decide(DecisionRequest(view.id, view.version, "approve", comment_internal="compared by hand"))
    assert session.held.item.id == second
    runner.drain()
    assert [d[1].application_id for d in desk.decisions] == [first]


def test_ending_the_session_writes_the_held_decision_and_gives_back_the_rest():
    session, desk, runner, _events, _clock = make()
    open_first(session, runner)
    first, second = session.current.id, session.prefetched.id
    approve(session)
    runner.drain()
    third = session.prefetched.id
    session.end()
    runner.drain()
    assert [d[1].application_id for d in desk.decisions] == [first]
    assert set(desk.released) == {second, third}
    assert session.actor is None and session.current is None


def test_keys_while_saving_are_ignored_without_undo():
    session, desk, runner, _events, _clock = make(undo=0)
    open_first(session, runner)
    view = session.current.view
    request = DecisionRequest(view.id, view.version, "approve")
    assert session.decide(request) and session.phase == Phase.SAVING
    assert not session.decide(request)
    assert not session.next() and not session.release() and not session.undo()
    assert runner.labels().count("saving") == 1
    runner.step("saving")
    assert session.phase == Phase.SHOWING and session.current.id != view.id
    assert desk.decide_calls == 1


def test_a_failed_write_keeps_the_application_on_screen_without_undo():
    desk = FakeDesk()
    session, desk, runner, events, _clock = make(desk, undo=0)
    open_first(session, runner)
    app_id = session.current.id

    def down(actor, request):
        desk.decide_calls += 1
        raise OSError("database down")

    desk.decide = down  # type: ignore[method-assign]
    approve(session)
    runner.step("saving")
    assert session.phase == Phase.SHOWING and session.current.id == app_id
    assert events.of("failed") == [("failed", "decide", app_id)]


def test_a_lost_lease_on_save_moves_on():
    session, desk, runner, events, _clock = make(undo=0)
    open_first(session, runner)
    app_id = session.current.id
    desk.rows[app_id].holder = 99  # someone took it
    approve(session)
    runner.step("saving")
    assert session.phase == Phase.IDLE and session.current is None
    assert ("cleared", "conflict", app_id) in events.log


def test_approve_needs_the_checks_by_hand_acknowledged():
    desk = FakeDesk()
    first = sorted(desk.rows)[0]
    desk.rows[first].manual_check = True
    session, desk, runner, events, _clock = make(desk)
    open_first(session, runner)
    assert session.current.id == first and session.needs_acknowledgement()
    assert not approve(session)
    assert events.of("failed") == [("failed", "acknowledge_first", first)] and session.current.id == first
    view = session.current.view
    assert session.decide(DecisionRequest(view.id, view.version, "reject", reason_code="other",
                                          comment_applicant="Пришлите фото разворота"))  # no ack needed
    assert session.undo()
    assert session.current.id == first and session.needs_acknowledgement()  # the acknowledgement is per showing
    assert session.acknowledge() and not session.needs_acknowledgement()
    assert approve(session)
    session.flush()
    runner.drain()
    assert desk.decisions[-1][1].acknowledged_checks == ("photo",)


def test_the_desk_refuses_an_unacknowledged_approval_too():
    desk = FakeDesk()
    first = sorted(desk.rows)[0]
    desk.rows[first].manual_check = True
    actor = Actor(staff_id=1, name="anna", role=StaffRole.REVIEWER)
    desk.claim(actor, first)
    view = desk.open_application(actor, first)
    from reviewer_app.domain.errors import ReviewerError

    with pytest.raises(ReviewerError, match="check"):
        desk.decide(actor, DecisionRequest(first, view.version, "approve"))
    desk.decide(actor, DecisionRequest(first, view.version, "approve", acknowledged_checks=("photo",)))


def test_renewals_follow_the_injected_clock_and_only_while_active():
    session, desk, runner, _events, clock = make()
    open_first(session, runner)
    approve(session)
    runner.drain()
    held = session.held.item.id
    clock.t += 9  # less than the renewal interval (600/3 s)
    session.tick()
    assert runner.jobs == []
    # renew now: the one on screen, the prefetched one and the held one
    desk.clock_now += timedelta(seconds=100)
    session.renew()
    assert len(runner.jobs) == 3
    runner.drain()
    ids = {i for i, e in session.leases.items() if e == desk.clock_now + timedelta(seconds=desk.lease_seconds)}
    assert {session.current.id, session.prefetched.id, held} <= ids
    before = session.last_renew
    clock.t += 400  # idle longer than half the lease: the tick does not renew
    session.tick()
    assert session.last_renew == before


def test_an_expired_prefetch_is_not_shown():
    session, desk, runner, _events, _clock = make()
    open_first(session, runner)
    stale = session.prefetched.id
    desk.clock_now += timedelta(seconds=desk.lease_seconds + 1)
    session.release()
    runner.drain()
    session.next()
    runner.drain()
    assert session.current is not None and session.current.id != stale


def test_an_undo_while_the_next_one_loads_keeps_it_for_later():
    desk = FakeDesk()
    session, desk, runner, _events, _clock = make(desk)
    assert session.next()
    runner.step("opening")
    first = session.current.id
    # no prefetch yet (its job is still pending): deciding waits for it
    approve(session)
    assert session.phase == Phase.LOADING
    assert session.undo()
    assert session.current.id == first
    runner.drain()
    assert session.current.id == first and session.prefetched is not None


def test_a_conflicting_open_says_finish_first():
    session, desk, runner, events, _clock = make()
    open_first(session, runner)
    other = next(i for i in desk.rows if i not in (session.current.id, session.prefetched.id))
    assert not session.open(other)
    assert events.of("failed")[-1][:2] == ("failed", "finish_first")


def test_the_held_item_is_kept_as_it_was():
    session, _desk, runner, _events, _clock = make()
    open_first(session, runner)
    shown = session.current
    approve(session)
    session.undo()
    assert session.current is shown


def test_training_holds_the_next_application_until_the_feedback_is_read():
    session, _desk, runner, events, _clock = make(undo=0)
    waiting: list = []
    session.before_next = lambda app_id, go_on: waiting.append((app_id, go_on))
    open_first(session, runner)
    decided = session.current.id
    approve(session)
    runner.step("saving")
    assert events.of("decided") == [("decided", decided, "approve")]
    assert session.current is None and session.phase == Phase.IDLE  # nothing new on screen yet
    assert [w[0] for w in waiting] == [decided] and not events.of("show")[1:]
    waiting[0][1]()  # the trainee closes the feedback
    assert session.phase == Phase.SHOWING and session.current.id != decided


def test_an_incomplete_request_is_refused_before_it_is_held():
    """The rule the service applies, asked before the decision is held: nothing incomplete waits 10 s to fail."""
    session, _desk, runner, events, _clock = make()
    open_first(session, runner)
    view = session.current.view
    assert not session.decide(DecisionRequest(view.id, view.version, "reject", reason_code="other"))
    assert events.of("failed")[-1] == ("failed", "incomplete", view.id)
    assert session.current.id == view.id and session.held is None and session.refused.reason_code == "other"
    assert not session.decide(DecisionRequest(view.id, view.version, "escalate"))  # needs an internal comment
    assert session.decide(DecisionRequest(view.id, view.version, "escalate", comment_internal="ask the boss"))


def test_a_decision_counts_only_once_the_application_has_been_on_screen_a_moment():
    """The second press of a quick double press lands on the next application as it appears: ignored, reported."""
    desk = FakeDesk()
    for row in desk.rows.values():  # plain approvals: nothing else stops a press
        row.band, row.failed_check = "match", False
    session, desk, runner, events, clock = make(desk, settle=0.5)
    open_first(session, runner)  # shown at t=3.0
    first = session.current.id
    assert not approve(session)  # pressed as it appeared
    assert events.of("failed")[-1] == ("failed", "too_soon", first) and session.current.id == first
    clock.t += 0.25
    assert not approve(session) and session.held is None
    clock.t += 0.25  # up for the settle time: a deliberate press
    assert approve(session)
    second = session.current.id  # the prefetched one, shown at once
    assert second != first and session.held.item.id == first
    assert not approve(session)  # the double press's second half: not a decision on the second one
    assert session.current.id == second and session.held.item.id == first
    assert events.of("failed")[-1] == ("failed", "too_soon", second)
    clock.t += 0.5
    assert approve(session)  # looked at it: decided
    runner.drain()
    assert [d[1].application_id for d in desk.decisions] == [first]  # the second is held for undo
    assert session.held.item.id == second


def test_putting_back_gives_back_the_prefetched_one_too():
    """P: the reviewer leaves the loop; the next application, claimed ahead and never seen, is not kept held."""
    session, desk, runner, events, _clock = make()
    open_first(session, runner)
    shown, prefetched = session.current.id, session.prefetched.id
    assert session.release()
    runner.drain()
    assert session.current is None and session.prefetched is None
    assert set(desk.released) >= {shown, prefetched}
    assert desk.rows[prefetched].holder is None and desk.rows[shown].holder is None
    assert events.of("cleared")[-1] == ("cleared", "released", shown)


def test_putting_back_while_the_next_one_loads_gives_that_one_back_when_it_lands():
    session, desk, runner, _events, _clock = make()
    assert session.next()
    runner.step("opening")
    shown = session.current.id
    assert runner.labels() == [""]  # the prefetch is claimed but has not landed
    assert session.release()
    runner.drain()
    assert session.prefetched is None and session.current is None
    assert all(r.holder is None for r in desk.rows.values()), {k: r.holder for k, r in desk.rows.items()}
    assert shown in desk.released and len(desk.released) == 2
