"""A decision is made once per idempotency key, however often the desk sends it.

The desk makes a UUID for each decision and sends it again when it does not know whether the first try arrived
(a dropped connection, a service restart). The key is reserved before the decision and the result stored after
it; a retry gets the stored result. A key whose decision was committed but whose result was not stored (the
service stopped between the two) is settled from the decisions table, never by deciding again. The same key with
a different request, or from another account, is refused.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from reviewer_app.db.models import Application, Decision, DecisionRequestRow
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.errors import ConflictError, ReviewerError
from reviewer_app.domain.views import DecisionRequest, DecisionResult
from reviewer_app.services.context import AppContext


def _checked_key(key: str) -> str:
    try:
        return str(uuid.UUID(key))
    except (ValueError, AttributeError, TypeError):
        raise ReviewerError(f"idempotency_key: {key!r} is not a UUID; the desk makes one per decision",
                            code="idempotency_key") from None


def _fingerprint(request: DecisionRequest) -> str:
    data = dataclasses.asdict(request)
    data["acknowledged_checks"] = sorted(data["acknowledged_checks"])
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _stored(result: dict) -> DecisionResult:
    return DecisionResult(result["application_id"], result["outcome"], result["status"],
                          second_review=bool(result.get("second_review")))


def _settled(s, row: DecisionRequestRow, request: DecisionRequest) -> DecisionResult | None:
    """The result of a decision made under this key whose result was never stored (None: it was not made)."""
    d = s.scalar(select(Decision).where(
        Decision.application_id == request.application_id, Decision.staff_id == row.staff_id,
        Decision.application_version == request.expected_version, Decision.outcome == request.outcome,
        Decision.decided_at >= row.created_at).order_by(Decision.id).limit(1))
    if d is None:
        return None
    status = s.scalar(select(Application.status).where(Application.id == request.application_id))
    return DecisionResult(request.application_id, d.outcome, status or "", second_review=d.second_review != "")


def _reserve(app: AppContext, actor: Actor, key: str, fingerprint: str,
             request: DecisionRequest) -> DecisionResult | None:
    """Reserve `key` for this request; the earlier result when the key has been used for it already."""
    for _ in range(2):
        try:
            with app.uow() as s:
                row = s.get(DecisionRequestRow, key)
                if row is None:
                    s.add(DecisionRequestRow(idempotency_key=key, staff_id=actor.staff_id,
                                             request_sha256=fingerprint, application_id=request.application_id,
                                             created_at=app.clock.now()))
                    return None
                if row.staff_id != actor.staff_id or row.request_sha256 != fingerprint:
                    raise ConflictError(f"idempotency_key: {key} was already used for a different decision; the "
                                        "desk makes a new key for each decision", code="idempotency_key_reused")
                if row.result is not None:
                    return _stored(row.result)
                settled = _settled(s, row, request)
                if settled is not None:
                    row.result = dataclasses.asdict(settled)
                    return settled
                return None  # reserved, but the decision was not made: make it now
        except IntegrityError:
            continue  # the same key reserved at the same moment by a second try: read that one
    raise ConflictError(f"idempotency_key: {key} is being used by another request right now; try again",
                        code="idempotency_key_busy")


def decide_once(app: AppContext, desk, actor: Actor, request: DecisionRequest, key: str) -> DecisionResult:
    """`desk.decide(actor, request)` at most once for `key`; a retry returns the first result."""
    key = _checked_key(key)
    fingerprint = _fingerprint(request)
    earlier = _reserve(app, actor, key, fingerprint, request)
    if earlier is not None:
        return earlier
    try:
        result = desk.decide(actor, request)
    except ReviewerError:
        # Refused (a stale version, a missing reason...): nothing was decided, the key is free for a retry.
        with app.uow() as s:
            row = s.get(DecisionRequestRow, key)
            if row is not None and row.result is None:
                s.delete(row)
        raise
    with app.uow() as s:
        row = s.get(DecisionRequestRow, key)
        if row is not None:
            row.result = dataclasses.asdict(result)
    return result
