"""Intake: application packs in, queued applications out.

`import_pack(app, path)` reads and validates one pack (reviewer_app.packs), stores its images encrypted
(app.store), runs the policy checks (with the person's history and the civil registry from the database),
computes the SLA deadline, and queues it: Application, Applicant, Child, Document and CheckResultRow rows plus
an 'application.intake' audit entry, all in one transaction. A refused pack leaves no rows behind. Images are
put in the store before that transaction (under the store's shared guard until it commits).

Idempotent by application id: the same pack again (same pack_sha256) is skipped; a different pack under a known
id is refused. A pack refused after its images were stored has its new files deleted again (under the store's
guard, so a concurrent import reusing the same bytes keeps them). `pack_sha256` hashes the canonical JSON of
application.json together with the sha256 of every document file, so a changed image is a different pack too.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mimetypes
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reviewer_app.db.models import (
    AccessGrant,
    Applicant,
    Application,
    CheckResultRow,
    Child,
    Document,
)
from reviewer_app.db.registry_table import DbRegistry
from reviewer_app.documents import read_pack_documents
from reviewer_app.domain import application as domain_app
from reviewer_app.domain.actor import SYSTEM, Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import ApplicationStatus
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.history import HistoryEntry, PersonHistory
from reviewer_app.domain.permissions import Permission
from reviewer_app.domain.registry import normalise_certificate_number, normalise_certificate_series
from reviewer_app.matching.colour import is_colour
from reviewer_app.matching.images import document_problems
from reviewer_app.packs import Pack, PackError, read_pack, read_pack_bytes
from reviewer_app.packs.paths import expand_paths
from reviewer_app.policy import run_all_checks
from reviewer_app.policy.sample_dates import DOCUMENT_SHIFT
from reviewer_app.policy.validators import normalise_phone
from reviewer_app.queue.views import OPEN_STATES
from reviewer_app.services import audit, authz, locks, mfc, persons
from reviewer_app.services import grants as g
from reviewer_app.services.context import AppContext
from reviewer_app.services.store_guard import delete_unreferenced, guarded

#: An application in these states makes a new one for the same subject a duplicate: the open ones, and a case
#: waiting for the MFC visit (its parent has an answer and an application in progress).
DUPLICATE_STATES = (*OPEN_STATES, ApplicationStatus.IN_PERSON_REQUIRED.value)

IMPORTED = "imported"
SKIPPED = "skipped"
REFUSED = "refused"


@dataclass(frozen=True)
class IntakeOutcome:
    source: str
    status: str  # imported | skipped | refused
    application_id: str | None = None
    reason: str = ""  # why skipped or refused (names file, field and problem)
    sla_deadline: str | None = None
    checks: dict[str, str] = field(default_factory=dict)  # check id → status, for imported packs


@dataclass
class IntakeSummary:
    outcomes: list[IntakeOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def imported(self) -> int:
        return self.count(IMPORTED)

    @property
    def skipped(self) -> int:
        return self.count(SKIPPED)

    @property
    def refused(self) -> int:
        return self.count(REFUSED)


def pack_sha256(pack: Pack) -> str:
    files = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(pack.files.items())}
    body = json.dumps({"application": pack.raw, "files": files}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _fit(value: str | None, n: int) -> str | None:
    return None if value is None else value[:n]


def _history(session: Session, a: domain_app.Application) -> PersonHistory:
    """Open applications (a case waiting for the MFC included) and active grants of the same person and kind (the
    duplicate rule compares the subject key, which for child access also names the child)."""
    kind = str(a.kind)
    open_apps = []
    for app_id, raw in session.execute(
            select(Application.id, Application.pack_json)
            .where(Application.person_key == a.person_key, Application.kind == kind,
                   Application.status.in_(DUPLICATE_STATES), Application.id != a.id)):
        open_apps.append(HistoryEntry(kind=kind, subject_key=_subject_key(raw, a.person_key), application_id=app_id))
    grants = []
    for app_id, raw in session.execute(
            select(Application.id, Application.pack_json)
            .join(AccessGrant, AccessGrant.application_id == Application.id)
            .where(AccessGrant.holder_key == a.person_key, AccessGrant.status == "active", Application.kind == kind)):
        grants.append(HistoryEntry(kind=kind, subject_key=_subject_key(raw, a.person_key), application_id=app_id))
    return PersonHistory(active_grants=tuple(grants), open_applications=tuple(open_apps))


def _subject_key(raw: dict[str, Any], fallback: str) -> str:
    """The subject key of an earlier application of the person `fallback` (its stored person key)."""
    try:
        return domain_app.Application.from_dict(raw).with_person_key(fallback).subject_key
    except (KeyError, ValueError, TypeError):
        return fallback


def _refused(source: str, reason: str, application_id: str | None = None) -> IntakeOutcome:
    return IntakeOutcome(source=source, status=REFUSED, application_id=application_id, reason=reason)


def _known(session: Session, application_id: str, sha: str, source: str) -> IntakeOutcome | None:
    existing = session.execute(select(Application.pack_sha256).where(Application.id == application_id)).scalar()
    if existing is None:
        return None
    if existing == sha:
        return IntakeOutcome(source=source, status=SKIPPED, application_id=application_id,
                             reason="already imported (same pack)")
    return _refused(source, f"application.json: id: {application_id} is already in the queue with different "
                            f"content (pack {existing[:12]}…, this one {sha[:12]}…); a correction needs a new id",
                    application_id)


def import_pack(app: AppContext, path: str | Path, actor: Actor = SYSTEM, *, rules: Any = None) -> IntakeOutcome:
    """Import one pack; never raises for a bad pack (the outcome says why it was refused).

    Whatever goes wrong with this one pack (its bytes, its images, the database refusing a value) refuses this
    pack only, with a reason that names the file and the field and quotes no personal data; the caller goes on
    with the next one. A refused pack leaves no rows and no document files of its own behind."""
    authz.require(app, actor, Permission.INTAKE)
    return _import_one(app, str(path), lambda: read_pack(path), actor, rules)


def import_pack_bytes(app: AppContext, name: str, data: bytes, actor: Actor) -> IntakeOutcome:
    """Import one pack sent as the bytes of its .zip (the portal's push over the API): the same validation, image
    gate, idempotency and refusals as `import_pack`, the pack read in memory and named `name` (its file name)."""
    authz.require(app, actor, Permission.INTAKE)
    return _import_one(app, name, lambda: read_pack_bytes(name, data), actor, None)


def _import_one(app: AppContext, source: str, read: Callable[[], Pack], actor: Actor, rules: Any) -> IntakeOutcome:
    created: list[str] = []  # document files this import added to the store (deleted again if it is refused)
    try:
        outcome = _import(app, read, source, actor, rules, created)
    except Exception as exc:  # one pack must never stop a run; the message carries no values
        outcome = _refused(source, _unexpected(exc))
    if outcome.status == REFUSED and created:
        with contextlib.suppress(Exception):  # the refusal stands; `retention purge` sweeps what is left
            delete_unreferenced(app, created)
    return outcome


def _unexpected(exc: Exception) -> str:
    """A refusal reason for an error nobody foresaw. Database and driver messages quote the values being
    stored (SNILS, passport, phone), so only the kind of error is named, never its text."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    if isinstance(exc, DBAPIError):
        code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
        return (f"application.json: the database refused the pack ({type(exc.orig).__name__}"
                f"{f', SQLSTATE {code}' if code else ''}); nothing was imported")
    if isinstance(exc, SQLAlchemyError):
        return f"application.json: database error ({type(exc).__name__}); nothing was imported"
    if isinstance(exc, UnicodeError):
        return "application.json: text that cannot be stored (encoding); nothing was imported"
    return f"cannot be imported ({type(exc).__name__}); nothing was imported"


def _check_images(pack: Pack, max_decoded_bytes: int) -> list[str]:
    """Every document must decode through the image gate (kind, bit depth, decoded size): an empty file, an HTML
    page named .jpg or a decompression bomb is refused here, naming the field and the file."""
    return [f"application.json: documents.{role}: {name!r}: {problem}" for role, name, problem in
            document_problems(pack.application.documents.names(), pack.files, max_decoded_bytes=max_decoded_bytes,
                              decode=True)]


def _import(app: AppContext, read: Callable[[], Pack], source: str, actor: Actor, rules: Any,
            created: list[str]) -> IntakeOutcome:
    try:
        pack = read()
    except PackError as exc:
        return _refused(source, "; ".join(str(p) for p in exc.problems) or str(exc))
    except OSError as exc:
        return _refused(source, f"cannot be read: {exc.strerror or type(exc).__name__}")
    a = pack.application
    if DOCUMENT_SHIFT in pack.raw and not app.is_training_db:
        # only the demo/training copy of the sample packs moves dates away from their passport images
        return _refused(source, f"application.json: {DOCUMENT_SHIFT}: accepted only on a training database", a.id)
    bad_images = _check_images(pack, app.settings.image_max_decoded_bytes)
    if bad_images:
        return _refused(source, "; ".join(bad_images), a.id)
    sha = pack_sha256(pack)
    with app.sessions() as s:
        known = _known(s, a.id, sha, source)
    if known is not None:
        return known
    try:
        # Shared guard from the first put until the rows naming the files are committed: a concurrent
        # cleanup or retention purge cannot delete a file this import is reusing.
        with guarded(app.store):
            stored = {}
            for role, name in a.documents.names().items():
                if name in pack.files:
                    data = pack.files[name]
                    digest = hashlib.sha256(data).hexdigest()
                    if not app.store.exists(digest):
                        created.append(digest)
                    stored[role] = (name, app.store.put(data), len(data))
            colour = is_colour(pack.document("selfie_with_passport"))
            documents = read_pack_documents(pack)  # the passport's zone, read before the transaction (slow)
            table = rules if rules is not None else app.rules
            now = app.clock.now()
            with app.uow() as s:
                # One person across passports (services.persons): the application takes the person's key.
                person = persons.resolve(s, persons.person_hmac_key(app), a, normalise_phone(a.applicant.phone
                                                                                             or ""))
                a = a.with_person_key(person.person_key)
                pack = replace(pack, application=a)
                # Two packs of one person imported at once must see each other (the duplicate rule).
                locks.serialise(s, f"intake.person:{a.person_key}")
                report = run_all_checks(a, today=moscow_date(now), table=table, registry=DbRegistry(s),
                                        history=replace(_history(s, a), known_person=person.known),
                                        is_colour=colour, documents=documents)
                corrects = _check_correction(s, a)
                _insert(s, pack, sha, report, stored, now)
                persons.register(s, person, a.id, now)
                kinship = _record_kinship_confirmation(s, a, now)
                audit.record(s, at=now, actor=actor.name, action="application.intake",
                             target_type="application", target_id=a.id,
                             details={"pack_sha256": sha, "source": Path(source).name, "kind": str(a.kind),
                                      "sla_deadline": report.sla_deadline.isoformat(),
                                      "rule_version": report.rule_version,
                                      "checks": {r.id: str(r.status) for r in report.results},
                                      "documents": {role: v[1] for role, v in stored.items()},
                                      **({"kinship_confirmation": kinship} if kinship else {}),
                                      **({"corrects_application_id": corrects} if corrects else {})})
    except IntegrityError:
        # Another intake inserted the same id meanwhile: report it as if it had been there before.
        with app.sessions() as s:
            return _known(s, a.id, sha, source) or _refused(source, "conflicts with a concurrent import", a.id)
    except ReviewerError as exc:  # e.g. a deadline in a year without an adopted production calendar
        return _refused(source, f"application.json: {exc}", a.id)
    return IntakeOutcome(source=source, status=IMPORTED, application_id=a.id,
                         sla_deadline=report.sla_deadline.isoformat(),
                         checks={r.id: str(r.status) for r in report.results})


def _check_correction(s: Session, a: domain_app.Application) -> str | None:
    """A corrected pack's `corrects_application_id`: it must name a returned application of the same person
    that no other pack corrects yet (a ReviewerError naming the field otherwise, and the pack is refused)."""
    target = a.corrects_application_id
    if target is None:
        return None
    field_ = f"corrects_application_id: {target}"
    row = s.execute(select(Application.status, Application.person_key)
                    .where(Application.id == target).with_for_update()).first()
    if row is None:
        raise ReviewerError(f"{field_} does not exist; a corrected pack names the returned application it corrects")
    if row.status != ApplicationStatus.RETURNED.value:
        raise ReviewerError(f"{field_} is {row.status}, not returned for correction; only a returned application "
                            "can be corrected")
    if row.person_key != a.person_key:
        raise ReviewerError(f"{field_} is another person's application; a correction comes from the same applicant")
    other = s.scalar(select(Application.id).where(Application.corrects_application_id == target,
                                                  Application.id != a.id).limit(1))
    if other is not None:
        raise ReviewerError(f"{field_} is already corrected by application {other}")
    return target


def _record_kinship_confirmation(s: Session, a: domain_app.Application, now) -> dict | None:
    """A portal's `child.kinship_confirmation` becomes a recorded MFC confirmation (services.mfc)."""
    c = a.child
    if c is None or c.kinship_confirmation is None:
        return None
    row = s.scalar(select(Child).where(Child.application_id == a.id))
    cid = mfc.record_from_pack(s, application_id=a.id, parent_key=a.person_key, child_key=g.child_key(row),
                               raw=c.kinship_confirmation.raw, now=now)
    return {"confirmation_id": cid, "mfc_office": c.kinship_confirmation.mfc_office,
            "document_ref": c.kinship_confirmation.document_ref, "source": "pack"}


def _insert(s: Session, pack: Pack, sha: str, report, stored: dict[str, tuple[str, str, int]], now) -> None:
    a = pack.application
    ap = a.applicant
    s.add(Application(id=a.id, kind=str(a.kind), status="pending", submitted_at=a.submitted_at, received_at=now,
                      sla_deadline=report.sla_deadline, person_key=a.person_key, pack_json=pack.raw,
                      pack_sha256=sha, rule_version=report.rule_version, prescore_state="",
                      corrects_application_id=a.corrects_application_id))
    s.flush()  # the application row first: children reference it (and a duplicate id fails here)
    p = ap.passport
    s.add(Applicant(
        application_id=a.id, last_name=ap.last_name, first_name=ap.first_name, middle_name=ap.middle_name,
        birth_date=ap.birth_date, phone_e164=_fit((normalise_phone(ap.phone) if ap.phone else None) or ap.phone, 20),
        snils=_fit(ap.snils, 20),
        passport_series=_fit("".join(p.series.split()), 8) if p else None,
        passport_number=_fit("".join(p.number.split()), 12) if p else None,
        passport_issued_on=p.issued_on if p else None, passport_issued_by=_fit(p.issued_by, 300) if p else None,
        division_code=_fit(p.division_code, 10) if p else None,
        oms_number=_fit(ap.oms_policy.number, 32) if ap.oms_policy else None,
        oms_region=_fit(ap.oms_policy.region, 8) if ap.oms_policy else None,
        account_confirmed_at_mfc=ap.account_confirmed_at_mfc, biometric_consent=ap.biometric_consent))
    if a.child is not None:
        c = a.child
        bc = c.birth_certificate
        s.add(Child(
            application_id=a.id, last_name=c.last_name, first_name=c.first_name, middle_name=c.middle_name,
            birth_date=c.birth_date, oms_number=_fit(c.oms_policy.number, 32) if c.oms_policy else None,
            oms_region=_fit(c.oms_policy.region, 8) if c.oms_policy else None,
            certificate_series=_fit(normalise_certificate_series(bc.series), 16) if bc else None,
            certificate_number=_fit(normalise_certificate_number(bc.number), 12) if bc else None,
            certificate_issued_on=bc.issued_on if bc else None,
            certificate_country=_fit(bc.country, 2) if bc else None))
    for role, (name, digest, size) in stored.items():
        s.add(Document(application_id=a.id, role=role[:32], filename=name[:255], sha256=digest, size=size,
                       media_type=mimetypes.guess_type(name)[0] or "application/octet-stream"))
    for r in report.results:
        s.add(CheckResultRow(application_id=a.id, check_id=r.id, status=str(r.status), message_ru=r.message_ru,
                             message_en=r.message_en, details=r.details, rule_version=r.rule_version or
                             report.rule_version, computed_at=now))
    s.flush()


def import_paths(app: AppContext, paths: Iterable[str | Path], actor: Actor = SYSTEM, *,
                 progress: Callable[[int, int, IntakeOutcome], Any] | None = None) -> IntakeSummary:
    """Import every pack under `paths` (packs or folders of packs); one transaction per pack, so a refused
    pack never holds back the others. `progress(done, total, outcome)` is called after each."""
    authz.require(app, actor, Permission.INTAKE)
    packs = expand_paths(paths)
    rules = app.rules
    summary = IntakeSummary()
    for i, path in enumerate(packs, 1):
        outcome = import_pack(app, path, actor, rules=rules)
        summary.outcomes.append(outcome)
        if progress is not None:
            progress(i, len(packs), outcome)
    return summary
