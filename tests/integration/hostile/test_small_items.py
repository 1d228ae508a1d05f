"""Issue 14, item 8: tampered documents audited and shown to supervisors, and the smaller items of point 10.
On SQLite and PostgreSQL where the database is involved."""

from __future__ import annotations

import io
import json
import os
import sys
from datetime import timedelta

import pytest
from access import factories as f
from argon2 import PasswordHasher
from sqlalchemy import select, update

from reviewer_app.cli import main
from reviewer_app.db.models import Application, AuditEvent, Document
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import DocumentIntegrityError, PermissionDenied
from reviewer_app.packs import PackError, read_pack
from reviewer_app.queue import prescore as pq
from reviewer_app.services import audit, integrity, staff
from reviewer_app.services.desk_service import DbDeskService
from reviewer_app.services.intake import import_pack
from tests.cli_login import service_account
from tests.integration.intake.test_intake import make_pack


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch):
    monkeypatch.setattr(staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


# --- tampered documents --------------------------------------------------------------------------------------


def test_a_tampered_document_is_audited_and_listed_for_supervisors(app, tmp_path, db_url, data_dir, capsys,
                                                                   monkeypatch):
    assert import_pack(app, make_pack(tmp_path, "p1")).status == "imported"
    anna = Actor(f.add_staff(app, "anna", "reviewer"), "anna", StaffRole.REVIEWER)
    with app.uow() as s:
        s.execute(update(Application).values(status="in_review", claimed_by=anna.staff_id,
                                             lease_expires_at=app.clock.now() + timedelta(minutes=10)))
        sha = s.scalar(select(Document.sha256).where(Document.role == "selfie_with_passport"))
    path = app.store.path_for(sha)
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 0x01  # one bit flipped on disk
    os.chmod(path, 0o600)
    path.write_bytes(bytes(blob))
    with pytest.raises(DocumentIntegrityError):
        DbDeskService(app).load_image(anna, "EMK-2026-000123", "selfie_with_passport")
    with app.sessions() as s:
        entry = s.scalar(select(AuditEvent).where(AuditEvent.action == "document.integrity_failed"))
    assert entry is not None and entry.target_id == sha and entry.actor == "anna"
    assert entry.details["application_id"] == "EMK-2026-000123"
    assert audit.verify_database(app.engine, key=app.audit_key)[1] is None
    olga = Actor(f.add_staff(app, "olga", "supervisor"), "olga", StaffRole.SUPERVISOR)
    [alert] = integrity.integrity_failures(app, olga)
    assert (alert.sha256, alert.role, alert.reader) == (sha, "selfie_with_passport", "anna")
    with pytest.raises(PermissionDenied):
        integrity.integrity_failures(app, anna)
    service_account(app, monkeypatch, role="supervisor")
    assert main(["--db-url", db_url, "--data-dir", str(data_dir), "audit", "alerts"]) == 1
    assert f"TAMPERED {sha[:16]}" in capsys.readouterr().out


# --- terminal escapes ----------------------------------------------------------------------------------------


def test_audit_show_neutralises_terminal_escapes(app, db_url, data_dir, capsys, monkeypatch):
    evil = "ev\x1b]0;pwned\x07il\x1b[2J\x9b31m\u202e"
    with app.uow() as s:
        audit.record(s, at=app.clock.now(), actor=evil, action="staff.login_failed", target_type="staff",
                     target_id=evil, details={"problem": evil})
    service_account(app, monkeypatch, role="supervisor")
    argv = ["--db-url", db_url, "--data-dir", str(data_dir), "audit", "show"]
    for extra in ([], ["--json"]):
        assert main([*argv, *extra]) == 0
        out = capsys.readouterr().out
        assert not any(c in out for c in "\x1b\x07\x9b\u202e"), repr(out)
        assert "\\x1b]0;pwned" in out or "\\u001b]0;pwned" in out


# --- symlinked application.json ------------------------------------------------------------------------------


def test_a_symlinked_application_json_is_refused(tmp_path):
    secret = tmp_path / "secret.json"
    folder = make_pack(tmp_path, "p1")
    secret.write_text((folder / "application.json").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "application.json").unlink()
    (folder / "application.json").symlink_to(secret)
    with pytest.raises(PackError, match="symbolic link"):
        read_pack(folder)


# --- staff lockout ------------------------------------------------------------------------------------------


def _admin_with_totp(app):
    from reviewer_app.db.models import Staff

    with app.uow() as s:
        row = Staff(name="adam", role="admin", password_hash=staff._hasher.hash("right password"),
                    created_at=app.clock.now())
        s.add(row)
        s.flush()
        return staff._enroll(app, row).secret


def test_after_a_lock_ends_one_wrong_try_does_not_lock_again(app, clock):
    secret = _admin_with_totp(app)
    import pyotp

    wrong = "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"
    for _ in range(app.settings.staff_max_failures - 1):
        with pytest.raises(staff.LoginFailed):
            staff.login(app, "adam", "right password", wrong)
    with pytest.raises(staff.AccountLocked):
        staff.login(app, "adam", "right password", wrong)
    clock.advance(minutes=app.settings.staff_lock_minutes + 1)
    with pytest.raises(staff.LoginFailed):  # a fresh count: not "locked" again after one slip
        staff.login(app, "adam", "right password", wrong)
    with pytest.raises(staff.LoginFailed):
        staff.login(app, "adam", "right password", wrong)


def test_unknown_names_are_throttled_like_known_ones(app, clock):
    _admin_with_totp(app)
    answers = {}
    for name in ("adam", "nobody"):
        seen = []
        for _ in range(app.settings.staff_max_failures + 1):
            with pytest.raises(PermissionDenied) as info:
                staff.login(app, name, "wrong", "000000")
            seen.append((type(info.value).__name__, str(info.value)))
        answers[name] = seen
    assert answers["adam"] == answers["nobody"]
    assert answers["nobody"][-1][0] == "LoginThrottled"


# --- config show -------------------------------------------------------------------------------------------


def test_config_show_masks_url_passwords_and_gateway_credentials(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("REVIEWER_DB_URL", "postgresql+psycopg://app:db-s3cret@db.example/reviewer")
    monkeypatch.setenv("REVIEWER_SMS_GATEWAY_URL", "https://bob:gw-s3cret@sms.example/send?login=bob&token=tk-s3cret")
    monkeypatch.setenv("REVIEWER_SMS_GATEWAY_TOKEN", "bearer-s3cret")
    monkeypatch.setenv("REVIEWER_SERVICE_PASSWORD", "svc-s3cret")
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path))
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert "s3cret" not in out
    assert "app:****@db.example" in out and "bob:****@sms.example" in out and "token=****" in out


# --- a killed worker's batch -------------------------------------------------------------------------------


class _Killed(BaseException):
    """Stands for kill -9 in the middle of a batch (not an Exception: the worker cannot catch it)."""


def test_a_killed_workers_batch_is_free_after_one_items_lease(app, clock):
    from reviewer_app.services.prescore_worker import DEFAULT_ITEM_LEASE, run_worker
    from tests.integration.queue.test_prescore_worker import _seed

    ids = _seed(app, 5)

    class Dies:
        def prescore(self, *a, **k):
            raise _Killed

    with pytest.raises(_Killed):
        run_worker(app, matcher=Dies(), batch=5, once=True, worker_id="doomed")
    with app.sessions() as s:
        leases = dict(s.execute(select(Application.id, Application.prescore_lease_until)).all())
    assert all(until <= clock.now() + timedelta(seconds=DEFAULT_ITEM_LEASE) for until in leases.values())
    clock.advance(seconds=DEFAULT_ITEM_LEASE + 1)
    with app.uow() as s:
        taken = pq.lease_batch(s, worker="rescuer", now=clock.now(), lease_seconds=DEFAULT_ITEM_LEASE, limit=5)
    assert sorted(j.application_id for j in taken) == sorted(ids)


# --- closed stdin ------------------------------------------------------------------------------------------


def test_access_login_on_closed_stdin_says_so(app, db_url, data_dir, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["--db-url", db_url, "--data-dir", str(data_dir), "access", "login", "+79161234567"]) == 2
    err = capsys.readouterr().err
    assert "standard input is closed" in err and "--code" in err and "Traceback" not in err


def test_folder_pack_document_cap_counts_every_entry(tmp_path):
    folder = make_pack(tmp_path, "p1")
    data = json.loads((folder / "application.json").read_text(encoding="utf-8"))
    data["documents"].update({f"x{i}": f"missing-{i}.jpg" for i in range(20_000)})
    (folder / "application.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PackError, match="20002 documents; at most 20"):
        read_pack(folder)
