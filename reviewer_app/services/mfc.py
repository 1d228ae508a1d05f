"""Kinship confirmed in person at an MFC office: the end of the `in_person` route.

A child's birth certificate issued abroad or before the civil registry start cannot be checked automatically;
the parent shows the documents at an MFC office. The confirmation (who confirmed it, which office, on which
date, the document reference) is recorded here, and the decision plan then treats that parent's kinship with
that child as confirmed: the application waiting in `in_person_required` goes back to the queue (`pending`,
audited `application.requeue`), and a new application by the same parent for the same child finds it too.

Four eyes (issue 22): the route exists to make a person appear in person, so the person who wants to skip it
must not be able to record that they did. A confirmation counts when it comes
- from the MFC itself: an MFC operator's account (role `mfc`, `record_confirmation`, source `mfc`);
- from the portal's pack field `child.kinship_confirmation` (`record_from_pack` at intake, source `pack`);
- from a desk (a reviewer or supervisor types it in, source `desk`) only once another supervisor, not the
  recorder, verifies it (`verify_confirmation`); until then it is `pending` and unlocks nothing, and a
  supervisor may refuse it (`refuse_confirmation`).
Whoever recorded it never approves the application it unlocks (the decision plan refuses). Recording
(`kinship.mfc_recorded` for a pending one, `kinship.mfc_confirmed` for one that counts), verifying
(`kinship.mfc_confirmed`) and refusing (`kinship.mfc_refused`) are audited.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from reviewer_app.db.models import Application, Child, KinshipConfirmation
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.decision_plan import MfcConfirmation
from reviewer_app.domain.enums import ApplicationKind, ApplicationStatus, StaffRole
from reviewer_app.domain.errors import ConflictError, NotFound, PermissionDenied, ReviewerError
from reviewer_app.domain.permissions import Permission
from reviewer_app.domain.supervision_views import ConfirmationResult, PendingConfirmation  # re-exported
from reviewer_app.services import audit, authz, waiting
from reviewer_app.services import grants as g

FIELDS = ("confirmed_by", "mfc_office", "confirmed_on", "document_ref")
PENDING, CONFIRMED, REFUSED = "pending", "confirmed", "refused"


def confirmation_for(s: Session, row: Application, child_key: str | None) -> MfcConfirmation | None:
    """The latest MFC confirmation of this application, or of this parent with this child."""
    if row.kind != ApplicationKind.CHILD_ACCESS:
        return None
    K = KinshipConfirmation
    cond = K.application_id == row.id
    if child_key is not None:
        cond = or_(cond, (K.parent_key == row.person_key) & (K.child_key == child_key))
    # One that counts wins over a pending one; a refused one is as if never recorded.
    found = list(s.scalars(select(K).where(cond, K.state != REFUSED).order_by(K.id.desc())))
    c = next((k for k in found if k.state == CONFIRMED), found[0] if found else None)
    if c is None:
        return None
    return MfcConfirmation(c.confirmed_by, c.mfc_office, c.confirmed_on, c.document_ref, c.source, state=c.state,
                           recorded_by=c.recorded_by, verified_by=c.verified_by)


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
    """Record that an MFC office confirmed the kinship of a child_access application (one transaction: the
    confirmation, its audit entry and, when it counts and the application waits in in_person_required, its
    requeue). From an MFC operator's account it counts at once (source 'mfc'); typed in at a desk it is
    'pending' until another supervisor verifies it (`verify_confirmation`)."""
    fresh = authz.require(app, actor, Permission.RECORD_MFC)
    from_mfc = fresh.role is StaffRole.MFC
    now = app.clock.now()
    who, office, day, ref = validate(confirmed_by, mfc_office, confirmed_on, document_ref, today=moscow_date(now))
    with app.uow() as s:
        row = s.get(Application, application_id, with_for_update=True)
        if row is None:
            raise NotFound(f"application {application_id} does not exist")
        if row.kind != ApplicationKind.CHILD_ACCESS:
            raise ReviewerError(f"application {application_id}: an MFC kinship confirmation is for child_access "
                                f"applications, not {row.kind}", code="not_child_access")
        held = row.status == ApplicationStatus.IN_REVIEW.value and (row.claimed_by == actor.staff_id or from_mfc)
        if row.status not in (ApplicationStatus.IN_PERSON_REQUIRED.value, ApplicationStatus.PENDING.value) \
                and not held:
            raise ConflictError(f"application {application_id} is {row.status}: a confirmation is recorded for an "
                                "application waiting for the MFC, pending, or held by you", code="not_available")
        child = s.scalar(select(Child).where(Child.application_id == application_id))
        if child is None:
            raise ReviewerError(f"application {application_id}: no child data")
        state = CONFIRMED if from_mfc else PENDING
        c = KinshipConfirmation(parent_key=row.person_key, child_key=g.child_key(child), application_id=row.id,
                                confirmed_by=who, mfc_office=office, confirmed_on=day, document_ref=ref,
                                source="mfc" if from_mfc else "desk", recorded_by=actor.name, recorded_at=now,
                                state=state)
        s.add(c)
        s.flush()
        audit.record(s, at=now, actor=actor.name,
                     action="kinship.mfc_confirmed" if from_mfc else "kinship.mfc_recorded",
                     target_type="application", target_id=row.id,
                     details={"confirmation_id": c.id, "confirmed_by": who, "mfc_office": office,
                              "confirmed_on": day.isoformat(), "document_ref": ref, "source": c.source,
                              "state": state})
        requeued = from_mfc and _requeue(app, s, row, actor, now)
        s.refresh(row)
        return ConfirmationResult(c.id, row.id, row.status, requeued, state)


def _requeue(app, s: Session, row: Application, actor: Actor, now: datetime) -> bool:
    """An application waiting for the MFC goes back to the queue: the parent's own application can now be
    approved. It waited under its own deadline, not the answer deadline: a fresh one from today
    (services.waiting). True when it did."""
    if row.status != ApplicationStatus.IN_PERSON_REQUIRED.value:
        return False
    resumed = waiting.resume_values(app, moscow_date(now))
    s.execute(update(Application).where(Application.id == row.id)
              .values(status=ApplicationStatus.PENDING.value, version=Application.version + 1, **resumed)
              .execution_options(synchronize_session="fetch"))
    audit.record(s, at=now, actor=actor.name, action="application.requeue", target_type="application",
                 target_id=row.id, details={"from": ApplicationStatus.IN_PERSON_REQUIRED.value,
                                            "reason": "kinship.mfc_confirmed",
                                            "sla_deadline": resumed["sla_deadline"].isoformat()})
    return True


def pending_confirmations(app, actor: Actor) -> list[PendingConfirmation]:
    """The desk-recorded confirmations waiting for a supervisor's verification, oldest first."""
    authz.require(app, actor, Permission.SECOND_REVIEW)
    K = KinshipConfirmation
    with app.sessions() as s:
        rows = s.execute(select(K, Application.status).outerjoin(Application, Application.id == K.application_id)
                         .where(K.state == PENDING).order_by(K.id)).all()
        return [PendingConfirmation(k.id, k.application_id, status, k.recorded_by, k.recorded_at, k.confirmed_by,
                                    k.mfc_office, k.confirmed_on, k.document_ref) for k, status in rows]


def _settle(app, actor: Actor, confirmation_id: int, state: str, comment: str | None) -> ConfirmationResult:
    """Verify or refuse a pending desk record: another supervisor than its recorder, once (of two supervisors
    at the same moment only one finds it pending), audited, with the requeue when it now counts."""
    authz.require(app, actor, Permission.SECOND_REVIEW)
    now = app.clock.now()
    K = KinshipConfirmation
    with app.uow() as s:
        c = s.get(K, confirmation_id, with_for_update=True)
        if c is None:
            raise NotFound(f"MFC confirmation {confirmation_id} does not exist")
        if c.recorded_by == actor.name:
            raise PermissionDenied(f"{actor.name} recorded MFC confirmation {confirmation_id} and cannot verify or "
                                   "refuse it (four eyes): another supervisor does", code="own_mfc_record")
        if c.state != PENDING:
            raise ConflictError(f"MFC confirmation {confirmation_id} is not waiting for a verification (it is "
                                f"{c.state})", code="not_pending")
        done = s.execute(update(K).where(K.id == c.id, K.state == PENDING)
                         .values(state=state, verified_by=actor.name, verified_at=now, verify_comment=comment)
                         .execution_options(synchronize_session="fetch")).rowcount
        if done != 1:
            raise ConflictError(f"MFC confirmation {confirmation_id} was settled by someone else in the meantime",
                                code="not_pending")
        audit.record(s, at=now, actor=actor.name,
                     action="kinship.mfc_confirmed" if state == CONFIRMED else "kinship.mfc_refused",
                     target_type="application", target_id=c.application_id or "",
                     details={"confirmation_id": c.id, "recorded_by": c.recorded_by, "source": c.source,
                              "mfc_office": c.mfc_office, "document_ref": c.document_ref, "comment": comment})
        row = s.get(Application, c.application_id, with_for_update=True) if c.application_id else None
        requeued = state == CONFIRMED and row is not None and _requeue(app, s, row, actor, now)
        if row is not None:
            s.refresh(row)
        return ConfirmationResult(c.id, c.application_id or "", row.status if row is not None else "", requeued,
                                  state)


def verify_confirmation(app, actor: Actor, confirmation_id: int, comment: str | None = None) -> ConfirmationResult:
    """A supervisor (not the recorder) confirms a desk-recorded MFC confirmation: from now on it counts."""
    return _settle(app, actor, confirmation_id, CONFIRMED, (comment or "").strip() or None)


def refuse_confirmation(app, actor: Actor, confirmation_id: int, comment: str) -> ConfirmationResult:
    """A supervisor (not the recorder) refuses a desk-recorded MFC confirmation, saying why: it never counts."""
    if not (comment or "").strip():
        raise ReviewerError("comment: refusing an MFC confirmation needs a comment saying why",
                            code="refusal_comment")
    return _settle(app, actor, confirmation_id, REFUSED, comment.strip())


def record_from_pack(s: Session, *, application_id: str, parent_key: str, child_key: str, raw: dict,
                     now: datetime) -> int:
    """Store the confirmation a portal sent in `child.kinship_confirmation` (intake's transaction)."""
    who, office, day, ref = validate(raw.get("confirmed_by"), raw.get("mfc_office"), raw.get("confirmed_on"),
                                     raw.get("document_ref"), today=moscow_date(now),
                                     where="child.kinship_confirmation.")
    c = KinshipConfirmation(parent_key=parent_key, child_key=child_key, application_id=application_id,
                            confirmed_by=who, mfc_office=office, confirmed_on=day, document_ref=ref, source="pack",
                            recorded_by="intake", recorded_at=now, state=CONFIRMED)
    s.add(c)
    s.flush()
    return c.id
