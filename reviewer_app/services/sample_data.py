"""A copy of a sample-pack folder with its dates moved to the day it is used (policy.sample_dates says how).

A folder opts in with `dates.json` ({"format": 1, "as_of": "2026-11-27"}: the day its packs were written for);
a folder without it (a trainer's own packs) is used as it is. The copy holds every pack (folders and .zip files,
only application.json rewritten), registry.json with the same shift, and every other file (the answer key).
"""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.policy.ruletable import DEFAULT_TABLE, RuleTable
from reviewer_app.policy.sample_dates import Shift, shift_pack, shift_registry

DATES_FILE = "dates.json"
REGISTRY_FILE = "registry.json"
APPLICATION = "application.json"


@dataclass(frozen=True)
class ShiftedSample:
    folder: Path  # where to load from (the source itself when nothing moved)
    as_of: date | None  # the day the packs were written for; None: the folder has no dates.json
    today: date
    problems: tuple[str, ...] = ()

    @property
    def days(self) -> int:
        return max(0, (self.today - self.as_of).days) if self.as_of else 0


def written_for(src: Path) -> date | None:
    """The `as_of` day of a sample folder (None without dates.json); a malformed file is an error naming it."""
    path = src / DATES_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return date.fromisoformat(data["as_of"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ReviewerError(f"{path}: field 'as_of': must be a date YYYY-MM-DD ({exc})") from None


def _dump(raw: Any) -> bytes:
    return (json.dumps(raw, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _shift_json(data: bytes, fn) -> bytes:
    try:
        raw = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return data  # not JSON: intake reports it as it is
    return _dump(fn(raw)) if isinstance(raw, dict | list) else data


def shifted_copy(src: Path, dest: Path, today: date, table: RuleTable = DEFAULT_TABLE) -> ShiftedSample:
    """Write the shifted copy of `src` into the empty or missing folder `dest` (or use `src` when there is
    nothing to move)."""
    as_of = written_for(src)
    if as_of is None or today <= as_of:
        return ShiftedSample(src, as_of, today)
    shift = Shift(as_of, today, table)
    dest.mkdir(parents=True, exist_ok=True)
    for entry in sorted(src.iterdir()):
        target = dest / entry.name

        def pack_fn(raw: Any, name: str = entry.name) -> Any:
            return shift_pack(raw, shift, name) if isinstance(raw, dict) else raw

        if entry.is_dir():
            shutil.copytree(entry, target)
            app_json = target / APPLICATION
            if app_json.is_file():
                app_json.write_bytes(_shift_json(app_json.read_bytes(), pack_fn))
        elif entry.suffix.lower() == ".zip":
            _copy_zip(entry, target, pack_fn)
        elif entry.name == REGISTRY_FILE:
            target.write_bytes(_shift_json(entry.read_bytes(), lambda raw: shift_registry(raw, shift)))
        else:
            shutil.copy2(entry, target)
    return ShiftedSample(dest, as_of, today, tuple(shift.problems))


def _copy_zip(src: Path, dest: Path, fn) -> None:
    try:
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as zout:
            for info in zin.infolist():
                data = zin.read(info)
                if info.filename.rsplit("/", 1)[-1] == APPLICATION:
                    data = _shift_json(data, fn)
                zout.writestr(info, data)
    except zipfile.BadZipFile:
        shutil.copy2(src, dest)  # intake refuses it with its own message
