"""Supervisor use cases: search past decisions, reopen a case read-only, four-eyes second review, claims.

Every function checks the actor's role here, in the service layer (Permission.AUDIT for reading,
SECOND_REVIEW for the four-eyes queue, REASSIGN for claims), whatever the UI shows. Results are plain frozen
dataclasses; nothing here hands out ORM objects.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from reviewer_app.db.models import (
    AccessGrant,
    Applicant,
    Application,
    AuditEvent,
    CheckResultRow,
    Claim,
    Decision,
    Document,
    Staff,
)
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.decision_plan import mask_phone
from reviewer_app.domain.enums import DecisionOutcome, StaffRole
from reviewer_app.domain.errors import ConflictError, NotFound, ReviewerError, brief
from reviewer_app.domain.permissions import Permission
from reviewer_app.domain.search import (
    LIKE_ESCAPE,
    application_number,
    escape_like,
    mask_passport_typed,
    name_prefix,
    passport_person_key,
)
from reviewer_app.domain.supervision_views import (  # re-exported: callers name them sv.X
    CaseDocument,
    CaseView,
    ClaimRow,
    DecisionPage,
    DecisionQuery,
    DecisionRow,
    StaffRow,
    not_passed,
)
from reviewer_app.policy.validators import normalise_phone
from reviewer_app.queue import claims
from reviewer_app.services import audit, authz, decisions, integrity, queue_service

MAX_PAGE_SIZE = 500
SECOND_REVIEW_PENDING = "pending"


def _require(app, actor: Actor, permission: Permission) -> None:
    authz.require(app, actor, permission)  # the role re-read from the database: a forged Actor is refused


def day_start(d: date) -> datetime:
    """The first moment of a Moscow calendar day (date filters are Moscow dates, as staff read them)."""
    return datetime.combine(d, time(0), MOSCOW)


# --- search -----------------------------------------------------------------------------------------------------
_ROW_COLUMNS = (Decision.id, Decision.application_id, Decision.decided_at, Staff.name, Decision.kind,
                Decision.outcome, Decision.reason_code, Decision.prescore_band, Decision.is_override,
                Decision.sla_breached, Decision.second_review, Applicant.last_name, Applicant.first_name,
                Applicant.middle_name)


def _rows_query(*columns):
    """Decisions with their reviewer and (when the application has one) the applicant's name."""
    return (select(*columns).join(Staff, Staff.id == Decision.staff_id)
            .outerjoin(Applicant, Applicant.application_id == Decision.application_id))


def full_name(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def _conditions(session: Session, q: DecisionQuery) -> list[Any] | None:
    """WHERE terms for a query; None when it can match nothing (an unknown reviewer)."""
    D = Decision
    terms: list[Any] = []
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise ReviewerError(f"date range: 'from' ({q.date_from}) is after 'to' ({q.date_to})", code="date_range")
    if q.date_from:
        terms.append(D.decided_at >= day_start(q.date_from))
    if q.date_to:
        terms.append(D.decided_at < day_start(q.date_to + timedelta(days=1)))
    if q.reviewer:
        # Resolve the name first, so the search uses the (staff_id, outcome, decided_at) index, not a join filter.
        staff_id = session.scalar(select(Staff.id).where(Staff.name == q.reviewer))
        if staff_id is None:
            return None
        terms.append(D.staff_id == staff_id)
    for column, value in ((D.kind, q.kind), (D.outcome, q.outcome), (D.reason_code, q.reason),
                          (D.prescore_band, q.band), (D.second_review, q.second_review)):
        if value is not None and value != "":
            terms.append(column == str(value))
    number = application_number(q.application_id)
    if number:  # an application and its corrections (either way) are one case to a supervisor
        terms.append(D.application_id.in_(linked_applications(session, number)))
    if q.second_review == "":
        terms.append(D.second_review == "")
    if q.overrides_only:
        terms.append(D.is_override.is_(True))
    if q.sla_breached_only:
        terms.append(D.sla_breached.is_(True))
    person = _person_terms(q)
    if person is None:
        return None
    terms.extend(person)
    if q.face_duplicates_only:
        terms.append(D.application_id.in_(select(CheckResultRow.application_id).where(
            CheckResultRow.check_id == "face_duplicate", CheckResultRow.status == "fail")))
    return terms


def linked_applications(session: Session, application_id: str, *, limit: int = 20) -> list[str]:
    """The application, the returned ones it corrects and the corrected packs naming it, followed both ways
    (a correction returned and corrected again stays one chain); at most `limit` ids."""
    A = Application
    found = [application_id]
    frontier = [application_id]
    while frontier and len(found) < limit:
        rows = session.execute(select(A.id, A.corrects_application_id).where(
            or_(A.id.in_(frontier), A.corrects_application_id.in_(frontier)))).all()
        new = [x for r in rows for x in (r.id, r.corrects_application_id) if x and x not in found]
        new = list(dict.fromkeys(new))[:limit - len(found)]
        found += new
        frontier = new
    return found


def _person_terms(q: DecisionQuery) -> list[Any] | None:
    """Name, passport and phone as index look-ups on the applicant (None: what was typed can match no one)."""
    terms: list[Any] = []
    A = Applicant
    prefix = name_prefix(q.name)
    if prefix:
        # Both forms: PostgreSQL runs the LIKE through its text_pattern_ops index, SQLite the range through its
        # (binary) index; each is exact on its own, so the other costs nothing. Typed % and _ are literal.
        terms.append(Decision.application_id.in_(select(A.application_id).where(
            A.name_key.like(escape_like(prefix) + "%", escape=LIKE_ESCAPE),
            A.name_key >= prefix, A.name_key < prefix + "\U0010ffff")))
    if (q.passport or "").strip():
        key = passport_person_key(q.passport)
        if key is None:
            raise ReviewerError("passport: type the series and number in full (10 digits)", code="search_passport")
        terms.append(Decision.application_id.in_(select(Application.id).where(Application.person_key == key)))
    if (q.phone or "").strip():
        phone = normalise_phone(q.phone)
        if phone is None:
            raise ReviewerError(f"phone: {q.phone.strip()!r} is not a Russian phone number", code="search_phone")
        terms.append(Decision.application_id.in_(select(A.application_id).where(A.phone_e164 == phone)))
    return terms


def _search_audit(q: DecisionQuery, found: int) -> dict[str, Any]:
    """What a person search looked for, as the audit keeps it: the passport and phone masked."""
    details: dict[str, Any] = {"found": found}
    if (q.application_id or "").strip():
        details["application_id"] = application_number(q.application_id)
    if name_prefix(q.name):
        details["name"] = name_prefix(q.name)
    if (q.passport or "").strip():
        details["passport"] = mask_passport_typed(q.passport)
    if (q.phone or "").strip():
        details["phone"] = mask_phone(normalise_phone(q.phone) or q.phone.strip())
    return details


def _row(r: Any) -> DecisionRow:
    return DecisionRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), bool(r[9]), r[10] or "",
                       full_name(r[11], r[12], r[13]))


def search_decisions(app, actor: Actor, query: DecisionQuery | None = None, *, page: int = 0,
                     page_size: int = 50) -> DecisionPage:
    """Past decisions matching `query`, newest first, one page at a time."""
    _require(app, actor, Permission.AUDIT)
    if page < 0 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ReviewerError(f"page must be >= 0 and page_size between 1 and {MAX_PAGE_SIZE}")
    query = query or DecisionQuery()
    with app.uow() as s:
        terms = _conditions(s, query)
        if terms is None:
            return DecisionPage((), page, page_size, False, unknown_reviewer=query.reviewer)
        stmt = (_rows_query(*_ROW_COLUMNS).where(and_(True, *terms))
                .order_by(Decision.decided_at.desc(), Decision.id.desc())
                .offset(page * page_size).limit(page_size + 1))  # one extra row tells whether a next page exists
        rows = s.execute(stmt).all()
        if query.finds_a_person():  # looking someone up is a read of their data: who looked, for what
            audit.record(s, at=app.clock.now(), actor=actor.name, action="decision.search", target_type="decision",
                         target_id="search", details=_search_audit(query, min(len(rows), page_size)))
    return DecisionPage(tuple(_row(r) for r in rows[:page_size]), page, page_size, len(rows) > page_size)


def decision_makers(app, actor: Actor) -> list[str]:
    """The names of everyone who has decided an application (disabled accounts too: their decisions are still
    audited), for the search's reviewer list."""
    _require(app, actor, Permission.AUDIT)
    with app.sessions() as s:
        return list(s.scalars(select(Staff.name).where(Staff.id.in_(select(Decision.staff_id).distinct()))
                              .order_by(Staff.name)))


# --- a past case, read-only -------------------------------------------------------------------------------------
def open_case(app, actor: Actor, decision_id: int) -> CaseView:
    """Reopen a past decision read-only; the opening itself is audited ('application.open', readonly)."""
    _require(app, actor, Permission.AUDIT)
    with app.uow() as s:
        row = s.execute(_rows_query(*_ROW_COLUMNS).where(Decision.id == decision_id)).first()
        if row is None:
            raise NotFound(f"decision {decision_id} does not exist")
        d = s.get(Decision, decision_id)
        application = s.get(Application, d.application_id)
        docs = s.scalars(select(Document).where(Document.application_id == d.application_id)
                         .order_by(Document.role)).all()
        second = s.scalar(select(Staff.name).where(Staff.id == d.second_reviewer_id)) \
            if d.second_reviewer_id else None
        audit.record(s, at=app.clock.now(), actor=actor.name, action="application.open",
                     target_type="application", target_id=d.application_id,
                     details={"readonly": True, "decision_id": decision_id})
        decision_ids = list(s.scalars(select(Decision.id).where(Decision.application_id == d.application_id)))
        grant_ids = list(s.scalars(select(AccessGrant.id).where(AccessGrant.application_id == d.application_id)))
        linked = [i for i in linked_applications(s, d.application_id) if i != d.application_id]
        history = _history(s, d.application_id, [doc.sha256 for doc in docs], decision_ids, grant_ids, linked)
        return CaseView(
            decision=_row(row), comment_applicant=d.comment_applicant, comment_internal=d.comment_internal,
            claimed_at=d.claimed_at, rule_version=d.rule_version, checks=tuple(d.checks_snapshot or ()),
            prescore=d.prescore_snapshot, application=dict(application.pack_json), status=application.status,
            documents=tuple(CaseDocument(doc.role, doc.filename, doc.sha256, doc.media_type,
                                         doc.purged_at is not None) for doc in docs),
            history=history, second_reviewer=second, second_review_comment=d.second_review_comment)


def _history(s: Session, application_id: str, shas: list[str], decision_ids: list[int] | None = None,
             grant_ids: list[int] | None = None, linked: list[str] | None = None) -> tuple[audit.AuditEntry, ...]:
    """Audit entries about this application only, oldest first: its own events, its decisions' second reviews,
    its grants, and the openings of its images. An identical image can belong to several applications (the store
    keeps one copy per hash), so an image opening counts only when its details name this application. `linked`:
    the applications of its correction chain, whose intake (and decisions) are shown too."""
    cols = (AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.target_type,
            AuditEvent.target_id, AuditEvent.details)
    where = and_(AuditEvent.target_type == "application", AuditEvent.target_id == application_id)
    for target_type, ids in (("decision", decision_ids), ("grant", grant_ids)):
        if ids:
            where = or_(where, and_(AuditEvent.target_type == target_type,
                                    AuditEvent.target_id.in_([str(i) for i in ids])))
    if shas:
        where = or_(where, and_(AuditEvent.target_type == "document", AuditEvent.target_id.in_(shas)))
    if linked:
        where = or_(where, and_(AuditEvent.target_type == "application", AuditEvent.target_id.in_(linked),
                                AuditEvent.action.in_(("application.intake", "decision.make"))))
    rows = s.execute(select(*cols).where(where).order_by(AuditEvent.id).limit(2000)).all()
    entries = (audit.AuditEntry(*r) for r in rows)
    return tuple(_mark_linked(e, linked or ()) for e in entries
                 if e.target_type != "document" or (e.details or {}).get("application_id") == application_id)


def _mark_linked(e: audit.AuditEntry, linked) -> audit.AuditEntry:
    """An entry of another application of the correction chain names it (`linked_application`), so the history
    says whose intake or decision it is."""
    if e.target_type == "application" and e.target_id in linked:
        return replace(e, details={**(e.details or {}), "linked_application": e.target_id})
    return e


def case_image(app, actor: Actor, decision_id: int, sha256: str) -> bytes:
    """The bytes of one image of a past case (audited 'image.open'). NotFound if not part of it or purged."""
    _require(app, actor, Permission.AUDIT)
    with app.uow() as s:
        application_id = s.scalar(select(Decision.application_id).where(Decision.id == decision_id))
        if application_id is None:
            raise NotFound(f"decision {decision_id} does not exist")
        doc = s.scalar(select(Document).where(Document.application_id == application_id,
                                              Document.sha256 == sha256))
        if doc is None:
            raise NotFound(f"image {sha256[:12]}… is not a document of application {application_id}")
        if doc.purged_at is not None:
            raise NotFound(f"image {doc.role} of application {application_id} was purged (retention) on "
                           f"{doc.purged_at.astimezone(MOSCOW):%Y-%m-%d}; its hash is kept in the audit trail",
                           code="purged")
        audit.record(s, at=app.clock.now(), actor=actor.name, action="image.open", target_type="document",
                     target_id=sha256, details={"application_id": application_id, "role": doc.role,
                                                "readonly": True})
        role, filename = doc.role, doc.filename
    data = integrity.read_document(app, sha256, reader=actor.name, application_id=application_id, role=role)
    return integrity.gated_image(app, data, filename, role)


# --- four eyes --------------------------------------------------------------------------------------------------
def in_second_review_sample(decision_id: int, share: float) -> bool:
    """Whether an approval is set aside for a second look: a hash of its id, so the choice is reproducible
    and cannot be steered by the reviewer; about `share` of all ids are chosen."""
    if share <= 0:
        return False
    digest = hashlib.sha256(f"second-review:{decision_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def set_aside_sample(app, actor: Actor, *, date_from: date | None = None, date_to: date | None = None,
                     share: float | None = None) -> list[int]:
    """Mark the sampled approvals (settings.second_review_share) in a date range as pending a second review.
    Idempotent: decisions already in (or past) second review are left alone. Returns the ids newly marked."""
    _require(app, actor, Permission.SECOND_REVIEW)
    share = app.settings.second_review_share if share is None else share
    q = DecisionQuery(date_from=date_from, date_to=date_to, outcome=DecisionOutcome.APPROVE.value, second_review="")
    marked: list[int] = []
    with app.uow() as s:
        terms = _conditions(s, q) or []
        for (decision_id,) in s.execute(select(Decision.id).where(*terms).order_by(Decision.id)):
            if in_second_review_sample(decision_id, share):
                marked.append(decision_id)
        now = app.clock.now()
        for decision_id in marked:
            s.execute(update(Decision).where(Decision.id == decision_id, Decision.second_review == "")
                      .values(second_review=SECOND_REVIEW_PENDING))
            audit.record(s, at=now, actor=actor.name, action="decision.second_review_requested",
                         target_type="decision", target_id=str(decision_id), details={"share": share})
    return marked


def second_review_queue(app, actor: Actor, *, page: int = 0, page_size: int = 100) -> DecisionPage:
    """Decisions waiting for a second look, newest first."""
    _require(app, actor, Permission.SECOND_REVIEW)
    found = search_decisions(app, actor, DecisionQuery(second_review=SECOND_REVIEW_PENDING), page=page,
                             page_size=page_size)
    ids = [r.decision_id for r in found.rows]
    if not ids:
        return found
    # What the second reviewer needs to judge at a glance: why the reviewer decided so, and what did not pass.
    with app.sessions() as s:
        extra = {i: (c, snap) for i, c, snap in s.execute(
            select(Decision.id, Decision.comment_internal, Decision.checks_snapshot).where(Decision.id.in_(ids)))}
    rows = tuple(replace(r, comment=extra[r.decision_id][0] or "",
                         failed_checks=not_passed(extra[r.decision_id][1])) for r in found.rows)
    return replace(found, rows=rows)



def confirm(app, actor: Actor, decision_id: int, comment: str = "") -> None:
    """Confirm a decision (four eyes): services.decisions applies a waiting override approval now."""
    _require(app, actor, Permission.SECOND_REVIEW)
    decisions.confirm_second_review(app, actor, decision_id, comment or None)


def overturn(app, actor: Actor, decision_id: int, comment: str, *, reason_code: str = "other",
             comment_applicant: str | None = None) -> None:
    """Overturn a decision (four eyes); a comment is required. services.decisions revokes the grants an
    applied approval created and tells the applicant."""
    _require(app, actor, Permission.SECOND_REVIEW)
    if not comment.strip():
        raise ReviewerError("overturning a decision needs a comment saying why", code="comment_required")
    decisions.overturn_second_review(app, actor, decision_id, comment, reason_code=reason_code,
                                     comment_applicant=comment_applicant)


# --- claims -----------------------------------------------------------------------------------------------------
def current_claims(app, actor: Actor) -> list[ClaimRow]:
    """Applications under review now, with who holds them."""
    _require(app, actor, Permission.REASSIGN)
    # Seen: the holder's desk recorded the opening (audit "application.open") since their claim began; a
    # prefetch claims and loads without it until the application is put on screen.
    claimed_at = (select(func.max(Claim.claimed_at))
                  .where(Claim.application_id == Application.id, Claim.staff_id == Application.claimed_by)
                  .scalar_subquery())
    opened = (select(AuditEvent.id)
              .where(AuditEvent.target_id == Application.id, AuditEvent.action == "application.open",
                     AuditEvent.actor == Staff.name, AuditEvent.at >= claimed_at)
              .exists())
    with app.sessions() as s:
        rows = s.execute(select(Application.id, Application.kind, Staff.name, Application.lease_expires_at,
                                Application.sla_deadline, Applicant.last_name, Applicant.first_name,
                                Applicant.middle_name, or_(claimed_at.is_(None), opened))
                         .join(Staff, Staff.id == Application.claimed_by)
                         .outerjoin(Applicant, Applicant.application_id == Application.id)
                         .where(Application.claimed_by.is_not(None))
                         .order_by(Application.sla_deadline, Application.id)).all()
    return [ClaimRow(*r[:5], full_name(*r[5:8]), seen=bool(r[8])) for r in rows]


def reviewers(app, actor: Actor) -> list[StaffRow]:
    """Active staff who can take applications (reassignment targets)."""
    _require(app, actor, Permission.REASSIGN)
    roles = [StaffRole.REVIEWER.value, StaffRole.SUPERVISOR.value]
    with app.sessions() as s:
        rows = s.execute(select(Staff.id, Staff.name, Staff.role)
                         .where(Staff.disabled.is_(False), Staff.role.in_(roles)).order_by(Staff.name)).all()
    return [StaffRow(*r) for r in rows]


def release_claim(app, actor: Actor, application_id: str) -> None:
    """Take an application away from whoever holds it and put it back in the queue (audited by queue_service)."""
    _require(app, actor, Permission.REASSIGN)
    with app.sessions() as s:
        status, holder, _lease, _v = claims.current_holder(s, application_id)
    if holder is None:
        raise ConflictError(f"application {application_id} is {status} and held by nobody", code="not_held")
    queue_service.release(app, actor, application_id)


def reassign_claim(app, actor: Actor, application_id: str, to_reviewer: str) -> datetime:
    """Give an application (pending or in review) to a named reviewer; returns the new lease expiry."""
    _require(app, actor, Permission.REASSIGN)
    with app.sessions() as s:
        target = s.execute(select(Staff.id, Staff.role, Staff.disabled).where(Staff.name == to_reviewer)).first()
    if target is None:
        raise NotFound(f"staff member {brief(to_reviewer)} does not exist")
    if target.disabled or target.role not in (StaffRole.REVIEWER.value, StaffRole.SUPERVISOR.value):
        raise ReviewerError(f"{to_reviewer} ({target.role}{', disabled' if target.disabled else ''}) "
                            "cannot take applications", code="reviewer_unavailable")
    return queue_service.reassign(app, actor, application_id, to_staff_id=target.id).lease_expires_at
