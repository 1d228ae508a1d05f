"""The argon2 check of a sign-in (about 0.7 s under load) runs with no database connection checked out: a storm of
sign-ins must not empty the pool (issue 21, 200 desks). The row is re-read under its lock afterwards, and a check
made against a hash that changed meanwhile does not count."""

from __future__ import annotations

import pyotp
import pytest
from argon2 import PasswordHasher
from sqlalchemy import event, select, update

from reviewer_app.db.models import AuditEvent, Staff
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.services import staff as st

PW = "correct horse battery"


class Watching(PasswordHasher):
    """A cheap real hasher that notes how many connections are checked out while it works (the stand-in for a
    slow check: whatever it sees during the call, a slow one would hold as long)."""

    def __init__(self, held: list[int], **kw) -> None:
        super().__init__(**kw)
        self.held, self.seen, self.during = held, [], None

    def verify(self, hash, password):
        self.seen.append(("verify", self.held[0]))
        if self.during is not None:
            self.during()
        return super().verify(hash, password)

    def hash(self, password, *, salt=None):
        self.seen.append(("hash", self.held[0]))
        return super().hash(password, salt=salt)


@pytest.fixture
def hasher(app, monkeypatch) -> Watching:
    held = [0]
    hasher = Watching(held, time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(st, "_hasher", hasher)
    enr = st.add_staff(app, None, name="adam", role="admin", password=PW)
    st.add_staff(app, _admin(app, enr), name="svc-portal", role="portal", password=PW, service=True)
    engine = app.engine
    event.listen(engine, "checkout", lambda *a: held.__setitem__(0, held[0] + 1))
    event.listen(engine, "checkin", lambda *a: held.__setitem__(0, held[0] - 1))
    hasher.seen.clear()
    hasher.enrollment = enr
    return hasher


def _admin(app, enr):
    return st.login(app, "adam", PW, pyotp.TOTP(enr.secret).at(app.clock.now()))


def _code(app, enr, steps: int = 0) -> str:
    return pyotp.TOTP(enr.secret).at(int(app.clock.now().timestamp()) + 30 * steps)


def _problems(app) -> list[str]:
    with app.sessions() as s:
        return [e.details["problem"] for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == "staff.login_failed").order_by(AuditEvent.id))]


def test_no_connection_is_held_while_a_password_is_checked(app, hasher, clock):
    clock.advance(seconds=30)  # a fresh code: the fixture's sign-in used this step's
    assert st.login(app, "adam", PW, _code(app, hasher.enrollment)).name == "adam"
    with pytest.raises(st.LoginFailed):
        st.login(app, "adam", "wrong password", "000000")
    with pytest.raises(st.LoginFailed):
        st.login(app, "nobody", PW, "000000")  # the dummy check, same cost
    assert st.service_login(app, "svc-portal", PW).name == "svc-portal"
    with pytest.raises(PermissionDenied):
        st.service_login(app, "svc-portal", "wrong password")
    with pytest.raises(PermissionDenied):
        st.service_login(app, "adam", PW)  # not a service account: the dummy check
    assert [what for what, _ in hasher.seen] == ["verify"] * 6
    assert [held for _, held in hasher.seen] == [0] * 6
    assert _problems(app) == ["password", "unknown name", "password", "not a service account"]


def test_a_rehash_is_made_with_no_connection_held_and_stored(app, hasher, clock):
    old = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1).hash(PW)  # older parameters
    with app.uow() as s:
        s.execute(update(Staff).where(Staff.name == "adam").values(password_hash=old))
    clock.advance(seconds=30)
    st.login(app, "adam", PW, _code(app, hasher.enrollment))
    assert hasher.seen == [("verify", 0), ("hash", 0)]
    with app.sessions() as s:
        stored = s.scalar(select(Staff.password_hash).where(Staff.name == "adam"))
    assert stored != old and not st._hasher.check_needs_rehash(stored)


def test_a_password_changed_during_the_check_does_not_count(app, hasher, clock):
    def change_password():
        hasher.during = None
        with app.uow() as s:  # possible only because the sign-in holds no transaction now
            new = st._hasher.hash("new pass 12345")
            s.execute(update(Staff).where(Staff.name == "adam").values(password_hash=new))

    hasher.during = change_password
    clock.advance(seconds=30)
    with pytest.raises(st.LoginFailed):
        st.login(app, "adam", PW, _code(app, hasher.enrollment))  # the old password, right when it was checked
    assert _problems(app) == ["password"]
    clock.advance(seconds=30)
    assert st.login(app, "adam", "new pass 12345", _code(app, hasher.enrollment)).name == "adam"


def test_a_throttled_try_costs_no_password_check(app, hasher, clock):
    for _ in range(app.settings.staff_max_failures):
        with pytest.raises((st.LoginFailed, st.LoginThrottled)):
            st.login(app, "nobody", "wrong", "000000")
    checks = len(hasher.seen)
    with pytest.raises(st.LoginThrottled):
        st.login(app, "nobody", "wrong", "000000")
    assert len(hasher.seen) == checks
