"""The intake drop folder (`intake --watch DIR`): packs arrive, are imported, and leave no personal data behind.

- It follows no symbolic link. A pack entry that is a link is refused without being read (the link itself is
  moved to `refused/`); `processed/` or `refused/` being a link stops the watcher at start, since refused packs
  and their reasons would go wherever the link points.
- It keeps no processed copy: a pack imported (or skipped: the same pack is already stored, encrypted) is deleted,
  and `processed/NAME.receipt.txt` says what became of it (application id, outcome, time; no personal data).
  Copies left in `processed/` by earlier versions are deleted by `retention purge` with their application.
- Refused packs go to `refused/` with `NAME.reason.txt` beside them. They hold personal data too: the watcher and
  `retention purge` delete them once older than the retention period (their time is the refusal's).
- Everything it creates is owner-only (folders 0700, files 0600), and it tightens what it finds there at start.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reviewer_app.domain.errors import ReviewerError

PROCESSED = "processed"
REFUSED = "refused"
REASON_SUFFIX = ".reason.txt"
RECEIPT_SUFFIX = ".receipt.txt"
LINK_REASON = "is a symbolic link; the drop folder follows none (put the pack itself there)"


class DropFolderError(ReviewerError):
    pass


@dataclass(frozen=True)
class DropFolder:
    root: Path

    @property
    def processed(self) -> Path:
        return self.root / PROCESSED

    @property
    def refused(self) -> Path:
        return self.root / REFUSED


def _own_subfolder(path: Path) -> None:
    """`path` as a real folder of this account's, owner-only; a link or a file in its place is refused."""
    if path.is_symlink():
        raise DropFolderError(f"intake --watch: {path} is a symbolic link; the drop folder follows none (refused "
                              "packs and their reasons would go wherever it points). Replace it with a folder.")
    if path.exists() and not path.is_dir():
        raise DropFolderError(f"intake --watch: {path} is not a folder; move it away and start again")
    path.mkdir(mode=0o700, exist_ok=True)
    os.chmod(path, 0o700)


def _tighten(folder: Path) -> None:
    """Owner-only modes on everything below `folder` (left 0755/0644 by earlier versions); links are skipped."""
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            if stat.S_ISLNK(st.st_mode):
                continue
            os.chmod(p, 0o700 if stat.S_ISDIR(st.st_mode) else 0o600)


def prepare(folder: Path) -> DropFolder:
    """Check the drop folder before watching it; create `processed/` and `refused/` owner-only."""
    if not folder.is_dir():
        raise DropFolderError(f"intake --watch: {folder} is not a folder")
    drop = DropFolder(folder)
    for sub in (drop.processed, drop.refused):
        _own_subfolder(sub)
        _tighten(sub)
    return drop


def _free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or `name.1`, `name.2`... : never overwrite an earlier pack of the same name."""
    target = folder / name
    stem, suffix = os.path.splitext(name)
    n = 1
    while target.exists() or target.is_symlink():
        target = folder / f"{stem}.{n}{suffix}"
        n += 1
    return target


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def _stamp(path: Path, when: datetime) -> None:
    """The refusal's time on the entry itself (a rename keeps the pack's own mtime), for the retention age."""
    t = when.timestamp()
    os.utime(path, (t, t), follow_symlinks=False)


def refuse(drop: DropFolder, entry: Path, reason: str, now: datetime) -> Path:
    """Move a refused pack (or the link that stood for one) into `refused/`, owner-only, with its reason."""
    target = _free_name(drop.refused, entry.name)
    shutil.move(str(entry), str(target))  # a link is renamed as a link, never followed
    if not target.is_symlink():
        if target.is_dir():
            _tighten(target)
            os.chmod(target, 0o700)
        else:
            os.chmod(target, 0o600)
    reason_file = target.with_name(target.name + REASON_SUFFIX)
    _write_private(reason_file, reason + "\n")
    _stamp(reason_file, now)
    _stamp(target, now)
    return target


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    else:
        entry.unlink()


def done(drop: DropFolder, entry: Path, *, status: str, application_id: str | None, now: datetime) -> Path:
    """An imported or skipped pack: its images are in the store (encrypted); the pack itself is deleted and a
    receipt without personal data stays in `processed/`."""
    receipt = _free_name(drop.processed, entry.name + RECEIPT_SUFFIX)
    _write_private(receipt, f"pack: {entry.name}\nstatus: {status}\napplication: {application_id or ''}\n"
                            f"at: {now.isoformat()}\nThe pack was deleted after the import; its images are kept "
                            "encrypted in the document store.\n")
    _remove(entry)
    return receipt


@dataclass(frozen=True)
class DropPurge:
    processed_copies: int = 0  # pack copies in processed/ of applications past retention
    refused_packs: int = 0  # refused packs older than the retention period


def _pack_id(entry: Path) -> str | None:
    """The application id of a pack copy (folder or .zip), or None when it cannot be read as one."""
    try:
        if entry.is_dir():
            fd = os.open(entry / "application.json", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as fh:
                raw = json.loads(fh.read(4 * 1024 * 1024))
        elif entry.suffix.lower() == ".zip":
            with zipfile.ZipFile(entry) as zf:
                names = [n for n in zf.namelist() if n.rstrip("/").split("/")[-1] == "application.json"
                         and n.count("/") <= 1]
                if not names:
                    return None
                raw = json.loads(zf.read(min(names, key=len))[: 4 * 1024 * 1024])
        else:
            return None
    except (OSError, ValueError, zipfile.BadZipFile, RuntimeError):
        return None
    value = raw.get("id") if isinstance(raw, dict) else None
    return value if isinstance(value, str) else None


def purge(folder: Path, *, application_ids: Iterable[str], cutoff: datetime, dry_run: bool = False) -> DropPurge:
    """Delete the copies in `processed/` of `application_ids` (left there by earlier versions) and every refused
    pack (with its reason) refused before `cutoff`. Links are never followed; a link is removed as a link."""
    ids = set(application_ids)
    drop = DropFolder(folder)
    copies = refused = 0
    if ids and drop.processed.is_dir() and not drop.processed.is_symlink():
        for entry in sorted(drop.processed.iterdir()):
            if entry.is_symlink() or entry.name.endswith(RECEIPT_SUFFIX):
                continue
            if _pack_id(entry) in ids:
                copies += 1
                if not dry_run:
                    _remove(entry)
    if drop.refused.is_dir() and not drop.refused.is_symlink():
        limit = cutoff.timestamp()
        for entry in sorted(drop.refused.iterdir()):
            if entry.name.endswith(REASON_SUFFIX):
                continue
            reason = entry.with_name(entry.name + REASON_SUFFIX)
            # The reason was written at the refusal; a pack moved by an earlier version kept its own older mtime.
            refused_at = (reason if reason.exists() and not reason.is_symlink() else entry).lstat().st_mtime
            if refused_at >= limit:
                continue
            refused += 1
            if not dry_run:
                _remove(entry)
                if reason.exists() or reason.is_symlink():
                    reason.unlink()
        if not dry_run:  # a reason whose pack is gone (deleted by hand) goes with its age too
            for entry in drop.refused.glob("*" + REASON_SUFFIX):
                pack = entry.with_name(entry.name.removesuffix(REASON_SUFFIX))
                if entry.lstat().st_mtime < limit and not (pack.exists() or pack.is_symlink()):
                    entry.unlink()
    return DropPurge(copies, refused)
