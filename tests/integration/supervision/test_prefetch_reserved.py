"""A prefetched claim (claimed ahead by the desk, not yet shown to its holder) is listed for supervisors as
reserved, not as being reviewed; it is still the holder's (never handed out twice). Shown = opened on screen
(the desk's audited `open_application`); a prefetch loads with `reload_application`, which records nothing."""

from __future__ import annotations

import sv_factories as f

from reviewer_app.services import supervision as sv
from reviewer_app.services.desk_service import DbDeskService


def test_a_prefetched_claim_is_reserved_until_its_holder_opens_it(app, team) -> None:
    f.application(app, "Q1", status="pending")
    f.application(app, "Q2", status="pending")
    desk, anna, boris = DbDeskService(app), team["anna"], team["boris"]
    prefetched = desk.claim_next(anna)
    assert prefetched is not None
    desk.reload_application(anna, prefetched)  # the prefetch loads it unseen
    [row] = sv.current_claims(app, team["sup"])
    assert (row.application_id, row.holder, row.seen) == (prefetched, "anna", False)
    other = desk.claim_next(boris)
    assert other is not None and other != prefetched  # reserved is still held: never handed out twice
    desk.open_application(anna, prefetched)  # now on anna's screen
    rows = {r.application_id: r for r in sv.current_claims(app, team["sup"])}
    assert rows[prefetched].seen and not rows[other].seen


def test_an_opening_before_the_current_claim_does_not_count(app, team) -> None:
    f.application(app, "Q1", status="pending")
    desk, anna = DbDeskService(app), team["anna"]
    held = desk.claim_next(anna)
    desk.open_application(anna, held)
    desk.release(anna, held)
    app.clock.advance(seconds=60)
    assert desk.claim_next(anna) == held  # claimed again, ahead, and not opened since
    [row] = sv.current_claims(app, team["sup"])
    assert row.seen is False
