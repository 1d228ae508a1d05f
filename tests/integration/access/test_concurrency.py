"""Two people acting at once: exactly one wins, the other gets a ConflictError (or the lock), nothing doubles."""

import threading

import pyotp
import pytest
from sqlalchemy import func, select

from access import factories as f
from reviewer_app.db.models import AccessGrant, AuditEvent, SmsMessage
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import ConflictError, PermissionDenied
from reviewer_app.services import audit, decisions
from reviewer_app.services import staff as st


def _race(*calls):
    results: list = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i, fn):
        barrier.wait()
        try:
            results[i] = fn()
        except Exception as exc:  # collected and asserted on below
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_supervisors_confirm_at_once_one_grant(app, reviewer, supervisor) -> None:
    second = Actor(f.add_staff(app, "petr", "supervisor"), "petr", StaffRole.SUPERVISOR)
    app_id = f.add_application(app, reviewer.staff_id, band="mismatch")
    d = decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve",
                         comment_internal="older passport photo").decision_id
    results = _race(lambda: decisions.confirm_second_review(app, supervisor, d, "ok"),
                    lambda: decisions.confirm_second_review(app, second, d, "ok"))
    assert sum(isinstance(r, decisions.RecordedDecision) for r in results) == 1
    assert sum(isinstance(r, ConflictError) for r in results) == 1, results
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AccessGrant)) == 1
        assert s.scalar(select(func.count()).select_from(SmsMessage)) == 1
        assert audit.verify_chain(s.scalars(select(AuditEvent).order_by(AuditEvent.id)), app.audit_key)[1] is None


def test_same_totp_code_twice_at_once_lets_one_in(app, clock) -> None:
    enr = st.add_staff(app, None, name="adam", role="admin", password="a long admin password")
    code = pyotp.TOTP(enr.secret).at(int(clock.now().timestamp()))
    results = _race(*[lambda: st.login(app, "adam", "a long admin password", code)] * 2)
    assert sum(isinstance(r, Actor) for r in results) == 1
    assert sum(isinstance(r, PermissionDenied) for r in results) == 1


@pytest.mark.parametrize("n", [6])
def test_parallel_wrong_codes_are_all_counted(app, reviewer, n) -> None:
    from reviewer_app.db.models import OtpCredential
    from reviewer_app.services import citizen_login as cl

    app_id = f.add_application(app, reviewer.staff_id)
    decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")
    cl.request_code(app, "+79161234567")
    with app.sessions() as s:
        body = s.scalar(select(SmsMessage.body).where(SmsMessage.purpose == "otp"))
    wrong = "000000" if "000000" not in body else "111111"
    results = _race(*[lambda: cl.verify_code(app, "+79161234567", wrong)] * n)
    assert all(isinstance(r, cl.LoginRefused) for r in results)
    with app.sessions() as s:
        cred = s.scalar(select(OtpCredential))
    # No lost updates: the lock came after exactly otp_max_failures counted failures.
    assert cred.failures == app.settings.otp_max_failures and cred.locked_until is not None
