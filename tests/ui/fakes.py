"""An in-memory DeskService for UI tests: same contract as the real one, no database, optional delays."""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from PIL import Image, ImageDraw

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.decision_plan import CheckFact, ChildFacts, DecisionFacts, PersonFacts
from reviewer_app.domain.enums import ApplicationStatus, CheckStatus, StaffRole
from reviewer_app.domain.errors import ConflictError, NotFound, PermissionDenied, ReviewerError
from reviewer_app.domain.prescore import FaceBox, PreScore, QualityFlag
from reviewer_app.domain.reasons import (
    REASONS,  # the fake offers the product's own reasons
    RejectReason,
)
from reviewer_app.domain.screen_plan import plan_for_view, unacknowledged_manual
from reviewer_app.domain.views import (
    ROLE_SCAN,
    ROLE_SELFIE,
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


def _image(w: int, h: int, faces: list[tuple[int, int, int, int]], colour: tuple[int, int, int]) -> bytes:
    img = Image.new("RGB", (w, h), colour)
    draw = ImageDraw.Draw(img)
    for top, right, bottom, left in faces:
        draw.ellipse((left, top, right, bottom), fill=(230, 190, 160), outline=(90, 60, 40), width=3)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


SELFIE_FACES = [(60, 220, 240, 80), (200, 430, 300, 350)]  # live, document (top, right, bottom, left)
SCAN_FACES = [(40, 150, 180, 40)]



@dataclass
class _Row:
    item: QueueItem
    version: int = 1
    failed_check: bool = False
    manual_check: bool = False  # one "check by hand" result (approve needs it acknowledged)
    band: str = "match"
    holder: int | None = None


@dataclass
class FakeDesk:
    """`prescore_delay`/`open_delay` make operations slow (seconds) to test that the UI never freezes."""

    count: int = 5
    prescore_delay: float = 0.0
    open_delay: float = 0.0
    decide_delay: float = 0.0
    training: bool = False
    clock_now: datetime = field(default_factory=lambda: datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    rows: dict[str, _Row] = field(default_factory=dict)
    decisions: list[tuple[str, DecisionRequest]] = field(default_factory=list)
    audit: list[tuple[str, str, str]] = field(default_factory=list)  # (actor, action, target)
    released: list[str] = field(default_factory=list)
    mfc_confirmations: list[tuple] = field(default_factory=list)
    claim_reasons: list[tuple[str, str, str | None]] = field(default_factory=list)  # (actor, id, reason) by id
    login_phone: str | None = None  # where the fake citizen's login codes go (another number: a phone change)
    kinship_status: str = "pass"  # the kinship check of child_access rows ("in_person": the MFC route)
    prescore_calls: int = 0
    decide_calls: int = 0  # every attempt, refused or not
    any_code: bool = False  # accept any TOTP code (screenshot tests log in with a generated one)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._selfie = _image(480, 360, SELFIE_FACES, (90, 130, 200))
        self._scan = _image(200, 260, SCAN_FACES, (210, 200, 190))
        kinds = ["own_access", "child_access", "own_access", "change_access", "own_access"]
        for i in range(self.count):
            app_id = f"EMK-2026-{i + 1:06d}"
            submitted = self.clock_now - timedelta(days=6 - i)
            item = QueueItem(id=app_id, kind=kinds[i % len(kinds)], status=ApplicationStatus.PENDING,
                             submitted_at=submitted, sla_deadline=submitted.date() + timedelta(days=7),
                             band="mismatch" if i == 1 else "match")
            self.rows[app_id] = _Row(item, failed_check=(i == 2), band=item.band or "match")

    # --- session --------------------------------------------------------------------------------------------
    @property
    def is_training(self) -> bool:
        return self.training

    @property
    def lease_seconds(self) -> int:
        return 600

    def now(self) -> datetime:
        return self.clock_now

    def login(self, name: str, password: str, code: str) -> Actor:
        if name == "locked":
            raise PermissionDenied("account 'locked' is locked until 09:15; ask an administrator",
                                   code="account_locked", until=self.clock_now + timedelta(minutes=15))
        if password != "pw" or (code != "123456" and not self.any_code):
            raise PermissionDenied("wrong name, password or code", code="login_failed")
        role = StaffRole.SUPERVISOR if name == "boss" else StaffRole.REVIEWER
        return Actor(staff_id=1 if name != "boss" else 2, name=name, role=role)

    # --- queue ----------------------------------------------------------------------------------------------
    def _sorted(self) -> list[_Row]:
        return sorted(self.rows.values(), key=lambda r: (r.item.sla_deadline, r.item.submitted_at))

    def list_queue(self, actor: Actor, filters: QueueFilter | None = None) -> list[QueueItem]:
        filters = filters or QueueFilter()
        today = self.clock_now.date()
        out = []
        for r in self._sorted():
            if r.item.status not in (ApplicationStatus.PENDING, ApplicationStatus.IN_REVIEW):
                continue
            if r.holder not in (None, actor.staff_id):
                continue
            if filters.kind and r.item.kind != filters.kind:
                continue
            if filters.due_soon and not r.item.is_due_soon(today):
                continue
            out.append(r.item)
        return out

    def _take(self, actor: Actor, r: _Row) -> datetime:
        expires = self.clock_now + timedelta(seconds=self.lease_seconds)
        r.holder = actor.staff_id
        r.item = replace(r.item, status=ApplicationStatus.IN_REVIEW, claimed_by=actor.name,
                         lease_expires_at=expires)
        r.version += 1
        return expires

    def claim_next(self, actor: Actor, kind: str | None = None, *, exclude: tuple[str, ...] = ()) -> str | None:
        with self._lock:
            for r in self._sorted():
                if r.item.status == ApplicationStatus.PENDING and (kind is None or r.item.kind == kind):
                    self._take(actor, r)
                    return r.item.id
        return None

    def claim(self, actor: Actor, application_id: str, *, reason: str | None = None) -> datetime:
        self.claim_reasons.append((actor.name, application_id, reason))
        with self._lock:
            r = self._row(application_id)
            if r.holder not in (None, actor.staff_id):
                raise ConflictError(f"application {application_id} is being reviewed by someone else",
                                    code="not_available")
            return self._take(actor, r)

    def renew_lease(self, actor: Actor, application_id: str) -> datetime:
        r = self._row(application_id)
        if r.holder != actor.staff_id:
            raise ConflictError(f"your lease on {application_id} was lost", code="not_claimed")
        expires = self.clock_now + timedelta(seconds=self.lease_seconds)
        r.item = replace(r.item, lease_expires_at=expires)
        return expires

    def release(self, actor: Actor, application_id: str) -> None:
        r = self._row(application_id)
        if r.holder == actor.staff_id:
            r.holder = None
            r.item = replace(r.item, status=ApplicationStatus.PENDING, claimed_by=None, lease_expires_at=None)
            self.released.append(application_id)

    def _row(self, application_id: str) -> _Row:
        try:
            return self.rows[application_id]
        except KeyError:
            raise NotFound(f"application {application_id} does not exist") from None

    # --- review ---------------------------------------------------------------------------------------------
    def open_application(self, actor: Actor, application_id: str) -> ApplicationView:
        if self.open_delay:
            time.sleep(self.open_delay)
        r = self._row(application_id)
        self.audit.append((actor.name, "application.open", application_id))
        return self._view(application_id, r)

    def reload_application(self, actor: Actor, application_id: str) -> ApplicationView:
        return self._view(application_id, self._row(application_id))

    def _view(self, application_id: str, r: _Row) -> ApplicationView:
        checks = (
            CheckView("age", CheckStatus.PASS, "Возраст 36 лет", "Age 36", {"age": 36}),
            CheckView("oms", CheckStatus.FAIL if r.failed_check else CheckStatus.PASS,
                      "Полис ОМС: неверная контрольная цифра" if r.failed_check else "Полис ОМС верен",
                      "OMS policy: bad check digit" if r.failed_check else "OMS policy valid",
                      {"number": "7700 **** **** 0000"}),
            CheckView("passport_valid", CheckStatus.WARN, "Паспорт скоро истекает", "Passport expires soon"),
        ) + ((CheckView("photo", CheckStatus.MANUAL, "Цветность фото не определена: проверьте на глаз",
                        "Photo colour unknown: check by eye"),) if r.manual_check else ())
        if r.item.kind == "child_access":
            checks += (CheckView("kinship", self.kinship_status, "Родство: " + self.kinship_status,
                                 "Kinship: " + self.kinship_status, {"country": "KZ"}),)
        fields = (
            FieldRow("last_name", "Фамилия", "Last name", "Иванова", "Иванова"),
            FieldRow("first_name", "Имя", "First name", "Мария", "Марья" if r.failed_check else "Мария",
                     mismatch=r.failed_check),
            FieldRow("birth_date", "Дата рождения", "Birth date", "17.05.1990", "17.05.1990"),
            FieldRow("phone", "Телефон", "Phone", "+7 916 123-45-67"),
        )
        return ApplicationView(
            id=application_id, kind=r.item.kind, status=r.item.status, version=r.version,
            submitted_at=r.item.submitted_at, sla_deadline=r.item.sla_deadline,
            applicant_name="Иванова Мария Петровна", lease_expires_at=r.item.lease_expires_at,
            rule_version="2026-01", fields=fields, checks=checks, prescore=None, prescore_state="",
            documents=(DocumentView(ROLE_SELFIE, "selfie.png", "a" * 64, len(self._selfie), "image/png"),
                       DocumentView(ROLE_SCAN, "passport.png", "b" * 64, len(self._scan), "image/png")),
            history=(HistoryItem("application", "EMK-2025-000001", "own_access", "decided", date(2025, 3, 1),
                                 "reject"),
                     HistoryItem("grant", "1", "self", "revoked", date(2025, 4, 1), "Иванова М. П.")),
            decision_on=self.clock_now.date(),
            decision_facts=DecisionFacts(
                application_id=application_id, kind=r.item.kind, person_key="fake-person",
                applicant=PersonFacts("Иванова", "Мария", "Петровна", date(1990, 5, 17), "+79161234567"),
                child=ChildFacts("Иванов", "Пётр", None, date(2019, 2, 11), "fake-child")
                if r.item.kind == "child_access" else None,
                checks=tuple(CheckFact(c.id, c.status, c.message_ru, c.message_en, dict(c.details)) for c in checks),
                band=r.band, sla_deadline=r.item.sla_deadline, login_phone=self.login_phone),
        )

    def load_image(self, actor: Actor, application_id: str, role: str) -> bytes:
        self._row(application_id)
        self.audit.append((actor.name, "image.open", f"{application_id}/{role}"))
        if role == ROLE_SELFIE:
            return self._selfie
        if role == ROLE_SCAN:
            return self._scan
        raise NotFound(f"application {application_id} has no {role} image")

    def prescore(self, actor: Actor, application_id: str) -> PreScore | None:
        self.prescore_calls += 1
        if self.prescore_delay:
            time.sleep(self.prescore_delay)
        return self._prescore_of(self._row(application_id))

    def _prescore_of(self, r: _Row) -> PreScore:
        t, rt, b, lf = SELFIE_FACES[0]
        t2, r2, b2, l2 = SELFIE_FACES[1]
        ts, rs, bs, ls = SCAN_FACES[0]
        score = 82.0 if r.band == "match" else 21.0
        return PreScore(
            band=r.band, score=score, distance=0.4,
            faces=(FaceBox("selfie", "live", t, rt, b, lf), FaceBox("selfie", "document", t2, r2, b2, l2),
                   FaceBox("scan", "scan", ts, rs, bs, ls)),
            flags=(QualityFlag("small_document_face", "Лицо в паспорте мелкое", "Document face is small"),),
            summary_ru="Лица похожи" if r.band == "match" else "Лица различаются",
            summary_en="Faces look alike" if r.band == "match" else "Faces differ", model="fake-1",
        )

    def reject_reasons(self) -> list[RejectReason]:
        return list(REASONS)

    def decide(self, actor: Actor, request: DecisionRequest) -> DecisionResult:
        self.decide_calls += 1
        if self.decide_delay:
            time.sleep(self.decide_delay)
        with self._lock:
            r = self._row(request.application_id)
            if r.holder != actor.staff_id:
                raise ConflictError(f"you no longer hold {request.application_id}", code="not_claimed")
            if request.expected_version != r.version:
                raise ConflictError(f"application {request.application_id} changed since you opened it", code="changed")
            if unacknowledged_manual(request.outcome, ("photo",) if r.manual_check else (),
                                     request.acknowledged_checks):
                raise ReviewerError(f"approving {request.application_id} needs the check by hand acknowledged",
                                    code="acknowledge_first")
            # The product's own decision plan says what is allowed and where the application goes.
            view = replace(self._view(request.application_id, r), prescore=self._prescore_of(r))
            plan = plan_for_view(view, request.outcome, request.reason_code, request.comment_applicant,
                                 request.comment_internal)
            if not plan.allowed:
                raise ReviewerError(plan.error or "refused",
                                    code="decision_blocked" if plan.blocked else "decision_incomplete",
                                    en=plan.blocked, ru=plan.blocked_ru)
            status, override = plan.status, plan.second_review
            r.item = replace(r.item, status=status, claimed_by=None, lease_expires_at=None)
            r.holder = None
            r.version += 1
            self.decisions.append((actor.name, request))
        return DecisionResult(request.application_id, request.outcome, status, second_review=override)


    def record_mfc_confirmation(self, actor: Actor, application_id: str, *, confirmed_by: str, mfc_office: str,
                                confirmed_on, document_ref: str) -> None:
        if self._row(application_id).item.kind != "child_access":  # as services.mfc refuses it
            raise ReviewerError(f"application {application_id}: not child_access", code="not_child_access")
        self.mfc_confirmations.append((application_id, confirmed_by, mfc_office, confirmed_on, document_ref))
