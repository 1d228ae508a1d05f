"""Issue 21, "Why": the insider's writes, tried under every back-end role, are refused by the database itself
(PostgreSQL only; privileges, column grants and the guards of postgres_roles.sql). And the product still works
under those roles: a reviewer's day through the real service logged in as `reviewer_app_service`.

Each refused write runs in its own transaction and is committed, so a guard checked at commit (the login phone's
audit entry, a failed check kept) has its say too; afterwards the owner finds every row as it was.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pyotp
import pytest
from access import factories as f
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from reviewer_app.db import sql
from reviewer_app.db.models import (
    AccessGrant,
    CheckResultRow,
    DatabaseMeta,
    Decision,
    OtpCredential,
    Staff,
)
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.views import ROLE_SELFIE, DecisionRequest
from reviewer_app.services import audit_anchor, decisions, intake, staff
from reviewer_app.services import supervision as sv
from reviewer_app.services.prescore_worker import run_worker
from tests.integration.queue.test_prescore_worker import FakeMatcher as WorkerMatcher
from tests.integration.service.conftest import PASSWORD, Service
from tests.pg_roles import context_as
from tests.ui.packs import FakeMatcher, write_pack

PHONE, INSIDER_PHONE = "+79161234567", "+79990000000"
#: What a refusal says: a privilege missing, or one of the guards (postgres_roles.sql).
REFUSED = (r"permission denied|are never (deleted|changed)|removed, not rewritten|without a citizen\.phone_change"
           r"|purpose is set once|without its grant\.create|never deleted, reopened|without its staff\.role_change")
BACK_END = (sql.SERVICE_ROLE, sql.APP_ROLE, sql.WORKER_ROLE, sql.LOGIN_ROLE, sql.SMS_ROLE)
DUTY_ROLES = (sql.WORKER_ROLE, sql.LOGIN_ROLE, sql.SMS_ROLE)


@pytest.fixture
def roles(app):
    if app.engine.dialect.name != "postgresql":
        pytest.skip("roles exist only on PostgreSQL")
    names = sql.tagged_names(uuid4().hex[:8])
    yield names
    sql.drop_roles(app.engine, names.values())


@pytest.fixture
def production(app, roles):
    """A production database with a decided application (a login registered for its citizen) and one in review
    with failed checks (a failed face-duplicate search among them); then the roles script."""
    anna = Actor(f.add_staff(app, "anna"), "anna", StaffRole.REVIEWER)
    decided = f.add_application(app, anna.staff_id)
    decisions.decide(app, anna, application_id=decided, expected_version=1, outcome="approve")
    flagged = f.add_application(app, anna.staff_id, passport="4502000009",
                                checks={"passport_format": "fail", "face_duplicate": "fail"})
    ended = f.add_application(app, anna.staff_id, passport="4502000077", phone="+79160000077")
    decisions.decide(app, anna, application_id=ended, expected_version=1, outcome="approve")
    with app.engine.begin() as conn:  # that access was taken back since
        conn.execute(text(f"UPDATE access_grants SET status = 'revoked' WHERE application_id = '{ended}'"))
    sql.apply_roles(app.engine, names=roles)
    return {"decided": decided, "flagged": flagged, "citizen": f.person_key("4502573482")}


def _state(app) -> dict:
    with app.sessions() as s:
        return {
            "phones": s.scalars(select(OtpCredential.phone_e164)).all(),
            "decisions": s.execute(select(Decision.id, Decision.outcome, Decision.second_review)).all(),
            "failed": s.execute(select(CheckResultRow.application_id, CheckResultRow.check_id)
                                .where(CheckResultRow.status == "fail").order_by(CheckResultRow.id)).all(),
            "roles": s.execute(select(Staff.name, Staff.role)).all(),
            "grants": s.execute(select(AccessGrant.id, AccessGrant.status, AccessGrant.subject_key,
                                       AccessGrant.valid_until).order_by(AccessGrant.id)).all(),
            "purpose": s.get(DatabaseMeta, "purpose"),
        }


def _insider_writes(ids: dict, role: str) -> list[str]:
    flagged, decided, citizen = ids["flagged"], ids["decided"], ids["citizen"]
    writes = [
        # the citizen's codes to the insider's phone
        f"UPDATE otp_credentials SET phone_e164 = '{INSIDER_PHONE}' WHERE phone_e164 = '{PHONE}'",
        # rewrite or remove what was decided, or confirm one's own decision as its second reviewer
        "UPDATE decisions SET outcome = 'reject'",
        "UPDATE decisions SET comment_internal = 'nothing to see'",
        "DELETE FROM decisions",
        "UPDATE decisions SET second_review = 'confirmed', second_reviewer_id = staff_id",
        # make a flagged application look clean
        f"UPDATE check_results SET status = 'pass' WHERE application_id = '{flagged}' AND status = 'fail'",
        f"DELETE FROM check_results WHERE application_id = '{flagged}' AND check_id = 'passport_format'",
        f"DELETE FROM check_results WHERE application_id = '{flagged}' AND check_id = 'face_duplicate'",
        # turn production into a training database
        "INSERT INTO database_meta (key, value) VALUES ('purpose', 'training')",
    ]
    writes += [  # open someone's record: a grant of one's own, or another record, period or a revoked grant again
        "INSERT INTO access_grants (holder_key, subject_kind, subject_key, subject_name, subject_birth_date, "
        f"application_id, status, valid_from, created_at) VALUES ('{citizen}', 'self', '{citizen}', 'x', "
        f"'1990-05-17', '{decided}', 'active', '2026-11-27', now())",
        "UPDATE access_grants SET subject_key = 'someone else'",
        "UPDATE access_grants SET valid_until = '2099-01-01'",
        "UPDATE access_grants SET status = 'active' WHERE status = 'revoked'",
        "DELETE FROM access_grants",
    ]
    # promote oneself, or make an account password-only (no TOTP)
    writes += ["UPDATE staff SET role = 'admin'", "UPDATE staff SET service = true"]
    if role in DUTY_ROLES:  # the service signs staff in (it reads the seeds); the duties never touch staff
        writes += ["SELECT totp_secret_encrypted FROM staff"]
    return writes


@pytest.mark.parametrize("role", BACK_END)
def test_every_insider_write_is_refused_under_each_role(app, roles, production, role) -> None:
    before = _state(app)
    ctx = context_as(app, roles[role])
    try:
        for statement in _insider_writes(production, role):
            with pytest.raises(DBAPIError, match=REFUSED), ctx.engine.begin() as conn:  # committed: guards at
                conn.execute(text(statement))  # commit time speak too
    finally:
        ctx.close()
    assert _state(app) == before
    assert PHONE in before["phones"] and len(before["failed"]) == 2 and before["purpose"] is None
    assert [g.status for g in before["grants"]] == ["active", "revoked"]


def test_the_guards_hold_for_the_owner_too(app, production) -> None:
    """The table owner (here a superuser) is refused as well: only reviewer_app_maintenance passes."""
    before = _state(app)
    for statement in _insider_writes(production, sql.SERVICE_ROLE):
        with pytest.raises(DBAPIError, match=REFUSED), app.engine.begin() as conn:
            conn.execute(text(statement))
    assert _state(app) == before


def test_a_forged_audit_entry_lets_the_phone_move_but_audit_verify_names_it(app, roles, production) -> None:
    """The guard wants the move's audit entry; an insider with the service's database account but not the audit
    key can write one only with a seal that does not match, and the keyed chain names it."""
    from reviewer_app.services import audit
    assert audit.verify_database(app.engine, key=app.audit_key)[1] is None
    svc = context_as(app, roles[sql.SERVICE_ROLE])
    try:
        with svc.engine.begin() as conn:
            last = conn.execute(text("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1")).one()
            conn.execute(text(
                "INSERT INTO audit_events (id, at, actor, action, target_type, target_id, details, prev_hash, hash) "
                "VALUES (:id, now(), 'anna', 'citizen.phone_change', 'citizen', :target, :details, :prev, :seal)"),
                {"id": last.id + 1, "target": production["citizen"][:16], "prev": last.hash, "seal": "f" * 64,
                 "details": '{"new_phone_last4": "0000"}'})
            conn.execute(text(f"UPDATE otp_credentials SET phone_e164 = '{INSIDER_PHONE}' "
                              f"WHERE phone_e164 = '{PHONE}'"))
    finally:
        svc.close()
    _count, brk = audit.verify_database(app.engine, key=app.audit_key)
    assert brk is not None and brk.entry_id == last.id + 1


def test_the_maintenance_role_may_repair(app, roles, production) -> None:
    with app.engine.begin() as conn:
        conn.execute(text(f'SET LOCAL ROLE "{roles[sql.MAINTENANCE_ROLE]}"'))
        conn.execute(text("UPDATE decisions SET comment_internal = 'archived'"))
        conn.execute(text(f"DELETE FROM check_results WHERE application_id = '{production['flagged']}' "
                          "AND check_id = 'face_duplicate'"))
    with app.sessions() as s:
        assert set(s.scalars(select(Decision.comment_internal))) == {"archived"}


def test_the_purpose_is_written_once_into_an_empty_database(app, roles) -> None:
    """`reviewer-app train` marks its fresh database under the service's role; nobody changes the mark after."""
    from reviewer_app.services import training
    sql.apply_roles(app.engine, names=roles)
    svc = context_as(app, roles[sql.SERVICE_ROLE])
    try:
        training.mark_training(svc)
        assert svc.is_training_db
        for statement in ("UPDATE database_meta SET value = 'production' WHERE key = 'purpose'",
                          "DELETE FROM database_meta WHERE key = 'purpose'",
                          "UPDATE database_meta SET key = 'was_purpose' WHERE key = 'purpose'"):
            with pytest.raises(DBAPIError, match=REFUSED), svc.engine.begin() as conn:
                conn.execute(text(statement))
    finally:
        svc.close()


def test_a_reviewers_day_under_the_back_end_roles(app, roles, clock, tmp_path) -> None:
    """Staff, intake and the whole day under reviewer_app_service, the pre-scores under reviewer_worker: sign-in
    over HTTP, claim, open, images, decide; a supervisor sets approvals aside and confirms one; a change of phone
    moves the login codes with its audit entry; the audit chain stays intact."""
    sql.apply_roles(app.engine, names=roles)
    audit_anchor.init_anchor(app)  # the auditor's account, once
    clock.current = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    svc = context_as(app, roles[sql.SERVICE_ROLE])
    worker = context_as(app, roles[sql.WORKER_ROLE])
    service = None
    try:
        admin = staff.add_staff(svc, None, name="root", role="admin", password="Admin-pass-123")
        root = Actor(admin.staff_id, "root", StaffRole.ADMIN)
        secrets = {name: staff.add_staff(svc, root, name=name, role=role, password=PASSWORD).secret
                   for name, role in (("anna", "reviewer"), ("olga", "supervisor"))}
        for n in (1, 2):
            assert intake.import_pack(svc, write_pack(tmp_path / "packs", n)).status == "imported"
        assert run_worker(worker, matcher=WorkerMatcher(), once=True, batch=5).done == 2

        service = Service(svc, FakeMatcher()).start()
        from reviewer_app.client import HttpDeskService
        desk = HttpDeskService(service.url, retry_delays=(0.1,))
        try:
            clock.advance(seconds=30)
            anna = desk.login("anna", PASSWORD, pyotp.TOTP(secrets["anna"]).at(int(clock.now().timestamp())))
            made = []
            for outcome in ("approve", "reject"):  # the packs share a phone: one login, one approval
                app_id = desk.claim_next(anna)
                view = desk.open_application(anna, app_id)
                assert desk.load_image(anna, app_id, ROLE_SELFIE)[:2] == b"\xff\xd8"
                by_hand = tuple(c.id for c in view.checks if c.status == "manual")  # checked, as the desk asks
                made.append(desk.decide(anna, DecisionRequest(
                    app_id, view.version, outcome, reason_code="photo_unclear" if outcome == "reject" else None,
                    acknowledged_checks=by_hand)))
            assert [r.status for r in made] == ["decided", "decided"]
        finally:
            desk.close()

        # A change of phone: the login codes move, with their audit entry, under the service's role.
        anna_actor = Actor(svc_staff_id(svc, "anna"), "anna", StaffRole.REVIEWER)
        own = f.add_application(app, anna_actor.staff_id, passport="4502111111", phone="+79160000001",
                               app_id="EMK-2026-900001")
        first = decisions.decide(svc, anna_actor, application_id=own, expected_version=1, outcome="approve")
        change = f.add_application(app, anna_actor.staff_id, passport="4502111111", kind="change_access",
                                   phone="+79035550011", app_id="EMK-2026-900002")
        moved = decisions.decide(svc, anna_actor, application_id=change, expected_version=1, outcome="approve")
        assert moved.phone_change == ("+79160000001", "+79035550011")

        with app.sessions() as s:
            approved = s.scalar(select(Decision.id).where(Decision.application_id == made[0].application_id))
        olga = Actor(svc_staff_id(svc, "olga"), "olga", StaffRole.SUPERVISOR)
        assert set(sv.set_aside_sample(svc, olga, share=1.0)) == {approved, first.decision_id, moved.decision_id}
        sv.confirm(svc, olga, approved, "agreed")
        sv.overturn(svc, olga, first.decision_id, "the photo is of someone else")
    finally:
        if service is not None:
            service.stop()
        svc.close()
        worker.close()
    with app.sessions() as s:
        assert s.execute(select(Decision.second_review).where(Decision.id.in_([approved, first.decision_id]))
                         .order_by(Decision.id)).scalars().all() == ["confirmed", "overturned"]
        assert "+79035550011" in s.scalars(select(OtpCredential.phone_e164)).all()
    report = audit_anchor.verify(app)
    assert report.brk is None and not report.anchor_missing and report.count > 0


def svc_staff_id(ctx, name: str) -> int:
    with ctx.sessions() as s:
        return s.scalar(select(Staff.id).where(Staff.name == name))


def test_db_grants_says_what_each_role_may_do(tmp_path, capsys) -> None:
    from reviewer_app.cli import main
    assert main(["--db-url", f"sqlite:///{tmp_path / 'x.db'}", "--data-dir", str(tmp_path), "db", "grants",
                 "--print"]) == 0
    out = capsys.readouterr().out
    head = out[:out.index("DO $$")]
    for role in sql.DEFAULT_ROLES:
        assert f"--   {role}" in head  # a line of the table for each back-end role
    assert "desks have no role" in head and "CREATE ROLE %I LOGIN" in out
    assert "reviewer_desk" not in head
