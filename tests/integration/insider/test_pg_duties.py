"""Separation of duties on PostgreSQL: the reviewer service, workers, the citizen login and the SMS sender under
their own roles (desks have none: they talk to the service).

Each role runs its real service code (the engine does SET ROLE on every connection), and is refused what its
work does not need: above all, the service cannot read one-time codes, login secrets or SMS texts. The roles get
names unique to the test (roles are global to the server) and are dropped afterwards.
"""

from __future__ import annotations

import re
from uuid import uuid4

import pytest
from access import factories as f
from access.fakes import FakeGateway
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from reviewer_app.db import sql
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import audit_anchor, citizen_login, decisions, intake
from reviewer_app.services import sms_dispatch as sd
from reviewer_app.services.prescore_worker import run_worker
from reviewer_app.sms import HttpSmsGateway
from tests.integration.intake.test_intake import make_pack
from tests.integration.queue.test_prescore_worker import FakeMatcher
from tests.pg_roles import context_as as as_role

PHONE = "+79161234567"


@pytest.fixture
def roles(app):
    if app.engine.dialect.name != "postgresql":
        pytest.skip("roles exist only on PostgreSQL")
    names = sql.tagged_names(uuid4().hex[:8])
    sql.apply_roles(app.engine, names=names)
    yield names
    sql.drop_roles(app.engine, names.values())


def _denied(ctx, statement: str) -> None:
    with pytest.raises(DBAPIError, match="permission denied"), ctx.engine.connect() as conn:
        conn.execute(text(statement))


def test_each_service_works_under_its_own_role(app, roles, tmp_path) -> None:
    audit_anchor.init_anchor(app)  # a new installation initialises its audit anchor
    # The operator's console imports a pack; the owner adds a reviewer with an application in review.
    intake.import_pack(app, make_pack(tmp_path, "p1"))
    reviewer = Actor(f.add_staff(app, "anna"), "anna", StaffRole.REVIEWER)
    app_id = f.add_application(app, reviewer.staff_id)

    worker = as_role(app, roles["reviewer_worker"])
    assert run_worker(worker, matcher=FakeMatcher(), once=True, batch=5).done >= 1

    svc = as_role(app, roles[sql.SERVICE_ROLE])
    decisions.decide(svc, reviewer, application_id=app_id, expected_version=1, outcome="approve")

    login = as_role(app, roles["reviewer_login"])
    sent = citizen_login.request_code(login, PHONE)

    sender = as_role(app, roles["reviewer_sms"])
    gw = FakeGateway()
    try:
        assert sd.dispatch_due(sender, HttpSmsGateway(gw.url, timeout=5)).sent == 2
        texts = [r["body"]["text"] for r in gw.requests]
    finally:
        gw.close()
    code = re.search(r"\d{6}", texts[-1]).group(0)
    assert citizen_login.verify_code(login, PHONE, code).subject_kind == "self"
    assert sent.outbox_id
    report = audit_anchor.verify(app)
    assert report.brk is None and report.count > 0
    # A decision that moves the login codes locks the citizen's and the login's rows (FOR UPDATE) under the
    # service's role too: its rights on otp_credentials (who, which phone) are enough for that, and the move
    # carries its citizen.phone_change audit entry (the database refuses it at commit otherwise).
    change = f.add_application(app, reviewer.staff_id, kind="change_access", phone="+79035550011")
    moved = decisions.decide(svc, reviewer, application_id=change, expected_version=1, outcome="approve")
    assert moved.phone_change is not None and moved.phone_change[1] == "+79035550011"
    for ctx in (worker, svc, login, sender):
        ctx.close()


def test_the_service_cannot_read_codes_secrets_or_message_texts(app, roles) -> None:
    svc = as_role(app, roles[sql.SERVICE_ROLE])
    for statement in ("SELECT body FROM sms_outbox", "SELECT body_sealed FROM sms_outbox",
                      "SELECT * FROM sms_outbox", "SELECT * FROM otp_challenges",
                      "SELECT secret_encrypted FROM otp_credentials", "SELECT counter FROM otp_credentials",
                      "UPDATE sms_outbox SET phone_e164 = '+79990000000'", "DELETE FROM audit_events",
                      "UPDATE audit_events SET actor = 'x'"):
        _denied(svc, statement)
    with svc.engine.connect() as conn:  # what it does need stays allowed
        conn.execute(text("SELECT id, status FROM sms_outbox"))
        conn.execute(text("SELECT id, phone_e164 FROM otp_credentials"))
    svc.close()


def test_worker_login_and_sender_see_only_their_tables(app, roles) -> None:
    worker = as_role(app, roles["reviewer_worker"])
    for statement in ("SELECT * FROM citizens", "SELECT * FROM otp_credentials", "SELECT id FROM sms_outbox",
                      "SELECT * FROM staff", "UPDATE applications SET status = 'decided'"):
        _denied(worker, statement)
    login = as_role(app, roles["reviewer_login"])
    for statement in ("SELECT * FROM applications", "SELECT * FROM documents", "SELECT * FROM staff",
                      "SELECT body FROM sms_outbox", "SELECT * FROM document_blobs"):
        _denied(login, statement)
    sender = as_role(app, roles["reviewer_sms"])
    for statement in ("SELECT * FROM otp_credentials", "SELECT * FROM otp_challenges", "SELECT * FROM applicants",
                      "SELECT * FROM staff"):
        _denied(sender, statement)
    for ctx in (worker, login, sender):
        ctx.close()


def test_the_worker_role_records_face_duplicates_and_reindexes(app, roles) -> None:
    """The face-duplicate search writes under the worker's role: its descriptors, the face_duplicate checks of
    both applications, a cache entry computed again; and `worker --reindex-faces` runs under it too."""
    from reviewer_app.services.face_reindex import reindex_faces
    from tests.integration.queue.test_face_duplicates import (
        CachingMatcher,
        ReMatcher,
        _as_old_version,
        _check,
        _seed,
        face,
    )

    ids = _seed(app, 2)
    same = {f"{i}:selfie".encode(): face(3) for i in ids}  # one face under two passports
    worker = as_role(app, roles["reviewer_worker"])
    try:
        stats = run_worker(worker, matcher=CachingMatcher(worker, same), once=True, batch=5)
        assert (stats.done, stats.errors) == (2, [])
        assert _check(app, ids[0]).status == _check(app, ids[1]).status == "fail"
        _as_old_version(app, ids)
        again = reindex_faces(worker, matcher=ReMatcher(worker, same))
        assert (again.described, again.failed, again.errors) == (2, 0, [])
        assert _check(app, ids[0]).status == _check(app, ids[1]).status == "fail"
        for statement in ("DELETE FROM decisions", "UPDATE applicants SET last_name = 'x'", "DELETE FROM documents",
                          "UPDATE face_prescores SET band = 'match'"):
            _denied(worker, statement)  # still nothing beyond its work
    finally:
        worker.close()


def test_the_service_role_computes_a_prescore_with_its_face_search(app, roles) -> None:
    """The service computes the pre-score itself when no worker has (`DbDeskService.prescore`, the worker's own
    code): under the service's role that includes the face-duplicate search."""
    from reviewer_app.services.desk_service import DbDeskService
    from tests.integration.queue.test_face_duplicates import CachingMatcher, _check, _seed, face

    ids = _seed(app, 2)
    olga = Actor(f.add_staff(app, "olga", "supervisor"), "olga", StaffRole.SUPERVISOR)
    svc = as_role(app, roles[sql.SERVICE_ROLE])
    try:
        matcher = CachingMatcher(svc, {f"{i}:selfie".encode(): face(4) for i in ids})
        service = DbDeskService(svc, matcher_factory=lambda: matcher)
        for i in ids:
            assert service.prescore(olga, i).band == "match"
        assert _check(app, ids[0]).status == _check(app, ids[1]).status == "fail"
    finally:
        svc.close()


def test_the_service_role_decides_child_applications_and_records_mfc_confirmations(app, roles) -> None:
    """A child's application reads the MFC confirmations when it is decided; a desk records one (through the
    service) from the review page. Both under the service's role."""
    from datetime import date

    from reviewer_app.services import mfc

    reviewer = Actor(f.add_staff(app, "anna"), "anna", StaffRole.REVIEWER)
    unsure = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=date(2019, 2, 11),
                               child_cert="654321")
    visit = f.add_application(app, reviewer.staff_id, kind="child_access", child_birth=date(2019, 2, 11),
                              checks={"kinship": "in_person"})
    svc = as_role(app, roles[sql.SERVICE_ROLE])
    try:
        assert decisions.decide(svc, reviewer, application_id=unsure, expected_version=1, outcome="escalate",
                                comment_internal="unsure").status == "awaiting_second_review"
        assert decisions.decide(svc, reviewer, application_id=visit, expected_version=1,
                                outcome="in_person").status == "in_person_required"
        c = mfc.record_confirmation(svc, reviewer, visit, confirmed_by="Петрова А. А.", mfc_office="МФЦ Арбат",
                                    confirmed_on=app.clock.now().date(), document_ref="МФЦ-2026/1")
        assert c.state == "pending" and not c.requeued
        # Another supervisor verifies it at a desk (issue 22): only the verification columns change.
        olga = Actor(f.add_staff(app, "olga", "supervisor"), "olga", StaffRole.SUPERVISOR)
        assert [p.id for p in mfc.pending_confirmations(svc, olga)] == [c.confirmation_id]
        assert mfc.verify_confirmation(svc, olga, c.confirmation_id).requeued
        _denied(svc, "UPDATE kinship_confirmations SET document_ref = 'x'")
    finally:
        svc.close()


def test_the_service_role_runs_the_supervisor_screens(app, roles) -> None:
    """Supervisors work at desks: escalations, second reviews (confirm and overturn), the decision search and a
    past case, claims, statistics, all under the service's role."""
    from datetime import timedelta

    from reviewer_app.services import stats
    from reviewer_app.services import supervision as sv

    anna = Actor(f.add_staff(app, "anna"), "anna", StaffRole.REVIEWER)
    olga = Actor(f.add_staff(app, "olga", "supervisor"), "olga", StaffRole.SUPERVISOR)
    irina = Actor(f.add_staff(app, "irina", "supervisor"), "irina", StaffRole.SUPERVISOR)
    escalated = f.add_application(app, anna.staff_id, passport="4502000001")
    sampled = [f.add_application(app, anna.staff_id, passport=f"450200001{i}", phone=f"+7916123450{i}")
               for i in range(2)]
    held = f.add_application(app, anna.staff_id, passport="4502000020")
    svc = as_role(app, roles[sql.SERVICE_ROLE])
    try:
        esc = decisions.decide(svc, anna, application_id=escalated, expected_version=1, outcome="escalate",
                               comment_internal="unsure")
        assert decisions.resolve_escalation(svc, olga, esc.decision_id, outcome="approve",
                                            comment_internal="checked").status == "decided"
        done = [decisions.decide(svc, anna, application_id=a, expected_version=1, outcome="approve")
                for a in sampled]
        assert set(sv.set_aside_sample(svc, olga, share=1.0)) >= {d.decision_id for d in done}
        sv.confirm(svc, olga, done[0].decision_id, "agreed")
        sv.overturn(svc, olga, done[1].decision_id, "the photo is of someone else")
        today = svc.clock.now().date()
        page = sv.search_decisions(svc, olga)
        assert len(page.rows) == 4 and sv.decision_makers(svc, olga) == ["anna", "olga"]
        assert sv.open_case(svc, irina, done[1].decision_id).decision.application_id == sampled[1]
        assert [c.application_id for c in sv.current_claims(svc, olga)] == [held]
        sv.release_claim(svc, olga, held)
        assert stats.compute(svc, olga, today - timedelta(days=1), today).total == 4
    finally:
        svc.close()


def test_the_service_role_works_the_queue(app, roles, tmp_path) -> None:
    """A reviewer's loop under the service's role: the queue, a claim, the application and its images, the lease,
    the pre-score computed by the service, and back to the queue."""
    from reviewer_app.domain.views import ROLE_SELFIE
    from reviewer_app.services.desk_service import DbDeskService
    from tests.ui.packs import FakeMatcher as DeskMatcher

    intake.import_pack(app, make_pack(tmp_path, "p1"))
    anna = Actor(f.add_staff(app, "anna"), "anna", StaffRole.REVIEWER)
    svc = as_role(app, roles[sql.SERVICE_ROLE])
    try:
        service = DbDeskService(svc, matcher_factory=DeskMatcher)
        assert len(service.list_queue(anna)) == 1
        app_id = service.claim_next(anna)
        view = service.open_application(anna, app_id)
        assert view.document(ROLE_SELFIE) is not None
        assert service.load_image(anna, app_id, ROLE_SELFIE)[:2] == b"\xff\xd8"  # a JPEG, decrypted
        service.renew_lease(anna, app_id)
        assert service.prescore(anna, app_id) is not None
        service.release(anna, app_id)
        assert service.claim_next(anna) == app_id
    finally:
        svc.close()
