"""Test rows for the access tests: staff, and applications in review claimed by a staff member."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from itertools import count

from reviewer_app.db.models import (
    Applicant,
    Application,
    CheckResultRow,
    Child,
    Claim,
    DatabaseMeta,
    FacePrescore,
    Staff,
)

_seq = count(1)


def add_staff(app, name: str, role: str = "reviewer") -> int:
    with app.uow() as s:
        row = Staff(name=name, role=role, password_hash="x", created_at=app.clock.now())
        s.add(row)
        s.flush()
        return row.id


def mark_training(app) -> None:
    with app.uow() as s:
        s.merge(DatabaseMeta(key="purpose", value="training"))
    app.__dict__.pop("is_training_db", None)  # cached_property: forget the old answer


def person_key(passport: str) -> str:
    return hashlib.sha256(f"passport:{passport}".encode()).hexdigest()


def add_application(app, staff_id: int | None, *, kind: str = "own_access", phone: str | None = "+79161234567",
                    passport: str = "4502573482", birth_date: date = date(1990, 5, 17),
                    child_birth: date | None = None, child_cert: str = "123456",
                    checks: dict[str, str] | None = None, band: str | None = None,
                    status: str = "in_review", app_id: str | None = None, compared: bool = True) -> str:
    """An application (+ applicant, + child for child kinds) in review, claimed by `staff_id` for 10 minutes;
    `compared`: the faces were compared (a face_duplicate result stored), else the comparison is still to come."""
    n = next(_seq)
    app_id = app_id or f"EMK-2026-{n:06d}"
    now = app.clock.now()
    with app.uow() as s:
        s.add(Application(
            id=app_id, kind=kind, status=status, submitted_at=now - timedelta(days=1), received_at=now,
            sla_deadline=(now + timedelta(days=5)).date(), person_key=person_key(passport),
            pack_json={"id": app_id}, pack_sha256=hashlib.sha256(app_id.encode()).hexdigest(),
            rule_version="2026-01", claimed_by=staff_id if status == "in_review" else None,
            lease_expires_at=now + timedelta(minutes=10) if status == "in_review" else None, version=1))
        s.flush()
        s.add(Applicant(application_id=app_id, last_name="Иванова", first_name="Мария", middle_name="Петровна",
                        birth_date=birth_date, phone_e164=phone, passport_series=passport[:4],
                        passport_number=passport[4:]))
        if child_birth is not None:
            s.add(Child(application_id=app_id, last_name="Иванов", first_name="Пётр", middle_name="Сергеевич",
                        birth_date=child_birth, certificate_series="IV-МЮ", certificate_number=child_cert,
                        certificate_issued_on=child_birth + timedelta(days=20), certificate_country="RU"))
        if staff_id is not None and status == "in_review":
            s.add(Claim(application_id=app_id, staff_id=staff_id, claimed_at=now - timedelta(minutes=2),
                        lease_expires_at=now + timedelta(minutes=10)))
        if checks is None:  # a child's kinship confirmed by the registry, as intake would find it
            checks = {"passport_format": "pass", **({"kinship": "pass"} if child_birth is not None else {})}
        # the faces compared (worker): the face-duplicate search found no one else, unless a test says otherwise
        checks = {**checks, "face_duplicate": checks.get("face_duplicate", "pass")} if compared else checks
        for check_id, st in checks.items():
            s.add(CheckResultRow(application_id=app_id, check_id=check_id, status=st, message_ru="проверка",
                                 message_en="check", details={}, rule_version="2026-01", computed_at=now))
        if band is not None:
            s.add(FacePrescore(application_id=app_id, model_version="test", score=80.0 if band == "match" else 20.0,
                               distance=0.4, band=band, result={"band": band}, computed_at=now))
    return app_id


def intake_compared(app, folder):
    """Intake, then the faces compared as the worker would (no one else has this face): for tests about routes
    and records, not about waiting for the comparison (an Approve waits for it: decision_plan.not_run_problems)."""
    from reviewer_app.services.intake import import_pack

    out = import_pack(app, folder)
    if getattr(out, "application_id", None) and getattr(out, "status", "") == "imported":
        with app.uow() as s:
            s.add(CheckResultRow(application_id=out.application_id, check_id="face_duplicate", status="pass",
                                 message_ru="Других заявлений с этим лицом нет", message_en="No other application "
                                 "has this face", details={}, rule_version="test", computed_at=app.clock.now()))
    return out
