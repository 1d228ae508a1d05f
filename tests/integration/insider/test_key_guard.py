"""Keys that cannot be mixed up: the database records the store key's id and every process compares."""

from __future__ import annotations

import pytest
from access import factories as f
from sqlalchemy import func, select

from reviewer_app.cli import main
from reviewer_app.db import keyprint
from reviewer_app.db.models import Application, DatabaseMeta
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import citizen_login, decisions, intake, staff
from reviewer_app.services.prescore_worker import run_worker
from reviewer_app.store.crypto import key_id
from tests.integration.intake.test_intake import make_pack


def _argv(ctx) -> list[str]:
    return ["--db-url", ctx.settings.db_url, "--data-dir", str(ctx.settings.data_dir)]


def _count(app, model) -> int:
    with app.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_first_use_records_the_key_id(app, tmp_path) -> None:
    assert intake.import_pack(app, make_pack(tmp_path, "p1")).status == "imported"
    with app.sessions() as s:
        assert keyprint.recorded_key_id(s) == key_id(app.master_key)


def test_intake_under_another_key_is_refused_and_stores_nothing(app, other_key_app, tmp_path, capsys) -> None:
    intake.import_pack(app, make_pack(tmp_path, "p1"))
    pack = make_pack(tmp_path, "p2", id="EMK-2026-000999")
    assert main([*_argv(other_key_app), "intake", str(pack)]) == 2
    err = capsys.readouterr().err
    assert f"sealed with key {key_id(app.master_key)}" in err and key_id(other_key_app.master_key) in err
    assert "key_file" in err
    assert _count(app, Application) == 1
    assert not (other_key_app.settings.store_dir).exists()  # no document written under the wrong key


def test_worker_desk_and_login_refuse_another_key(app, other_key_app, tmp_path) -> None:
    reviewer = Actor(f.add_staff(app, "anna"), "anna", StaffRole.REVIEWER)
    app_id = f.add_application(app, reviewer.staff_id)
    decisions.decide(app, reviewer, application_id=app_id, expected_version=1, outcome="approve")  # OTP secret
    with pytest.raises(keyprint.KeyMismatchError, match="sealed with key"):
        run_worker(other_key_app, matcher=object(), once=True)
    with pytest.raises(keyprint.KeyMismatchError):
        citizen_login.request_code(other_key_app, "+79161234567")
    with pytest.raises(keyprint.KeyMismatchError):  # a desk: staff accounts seal their TOTP secret
        staff.add_staff(other_key_app, None, name="boris", role="reviewer", password="a long password here")
    with pytest.raises(keyprint.KeyMismatchError):
        other_key_app.store.get("0" * 64)


def test_database_sealed_before_fingerprints_is_still_guarded(app, other_key_app) -> None:
    """No recorded id yet, but a sealed secret carries the key id: another key is refused all the same."""
    reviewer = Actor(f.add_staff(app, "anna"), "anna", StaffRole.REVIEWER)
    decisions.decide(app, reviewer, application_id=f.add_application(app, reviewer.staff_id), expected_version=1,
                     outcome="approve")
    with app.uow() as s:
        s.delete(s.get(DatabaseMeta, keyprint.STORE_KEY_ID))
    with pytest.raises(keyprint.KeyMismatchError, match=key_id(app.master_key)):
        citizen_login.request_code(other_key_app, "+79161234567")


def test_keys_id_shows_both(app, other_key_app, tmp_path, capsys) -> None:
    intake.import_pack(app, make_pack(tmp_path, "p1"))
    assert main([*_argv(app), "keys", "id"]) == 0
    assert main([*_argv(other_key_app), "keys", "id"]) == 1
    assert "they differ" in capsys.readouterr().out


def test_keys_init_refuses_after_a_lost_key_file(app, tmp_path, capsys) -> None:
    intake.import_pack(app, make_pack(tmp_path, "p1"))
    app.settings.key_file.unlink()  # the key file is lost
    assert main([*_argv(app), "keys", "init"]) == 2
    err = capsys.readouterr().err
    assert "refused" in err and key_id(app.master_key) in err
    assert not app.settings.key_file.exists()


def test_keys_init_refuses_over_a_document_folder(tmp_path, capsys) -> None:
    """No database yet, but the document folder holds sealed files: a new key would orphan them."""
    from reviewer_app.store import EncryptedFileStore

    data = tmp_path / "d"
    EncryptedFileStore(data / "documents", b"k" * 32).put(b"a passport scan")
    assert main(["--data-dir", str(data), "keys", "init"]) == 2
    assert "document folder" in capsys.readouterr().err
    assert not (data / "keys" / "store.key").exists()


def test_keys_init_on_a_fresh_install_creates_both_keys_owner_only(tmp_path, capsys) -> None:
    data = tmp_path / "fresh"
    assert main(["--data-dir", str(data), "keys", "init"]) == 0
    for name in ("store.key", "audit.key"):
        assert (data / "keys" / name).stat().st_mode & 0o777 == 0o600
    assert (data / "keys").stat().st_mode & 0o777 == 0o700
    assert main(["--data-dir", str(data), "keys", "init"]) == 0  # both exist: kept, nothing overwritten
    assert capsys.readouterr().out.count("kept") == 2
