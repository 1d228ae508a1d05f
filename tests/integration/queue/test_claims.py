"""Claims on SQLite and PostgreSQL: order, no collisions under concurrency, leases, stale decisions."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from reviewer_app import queue
from reviewer_app.db.models import Application, Claim
from reviewer_app.domain.errors import ConflictError, NotFound
from tests.factories import add_applications, add_staff

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture
def staff(app):
    with app.uow() as s:
        return [add_staff(s, f"rev{i}") for i in range(8)]


def test_claims_most_urgent_first_and_filters_by_kind(app, staff):
    with app.uow() as s:
        add_applications(s, 1, start=0, sla_deadline=date(2026, 12, 3))
        add_applications(s, 1, start=1, sla_deadline=date(2026, 12, 1), submitted_at=NOW - timedelta(hours=1))
        add_applications(s, 1, start=2, sla_deadline=date(2026, 12, 1), submitted_at=NOW - timedelta(hours=2))
        add_applications(s, 1, start=3, sla_deadline=date(2026, 11, 30), kind="child_access")
    got = []
    with app.uow() as s:
        item = queue.claim_next(s, staff_id=staff[0], now=NOW, lease_seconds=60, kind="own_access")
        got.append(item.application_id)
        assert item.kind == "own_access" and item.version == 2 and item.lease_expires_at == NOW + timedelta(seconds=60)
    for _ in range(3):
        with app.uow() as s:
            got.append(queue.claim_next(s, staff_id=staff[0], now=NOW, lease_seconds=60).application_id)
    assert got == ["T-0000002", "T-0000003", "T-0000001", "T-0000000"]
    with app.uow() as s:
        assert queue.claim_next(s, staff_id=staff[0], now=NOW, lease_seconds=60) is None


def test_eight_concurrent_claimers_claim_each_application_exactly_once(app, staff):
    with app.uow() as s:
        add_applications(s, 500)
    results: dict[int, list[str]] = {sid: [] for sid in staff}
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(staff))

    def claimer(sid: int) -> None:
        try:
            barrier.wait()
            while True:
                with app.uow() as s:
                    item = queue.claim_next(s, staff_id=sid, now=NOW, lease_seconds=600)
                if item is None:
                    return
                results[sid].append(item.application_id)
        except BaseException as exc:  # surfaced below; a thread's exception is otherwise lost
            errors.append(exc)

    threads = [threading.Thread(target=claimer, args=(sid,)) for sid in staff]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    claimed = Counter(a for ids in results.values() for a in ids)
    assert len(claimed) == 500 and max(claimed.values()) == 1
    assert sum(1 for ids in results.values() if ids) > 1  # the work really was shared
    with app.uow() as s:
        assert s.execute(select(func.count()).select_from(Claim)).scalar_one() == 500
        holders = dict(s.execute(select(Application.id, Application.claimed_by)).all())
    for sid, ids in results.items():
        assert all(holders[a] == sid for a in ids)


def test_expired_lease_is_reclaimed_and_old_claim_recorded_expired(app, staff):
    with app.uow() as s:
        add_applications(s, 1)
    with app.uow() as s:
        first = queue.claim_next(s, staff_id=staff[0], now=NOW, lease_seconds=60)
    with app.uow() as s:  # still leased: nobody else gets it
        assert queue.claim_next(s, staff_id=staff[1], now=NOW + timedelta(seconds=59), lease_seconds=60) is None
    later = NOW + timedelta(seconds=61)
    with app.uow() as s:
        second = queue.claim_next(s, staff_id=staff[1], now=later, lease_seconds=60)
    assert second.application_id == first.application_id and second.version > first.version
    with app.uow() as s:
        claims = s.execute(select(Claim).order_by(Claim.id)).scalars().all()
        assert [(c.staff_id, c.release_reason) for c in claims] == [(staff[0], "expired"), (staff[1], None)]
        assert claims[0].released_at == later
    # The first desk comes back: its decision is refused, with a message that says why.
    with app.uow() as s, pytest.raises(ConflictError, match="changed since you opened it"):
        queue.finish(s, first.application_id, staff_id=staff[0], expected_version=first.version,
                     new_status="decided", now=later)
    with app.uow() as s, pytest.raises(ConflictError, match="held by another reviewer"):
        queue.renew(s, first.application_id, staff[0], later, 60)


def test_expire_leases_puts_back_only_lapsed_claims(app, staff):
    with app.uow() as s:
        add_applications(s, 2)
    with app.uow() as s:
        a = queue.claim_next(s, staff_id=staff[0], now=NOW, lease_seconds=30)
        b = queue.claim_next(s, staff_id=staff[1], now=NOW, lease_seconds=300)
    with app.uow() as s:
        assert queue.expire_leases(s, NOW + timedelta(seconds=31)) == [a.application_id]
    with app.uow() as s:
        assert queue.current_holder(s, a.application_id)[:2] == ("pending", None)
        assert queue.current_holder(s, b.application_id)[:2] == ("in_review", staff[1])


def test_claim_next_can_leave_expiry_to_the_caller(app, staff):
    with app.uow() as s:
        add_applications(s, 1)
    with app.uow() as s:
        a = queue.claim_next(s, staff_id=staff[0], now=NOW, lease_seconds=30)
    later = NOW + timedelta(seconds=31)
    with app.uow() as s:  # the caller did not expire the lapsed lease, so there is nothing to take
        assert queue.claim_next(s, staff_id=staff[1], now=later, lease_seconds=60, expire=False) is None
        assert queue.current_holder(s, a.application_id)[:2] == ("in_review", staff[0])
    with app.uow() as s:  # the service's order: expire (and audit), then claim without expiring again
        assert queue.expire_leases(s, later) == [a.application_id]
        again = queue.claim_next(s, staff_id=staff[1], now=later, lease_seconds=60, expire=False)
        assert again.application_id == a.application_id and again.staff_id == staff[1]


def test_current_holder_can_lock_the_row_until_the_transaction_ends(app, staff):
    if app.engine.dialect.name != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite's BEGIN IMMEDIATE already serialises writers")
    with app.uow() as s:
        [app_id] = add_applications(s, 1)
    with app.uow() as s1:
        assert queue.current_holder(s1, app_id, lock=True)[:2] == ("pending", None)
        with app.uow() as s2:  # a desk skips the locked row instead of changing it under the reader
            assert queue.claim_next(s2, staff_id=staff[1], now=NOW, lease_seconds=60) is None
    with app.uow() as s1:
        assert queue.current_holder(s1, app_id)[:2] == ("pending", None)
        with app.uow() as s2:  # an unlocked read does not hold anyone up
            assert queue.claim_next(s2, staff_id=staff[1], now=NOW, lease_seconds=60).application_id == app_id


def test_stale_decision_is_refused_and_fresh_one_accepted(app, staff):
    with app.uow() as s:
        add_applications(s, 1)
    with app.uow() as s:
        item = queue.claim_next(s, staff_id=staff[0], now=NOW, lease_seconds=600)
    with app.uow() as s, pytest.raises(ConflictError, match=r"now version 2, you have version 1"):
        queue.finish(s, item.application_id, staff_id=staff[0], expected_version=1, new_status="decided", now=NOW)
    with app.uow() as s:
        v = queue.finish(s, item.application_id, staff_id=staff[0], expected_version=item.version,
                         new_status="decided", now=NOW + timedelta(seconds=5))
    assert v == item.version + 1
    with app.uow() as s:
        assert queue.current_holder(s, item.application_id) == ("decided", None, None, v)
        claim = s.execute(select(Claim)).scalar_one()
        assert claim.release_reason == "decided"
    # Deciding twice is refused too (the version moved on).
    with app.uow() as s, pytest.raises(ConflictError):
        queue.finish(s, item.application_id, staff_id=staff[0], expected_version=item.version,
                     new_status="decided", now=NOW)


def test_finish_refused_after_own_lease_lapsed_even_if_nobody_took_it(app, staff):
    with app.uow() as s:
        add_applications(s, 1)
    with app.uow() as s:
        item = queue.claim_next(s, staff_id=staff[0], now=NOW, lease_seconds=60)
    with app.uow() as s, pytest.raises(ConflictError, match="expired at"):
        queue.finish(s, item.application_id, staff_id=staff[0], expected_version=item.version,
                     new_status="decided", now=NOW + timedelta(seconds=61))


def test_renew_extends_the_lease_and_release_returns_to_queue(app, staff):
    with app.uow() as s:
        add_applications(s, 1)
    with app.uow() as s:
        item = queue.claim_next(s, staff_id=staff[0], now=NOW, lease_seconds=60)
    with app.uow() as s:
        until = queue.renew(s, item.application_id, staff[0], NOW + timedelta(seconds=50), 60)
    assert until == NOW + timedelta(seconds=110)
    with app.uow() as s:  # renewed: not expired at +100 s
        assert queue.claim_next(s, staff_id=staff[1], now=NOW + timedelta(seconds=100), lease_seconds=60) is None
        assert s.execute(select(Claim.lease_expires_at)).scalar_one() == until
    with app.uow() as s:
        v = queue.release(s, item.application_id, staff[0], NOW + timedelta(seconds=101))
    assert v == item.version + 1  # renewal kept the version; release bumped it
    with app.uow() as s:
        again = queue.claim_next(s, staff_id=staff[1], now=NOW + timedelta(seconds=102), lease_seconds=60)
        assert again.application_id == item.application_id
        reasons = s.execute(select(Claim.release_reason).order_by(Claim.id)).scalars().all()
    assert reasons == ["released", None]


def test_reassign_moves_the_claim(app, staff):
    with app.uow() as s:
        add_applications(s, 1)
    with app.uow() as s:
        item = queue.claim_next(s, staff_id=staff[0], now=NOW, lease_seconds=60)
    with app.uow() as s:
        moved = queue.reassign(s, item.application_id, to_staff_id=staff[2], now=NOW, lease_seconds=60)
    assert moved.staff_id == staff[2] and moved.version == item.version + 1
    with app.uow() as s, pytest.raises(ConflictError):
        queue.finish(s, item.application_id, staff_id=staff[0], expected_version=moved.version,
                     new_status="decided", now=NOW)
    with app.uow() as s:
        queue.finish(s, item.application_id, staff_id=staff[2], expected_version=moved.version,
                     new_status="returned", now=NOW)
    with app.uow() as s, pytest.raises(ConflictError, match="returned"):
        queue.reassign(s, item.application_id, to_staff_id=staff[1], now=NOW, lease_seconds=60)
    with app.uow() as s, pytest.raises(NotFound):
        queue.reassign(s, "nope", to_staff_id=staff[1], now=NOW, lease_seconds=60)


def test_finish_rolls_back_with_the_callers_transaction(app, staff):
    with app.uow() as s:
        add_applications(s, 1)
    with app.uow() as s:
        item = queue.claim_next(s, staff_id=staff[0], now=NOW, lease_seconds=60)
    with pytest.raises(RuntimeError), app.uow() as s:
        queue.finish(s, item.application_id, staff_id=staff[0], expected_version=item.version,
                     new_status="decided", now=NOW)
        raise RuntimeError("the decision service failed after finish")
    with app.uow() as s:
        assert queue.current_holder(s, item.application_id)[:2] == ("in_review", staff[0])
