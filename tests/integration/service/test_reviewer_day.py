"""A reviewer's day through HttpDeskService against the real service: the same answers as the in-process desk,
and nothing of someone else's held application."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from reviewer_app.db.models import AuditEvent, Decision
from reviewer_app.domain.errors import ConflictError, NotFound, PermissionDenied
from reviewer_app.domain.views import ROLE_SELFIE, DecisionRequest
from reviewer_app.services.desk_service import DbDeskService


def _without_rules(view):
    return dataclasses.replace(view, decision_rules=None)


def test_a_reviewers_day_over_the_service(app, service, sign_in):
    anna = sign_in("anna")
    me = anna.signed_in
    assert [i.id for i in anna.list_queue(me)] == ["EMK-2026-000001", "EMK-2026-000002", "EMK-2026-000003"]
    assert anna.lease_seconds == app.settings.lease_seconds and anna.is_training is False

    first = anna.claim_next(me)
    assert first == "EMK-2026-000001"
    view = anna.open_application(me, first)
    # The very view the in-process desk builds, typed as the screens expect (the rules travel as two values).
    direct = DbDeskService(app).open_application(me, first)
    assert _without_rules(view) == _without_rules(direct)
    assert view.decision_rules.child_max_age == direct.decision_rules.child_max_age
    # Read again (the checks after the comparison): the same view, not audited as another opening.
    with app.sessions() as s:
        opens = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "application.open"))
    assert _without_rules(anna.reload_application(me, first)) == _without_rules(view)
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.action == "application.open")) == opens
    image = anna.load_image(me, first, ROLE_SELFIE)
    assert image[:2] == b"\xff\xd8" and image == DbDeskService(app).load_image(me, first, ROLE_SELFIE)
    assert anna.prescore(me, first).band == "match"
    assert "photo_unclear" in [r.code for r in anna.reject_reasons()]
    assert anna.renew_lease(me, first) >= view.lease_expires_at

    result = anna.decide(me, DecisionRequest(first, view.version, "reject", reason_code="photo_unclear"))
    assert (result.application_id, result.outcome, result.status) == (first, "reject", "decided")
    second = anna.claim_next(me)
    assert second == "EMK-2026-000002"
    assert anna.claim(me, second) is not None  # reopening her own claim
    anna.release(me, second)
    with pytest.raises(PermissionDenied):  # choosing a case by id is a supervisor's action
        anna.claim(me, second)
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Decision)) == 1
        opened = s.scalars(select(AuditEvent.actor).where(AuditEvent.action == "application.open")).all()
    assert set(opened) == {"anna"}  # the service audits under the signed-in person's name
    olga = sign_in("olga")
    assert olga.claim(olga.signed_in, second, reason="a complaint about this case") is not None
    with app.sessions() as s:
        taken = s.scalars(select(AuditEvent).where(AuditEvent.action == "claim.take")).all()[-1]
    assert (taken.actor, taken.details.get("reason")) == ("olga", "a complaint about this case")
    with pytest.raises(NotFound):
        olga.claim(olga.signed_in, "EMK-2026-999999", reason="a typo")


def test_a_token_opens_nothing_someone_else_holds(service, sign_in):
    anna, boris = sign_in("anna"), sign_in("boris")
    held = anna.claim_next(anna.signed_in)
    for attempt in (lambda: boris.open_application(boris.signed_in, held),
                    lambda: boris.load_image(boris.signed_in, held, ROLE_SELFIE),
                    lambda: boris.prescore(boris.signed_in, held)):
        with pytest.raises(ConflictError) as refused:
            attempt()
        assert refused.value.code in ("not_claimed", "not_available")
    with pytest.raises(PermissionDenied):  # a reviewer does not choose a case by id at all
        boris.claim(boris.signed_in, held)
    olga = sign_in("olga")
    with pytest.raises(ConflictError):  # nor does a supervisor take one someone holds
        olga.claim(olga.signed_in, held, reason="to look at it")
    # Whatever actor the desk passes, the service acts for the token's owner: Anna's actor in Boris's client
    # opens nothing either.
    with pytest.raises(ConflictError):
        boris.load_image(anna.signed_in, held, ROLE_SELFIE)
    view = anna.open_application(anna.signed_in, held)
    with pytest.raises(ConflictError):
        boris.decide(boris.signed_in, DecisionRequest(held, view.version, "reject", reason_code="photo_unclear"))


def test_a_supervisors_image_read_is_audited(app, service, sign_in):
    anna, olga = sign_in("anna"), sign_in("olga")
    held = anna.claim_next(anna.signed_in)
    assert olga.load_image(olga.signed_in, held, ROLE_SELFIE)[:2] == b"\xff\xd8"
    with app.sessions() as s:
        reads = s.scalars(select(AuditEvent.actor).where(AuditEvent.action == "image.open")).all()
    assert reads == ["olga"]
