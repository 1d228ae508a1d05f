"""`keys rotate`: documents and secrets re-sealed under a new key; resumable after a crash at any step."""

from __future__ import annotations

import re

import pytest
from access import factories as f
from sqlalchemy import select

from reviewer_app.cli import main
from reviewer_app.config import load_settings
from reviewer_app.db import keyprint
from reviewer_app.db.models import DatabaseMeta, Document, OtpCredential, SmsMessage, Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import citizen_login, decisions, intake, keys, sms_dispatch, staff
from reviewer_app.services.context import AppContext
from reviewer_app.store.crypto import SecretBox, key_id, load_key
from tests.cli_login import service_account
from tests.integration.intake.test_intake import make_pack


@pytest.fixture(params=["files", "database"])
def filled(request, app, tmp_path):
    """A database with documents, an OTP secret, a staff TOTP secret and a sealed OTP SMS, in either store."""
    ctx = AppContext(load_settings(env={}, overrides={"db_url": app.settings.db_url,
                                                      "data_dir": app.settings.data_dir,
                                                      "document_store": request.param}), clock=app.clock)
    intake.import_pack(ctx, make_pack(tmp_path, "p1"))
    staff.add_staff(ctx, None, name="admin", role="admin", password="a long admin password")
    reviewer = Actor(f.add_staff(ctx, "anna"), "anna", StaffRole.REVIEWER)
    decisions.decide(ctx, reviewer, application_id=f.add_application(ctx, reviewer.staff_id), expected_version=1,
                     outcome="approve")
    citizen_login.request_code(ctx, "+79161234567")
    yield ctx
    ctx.close()


def _fresh(ctx) -> AppContext:
    return AppContext(ctx.settings, clock=ctx.clock)


def _sealed_ids(ctx) -> set[str]:
    with ctx.sessions() as s:
        blobs = [*s.scalars(select(OtpCredential.secret_encrypted)),
                 *s.scalars(select(Staff.totp_secret_encrypted).where(Staff.totp_secret_encrypted.is_not(None))),
                 *s.scalars(select(SmsMessage.body_sealed).where(SmsMessage.body_sealed.is_not(None)))]
        shas = list(s.scalars(select(Document.sha256)))
    ids = {SecretBox.sealed_key_id(bytes(b)) for b in blobs}
    return ids | {ctx.store.sealed_key_id(sha) for sha in shas}


def _everything_opens(ctx) -> None:
    with ctx.sessions() as s:
        shas = list(s.scalars(select(Document.sha256)))
        otp = s.scalar(select(SmsMessage).where(SmsMessage.purpose == "otp"))
    assert shas and all(ctx.store.get(sha) for sha in shas)
    assert "Код для входа" in sms_dispatch.text_to_send(ctx, otp)
    with ctx.sessions() as s:
        cred = s.scalar(select(OtpCredential))
        row = s.scalar(select(Staff).where(Staff.name == "admin"))
    assert ctx.secrets.open(cred.secret_encrypted, context=f"otp:{cred.citizen_key}")
    assert ctx.secrets.open(row.totp_secret_encrypted, context=f"totp:{row.id}")


def test_rotate_reseals_everything_and_the_old_key_is_refused(filled, capsys, monkeypatch) -> None:
    old = key_id(filled.master_key)
    argv = ["--db-url", filled.settings.db_url, "--data-dir", str(filled.settings.data_dir)]
    monkeypatch.setenv("REVIEWER_DOCUMENT_STORE", filled.settings.document_store)
    assert main([*argv, "keys", "rotate"]) == 2  # issue 23: an administrator's command
    assert "keys rotate reads personal data or acts as staff" in capsys.readouterr().err
    assert not keys.new_key_path(filled.settings.key_file).exists()  # nothing started
    service_account(filled, monkeypatch, role="reviewer")
    assert main([*argv, "keys", "rotate"]) == 2
    assert "may not manage_staff" in capsys.readouterr().err
    service_account(filled, monkeypatch, role="admin", name="svc-keys")
    assert main([*argv, "keys", "rotate"]) == 0
    new = key_id(load_key(key_b64=None, key_file=filled.settings.key_file))
    assert new != old and f"{old} -> {new}" in capsys.readouterr().out
    after = _fresh(filled)
    assert _sealed_ids(after) == {new}
    _everything_opens(after)
    retired = filled.settings.key_file.with_name(f"store.key.retired-{old}")
    assert retired.exists() and retired.stat().st_mode & 0o777 == 0o600
    with after.sessions() as s:
        assert keyprint.recorded_key_id(s) == new and s.get(DatabaseMeta, keyprint.ROTATING_TO) is None
    stale = AppContext(load_settings(env={}, overrides={"db_url": filled.settings.db_url,
                                                        "key_file": retired,
                                                        "data_dir": filled.settings.data_dir}), clock=filled.clock)
    with pytest.raises(keyprint.KeyMismatchError):
        citizen_login.request_code(stale, "+79161234567")


class Crash(Exception):
    pass


def test_rotation_resumes_after_a_crash_midway(filled, monkeypatch) -> None:
    old = key_id(filled.master_key)
    real = SecretBox.seal
    calls = {"n": 0}

    def crash_after_two(self, plaintext, *, context=""):
        calls["n"] += 1
        if calls["n"] > 2:
            raise Crash("power cut")
        return real(self, plaintext, context=context)

    monkeypatch.setattr(SecretBox, "seal", crash_after_two)
    with pytest.raises(Crash):
        keys.rotate(_fresh(filled))
    monkeypatch.setattr(SecretBox, "seal", real)
    # Halfway: the database is between two keys; everyone else is refused with a clear message.
    with pytest.raises(keyprint.KeyMismatchError, match=r"rotation .* in progress"):
        citizen_login.request_code(_fresh(filled), "+79161234567")
    new = key_id(load_key(key_b64=None, key_file=keys.new_key_path(filled.settings.key_file)))
    report = keys.rotate(_fresh(filled))  # run again: goes on where it stopped
    assert report.finished and report.new_key_id == new and report.old_key_id == old
    after = _fresh(filled)
    assert _sealed_ids(after) == {new}
    _everything_opens(after)


def test_rotation_resumes_between_the_switch_and_the_file_moves(filled, monkeypatch) -> None:
    calls = {"n": 0}
    real = keys._finish_files

    def crash(*a, **k):
        calls["n"] += 1
        raise Crash("killed before the key files were moved")

    monkeypatch.setattr(keys, "_finish_files", crash)
    with pytest.raises(Crash):
        keys.rotate(_fresh(filled))
    monkeypatch.setattr(keys, "_finish_files", real)
    with pytest.raises(keyprint.KeyMismatchError):  # the database already expects the new key
        citizen_login.request_code(_fresh(filled), "+79161234567")
    report = keys.rotate(_fresh(filled))
    assert report.finished
    after = _fresh(filled)
    assert key_id(after.master_key) == report.new_key_id
    _everything_opens(after)
    with after.sessions() as s:  # the code sent before the rotation still logs the citizen in
        otp = s.scalar(select(SmsMessage).where(SmsMessage.purpose == "otp").order_by(SmsMessage.id.desc()))
    code = re.search(r"\d{6}", sms_dispatch.text_to_send(after, otp)).group(0)
    assert citizen_login.verify_code(after, "+79161234567", code).subject_kind == "self"
