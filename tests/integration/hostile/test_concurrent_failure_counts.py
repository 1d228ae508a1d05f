"""Failures under a name or phone that has no account are counted from the audit trail (there is no row to lock):
tries at the same moment must count each other, so the lock comes after exactly as many tries as for a real
account. On SQLite and PostgreSQL (where, uncounted, both tries saw no earlier failure)."""

from __future__ import annotations

import threading
from dataclasses import replace

from reviewer_app.services import audit
from reviewer_app.services import citizen_login as cl
from reviewer_app.services import staff as st


def _two_at_once(monkeypatch, action: str, attempt) -> dict[str, BaseException | None]:
    """Runs `attempt` twice: the second starts while the first, its failure written, has not committed yet."""
    first_written, second_done = threading.Event(), threading.Event()
    real_record = audit.record

    def record(session, **kw):
        entry = real_record(session, **kw)
        if kw.get("action") == action and not first_written.is_set():
            first_written.set()
            second_done.wait(2.0)  # keep the first transaction open while the second try is counted
        return entry

    monkeypatch.setattr(audit, "record", record)
    outcome: dict[str, BaseException | None] = {}

    def run(name: str) -> None:
        try:
            attempt()
            outcome[name] = None
        except Exception as exc:  # the refusal is the result under test
            outcome[name] = exc

    def second() -> None:
        first_written.wait(10)
        run("second")
        second_done.set()

    threads = [threading.Thread(target=run, args=("first",)), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcome


def test_staff_logins_under_an_unknown_name_at_once_count_each_other(app, monkeypatch):
    app.settings = replace(app.settings, staff_max_failures=2)
    outcome = _two_at_once(monkeypatch, "staff.login_failed", lambda: st.login(app, "ghost", "wrong", "000000"))
    assert type(outcome["first"]) is st.LoginFailed
    assert type(outcome["second"]) is st.AccountLocked  # the second failure of two allowed


def test_codes_for_an_unknown_phone_at_once_count_each_other(app, monkeypatch):
    app.settings = replace(app.settings, otp_max_failures=2)
    outcome = _two_at_once(monkeypatch, "otp.fail", lambda: cl.verify_code(app, "+7 903 000-00-00", "000000"))
    assert type(outcome["first"]) is cl.LoginRefused
    assert type(outcome["second"]) is cl.LoginLocked
