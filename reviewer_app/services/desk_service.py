"""The real DeskService: the reviewer's desk on top of the queue, decision, staff and pre-score services.

Thin by design: claims, renewals, releases and decisions are the other services' use cases. What the desk adds
is the read side (the review screen's `ApplicationView`, the queue rows with the pre-score band), claiming a
chosen application (no queue-service call for that yet), the audited opening of applications and images, and
an on-demand pre-score when the background worker has not reached an application yet.
"""

from __future__ import annotations

import functools
import socket
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import InterfaceError, OperationalError

from reviewer_app.db.models import (
    AccessGrant,
    Applicant,
    Application,
    CheckResultRow,
    Child,
    Citizen,
    Decision,
    Document,
    FacePrescore,
    RegistryRecord,
)
from reviewer_app.domain import decision_plan
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.document_fields import document_cells
from reviewer_app.domain.enums import ApplicationStatus, CheckStatus
from reviewer_app.domain.errors import ConflictError, DatabaseError, NotFound, ReviewerError
from reviewer_app.domain.permissions import Permission, allowed
from reviewer_app.domain.prescore import PreScore
from reviewer_app.domain.reasons import REASONS, RejectReason
from reviewer_app.domain.registry import normalise_name
from reviewer_app.domain.screen_plan import unacknowledged_manual
from reviewer_app.domain.views import (
    ApplicationView,
    CheckView,
    DecisionRequest,
    DecisionResult,
    DocumentView,
    FieldRow,
    HistoryItem,
    QueueFilter,
    QueueItem,
)
from reviewer_app.queue.prescore import latest_prescore
from reviewer_app.services import audit, authz, decisions, integrity, mfc, queue_service, staff
from reviewer_app.services.context import AppContext

T = TypeVar("T")
PRESCORE_LEASE_SECONDS = 120
PRESCORE_WAIT_SECONDS = 30.0  # how long to wait for a worker already scoring this application
# dlib's models are process-wide singletons and not safe to use from two threads at once: every face
# computation in this process (desk on demand, an in-process worker) takes this lock.
MATCHER_LOCK = threading.Lock()


class LockedMatcher:
    """Wraps a matcher so that its computations in this process run one at a time."""

    def __init__(self, matcher: Any) -> None:
        self.matcher = matcher

    def prescore(self, *args: Any, **kwargs: Any):
        with MATCHER_LOCK:
            return self.matcher.prescore(*args, **kwargs)


def _db_errors(fn: Callable[..., T]) -> Callable[..., T]:
    """An unreachable database becomes a DatabaseError with a plain message (the UI shows it in a box)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return fn(*args, **kwargs)
        except (OperationalError, InterfaceError) as exc:
            raise DatabaseError(f"the database cannot be reached or refused the request: {exc.orig or exc}") \
                from None

    return wrapper


def _fmt_date(d) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


def _document_details(checks) -> dict[str, Any] | None:
    row = next((c for c in checks if c.check_id == "document_data"), None)
    return dict(row.details or {}) if row is not None else None


def _same(a: str | None, b: str | None) -> bool:
    return normalise_name(a) == normalise_name(b)


class DbDeskService:
    def __init__(self, app: AppContext, *, matcher_factory: Callable[[], Any] | None = None) -> None:
        self.app = app
        self._matcher_factory = matcher_factory
        self._matcher = None

    @property
    def image_max_decoded_bytes(self) -> int:
        """The image gate's limit on this installation (the desk decodes within it too)."""
        return self.app.settings.image_max_decoded_bytes

    # --- session ----------------------------------------------------------------------------------------------
    @_db_errors
    def login(self, name: str, password: str, code: str) -> Actor:
        actor = staff.login(self.app, name, password, code, source=f"desk:{socket.gethostname()}")
        # Read (and cache) the training mark here, on the caller's worker thread: the window builds the
        # supervisor tabs from it on the UI thread straight after, and a first read queries the database.
        self.app.is_training_db  # noqa: B018
        return actor

    def now(self) -> datetime:
        return self.app.clock.now()

    @property
    def is_training(self) -> bool:
        try:
            return bool(self.app.is_training_db)
        except Exception:  # the login page reports an unreachable database; the banner must not crash startup
            return bool(self.app.settings.training)

    def rules_warning(self, lang: str = "ru") -> str | None:
        """The rule table's warning (the production calendar runs out within 60 days, or the rule file is
        wrong), for the desk's banner; None when all is well."""
        try:
            return self.app.rules_warning(lang)
        except ReviewerError as exc:
            return str(exc)

    @property
    def lease_seconds(self) -> int:
        return self.app.settings.lease_seconds

    # --- queue ------------------------------------------------------------------------------------------------
    @_db_errors
    def list_queue(self, actor: Actor, filters: QueueFilter | None = None) -> list[QueueItem]:
        filters = filters or QueueFilter()
        today = moscow_date(self.app.clock.now())
        rows = queue_service.list_queue(self.app, actor, state=ApplicationStatus.PENDING.value, kind=filters.kind,
                                        limit=500)
        mine = [r for r in queue_service.list_queue(self.app, actor, state=ApplicationStatus.IN_REVIEW.value,
                                                    kind=filters.kind, limit=500) if r.claimed_by == actor.name]
        rows = sorted(rows + mine, key=lambda r: (r.sla_deadline, r.submitted_at, r.application_id))
        if self.app.is_training_db and actor.staff_id is not None:  # the trainer's case set for this trainee
            from reviewer_app.services.training_trainer import excluded_for

            with self.app.sessions() as s:
                outside = set(excluded_for(s, actor.staff_id))
            rows = [r for r in rows if r.application_id not in outside]
        bands = self._bands([r.application_id for r in rows])
        items = [QueueItem(id=r.application_id, kind=r.kind, status=r.status, submitted_at=r.submitted_at,
                           sla_deadline=r.sla_deadline, band=bands.get(r.application_id), claimed_by=r.claimed_by,
                           lease_expires_at=r.lease_expires_at, applicant=r.applicant) for r in rows]
        if filters.due_soon:
            items = [i for i in items if i.is_due_soon(today)]
        return items

    def _bands(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        latest = (select(FacePrescore.application_id, func.max(FacePrescore.id).label("id"))
                  .where(FacePrescore.application_id.in_(ids)).group_by(FacePrescore.application_id).subquery())
        with self.app.sessions() as s:
            return dict(s.execute(select(FacePrescore.application_id, FacePrescore.band)
                                  .join(latest, latest.c.id == FacePrescore.id)).all())

    @_db_errors
    def claim_next(self, actor: Actor, kind: str | None = None, *, exclude: tuple[str, ...] = ()) -> str | None:
        # Applications held in `exclude` are in review, so the queue never hands them out again.
        item = queue_service.claim_next(self.app, actor, kind=kind)
        return item.application_id if item else None

    @_db_errors
    def claim(self, actor: Actor, application_id: str, *, reason: str | None = None) -> datetime:
        """Reopen the actor's own live claim, or (a supervisor, with a reason) take one chosen application."""
        return queue_service.claim_chosen(self.app, actor, application_id, reason=reason)

    @_db_errors
    def renew_lease(self, actor: Actor, application_id: str) -> datetime:
        return queue_service.renew(self.app, actor, application_id)

    @_db_errors
    def release(self, actor: Actor, application_id: str) -> None:
        queue_service.release(self.app, actor, application_id)

    # --- review -----------------------------------------------------------------------------------------------
    def _viewable(self, s, actor: Actor, application_id: str) -> Application:
        """The application, if `actor` holds it (or audits): the check made before anything is shown."""
        row = s.get(Application, application_id)
        if row is None:
            raise NotFound(f"application {application_id} does not exist")
        self._require_held_or_auditor(s, actor, row)
        return row

    def _require_held_or_auditor(self, s, actor: Actor, row: Application) -> None:
        fresh = authz.require(self.app, actor, Permission.VIEW_APPLICATION, session=s)  # as it is now
        training = authz.training_db(self.app, s)
        held = row.status == ApplicationStatus.IN_REVIEW.value and row.claimed_by == fresh.staff_id
        if not held and not allowed(fresh, Permission.AUDIT, training_db=training):
            raise ConflictError(f"application {row.id} is not claimed by you; claim it first", code="not_claimed")

    @_db_errors
    def open_application(self, actor: Actor, application_id: str) -> ApplicationView:
        return self._open(actor, application_id, audited=True)

    @_db_errors
    def reload_application(self, actor: Actor, application_id: str) -> ApplicationView:
        return self._open(actor, application_id, audited=False)

    def _open(self, actor: Actor, application_id: str, *, audited: bool) -> ApplicationView:
        now = self.app.clock.now()
        with self.app.uow() as s:
            row = self._viewable(s, actor, application_id)
            applicant = s.scalar(select(Applicant).where(Applicant.application_id == application_id))
            child = s.scalar(select(Child).where(Child.application_id == application_id))
            docs = s.scalars(select(Document).where(Document.application_id == application_id)
                             .order_by(Document.role)).all()
            checks = s.scalars(select(CheckResultRow).where(CheckResultRow.application_id == application_id)
                               .order_by(CheckResultRow.id)).all()
            prescore = latest_prescore(s, application_id)
            citizen = s.get(Citizen, row.person_key)
            registry = None
            if child is not None and child.certificate_series and child.certificate_number:
                registry = s.scalar(select(RegistryRecord).where(
                    RegistryRecord.certificate_series == child.certificate_series,
                    RegistryRecord.certificate_number == child.certificate_number))
            history = self._history(s, row)
            today = moscow_date(now)
            # The checks as the decision will see them: time-dependent ones judged for today, an MFC
            # confirmation settling kinship (what changed since intake keeps its intake status).
            facts, rules = decisions.load_facts(s, row, today, checks=list(checks),
                                                band=prescore.band if prescore is not None else None,
                                                rules=self.app.rules, decided_by=actor.name)
            if audited:
                audit.record(s, at=now, actor=actor.name, action="application.open", target_type="application",
                             target_id=application_id, details={"version": row.version})
            name = " ".join(p for p in (applicant.last_name, applicant.first_name, applicant.middle_name) if p) \
                if applicant else ""
            return ApplicationView(
                id=row.id, kind=row.kind, status=row.status, version=row.version, submitted_at=row.submitted_at,
                sla_deadline=row.sla_deadline, applicant_name=name, lease_expires_at=row.lease_expires_at,
                rule_version=row.rule_version,
                biometric_consent=bool(applicant.biometric_consent) if applicant else False,
                fields=tuple(self._fields(applicant, child, citizen, registry, _document_details(checks))),
                checks=tuple(CheckView(c.id, c.status, c.message_ru, c.message_en, dict(c.details), c.intake_status)
                             for c in decision_plan.effective_checks(facts)),
                prescore=PreScore.from_dict(prescore.result) if prescore is not None else None,
                prescore_state=row.prescore_state,
                documents=tuple(DocumentView(d.role, d.filename, d.sha256, d.size, d.media_type,
                                             d.purged_at is not None) for d in docs),
                history=history, decision_facts=facts, decision_rules=rules, decision_on=today,
            )

    def _history(self, s, row: Application) -> tuple[HistoryItem, ...]:
        items: list[HistoryItem] = []
        linked = or_(Application.id == row.corrects_application_id, Application.corrects_application_id == row.id)
        others = s.execute(select(Application.id, Application.kind, Application.status, Application.submitted_at,
                                  Application.corrects_application_id)
                           .where(or_(Application.person_key == row.person_key, linked), Application.id != row.id)
                           .order_by(Application.submitted_at.desc()).limit(50)).all()
        outcomes = dict(s.execute(select(Decision.application_id, Decision.outcome)
                                  .where(Decision.application_id.in_([o.id for o in others]))
                                  .order_by(Decision.id)).all()) if others else {}
        for o in others:
            link = "corrected_by_this" if o.id == row.corrects_application_id else \
                "corrects_this" if o.corrects_application_id == row.id else ""
            items.append(HistoryItem("application", o.id, o.kind, o.status, moscow_date(o.submitted_at),
                                     outcomes.get(o.id, ""), link=link))
        for g in s.scalars(select(AccessGrant).where(AccessGrant.holder_key == row.person_key)
                           .order_by(AccessGrant.id.desc()).limit(50)):
            items.append(HistoryItem("grant", str(g.id), g.subject_kind, g.status, g.valid_from,
                                     g.subject_name + (f" → {_fmt_date(g.valid_until)}" if g.valid_until else "")))
        return tuple(items)

    @staticmethod
    def _fields(applicant: Applicant | None, child: Child | None, citizen: Citizen | None,
                registry: RegistryRecord | None, document: dict[str, Any] | None = None) -> list[FieldRow]:
        """What the applicant typed next to what the passport's machine-readable zone (the document_data
        check), the access database (a known citizen) or the civil registry (a child's certificate) says; a
        difference is marked. The zone wins where it was read: it is the document itself."""
        rows: list[FieldRow] = []
        if applicant is None:
            return rows
        read = document_cells(document)

        def add(key, ru, en, typed, known=None, *, names=False):
            typed_s = "" if typed is None else str(typed)
            if key in read:
                text, differs = read[key]
                rows.append(FieldRow(key, ru, en, typed_s, text, differs))
                return
            known_s = None if known is None else str(known)
            differs = known_s is not None and (not _same(typed_s, known_s) if names else typed_s != known_s)
            rows.append(FieldRow(key, ru, en, typed_s, known_s, differs))

        a, c = applicant, citizen
        add("last_name", "Фамилия", "Last name", a.last_name, c.last_name if c else None, names=True)
        add("first_name", "Имя", "First name", a.first_name, c.first_name if c else None, names=True)
        add("middle_name", "Отчество", "Middle name", a.middle_name or "", (c.middle_name or "") if c else None,
            names=True)
        add("birth_date", "Дата рождения", "Birth date", _fmt_date(a.birth_date),
            _fmt_date(c.birth_date) if c else None)
        add("phone", "Телефон", "Phone", a.phone_e164 or "", (c.phone_e164 or "") if c and c.phone_e164 else None)
        add("passport", "Паспорт", "Passport", f"{a.passport_series or ''} {a.passport_number or ''}".strip())
        add("passport_issued", "Паспорт выдан", "Passport issued",
            f"{_fmt_date(a.passport_issued_on)} {a.division_code or ''}".strip())
        add("oms", "Полис ОМС", "OMS policy", f"{a.oms_number or ''} ({a.oms_region or '—'})")
        if a.snils:
            add("snils", "СНИЛС", "SNILS", a.snils)
        add("consent", "Согласие на биометрию", "Biometric consent", "да / yes" if a.biometric_consent else
            "нет / no")
        for key, ru, en in (("mrz_1", "МЧЗ, строка 1", "MRZ line 1"), ("mrz_2", "МЧЗ, строка 2", "MRZ line 2"),
                            ("mrz_checks", "МЧЗ: контрольные цифры", "MRZ check digits")):
            if key in read:
                add(key, ru, en, "")
        if child is not None:
            reg = registry.child if registry is not None else None
            add("child_last_name", "Ребёнок: фамилия", "Child: last name", child.last_name,
                reg.get("last_name") if reg else None, names=True)
            add("child_first_name", "Ребёнок: имя", "Child: first name", child.first_name,
                reg.get("first_name") if reg else None, names=True)
            add("child_middle_name", "Ребёнок: отчество", "Child: middle name", child.middle_name or "",
                (reg.get("middle_name") or "") if reg else None, names=True)
            reg_birth = None
            if reg and reg.get("birth_date"):
                reg_birth = _fmt_date(datetime.fromisoformat(reg["birth_date"]).date())
            add("child_birth_date", "Ребёнок: дата рождения", "Child: birth date", _fmt_date(child.birth_date),
                reg_birth)
            add("certificate", "Свидетельство о рождении", "Birth certificate",
                f"{child.certificate_series or ''} {child.certificate_number or ''} "
                f"{_fmt_date(child.certificate_issued_on)} {child.certificate_country or ''}".strip(),
                None if registry is None else
                f"{registry.certificate_series} {registry.certificate_number} {_fmt_date(registry.issued_on)} RU")
        return rows

    @_db_errors
    def load_image(self, actor: Actor, application_id: str, role: str) -> bytes:
        now = self.app.clock.now()
        with self.app.uow() as s:
            self._viewable(s, actor, application_id)
            doc = s.scalar(select(Document).where(Document.application_id == application_id, Document.role == role))
            if doc is None:
                raise NotFound(f"application {application_id} has no {role} image")
            if doc.purged_at is not None:
                raise NotFound(f"the {role} image of application {application_id} was purged (retention)",
                               code="purged")
            # Same convention as the supervisor's case view: the document by hash, the application in details.
            audit.record(s, at=now, actor=actor.name, action="image.open", target_type="document",
                         target_id=doc.sha256, details={"application_id": application_id, "role": role})
            sha, filename = doc.sha256, doc.filename
        data = integrity.read_document(self.app, sha, reader=actor.name, application_id=application_id, role=role)
        return integrity.gated_image(self.app, data, filename, role)

    def _matcher_instance(self):
        if self._matcher is None:
            from reviewer_app.services.prescore_worker import default_matcher

            self._matcher = LockedMatcher(self._matcher_factory() if self._matcher_factory
                                          else default_matcher(self.app))
        return self._matcher

    @_db_errors
    def prescore(self, actor: Actor, application_id: str) -> PreScore | None:
        """The latest stored pre-score; computed here (through the worker's own `process_item`, so it is stored
        and audited the same way) when no worker has scored the application yet."""
        from reviewer_app.services import prescore_worker

        with self.app.sessions() as s:  # only the holder (or an auditor) may see or trigger a pre-score
            self._viewable(s, actor, application_id)
        stored = self._stored_prescore(application_id)
        if stored is not None:
            return stored
        worker = f"desk:{actor.name}:{uuid.uuid4().hex[:6]}"
        now = self.app.clock.now()
        A = Application
        with self.app.uow() as s:
            leased = s.execute(
                update(A).where(A.id == application_id,
                                or_(A.prescore_state.in_(("", "failed")),
                                    (A.prescore_state == "processing") & (A.prescore_lease_until < now)))
                .values(prescore_state="processing", prescore_worker=worker,
                        prescore_lease_until=now + timedelta(seconds=PRESCORE_LEASE_SECONDS))
                .returning(A.id).execution_options(synchronize_session=False)).first()
        if leased is not None:
            prescore_worker.process_item(self.app, self._matcher_instance(), application_id, worker)
            return self._stored_prescore(application_id)
        # A worker is on it right now: wait a little for its result rather than computing twice.
        deadline = time.monotonic() + PRESCORE_WAIT_SECONDS
        while time.monotonic() < deadline:
            stored = self._stored_prescore(application_id)
            if stored is not None:
                return stored
            time.sleep(0.25)
        return None

    def _stored_prescore(self, application_id: str) -> PreScore | None:
        with self.app.sessions() as s:
            latest = latest_prescore(s, application_id)
            result = latest.result if latest is not None else None
        return PreScore.from_dict(result) if result is not None else None

    def reject_reasons(self) -> list[RejectReason]:
        return list(REASONS)

    @_db_errors
    def decide(self, actor: Actor, request: DecisionRequest) -> DecisionResult:
        # An Approve passes no "check by hand" result the reviewer has not acknowledged (the session asks first).
        with self.app.sessions() as s:
            manual = s.scalars(select(CheckResultRow.check_id).where(
                CheckResultRow.application_id == request.application_id,
                CheckResultRow.status == CheckStatus.MANUAL.value)).all()
        pending = unacknowledged_manual(request.outcome, manual, request.acknowledged_checks)
        if pending:
            raise ReviewerError(f"acknowledged_checks: approving {request.application_id} needs the checks to be "
                                f"checked by hand first ({', '.join(pending)}); acknowledge them (K)",
                                code="acknowledge_first")
        r = decisions.decide(self.app, actor, application_id=request.application_id,
                             expected_version=request.expected_version, outcome=request.outcome,
                             reason_code=request.reason_code, comment_applicant=request.comment_applicant,
                             comment_internal=request.comment_internal,
                             acknowledged_checks=request.acknowledged_checks)
        return DecisionResult(r.application_id, r.outcome, r.status, second_review=r.second_review)

    @_db_errors
    def record_mfc_confirmation(self, actor: Actor, application_id: str, *, confirmed_by: str, mfc_office: str,
                                confirmed_on, document_ref: str) -> None:
        mfc.record_confirmation(self.app, actor, application_id, confirmed_by=confirmed_by, mfc_office=mfc_office,
                                confirmed_on=confirmed_on, document_ref=document_ref)
