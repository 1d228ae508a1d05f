"""Reading and validating an application pack: a folder, or a .zip of that folder.

`read_pack(path)` returns a `Pack` (the parsed `Application`, the raw dict with every unknown field kept, and the
bytes of the document files it names) or raises `PackError` listing ALL problems, each naming the file, the field
path (dotted, e.g. ``applicant.passport.issued_on``; empty for the file as a whole) and the problem.
`parse_application(data)` does the same for the JSON alone (no document files are checked).

Fields beyond shared/docs/intake-format.md (the schema is `application.schema.json`):
- ``child.kinship_confirmation`` (optional, sent by the portal when an MFC office has already confirmed the
  parent's kinship in person): ``{"confirmed_by": "<MFC officer>", "mfc_office": "<office>",
  "confirmed_on": "YYYY-MM-DD", "document_ref": "<MFC document reference>"}``, every key required and
  non-empty, the date real and not in the future. Intake stores it as a recorded MFC confirmation
  (`services.mfc`), and the kinship check passes with it ("confirmed at an MFC").
- ``corrects_application_id`` (optional): a corrected pack names the returned application it corrects. Intake
  refuses it unless that application exists, is ``returned``, belongs to the same person and is not corrected
  already; the two are then linked (the review screen's history, the supervisor's search).

- ``applicant.account`` (optional): the mos.ru account, ``{"level": "simplified"|"standard"|"full",
  "confirmed": true|false, "confirmed_via": "mfc"|"gosuslugi"|...}``. A pack without it (an older portal) is
  read as "not stated": the ``account`` check asks for a check by hand. See docs/pack-format.md.
- ``applicant.birth_place``, ``applicant.previous_passport`` (``{"series", "number"}``): identify the same
  person across passports (services.persons); ``applicant.previous_surnames`` (``[{"last_name",
  "record_kind": "marriage"|"name_change", "record_number", "record_date"}]``): used in the registry's parent
  match; ``child.relation`` (``parent`` (default), ``guardian``, ``trustee``, ``adoptive_parent``): anyone but a
  parent confirms their authority in person at an MFC.

`documents` carries only the roles named in the schema (selfie_with_passport, passport_scan,
birth_certificate_scan): an unknown role is refused, naming it, so a pack cannot smuggle in images nobody looks at.

Zip safety: entry names that are absolute, contain ``..`` or backslashes (zip-slip), symlinks, encrypted entries,
more than `PackLimits.max_entries` entries, an entry larger than `max_entry_bytes`, more than `max_total_bytes`
in all, or a compression ratio above `max_ratio` are refused before anything is extracted. Nothing is ever
written to disk: files are read into memory within those limits.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema

from reviewer_app.domain.application import Application
from reviewer_app.domain.errors import ReviewerError, brief

APPLICATION_JSON = "application.json"


@dataclass(frozen=True)
class PackProblem:
    file: str
    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path or '(whole file)'}: {self.problem}"

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "path": self.path, "problem": self.problem}


class PackError(ReviewerError):
    """A pack is invalid; `problems` lists every problem found (file, field path, problem)."""

    def __init__(self, source: str, problems: list[PackProblem]) -> None:
        self.source = source
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"invalid pack {source} ({len(self.problems)} problem(s)):\n{lines}")


@dataclass(frozen=True)
class PackLimits:
    max_entries: int = 200
    max_entry_bytes: int = 25 * 1024 * 1024
    max_total_bytes: int = 150 * 1024 * 1024
    max_json_bytes: int = 2 * 1024 * 1024
    max_ratio: int = 200  # uncompressed / compressed, checked for entries above 1 MiB
    max_documents: int = 20  # entries of `documents` (a folder pack has no entry count to cap it otherwise)


DEFAULT_LIMITS = PackLimits()


@dataclass(frozen=True)
class Pack:
    source: str
    application: Application
    raw: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict, repr=False)  # file name as in `documents` → bytes

    def document(self, role: str) -> bytes | None:
        name = self.application.documents.names().get(role)
        return self.files.get(name) if name else None


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The shipped JSON Schema of application.json (package data)."""
    text = resources.files("reviewer_app.packs").joinpath("application.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = load_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _dotted(parts: Any) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


_DATE_PATHS = (("applicant", "birth_date"), ("applicant", "passport", "issued_on"), ("child", "birth_date"),
               ("child", "birth_certificate", "issued_on"), ("child", "kinship_confirmation", "confirmed_on"))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _get(raw: Any, path: tuple[str, ...]) -> Any:
    for p in path:
        if not isinstance(raw, dict) or p not in raw:
            return None
        raw = raw[p]
    return raw


def _bad_text(text: str) -> str | None:
    """Why a string cannot be stored as text (UTF-8 and PostgreSQL), or None. Never quotes the value."""
    if "\x00" in text:
        return "contains a NUL character (\\u0000)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an unpaired surrogate escape (like \\ud800), which is not a character"
    return None


def text_problems(raw: Any, file: str = APPLICATION_JSON, path: tuple[Any, ...] = ()) -> list[PackProblem]:
    """Every string (keys too, unknown fields too) that cannot be stored: NUL or a lone surrogate.

    JSON allows both as escapes, but the canonical hash (UTF-8) and PostgreSQL text cannot hold them. The message
    names the field, never its value (which may be a SNILS or a passport number)."""
    problems: list[PackProblem] = []
    if isinstance(raw, str):
        bad = _bad_text(raw)
        if bad:
            problems.append(PackProblem(file, _dotted(path), bad))
    elif isinstance(raw, dict):
        for n, (key, value) in enumerate(raw.items(), 1):
            bad = _bad_text(key)
            if bad:
                problems.append(PackProblem(file, _dotted([*path, f"<key no. {n}>"]), f"the field name {bad}"))
                continue
            problems.extend(text_problems(value, file, (*path, key)))
    elif isinstance(raw, list):
        for i, value in enumerate(raw):
            problems.extend(text_problems(value, file, (*path, i)))
    return problems


def validate_application(raw: Any, file: str = APPLICATION_JSON) -> list[PackProblem]:
    """Every schema and date problem of an application.json value (empty list: valid)."""
    if not isinstance(raw, dict):
        return [PackProblem(file, "", f"must be a JSON object, not {type(raw).__name__}")]
    problems = text_problems(raw, file)
    if problems:  # the schema's messages would quote the unstorable values; these are enough to fix the pack
        return problems
    for err in sorted(_validator().iter_errors(raw), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        path = list(err.absolute_path)
        if err.validator == "required" and isinstance(err.instance, dict):
            for missing in err.validator_value:
                if missing not in err.instance:
                    problems.append(PackProblem(file, _dotted([*path, missing]), "required field is missing"))
            continue
        if err.validator == "additionalProperties" and path == ["documents"] and isinstance(err.instance, dict):
            known = err.schema.get("properties", {})
            for role in err.instance:
                if role not in known:
                    shown = role if len(role) <= 40 else role[:40] + "…"
                    problems.append(PackProblem(file, _dotted([*path, shown]), "unknown document role; a pack "
                                                f"carries only {', '.join(known)}"))
            continue
        message = err.message if len(err.message) <= 200 else err.message[:200] + "…"
        problems.append(PackProblem(file, _dotted(path), message))
    for path in _DATE_PATHS:
        value = _get(raw, path)
        if isinstance(value, str) and len(value) <= 40:
            try:
                date.fromisoformat(value)
            except ValueError:
                problems.append(PackProblem(file, ".".join(path), f"{brief(value)} is not a real calendar date"))
    problems.extend(_list_date_problems(raw, file))
    sub = raw.get("submitted_at")
    if isinstance(sub, str) and len(sub) <= 60:
        try:
            if datetime.fromisoformat(sub).tzinfo is None:
                problems.append(PackProblem(file, "submitted_at", "the time must carry its UTC offset"))
        except ValueError:
            problems.append(PackProblem(file, "submitted_at", f"{brief(sub)} is not a real date and time"))
    ident = raw.get("id")
    if isinstance(ident, str) and _CONTROL.search(ident):
        problems.append(PackProblem(file, "id", "must not contain control characters"))
    docs = raw.get("documents")
    if isinstance(docs, dict):
        for role, name in docs.items():
            if isinstance(name, str):
                bad = _bad_name(name)
                if bad:
                    problems.append(PackProblem(file, f"documents.{role}", f"{brief(name)}: {bad}"))
    return list(dict.fromkeys(problems))


def _list_date_problems(raw: dict[str, Any], file: str) -> list[PackProblem]:
    """Dates inside lists (`applicant.previous_surnames[i].record_date`) must be real calendar dates too."""
    out = []
    items = _get(raw, ("applicant", "previous_surnames"))
    for i, item in enumerate(items if isinstance(items, list) else ()):
        value = item.get("record_date") if isinstance(item, dict) else None
        if isinstance(value, str) and len(value) <= 40:
            try:
                date.fromisoformat(value)
            except ValueError:
                out.append(PackProblem(file, f"applicant.previous_surnames[{i}].record_date",
                                       f"{value!r} is not a real calendar date"))
    return out


def _bad_name(name: str) -> str | None:
    """Why a file name inside a pack is unsafe, or None."""
    if not name or name.strip() == "":
        return "empty file name"
    if _CONTROL.search(name):
        return "file name contains control characters"
    if "\\" in name:
        return "file name must use '/' separators, not backslashes"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "file name must be relative to the pack, not absolute"
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return "file name must not contain '..'"
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def decode_json(data: bytes, file: str = APPLICATION_JSON) -> Any:
    """Parse bytes as UTF-8 JSON; raises PackError naming the position of the problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError(file, [PackProblem(file, "", f"not UTF-8 text (byte {exc.start}: {exc.reason})")]) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise PackError(file, [PackProblem(file, "", f"bad JSON at line {exc.lineno}, column {exc.colno}: "
                                                     f"{exc.msg}")]) from None
    except (ValueError, RecursionError) as exc:
        raise PackError(file, [PackProblem(file, "", f"bad JSON: {str(exc)[:200]}")]) from None


def parse_application(data: bytes | str | dict[str, Any], *, file: str = APPLICATION_JSON,
                      source: str | None = None) -> Application:
    """Validate and parse application.json content (bytes, text or an already-decoded dict)."""
    src = source or file
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    try:
        raw = decode_json(data, file) if isinstance(data, bytes) else data
    except PackError as exc:
        raise PackError(src, exc.problems) from None
    problems = validate_application(raw, file)
    if problems:
        raise PackError(src, problems)
    try:
        return Application.from_dict(raw)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:  # schema should have caught it
        raise PackError(src, [PackProblem(file, "", f"cannot be read: {exc}")]) from None


# --- folder and zip ----------------------------------------------------------------------------------------


def read_pack(path: str | Path, *, limits: PackLimits = DEFAULT_LIMITS) -> Pack:
    """Read a pack folder, a .zip of it, or a path to its application.json."""
    p = Path(path)
    source = str(path)
    if p.is_file() and p.name == APPLICATION_JSON:
        p = p.parent
    if p.is_dir():
        return _read_folder(p, source, limits)
    if p.is_file():
        if zipfile.is_zipfile(p):
            return _read_zip(p, source, limits)
        raise PackError(source, [PackProblem(p.name, "", "not a pack folder or a .zip archive")])
    raise PackError(source, [PackProblem(p.name or source, "", "no such file or folder")])


def _finish(source: str, file: str, data: bytes, load: Any, limits: PackLimits) -> Pack:
    """Parse application.json data and load the documents through `load(name) -> bytes | str (problem)`."""
    if len(data) > limits.max_json_bytes:
        raise PackError(source, [PackProblem(file, "", f"larger than {limits.max_json_bytes} bytes")])
    try:
        raw = decode_json(data, file)
    except PackError as exc:
        raise PackError(source, exc.problems) from None
    problems = validate_application(raw, file)
    files: dict[str, bytes] = {}
    docs = raw.get("documents") if isinstance(raw, dict) else None
    if isinstance(docs, dict) and len(docs) > limits.max_documents:
        problems.append(PackProblem(file, "documents", f"{len(docs)} documents; at most {limits.max_documents} "
                                                       "are accepted"))
        docs = None
    if isinstance(docs, dict):
        for role, name in docs.items():
            if not isinstance(name, str) or _bad_name(name) or name in files:
                continue
            got = load(name)
            if isinstance(got, bytes):
                files[name] = got
            else:
                problems.append(PackProblem(file, f"documents.{role}", f"{brief(name)}: {got}"))
    if problems:
        raise PackError(source, problems)
    try:
        app = Application.from_dict(raw)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise PackError(source, [PackProblem(file, "", f"cannot be read: {exc}")]) from None
    return Pack(source=source, application=app, raw=raw, files=files)


def _read_folder(folder: Path, source: str, limits: PackLimits) -> Pack:
    app_file = folder / APPLICATION_JSON
    if app_file.is_symlink():  # it could name any file the importing account may read
        raise PackError(source, [PackProblem(APPLICATION_JSON, "", "is a symbolic link; packs hold real files")])
    if not app_file.is_file():
        raise PackError(source, [PackProblem(APPLICATION_JSON, "", "missing from the pack folder")])
    if app_file.stat().st_size > limits.max_json_bytes:
        raise PackError(source, [PackProblem(APPLICATION_JSON, "", f"larger than {limits.max_json_bytes} bytes")])
    root = folder.resolve()
    total = 0

    def load(name: str) -> bytes | str:
        nonlocal total
        step = folder
        for part in PurePosixPath(name).parts:  # a link anywhere on the way, even one inside the pack
            step = step / part
            if step.is_symlink():
                return "is a symbolic link (it may point outside the pack); packs hold real files"
        target = (folder / name).resolve()
        if not target.is_relative_to(root):
            return "points outside the pack (symbolic link)"
        if not target.is_file():
            return "file is missing from the pack"
        size = target.stat().st_size
        if size > limits.max_entry_bytes:
            return f"file is larger than {limits.max_entry_bytes} bytes"
        total += size
        if total > limits.max_total_bytes:
            return f"the pack's files exceed {limits.max_total_bytes} bytes in all"
        try:  # O_NOFOLLOW: a link swapped in after the checks above is refused too
            fd = os.open(folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError as exc:
            return f"cannot be opened ({exc.strerror})"
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(limits.max_entry_bytes + 1)
        return data if len(data) <= limits.max_entry_bytes else f"file is larger than {limits.max_entry_bytes} bytes"

    try:  # O_NOFOLLOW: a symlink swapped in after the check above is refused too
        fd = os.open(app_file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise PackError(source, [PackProblem(APPLICATION_JSON, "", f"cannot be opened ({exc.strerror})")]) from None
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(limits.max_json_bytes + 1)
    return _finish(source, APPLICATION_JSON, data, load, limits)


def read_pack_bytes(name: str, data: bytes, *, limits: PackLimits = DEFAULT_LIMITS) -> Pack:
    """Read a pack sent as the bytes of its .zip (the portal's push over the API), named `name` in every problem;
    kept in memory, never written to disk."""
    zname = PurePosixPath(name.replace("\\", "/")).name or "pack.zip"
    if len(data) > limits.max_total_bytes:
        raise PackError(name, [PackProblem(zname, "", f"larger than {limits.max_total_bytes} bytes")])
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise PackError(name, [PackProblem(zname, "", "not a .zip archive (a pack is sent as the .zip of its "
                                                      "folder)")])
    return _read_zip(buffer, name, limits, zname)


def _read_zip(path: Path | io.BytesIO, source: str, limits: PackLimits, zname: str | None = None) -> Pack:
    zname = zname or path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackError(source, [PackProblem(zname, "", f"not a readable zip archive: {exc}")]) from None
    except UnicodeDecodeError:  # an entry flagged UTF-8 whose name is not: zipfile fails while listing
        raise PackError(source, [PackProblem(zname, "", "an entry name is marked as UTF-8 but is not valid UTF-8 "
                                                        "(the archive is damaged or was made to mislead)")]) from None
    except (ValueError, EOFError, NotImplementedError, RuntimeError) as exc:  # a damaged directory
        raise PackError(source, [PackProblem(zname, "", f"not a readable zip archive: {str(exc)[:200]}")]) from None
    with zf:
        infos = zf.infolist()
        problems: list[PackProblem] = []
        if len(infos) > limits.max_entries:
            raise PackError(source, [PackProblem(zname, "", f"more than {limits.max_entries} entries")])
        total = 0
        for info in infos:
            bad = _bad_name(info.filename.rstrip("/")) if info.filename.rstrip("/") else "empty entry name"
            if bad:
                problems.append(PackProblem(f"{zname}:{info.filename}", "", f"unsafe entry name (zip-slip): {bad}"))
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                problems.append(PackProblem(f"{zname}:{info.filename}", "", "symbolic links are not allowed"))
            if info.flag_bits & 0x1:
                problems.append(PackProblem(f"{zname}:{info.filename}", "", "encrypted entries are not allowed"))
            if info.file_size > limits.max_entry_bytes:
                problems.append(PackProblem(f"{zname}:{info.filename}", "",
                                            f"larger than {limits.max_entry_bytes} bytes"))
            if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                problems.append(PackProblem(f"{zname}:{info.filename}", "",
                                            f"compression ratio above {limits.max_ratio} (zip bomb?)"))
            total += info.file_size
        if total > limits.max_total_bytes:
            problems.append(PackProblem(zname, "", f"more than {limits.max_total_bytes} bytes uncompressed"))
        if problems:
            raise PackError(source, problems)
        by_name = {i.filename: i for i in infos if not i.is_dir()}
        prefix = _zip_prefix(by_name)
        if prefix is None:
            raise PackError(source, [PackProblem(zname, "", "no application.json at the top of the archive "
                                                            "(or in its single top folder)")])

        def read(info: zipfile.ZipInfo, cap: int) -> bytes:
            with zf.open(info) as fh:
                data = fh.read(cap + 1)
            if len(data) > cap:
                raise PackError(source, [PackProblem(f"{zname}:{info.filename}", "", f"larger than {cap} bytes")])
            return data

        def load(name: str) -> bytes | str:
            info = by_name.get(prefix + name)
            if info is None:
                return "file is missing from the pack"
            return read(info, limits.max_entry_bytes)

        try:
            app_data = read(by_name[prefix + APPLICATION_JSON], limits.max_json_bytes)
            return _finish(source, prefix + APPLICATION_JSON, app_data, load, limits)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, zlib.error, RuntimeError,
                ValueError) as exc:  # a damaged entry fails in the decompressor (zlib.error), not in zipfile
            raise PackError(source, [PackProblem(zname, "", f"damaged archive: {exc}")]) from None


def _zip_prefix(names: dict[str, zipfile.ZipInfo]) -> str | None:
    if APPLICATION_JSON in names:
        return ""
    candidates = [n[: -len(APPLICATION_JSON)] for n in names
                  if n.endswith("/" + APPLICATION_JSON) and n.count("/") == 1]
    if len(candidates) == 1:
        return candidates[0]
    return None
