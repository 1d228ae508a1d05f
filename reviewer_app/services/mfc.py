"""Kinship confirmed in person at an MFC office: the end of the `in_person` route.

A child's birth certificate issued abroad or before the civil registry start cannot be checked automatically;
the parent shows the documents at an MFC office. The confirmation (who confirmed it, which office, on which
date, the document reference) is recorded here, audited (`kinship.mfc_confirmed`), and from then on the
decision plan treats that parent's kinship with that child as confirmed:
- the application waiting in `in_person_required` goes back to the queue (`pending`, audited
  `application.requeue`) and can be approved;
- an application still in review (the desk records it while holding it) can be approved at once;
- a new application by the same parent for the same child finds the confirmation too.

Two ways in: the desk (`record_confirmation`, a reviewer or supervisor, from the review page's dialog) and a
pack field the portal sends (`child.kinship_confirmation`, stored at intake by `record_from_pack`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from reviewer_app.db.models import Application, Child, KinshipConfirmation
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.decision_plan import MfcConfirmation
from reviewer_app.domain.enums import ApplicationKind, ApplicationStatus
from reviewer_app.domain.errors import ConflictError, NotFound, ReviewerError
from reviewer_app.domain.permissions import Permission
from reviewer_app.services import audit, authz, waiting
from reviewer_app.services import grants as g

FIELDS = ("confirmed_by", "mfc_office", "confirmed_on", "document_ref")


@dataclass(frozen=True)
class ConfirmationResult:
    confirmation_id: int
    application_id: str
    status: str  # the application's status afterwards
    requeued: bool


def confirmation_for(s: Session, row: Application, child_key: str | None) -> MfcConfirmation | None:
    """The latest MFC confirmation of this application, or of this parent with this child."""
    if row.kind != ApplicationKind.CHILD_ACCESS:
        return None
    cond = KinshipConfirmation.application_id == row.id
    if child_key is not None:
        cond = or_(cond, (KinshipConfirmation.parent_key == row.person_key)
                   & (KinshipConfirmation.child_key == child_key))
    c = s.scalar(select(KinshipConfirmation).where(cond).order_by(KinshipConfirmation.id.desc()).limit(1))
    if c is None:
        return None
    return MfcConfirmation(c.confirmed_by, c.mfc_office, c.confirmed_on, c.document_ref, c.source)


def validate(confirmed_by: str | None, mfc_office: str | None, confirmed_on: date | str | None,
             document_ref: str | None, *, today: date, where: str = "") -> tuple[str, str, date, str]:
    """The four fields cleaned, or a ReviewerError naming every problem (`where` prefixes the field names)."""
    problems = []
    values: dict[str, str] = {}
    for name, value, limit in (("confirmed_by", confirmed_by, 200), ("mfc_office", mfc_office, 200),
                               ("document_ref", document_ref, 100)):
        text = (value or "").strip()
        if not text:
            problems.append(f"{where}{name}: required (who confirmed, which MFC office, the document reference)")
        elif len(text) > limit:
            problems.append(f"{where}{name}: longer than {limit} characters")
        values[name] = text
    day: date | None = None
    if isinstance(confirmed_on, date):
        day = confirmed_on
    elif confirmed_on:
        try:
            day = date.fromisoformat(str(confirmed_on).strip())
        except ValueError:
            problems.append(f"{where}confirmed_on: {confirmed_on!r} is not a date YYYY-MM-DD")
    else:
        problems.append(f"{where}confirmed_on: required")
    if day is not None and day > today:
        problems.append(f"{where}confirmed_on: {day.isoformat()} is in the future")
    if problems:
        raise ReviewerError("; ".join(problems))
    assert day is not None
    return values["confirmed_by"], values["mfc_office"], day, values["document_ref"]


def record_confirmation(app, actor: Actor, application_id: str, *, confirmed_by: str, mfc_office: str,
                        confirmed_on: date | str, document_ref: str) -> ConfirmationResult:
    """Record that an MFC office confirmed the kinship of a child_access application (one transaction:
    the confirmation, its audit entry and, for an application waiting in in_person_required, its requeue)."""
    authz.require(app, actor, Permission.DECIDE)
    now = app.clock.now()
    who, office, day, ref = validate(confirmed_by, mfc_office, confirmed_on, document_ref, today=moscow_date(now))
    with app.uow() as s:
        row = s.get(Application, application_id, with_for_update=True)
        if row is None:
            raise NotFound(f"application {application_id} does not exist")
        if row.kind != ApplicationKind.CHILD_ACCESS:
            raise ReviewerError(f"application {application_id}: an MFC kinship confirmation is for child_access "
                                f"applications, not {row.kind}")
        held = row.status == ApplicationStatus.IN_REVIEW.value and row.claimed_by == actor.staff_id
        if row.status not in (ApplicationStatus.IN_PERSON_REQUIRED.value, ApplicationStatus.PENDING.value) \
                and not held:
            raise ConflictError(f"application {application_id} is {row.status}: a confirmation is recorded for an "
                                "application waiting for the MFC, pending, or held by you", code="not_available")
        child = s.scalar(select(Child).where(Child.application_id == application_id))
        if child is None:
            raise ReviewerError(f"application {application_id}: no child data")
        c = KinshipConfirmation(parent_key=row.person_key, child_key=g.child_key(child), application_id=row.id,
                                confirmed_by=who, mfc_office=office, confirmed_on=day, document_ref=ref,
                                source="desk", recorded_by=actor.name, recorded_at=now)
        s.add(c)
        s.flush()
        audit.record(s, at=now, actor=actor.name, action="kinship.mfc_confirmed", target_type="application",
                     target_id=row.id, details={"confirmation_id": c.id, "confirmed_by": who, "mfc_office": office,
                                                "confirmed_on": day.isoformat(), "document_ref": ref,
                                                "source": "desk"})
        requeued = row.status == ApplicationStatus.IN_PERSON_REQUIRED.value
        if requeued:
            # Back to the queue: the parent's own application can now be approved.
            # It waited under its own deadline, not the answer deadline: a fresh one from today (services.waiting).
            resumed = waiting.resume_values(app, moscow_date(now))
            s.execute(update(Application).where(Application.id == row.id)
                      .values(status=ApplicationStatus.PENDING.value, version=Application.version + 1, **resumed)
                      .execution_options(synchronize_session="fetch"))
            audit.record(s, at=now, actor=actor.name, action="application.requeue", target_type="application",
                         target_id=row.id, details={"from": ApplicationStatus.IN_PERSON_REQUIRED.value,
                                                    "reason": "kinship.mfc_confirmed",
                                                    "sla_deadline": resumed["sla_deadline"].isoformat()})
        s.refresh(row)
        return ConfirmationResult(c.id, row.id, row.status, requeued)


def record_from_pack(s: Session, *, application_id: str, parent_key: str, child_key: str, raw: dict,
                     now: datetime) -> int:
    """Store the confirmation a portal sent in `child.kinship_confirmation` (intake's transaction)."""
    who, office, day, ref = validate(raw.get("confirmed_by"), raw.get("mfc_office"), raw.get("confirmed_on"),
                                     raw.get("document_ref"), today=moscow_date(now),
                                     where="child.kinship_confirmation.")
    c = KinshipConfirmation(parent_key=parent_key, child_key=child_key, application_id=application_id,
                            confirmed_by=who, mfc_office=office, confirmed_on=day, document_ref=ref, source="pack",
                            recorded_by="intake", recorded_at=now)
    s.add(c)
    s.flush()
    return c.id
