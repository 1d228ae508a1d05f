"""Issue 23, item 5: the drop folder (`intake --watch DIR`) follows no symbolic link, keeps no processed copy
(the pack is deleted after its import, a receipt without personal data stays), keeps refused packs owner-only
and deletes them once past the retention period. On SQLite and PostgreSQL."""

from __future__ import annotations

import stat
import threading

import pytest
from sqlalchemy import func, select

from reviewer_app.cli import main
from reviewer_app.cli.intake_cmd import watch
from reviewer_app.db.models import Application
from reviewer_app.services.drop_folder import DropFolderError
from tests.integration.intake.test_intake import BASE, make_pack


def _count(app) -> int:
    with app.sessions() as s:
        return s.scalar(select(func.count()).select_from(Application))


def _round(app, inbox) -> int:
    return watch(app, inbox, stop=threading.Event(), interval=0, settle=0, max_rounds=1)


def _mode(path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_symlinked_pack_folder_is_refused_without_being_read(app, tmp_path) -> None:
    elsewhere = make_pack(tmp_path / "elsewhere", "real", id="EMK-LINK")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert _round(app, inbox) == 1
    assert _count(app) == 0
    moved = inbox / "refused" / "linked"
    assert moved.is_symlink() and not (inbox / "linked").exists()  # the link itself, never what it points at
    assert "symbolic link" in (inbox / "refused" / "linked.reason.txt").read_text(encoding="utf-8")
    assert (elsewhere / "application.json").is_file() and (elsewhere / "selfie.jpg").is_file()  # untouched


def test_a_symlinked_zip_pack_is_refused_too(app, tmp_path) -> None:
    (tmp_path / "elsewhere").mkdir()
    z = make_pack(tmp_path / "elsewhere", "real", as_zip=True, id="EMK-LINKZ")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "pack.zip").symlink_to(z)
    assert _round(app, inbox) == 1
    assert _count(app) == 0 and z.is_file() and (inbox / "refused" / "pack.zip").is_symlink()


@pytest.mark.parametrize("sub", ["refused", "processed"])
def test_a_symlinked_refused_or_processed_folder_stops_the_watcher_at_start(app, tmp_path, sub, capsys) -> None:
    inbox = tmp_path / "inbox"
    make_pack(inbox, "bad", id="EMK-W2")
    (inbox / "bad" / "application.json").write_text("{not json", encoding="utf-8")
    make_pack(inbox, "good", id="EMK-W1")
    target = tmp_path / "somewhere-else"
    target.mkdir()
    (inbox / sub).symlink_to(target, target_is_directory=True)
    with pytest.raises(DropFolderError, match="symbolic link"):
        _round(app, inbox)
    assert list(target.iterdir()) == [] and _count(app) == 0
    assert (inbox / "bad").is_dir() and (inbox / "good").is_dir()
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    assert main([*argv, "intake", "--watch", str(inbox)]) == 2
    err = capsys.readouterr().err
    assert f"{inbox / sub} is a symbolic link" in err and "Traceback" not in err
    assert list(target.iterdir()) == [] and _count(app) == 0


def test_a_file_inside_a_pack_that_is_a_symlink_is_refused(app, tmp_path) -> None:
    inbox = tmp_path / "inbox"
    pack = make_pack(inbox, "p1", id="EMK-INLINK")
    (pack / "selfie.jpg").unlink()
    (pack / "selfie.jpg").symlink_to(pack / "passport.jpg")  # inside the pack, but a link all the same
    assert _round(app, inbox) == 1
    assert _count(app) == 0
    reason = (inbox / "refused" / "p1.reason.txt").read_text(encoding="utf-8")
    assert "documents.selfie_with_passport" in reason and "symbolic link" in reason


def test_no_processed_copy_is_kept_and_everything_created_is_owner_only(app, tmp_path) -> None:
    inbox = tmp_path / "inbox"
    make_pack(inbox, "good", id="EMK-W1")
    bad = make_pack(inbox, "bad", id="EMK-W2")
    (bad / "application.json").write_text("{not json", encoding="utf-8")
    assert _round(app, inbox) == 2
    assert not (inbox / "good").exists()
    assert [p.name for p in (inbox / "processed").iterdir()] == ["good.receipt.txt"]
    receipt = (inbox / "processed" / "good.receipt.txt").read_text(encoding="utf-8")
    assert "EMK-W1" in receipt and BASE["applicant"]["last_name"] not in receipt  # no personal data
    assert _mode(inbox / "processed") == 0o700 and _mode(inbox / "refused") == 0o700
    assert _mode(inbox / "processed" / "good.receipt.txt") == 0o600
    assert _mode(inbox / "refused" / "bad") == 0o700 and _mode(inbox / "refused" / "bad.reason.txt") == 0o600
    assert {_mode(p) for p in (inbox / "refused" / "bad").iterdir()} == {0o600}


def test_what_earlier_versions_left_readable_is_made_owner_only_at_start(app, tmp_path) -> None:
    inbox = tmp_path / "inbox"
    old = inbox / "processed" / "old-pack"
    old.mkdir(parents=True)
    (old / "selfie.jpg").write_bytes(b"x")
    for p, mode in ((inbox / "processed", 0o755), (old, 0o755), (old / "selfie.jpg", 0o644)):
        p.chmod(mode)
    _round(app, inbox)
    assert (_mode(inbox / "processed"), _mode(old), _mode(old / "selfie.jpg")) == (0o700, 0o700, 0o600)


def test_refused_packs_are_deleted_once_past_the_retention_period(app, tmp_path, clock) -> None:
    inbox = tmp_path / "inbox"
    bad = make_pack(inbox, "old-bad", id="EMK-W2")
    (bad / "application.json").write_text("{not json", encoding="utf-8")
    _round(app, inbox)
    assert (inbox / "refused" / "old-bad").is_dir()
    clock.advance(days=app.settings.retention_days - 1)
    fresh = make_pack(inbox, "new-bad", id="EMK-W3")
    (fresh / "application.json").write_text("{not json", encoding="utf-8")
    _round(app, inbox)
    assert (inbox / "refused" / "old-bad").is_dir()  # not yet past the period
    clock.advance(days=2)
    _round(app, inbox)
    assert sorted(p.name for p in (inbox / "refused").iterdir()) == ["new-bad", "new-bad.reason.txt"]


def test_a_pack_refused_by_an_earlier_version_counts_its_age_from_the_refusal(app, tmp_path, clock) -> None:
    """Moving kept the pack's own (old) mtime; the reason file beside it was written at the refusal."""
    import os

    inbox = tmp_path / "inbox"
    pack = make_pack(inbox / "refused", "legacy", id="EMK-OLD")
    long_ago = clock.now().timestamp() - 400 * 86400
    os.utime(pack, (long_ago, long_ago))
    (inbox / "refused" / "legacy.reason.txt").write_text("bad\n", encoding="utf-8")
    now = clock.now().timestamp()
    os.utime(inbox / "refused" / "legacy.reason.txt", (now, now))
    _round(app, inbox)
    assert pack.is_dir()  # refused today: kept for the retention period
    clock.advance(days=app.settings.retention_days + 1)
    _round(app, inbox)
    assert list((inbox / "refused").iterdir()) == []
