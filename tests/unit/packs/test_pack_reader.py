"""Reading packs: folders, zips, every problem named, unsafe input refused."""

from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path

import pytest
from pack_helpers import SAMPLE, jpeg, write_pack

from reviewer_app.domain.enums import ApplicationKind
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.matching.colour import is_colour
from reviewer_app.packs import (
    PackError,
    PackLimits,
    load_schema,
    parse_application,
    read_pack,
    validate_application,
)


@pytest.fixture
def sample():
    return copy.deepcopy(SAMPLE)


def problems(exc: PackError) -> set[tuple[str, str]]:
    return {(p.path, p.problem) for p in exc.problems}


def paths(exc: PackError) -> set[str]:
    return {p.path for p in exc.problems}


def test_schema_is_package_data():
    schema = load_schema()
    assert schema["title"].startswith("EMK access application")


def test_folder_pack(tmp_path, sample):
    sample["future"] = {"kept": True}
    sample["applicant"]["nickname"] = "М."
    pack = read_pack(write_pack(tmp_path / "p", sample))
    app = pack.application
    assert app.kind == ApplicationKind.CHILD_ACCESS
    assert app.child.birth_certificate.series == "IV-МЮ"
    assert pack.raw["future"] == {"kept": True} and app.raw["future"] == {"kept": True}
    assert app.applicant.raw["nickname"] == "М."
    assert pack.document("selfie_with_passport") == (tmp_path / "p" / "selfie.jpg").read_bytes()
    assert set(pack.files) == {"selfie.jpg", "passport.jpg", "certificate.jpg"}
    # the path of application.json itself works too
    assert read_pack(tmp_path / "p" / "application.json").application.id == app.id


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def _entries(sample, prefix=""):
    return {prefix + "application.json": json.dumps(sample).encode(), prefix + "selfie.jpg": jpeg(),
            prefix + "passport.jpg": jpeg(False), prefix + "certificate.jpg": jpeg(False)}


@pytest.mark.parametrize("prefix", ["", "EMK-2026-000123/"])
def test_zip_pack(tmp_path, sample, prefix):
    pack = read_pack(_zip(tmp_path / "p.zip", _entries(sample, prefix)))
    assert pack.application.id == "EMK-2026-000123"
    assert is_colour(pack.document("selfie_with_passport")) is True
    assert is_colour(pack.document("passport_scan")) is False


def test_all_problems_are_reported_with_file_and_path(tmp_path, sample):
    sample["format"] = 2
    sample["kind"] = "everything"
    sample["applicant"]["birth_date"] = "1990-02-30"
    del sample["applicant"]["phone"]
    sample["applicant"]["passport"]["series"] = 4502
    sample["submitted_at"] = "2026-11-20 10:15"
    sample["documents"] = {"selfie_with_passport": "/etc/passwd", "passport_scan": "../x.jpg",
                           "birth_certificate_scan": "missing.jpg"}
    with pytest.raises(PackError) as err:
        read_pack(write_pack(tmp_path / "p", sample))
    exc = err.value
    assert isinstance(exc, ReviewerError)
    assert {"format", "kind", "applicant.birth_date", "applicant.phone", "applicant.passport.series",
            "submitted_at", "documents.selfie_with_passport", "documents.passport_scan",
            "documents.birth_certificate_scan"} <= paths(exc)
    assert all(p.file == "application.json" for p in exc.problems)
    assert ("applicant.phone", "required field is missing") in problems(exc)
    text = str(exc)
    assert "application.json: documents.passport_scan: '../x.jpg'" in text
    assert "missing.jpg" in text and "absolute" in text


def test_child_is_required_for_child_access(sample):
    del sample["child"]
    with pytest.raises(PackError) as err:
        parse_application(sample)
    assert ("child", "required field is missing") in problems(err.value)


def test_other_kinds_need_no_child(sample):
    sample["kind"] = "opt_out"
    del sample["child"]
    assert parse_application(sample).child is None


@pytest.mark.parametrize(("data", "fragment"), [
    (b"{not json", "bad JSON at line 1"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b'{"format": NaN}', "NaN"),
    (b"[1, 2]", "must be a JSON object"),
    (b"", "bad JSON"),
])
def test_bad_json(tmp_path, data, fragment):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "application.json").write_bytes(data)
    with pytest.raises(PackError) as err:
        read_pack(folder)
    assert fragment in str(err.value)
    assert err.value.problems[0].file == "application.json"


def test_bom_is_accepted(sample):
    data = b"\xef\xbb\xbf" + json.dumps(sample).encode()
    assert parse_application(data).id == sample["id"]


def test_missing_things(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(PackError, match=r"application\.json: \(whole file\): missing"):
        read_pack(tmp_path / "empty")
    with pytest.raises(PackError, match="no such file"):
        read_pack(tmp_path / "nope")
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(PackError, match=r"not a pack folder or a \.zip"):
        read_pack(tmp_path / "x.txt")
    with pytest.raises(PackError, match=r"no application\.json"):
        read_pack(_zip(tmp_path / "a.zip", {"readme.txt": b"x"}))
    with pytest.raises(PackError, match=r"no application\.json"):
        read_pack(_zip(tmp_path / "b.zip", {"a/application.json": b"{}", "b/application.json": b"{}"}))


@pytest.mark.parametrize("name", ["../evil.txt", "/abs.txt", "a/../../evil.txt", "C:/win.txt", "a\\..\\b.txt"])
def test_zip_slip_is_refused(tmp_path, sample, name):
    entries = _entries(sample) | {name: b"x"}
    with pytest.raises(PackError, match="zip-slip"):
        read_pack(_zip(tmp_path / "p.zip", entries))


def test_zip_limits(tmp_path, sample):
    z = _zip(tmp_path / "p.zip", _entries(sample) | {"big.bin": b"\0" * (3 * 1024 * 1024)})
    with pytest.raises(PackError, match="compression ratio"):
        read_pack(z)
    with pytest.raises(PackError, match="larger than"):
        read_pack(z, limits=PackLimits(max_entry_bytes=1024 * 1024))
    with pytest.raises(PackError, match="more than 3 entries"):
        read_pack(z, limits=PackLimits(max_entries=3))
    with pytest.raises(PackError, match="uncompressed"):
        read_pack(z, limits=PackLimits(max_total_bytes=1024 * 1024, max_ratio=10**9))


def test_zip_missing_document(tmp_path, sample):
    entries = _entries(sample)
    del entries["certificate.jpg"]
    with pytest.raises(PackError) as err:
        read_pack(_zip(tmp_path / "p.zip", entries))
    assert ("documents.birth_certificate_scan", "'certificate.jpg': file is missing from the pack") in \
        problems(err.value)


def test_damaged_zip(tmp_path, sample):
    z = _zip(tmp_path / "p.zip", _entries(sample))
    data = bytearray(z.read_bytes())
    data[40:200] = b"\0" * 160  # corrupt the first entry's data
    z.write_bytes(bytes(data))
    with pytest.raises(PackError):
        read_pack(z)


def test_symlink_outside_folder_is_refused(tmp_path, sample):
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(jpeg())
    folder = write_pack(tmp_path / "p", sample, files={"passport.jpg": jpeg(), "certificate.jpg": jpeg()})
    (folder / "selfie.jpg").symlink_to(outside)
    with pytest.raises(PackError, match="outside the pack"):
        read_pack(folder)


def test_validate_application_returns_empty_for_valid(sample):
    assert validate_application(sample) == []
    assert validate_application("x")[0].problem.startswith("must be a JSON object")
