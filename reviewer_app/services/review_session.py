"""The review loop of one reviewer's desk, without Qt: what is on screen, what is prefetched, what is held for
undo, and which leases to keep alive.

Phases: IDLE (nothing on screen), LOADING (claiming and opening the next application), SHOWING (an application
is on screen and may be decided), SAVING (a decision is being written and the loop waits for it: only when undo
is off). Every blocking call goes through the injected `runner` (the UI's background task runner; tests pass a
synchronous or a hand-stepped one); every time is read from the injected `clock` (monotonic seconds, for the
undo window and the renewal rhythm) or from the desk's service clock (lease expiries).

Undo: a decision is *held* for `undo_seconds` while the next application is already shown; it is written when
that time has passed (`tick`), when the next decision starts, or when the session ends (log out, window closed).
Undo within the time brings the application back on screen exactly as it was, and nothing about the undone
decision reaches the database: the audit shows only the decision finally written, at the time it was written
(its lease is kept alive meanwhile, so nobody else can take the application). With `undo_seconds=0` the decision
is written at once and the loop waits for it (SAVING).

Settling: a decision is accepted only once the application has been on screen for `settle_seconds` (measured on
the injected clock from the moment it was shown: the next one after a decision, a returned one after undo, one
opened from the queue). A decision key pressed twice quickly decides the application on screen and puts the next
one up at once (prefetched); the second press lands on that next application, which the reviewer has not seen yet:
it is ignored and reported ('too_soon'), never applied. A deliberate press once it has been up that long decides it.

The UI listens (`SessionListener`) and translates the event codes into words; the session never holds text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.decision_plan import missing_inputs
from reviewer_app.domain.errors import ConflictError, ReviewerError
from reviewer_app.domain.screen_plan import manual_check_ids, override_reasons, unacknowledged_manual
from reviewer_app.domain.views import DecisionRequest, DecisionResult
from reviewer_app.services.desk import DeskService

log = logging.getLogger(__name__)

UNDO_SECONDS = 10.0
#: A decision on an application is accepted only after it has been on screen this long: longer than a double
#: press or a key bounce (~0.1-0.3 s), shorter than anyone can look at an application and decide.
SETTLE_SECONDS = 0.5
#: Renew the leases this often (at least every 5 s), but only while the reviewer is active.
MIN_RENEW_SECONDS = 5.0


class Phase(StrEnum):
    IDLE = "idle"
    LOADING = "loading"
    SHOWING = "showing"
    SAVING = "saving"


class Item(Protocol):
    """What the session needs of a loaded application (the UI's `Loaded`, opaque otherwise)."""

    @property
    def id(self) -> str: ...

    view: Any  # ApplicationView: lease_expires_at
    prescore_ready: bool


class Runner(Protocol):
    def run(self, fn: Callable[[], Any], *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None, label: str = "") -> None: ...


@dataclass(frozen=True)
class Loader:
    """How applications are claimed and made ready to show (blocking; run on the runner)."""

    next: Callable[[Actor, str | None, tuple[str, ...], bool], Item | None]  # (actor, kind, exclude, prescore)
    one: Callable[[Actor, str], Item]  # claim a chosen application and load it
    prescore: Callable[[Actor, Item], Item]  # the same item with its pre-score
    # A prefetched item (its `audited` False) is put in front of the reviewer: record that it is seen now.
    seen: Callable[[Actor, Item], Any] | None = None


class SessionListener(Protocol):
    def show(self, item: Item) -> None:
        """A (new or returned) application is on screen: reset every panel and show it."""

    def prescored(self, item: Item) -> None:
        """The pre-score of the application on screen arrived (fully shown now)."""

    def cleared(self, reason: str, application_id: str | None) -> None:
        """Nothing on screen: reason 'empty' (queue empty), 'released', 'conflict', 'ended'."""

    def changed(self) -> None:
        """The phase, the held decision or the leases changed: update what is enabled and the lease line."""

    def decided(self, result: DecisionResult) -> None:
        """A decision was written."""

    def failed(self, what: str, exc: BaseException, application_id: str | None) -> None:
        """what: 'open', 'decide', 'renew', 'prescore', 'finish_first', 'acknowledge_first', 'comparing' (an Approve
        while the faces are being compared), 'incomplete', and
        'too_soon' (a decision pressed before the application on screen had been up `settle_seconds`: ignored)."""


@dataclass
class Held:
    item: Item
    request: DecisionRequest
    until: float  # clock() deadline for undo


@dataclass
class ReviewSession:
    desk: DeskService
    loader: Loader
    runner: Runner
    listener: SessionListener
    clock: Callable[[], float]  # monotonic seconds
    undo_seconds: float = UNDO_SECONDS
    settle_seconds: float = SETTLE_SECONDS
    actor: Actor | None = None
    phase: Phase = Phase.IDLE
    current: Item | None = None
    prefetched: Item | None = None
    held: Held | None = None
    leases: dict[str, datetime] = field(default_factory=dict)  # application id -> lease expiry
    writing: set[str] = field(default_factory=set)  # ids whose decision is being written
    kind: str | None = None  # the queue filter's kind, for claims
    refused: DecisionRequest | None = None  # the last request the desk refused (the dialog reopens with it)
    acknowledged: frozenset[str] = frozenset()  # "check by hand" results of the current one the reviewer checked
    shown_at: float | None = None  # clock() when the application on screen was put up
    last_activity: float = 0.0
    last_renew: float = 0.0
    _prefetching: bool = False
    _show_when_prefetched: bool = False
    _load_to_prefetch: bool = False  # an undo happened while the next one was loading: keep it for later
    _drop_prefetch: bool = False  # put back (P) while the next one was loading: give it back when it lands
    # Training (undo off) holds the next application until the feedback on the one just decided is read:
    # before_next(application_id, go_on) calls go_on() once, when the trainee is done with it.
    before_next: Callable[[str, Callable[[], Any]], None] | None = None

    def __post_init__(self) -> None:
        self.last_activity = self.last_renew = self.clock()

    # --- questions the UI asks ------------------------------------------------------------------------------
    @property
    def can_decide(self) -> bool:
        return self.actor is not None and self.phase == Phase.SHOWING and self.current is not None

    @property
    def can_next(self) -> bool:
        return self.actor is not None and self.phase == Phase.IDLE

    @property
    def can_undo(self) -> bool:
        return (self.held is not None and self.phase in (Phase.IDLE, Phase.SHOWING, Phase.LOADING)
                and self.clock() < self.held.until)

    @property
    def settling(self) -> bool:
        """The application on screen was put up less than `settle_seconds` ago: decisions are not accepted yet."""
        return (self.current is not None and self.shown_at is not None
                and self.clock() - self.shown_at < self.settle_seconds)

    def ready_to_decide(self) -> bool:
        """May a decision on the application on screen start now (before a dialog asks for its reason)? A press
        while it is still settling is ignored and reported ('too_soon')."""
        if not self.can_decide:
            return False
        if self.settling:
            self.listener.failed("too_soon", ConflictError(self.current.id, code="decision_too_soon"),
                                 self.current.id)
            return False
        return True

    def undo_seconds_left(self) -> float:
        return max(0.0, self.held.until - self.clock()) if self.held is not None else 0.0

    def lease_of_current(self) -> datetime | None:
        return self.leases.get(self.current.id) if self.current is not None else None

    # --- starting and ending --------------------------------------------------------------------------------
    def start(self, actor: Actor) -> None:
        self.actor = actor
        self.last_activity = self.last_renew = self.clock()
        self.listener.changed()

    def end(self) -> None:
        """Log out or close: write the held decision now, give back what is on screen and prefetched."""
        actor = self.actor
        if actor is None:
            return
        self.flush()
        for item in (self.current, self.prefetched):
            if item is not None:
                self.runner.run(lambda i=item.id: self.desk.release(actor, i), on_failure=lambda _e: None)
        self.current = self.prefetched = None
        self.leases.clear()
        self._last_actor, self.actor = actor, None
        self.phase = Phase.IDLE
        self._show_when_prefetched = self._load_to_prefetch = False
        self.listener.cleared("ended", None)
        self.listener.changed()

    def touch(self) -> None:
        """The reviewer pressed a key, clicked or scrolled: the leases are worth renewing."""
        self.last_activity = self.clock()

    # --- next / open ----------------------------------------------------------------------------------------
    def next(self) -> bool:
        """Show the next application: the prefetched one at once, else claim and load one. False if not now."""
        if not self.can_next:
            return False
        if self.prefetched is not None and self._expired(self.prefetched.id):
            # its lease ran out while the reviewer was away: someone may have it now
            self.leases.pop(self.prefetched.id, None)
            self.prefetched = None
        if self.prefetched is not None:
            item, self.prefetched = self.prefetched, None
            self._show(item)
            return True
        self.phase = Phase.LOADING
        self.listener.changed()
        if self._prefetching:  # the prefetch in flight is shown when it lands
            self._show_when_prefetched = True
            return True
        actor, kind = self.actor, self.kind
        self.runner.run(lambda: self.loader.next(actor, kind, (), False), on_success=self._loaded,
                        on_failure=self._load_failed, label="opening")
        return True

    def open(self, application_id: str) -> bool:
        """Open a chosen application (from the queue). 'finish_first' if another one is on screen."""
        if self.actor is None or self.phase in (Phase.LOADING, Phase.SAVING):
            return False
        if self.current is not None:
            if self.current.id != application_id:
                self.listener.failed("finish_first", ConflictError(self.current.id), self.current.id)
                return False
            return True
        if self.prefetched is not None and self.prefetched.id == application_id:
            return self.next()
        self.phase = Phase.LOADING
        self.listener.changed()
        actor = self.actor
        self.runner.run(lambda: self.loader.one(actor, application_id), on_success=self._loaded,
                        on_failure=self._load_failed, label="opening_one")
        return True

    def _loaded(self, item: Item | None) -> None:
        if self.actor is None:  # logged out meanwhile
            self._give_back(item)
            return
        if self._load_to_prefetch:  # an undo put an application back on screen meanwhile
            self._load_to_prefetch = False
            self._keep_prefetched(item)
            return
        if item is None:
            self.phase = Phase.IDLE
            self.listener.cleared("empty", None)
            self.listener.changed()
            return
        self._show(item)

    def _load_failed(self, exc: BaseException) -> None:
        self._load_to_prefetch = False
        if self.phase == Phase.LOADING:
            self.phase = Phase.IDLE
        self.listener.failed("open", exc, None)
        self.listener.changed()

    def _show(self, item: Item) -> None:
        if self.current is None or self.current.id != item.id:
            self.acknowledged = frozenset()
        self.current = item
        self.phase = Phase.SHOWING
        self.shown_at = self.clock()
        self.leases.setdefault(item.id, item.view.lease_expires_at)
        if not getattr(item, "audited", True) and self.loader.seen is not None:
            # claimed ahead and loaded unseen: only now is it in front of the reviewer (the audit's view entry,
            # and what tells others it is held by someone who has seen it, not just reserved)
            item = self.current = replace(item, audited=True)
            actor, seen = self.actor, self.loader.seen
            self.runner.run(lambda: seen(actor, item), on_failure=lambda exc: log.warning(
                "recording that %s was shown failed: %s", item.id, exc))
        self.listener.show(item)
        self.listener.changed()
        if not item.prescore_ready:
            actor = self.actor
            self.runner.run(lambda: self.loader.prescore(actor, item), on_success=self._prescored,
                            on_failure=self._prescore_failed, label="scoring")
        else:
            self.listener.prescored(item)
        self._prefetch()

    def _prescored(self, item: Item) -> None:
        if self.current is not None and self.current.id == item.id:
            self.current = item
            self.listener.prescored(item)

    def _prescore_failed(self, exc: BaseException) -> None:
        self.listener.failed("prescore", exc, self.current.id if self.current else None)

    # --- prefetch -------------------------------------------------------------------------------------------
    def _prefetch(self) -> None:
        """Claim, open and score the next application while the reviewer works on this one."""
        if self.actor is None or self.prefetched is not None or self._prefetching:
            return
        self._prefetching = True
        actor, kind = self.actor, self.kind
        exclude = tuple(i.id for i in (self.current, self.held.item if self.held else None) if i is not None)
        self.runner.run(lambda: self.loader.next(actor, kind, exclude, True), on_success=self._prefetched,
                        on_failure=self._prefetch_failed)

    def _prefetched(self, item: Item | None) -> None:
        self._prefetching = False
        drop, self._drop_prefetch = self._drop_prefetch, False
        if self.actor is None or (drop and not self._show_when_prefetched):
            self._give_back(item)
            return
        if self._show_when_prefetched:
            self._show_when_prefetched = False
            self._loaded(item)
            return
        self._keep_prefetched(item)

    def _keep_prefetched(self, item: Item | None) -> None:
        if item is None:
            return
        if self.prefetched is not None:  # one is kept already (an undo put it back): give the newcomer back
            self._give_back(item)
            return
        self.prefetched = item
        self.leases[item.id] = item.view.lease_expires_at

    def _prefetch_failed(self, exc: BaseException) -> None:
        self._prefetching = False
        log.warning("prefetch failed: %s", exc)
        if self._show_when_prefetched:
            self._show_when_prefetched = False
            self._load_failed(exc)

    def _give_back(self, item: Item | None) -> None:
        if item is None:
            return
        actor = self.actor or self._last_actor
        self.leases.pop(item.id, None)
        if actor is not None:
            self.runner.run(lambda: self.desk.release(actor, item.id), on_failure=lambda _e: None)

    _last_actor: Actor | None = None

    # --- deciding -------------------------------------------------------------------------------------------
    def needs_acknowledgement(self) -> bool:
        """The application on screen has "check by hand" results the reviewer has not acknowledged yet."""
        return self.current is not None and bool(set(manual_check_ids(self.current.view.checks)) - self.acknowledged)

    def acknowledge(self) -> bool:
        """The reviewer has checked every "check by hand" result on screen by hand (one key)."""
        if not self.can_decide or not self.needs_acknowledgement():
            return False
        self.acknowledged = frozenset(manual_check_ids(self.current.view.checks))
        self.listener.changed()
        return True

    def approval_waits(self, outcome: str) -> bool:
        """An Approve on the application on screen must wait (reported before any dialog opens): while its faces
        are still being compared ('comparing': the pre-score and the face-duplicate search have not arrived), and
        until the "check by hand" results and the checks not yet done are acknowledged ('acknowledge_first')."""
        if outcome != "approve" or self.current is None:
            return False
        if not self.current.prescore_ready:
            self.listener.failed("comparing", ConflictError(self.current.id, code="comparing"), self.current.id)
            return True
        if unacknowledged_manual(outcome, manual_check_ids(self.current.view.checks), self.acknowledged):
            self.listener.failed("acknowledge_first", ConflictError(self.current.id, code="acknowledge_first"),
                                 self.current.id)
            return True
        return False

    def decide(self, request: DecisionRequest) -> bool:
        """Decide on the application on screen. Ignored (False) unless one is shown and nothing is saving, and
        for a request about another application; ignored and reported ('too_soon') while the application is still
        settling; an Approve with unacknowledged "check by hand" results is refused ('acknowledge_first'), and the
        desk service refuses it too."""
        if not self.can_decide or request.application_id != self.current.id:
            return False
        if not self.ready_to_decide():
            return False
        request = replace(request, acknowledged_checks=tuple(sorted(self.acknowledged)))
        if request.outcome == "approve" and not self.current.prescore_ready:  # the faces are being compared
            self.listener.failed("comparing", ConflictError(self.current.id, code="comparing"), self.current.id)
            return False
        if unacknowledged_manual(request.outcome, manual_check_ids(self.current.view.checks),
                                 request.acknowledged_checks):
            self.listener.failed("acknowledge_first", ConflictError(self.current.id, code="acknowledge_first"),
                                 self.current.id)
            return False
        missing = missing_inputs(request.outcome, request.reason_code, request.comment_applicant,
                                 request.comment_internal, override_reasons(self.current.view, request.outcome))
        if missing:  # the service would refuse it: say so now, while the reviewer can still fix it
            self.refused = request
            self.listener.failed("incomplete", ReviewerError(", ".join(missing), code="decision_incomplete",
                                                            missing=tuple(missing)), self.current.id)
            return False
        item, self.current = self.current, None
        if self.undo_seconds <= 0:
            self.phase = Phase.SAVING
            self.listener.changed()
            self._write(item, request, then_next=True)
            return True
        self.flush()  # the next decision starts: the earlier one is written now
        self.held = Held(item, request, self.clock() + self.undo_seconds)
        self.phase = Phase.IDLE
        self.next()
        self.listener.changed()
        return True

    def undo(self) -> bool:
        """Take back the held decision: its application is on screen again, as it was. False if too late."""
        if not self.can_undo:
            return False
        held, self.held = self.held, None
        if self.phase == Phase.LOADING:
            self._load_to_prefetch = not self._show_when_prefetched
            self._show_when_prefetched = False
        elif self.current is not None:
            back, self.current = self.current, None
            self._keep_prefetched(back)
        self.phase = Phase.IDLE
        self._show(held.item)
        return True

    def flush(self) -> None:
        """Write the held decision now (the undo time is over)."""
        if self.held is None:
            return
        held, self.held = self.held, None
        self._write(held.item, held.request, then_next=False)
        self.listener.changed()

    def _write(self, item: Item, request: DecisionRequest, *, then_next: bool) -> None:
        actor = self.actor
        self.writing.add(item.id)

        def done(result: DecisionResult) -> None:
            self.writing.discard(item.id)
            self.leases.pop(item.id, None)
            self.listener.decided(result)
            if then_next and self.phase == Phase.SAVING:
                self.phase = Phase.IDLE
                if self.before_next is not None:
                    self.before_next(result.application_id, self.next)
                else:
                    self.next()
            self.listener.changed()

        def failed(exc: BaseException) -> None:
            self.writing.discard(item.id)
            self.refused = request
            if then_next and self.phase == Phase.SAVING:
                if isinstance(exc, ConflictError):  # lost the lease or the application changed: move on
                    self.leases.pop(item.id, None)
                    self.phase = Phase.IDLE
                    self.listener.cleared("conflict", item.id)
                else:  # not saved, nothing lost: the application is still on screen to try again
                    self.current = item
                    self.phase = Phase.SHOWING
            else:
                self.leases.pop(item.id, None)
            self.listener.failed("decide", exc, item.id)
            self.listener.changed()

        self.runner.run(lambda: self.desk.decide(actor, request), on_success=done, on_failure=failed,
                        label="saving")

    def release(self) -> bool:
        """Put the application on screen back in the queue without a decision, and the prefetched one with it:
        the reviewer has stepped away from the loop (back to the queue), so nothing stays held unseen."""
        if not self.can_decide:
            return False
        item, self.current = self.current, None
        self.leases.pop(item.id, None)
        self.phase = Phase.IDLE
        actor = self.actor
        prefetched, self.prefetched = self.prefetched, None
        self._give_back(prefetched)
        self._drop_prefetch = self._prefetching  # one still loading goes back when it lands
        self.listener.cleared("released", item.id)
        self.listener.changed()
        self.runner.run(lambda: self.desk.release(actor, item.id), label="")
        return True

    # --- time -----------------------------------------------------------------------------------------------
    def _expired(self, application_id: str) -> bool:
        expires = self.leases.get(application_id)
        return expires is not None and expires <= self.desk.now()

    def tick(self) -> None:
        """Every second: write a held decision whose undo time is over; renew the leases while active."""
        if self.held is not None and self.clock() >= self.held.until:
            self.flush()
        if self.actor is None:
            return
        now = self.clock()
        renew_every = max(MIN_RENEW_SECONDS, self.desk.lease_seconds / 3)
        active = now - self.last_activity < self.desk.lease_seconds / 2
        if active and now - self.last_renew >= renew_every:
            self.renew()
        self.listener.changed()

    def renew(self) -> None:
        """Renew the leases of the application on screen, the prefetched one and the held one."""
        if self.actor is None:
            return
        self.last_renew = self.clock()
        actor = self.actor
        for item in (self.current, self.prefetched, self.held.item if self.held else None):
            if item is None or item.id in self.writing:
                continue
            self.runner.run(lambda i=item.id: self.desk.renew_lease(actor, i),
                            on_success=lambda expires, i=item.id: self._renewed(i, expires),
                            on_failure=lambda exc, i=item.id: self._renew_failed(i, exc))

    def _renewed(self, application_id: str, expires: datetime) -> None:
        if application_id in self.leases:
            self.leases[application_id] = expires
            self.listener.changed()

    def _renew_failed(self, application_id: str, exc: BaseException) -> None:
        if self.prefetched is not None and self.prefetched.id == application_id:
            self.prefetched = None  # lost the prefetched one: claim another when needed
            self.leases.pop(application_id, None)
            return
        self.listener.failed("renew", exc, application_id)
