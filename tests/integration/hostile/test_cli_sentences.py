"""Issue 23, item 8: the smaller items — the TOTP seed's QR file is owner-only, a zip entry name that is not UTF-8,
a 1 MB phone number and an unforeseen failure each end in one sentence, never a traceback or a 1 MB echo."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from reviewer_app.cli import main
from reviewer_app.services import staff

PW = "a long admin password"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch):
    monkeypatch.setattr(staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def run(db_url, data_dir):
    return lambda *argv: main(["--db-url", db_url, "--data-dir", str(data_dir), *argv])


def test_the_totp_qr_file_is_owner_only(run, app, tmp_path, monkeypatch):
    old = os.umask(0o022)
    try:
        png = tmp_path / "qr.png"
        monkeypatch.setattr(sys, "stdin", io.StringIO(PW + "\n"))
        assert run("staff", "add", "adam", "--role", "admin", "--password-stdin", "--qr-png", str(png)) == 0
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_a_qr_file_others_may_read_is_refused(tmp_path):
    import segno

    from reviewer_app.cli.staff_cmd import _write_private_png
    from reviewer_app.domain.errors import ReviewerError

    shared = tmp_path / "shared.png"
    shared.write_bytes(b"kept")
    shared.chmod(0o644)
    with pytest.raises(ReviewerError, match="others may read it"):
        _write_private_png(segno.make("otpauth://totp/x?secret=ABC"), shared)
    assert shared.read_bytes() == b"kept"
    link = tmp_path / "link.png"
    link.symlink_to(tmp_path / "elsewhere.png")
    with pytest.raises(ReviewerError):
        _write_private_png(segno.make("otpauth://totp/x?secret=ABC"), link)
    assert not (tmp_path / "elsewhere.png").exists()


def _bad_name_zip(path: Path) -> Path:
    """A pack whose entry name is flagged UTF-8 but is not: zipfile fails while listing the archive."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("application.json", "{}")
    data = bytearray(buf.getvalue().replace(b"application.json", b"applicati\xff\xfe.json"))
    data[data.find(b"PK\x03\x04") + 7] |= 0x08
    data[data.find(b"PK\x01\x02") + 9] |= 0x08
    path.write_bytes(bytes(data))
    return path


def test_a_zip_entry_name_that_is_not_utf8_is_a_sentence_naming_the_file(tmp_path, capsys):
    pack = _bad_name_zip(tmp_path / "evil-pack.zip")
    assert main(["--data-dir", str(tmp_path / "data"), "check", str(pack)]) != 0
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "evil-pack.zip" in text and "not valid UTF-8" in text and "Traceback" not in text


def test_a_megabyte_phone_is_not_echoed_back_whole(run, app, capsys):
    phone = "+7" + "9" * 1_000_000
    assert run("access", "login", phone, "--code", "000000") == 2
    err = capsys.readouterr().err
    assert "is not a Russian mobile number" in err and len(err) < 400 and "1000002 characters" in err


def test_an_unforeseen_error_is_one_sentence_and_the_details_go_to_a_private_log(run, app, data_dir, capsys,
                                                                                    monkeypatch):
    from reviewer_app.services import citizen_login

    def broken(*args, **kwargs):
        raise ZeroDivisionError("secret detail from deep inside")

    monkeypatch.setattr(citizen_login, "request_code", broken)
    monkeypatch.setattr("builtins.input", lambda prompt="": "000000")
    assert run("access", "login", "+79161234567") == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert "access login" in captured.err and "ZeroDivisionError" in captured.err
    assert "secret detail" not in captured.err
    log = data_dir / "logs" / "cli-errors.log"
    assert "secret detail from deep inside" in log.read_text() and log.stat().st_mode & 0o777 == 0o600


def test_usage_errors_cut_the_bad_value_short(capsys):
    assert main(["staff", "add", "x", "--role", "r" * 100_000]) == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err and len(err) < 2000
