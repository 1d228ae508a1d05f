"""The citizen's login phone and a decision that moves it, with another desk moving it at the same time.

A decision reads the phone the login codes go to (to tell that phone the codes are leaving it) and then writes
the new phone, the grant and the SMS. Another desk's decision for the same citizen must not slip in between:
every "codes no longer come here" SMS goes to the phone that was current when that decision committed, or the
decision is refused with a conflict; never to a stale phone.

Desk A is stopped, in its own thread and transaction, right after it has read the facts (the hook is the
domain's plan function, called between the read and the write); desk B then tries its decision on another
connection. On PostgreSQL B runs in a thread and we wait until it is either done or waiting for a lock (the
server says which); on SQLite every write transaction starts with BEGIN IMMEDIATE, so we show that no other
writer can even begin while A is between its read and its commit.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from access import factories as f
from reviewer_app.db.models import AccessGrant, OtpCredential, SmsMessage
from reviewer_app.domain import decision_plan
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import ConflictError
from reviewer_app.services import decisions

X, Y, Z = "+79161234567", "+79260000022", "+79035550011"
WAIT = 60.0  # a bound on waiting for the other thread (a hang fails the test instead of the suite)


class PauseAfterRead:
    """Stops the first decision made in `thread_name` after it has read its facts, until `go` is set."""

    def __init__(self, monkeypatch, thread_name: str) -> None:
        self.read, self.go, self.thread_name = threading.Event(), threading.Event(), thread_name
        real = decision_plan.plan_decision

        def plan(*args, **kwargs):
            if threading.current_thread().name == self.thread_name and not self.read.is_set():
                self.read.set()
                assert self.go.wait(WAIT), "the test never let desk A go on"
            return real(*args, **kwargs)

        monkeypatch.setattr(decision_plan, "plan_decision", plan)


def _in_thread(name: str, fn) -> tuple[threading.Thread, dict]:
    out: dict = {}

    def run():
        try:
            out["result"] = fn()
        except Exception as exc:  # asserted on by the test
            out["error"] = exc

    t = threading.Thread(target=run, name=name, daemon=True)
    t.start()
    return t, out


def _waiting_for_a_lock(app) -> int:
    """How many sessions of this test database wait for a lock now (PostgreSQL)."""
    with app.engine.connect() as conn:
        return conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                "AND wait_event_type = 'Lock'"))


def _until(condition) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "the other desk neither finished nor waited"
        time.sleep(0.02)


def _sqlite_writer_can_begin(app) -> bool:
    conn = sqlite3.connect(make_url(app.settings.db_url).database, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False
    finally:
        conn.close()
    return True


def _assert_notices_follow_the_phone(app, start: str, moved: dict[str, str]) -> str:
    """Replay the outbox in commit order: each decision that moved the codes (application -> new phone) told
    the phone current at that moment, and the login ends on the last one's phone. Returns that phone."""
    with app.sessions() as s:
        outbox = list(s.scalars(select(SmsMessage).where(SmsMessage.application_id.in_(moved))
                                .order_by(SmsMessage.id)))
        login = s.scalar(select(OtpCredential.phone_e164))
    current = start
    for app_id in dict.fromkeys(m.application_id for m in outbox):  # in the order the decisions committed
        notices = [m.phone_e164 for m in outbox if m.application_id == app_id and "больше не приходят" in m.body]
        assert notices == [current], f"{app_id} told {notices}, but the codes went to {current} then"
        current = moved[app_id]
    assert login == current
    return current


@pytest.fixture
def boris(app) -> Actor:
    return Actor(staff_id=f.add_staff(app, "boris", "reviewer"), name="boris", role=StaffRole.REVIEWER)


def test_a_phone_moved_by_another_desk_meanwhile_is_never_told_stale(app, reviewer, boris, monkeypatch) -> None:
    own = f.add_application(app, reviewer.staff_id, phone=X)
    decisions.decide(app, reviewer, application_id=own, expected_version=1, outcome="approve")
    kid = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=date(2019, 2, 11), phone=Z)
    change = f.add_application(app, boris.staff_id, kind="change_access", phone=Y)
    pause = PauseAfterRead(monkeypatch, "desk-a")

    a, a_out = _in_thread("desk-a", lambda: decisions.decide(app, reviewer, application_id=kid, expected_version=1,
                                                             outcome="approve"))
    assert pause.read.wait(WAIT)
    # Desk A has read the login phone (X) and not committed. Desk B moves the codes to Y now.
    if app.engine.dialect.name == "postgresql":
        b, b_out = _in_thread("desk-b", lambda: decisions.decide(app, boris, application_id=change,
                                                                 expected_version=1, outcome="approve"))
        _until(lambda: not b.is_alive() or _waiting_for_a_lock(app) > 0)
        pause.go.set()
        a.join(WAIT)
        b.join(WAIT)
    else:
        assert not _sqlite_writer_can_begin(app)  # desk B cannot even begin until A has committed
        pause.go.set()
        a.join(WAIT)
        b_out = {"result": decisions.decide(app, boris, application_id=change, expected_version=1,
                                            outcome="approve")}
    assert not a.is_alive()
    assert "result" in b_out, b_out  # B never conflicts: it waits for A and then reads A's phone
    if "error" in a_out:  # refusing A is allowed, but only as a conflict, with nothing of it written
        assert isinstance(a_out["error"], ConflictError), a_out["error"]
        moved = {change: Y}
    else:
        moved = {kid: Z, change: Y}
    assert _assert_notices_follow_the_phone(app, X, moved) == Y
    assert b_out["result"].phone_change[1] == Y


def test_a_first_login_made_by_another_desk_meanwhile_refuses_the_decision(app, reviewer, boris,
                                                                           monkeypatch) -> None:
    """No citizen row yet, so nothing to lock when A reads "no login": B creates the login (phone Y) and commits
    in between. A must not then move the codes from Y to Z without telling Y: it is refused as a conflict."""
    if app.engine.dialect.name != "postgresql":
        pytest.skip("on SQLite BEGIN IMMEDIATE serialises the decisions: nothing commits in between")
    first = f.add_application(app, reviewer.staff_id, phone=Z)
    other = f.add_application(app, boris.staff_id, phone=Y)
    pause = PauseAfterRead(monkeypatch, "desk-a")
    a, a_out = _in_thread("desk-a", lambda: decisions.decide(app, reviewer, application_id=first,
                                                             expected_version=1, outcome="approve"))
    assert pause.read.wait(WAIT)
    b = decisions.decide(app, boris, application_id=other, expected_version=1, outcome="approve")
    assert b.grant_ids and b.phone_change is None
    pause.go.set()
    a.join(WAIT)
    assert not a.is_alive()
    assert isinstance(a_out.get("error"), ConflictError), a_out
    assert a_out["error"].code == "login_phone_changed"
    with app.sessions() as s:  # nothing of A was written; the codes still go to Y
        assert s.scalar(select(OtpCredential.phone_e164)) == Y
        assert s.scalars(select(SmsMessage).where(SmsMessage.application_id == first)).all() == []
        assert s.scalars(select(AccessGrant).where(AccessGrant.application_id == first)).all() == []
    # Decided again, A now sees the login on Y: it moves the codes to Z and tells Y.
    again = decisions.decide(app, reviewer, application_id=first, expected_version=1, outcome="approve")
    assert again.phone_change == (Y, Z)
    _assert_notices_follow_the_phone(app, Y, {first: Z})
