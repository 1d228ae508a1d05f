"""Rows for supervision tests, written straight to the database (independent of the intake and decide code)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from reviewer_app.db.models import Application, Decision, Document, Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.prescore import PreScore, decision_snapshot


def image(tag: str) -> bytes:
    """A tiny real PNG, different for each tag (the desk and the case view hand out only images that pass the
    image gate)."""
    import hashlib
    import io

    from PIL import Image

    colour = tuple(hashlib.sha256(tag.encode()).digest()[:3])
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buf, "PNG")
    return buf.getvalue()


def staff(app, name: str, role: str = "reviewer") -> Actor:
    with app.uow() as s:
        row = Staff(name=name, role=role, password_hash="x", created_at=app.clock.now())
        s.add(row)
        s.flush()
        return Actor(staff_id=row.id, name=name, role=StaffRole(role))


def application(app, app_id: str, *, kind: str = "own_access", status: str = "decided",
                submitted_at: datetime | None = None, docs: dict[str, bytes] | None = None) -> None:
    at = submitted_at or app.clock.now() - timedelta(days=2)
    with app.uow() as s:
        s.add(Application(id=app_id, kind=kind, status=status, submitted_at=at, received_at=at,
                          sla_deadline=date(2026, 12, 4), person_key=f"pk-{app_id}",
                          pack_json={"id": app_id, "kind": kind, "applicant": {"last_name": "Иванова"}},
                          pack_sha256="0" * 64, rule_version="2026-01"))
        s.flush()
        for role, data in (docs or {}).items():
            sha = app.store.put(data)
            s.add(Document(application_id=app_id, role=role, filename=f"{role}.jpg", sha256=sha, size=len(data),
                           media_type="image/jpeg"))


def decision(app, app_id: str, reviewer: Actor, *, outcome: str = "approve", decided_at: datetime | None = None,
             reason: str | None = None, band: str | None = "match", score: float | None = 80.0,
             override: bool = False, breached: bool = False, kind: str = "own_access",
             handling_minutes: float = 5.0, checks: list | None = None, second_review: str = "") -> int:
    at = decided_at or app.clock.now()
    with app.uow() as s:
        d = Decision(application_id=app_id, staff_id=reviewer.staff_id, outcome=outcome, reason_code=reason,
                     decided_at=at, claimed_at=at - timedelta(minutes=handling_minutes), application_version=2,
                     kind=kind, rule_version="2026-01",
                     checks_snapshot=checks if checks is not None else [{"id": "passport", "status": "pass"}],
                     prescore_snapshot=None if score is None else _snapshot(band, score, at),
                     prescore_band=band, is_override=override, sla_breached=breached, second_review=second_review)
        s.add(d)
        s.flush()
        return d.id


def _snapshot(band: str | None, score: float, at: datetime) -> dict:
    """A pre-score snapshot in the shape a decision stores it (`domain.prescore.decision_snapshot`)."""
    return decision_snapshot(row_id=None, band=band or "manual", score=score, distance=None, model_version="test",
                             selfie_sha256=None, scan_sha256=None, computed_at=at.isoformat(),
                             result=PreScore(band or "manual", score, model="test").to_dict())
