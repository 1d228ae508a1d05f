"""A pack sent as the bytes of its .zip (the portal's push) is read like a .zip file, in memory."""

from __future__ import annotations

import io
import zipfile

import pytest

from reviewer_app.packs import PackError, read_pack_bytes
from tests.ui.packs import write_pack


def _zip(folder) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for f in sorted(folder.iterdir()):
            zf.write(f, f.name)
    return buffer.getvalue()


def test_a_zipped_pack_reads_as_its_folder(tmp_path) -> None:
    pack = read_pack_bytes("upload.zip", _zip(write_pack(tmp_path, 5)))
    assert pack.application.id == "EMK-2026-000005"
    assert set(pack.files) == {"selfie.jpg", "passport.jpg"}


def test_bytes_that_are_not_a_zip_are_refused_under_their_name() -> None:
    with pytest.raises(PackError) as refused:
        read_pack_bytes("folder/../upload.zip", b"plain text")
    assert [str(p) for p in refused.value.problems] == [
        "upload.zip: (whole file): not a .zip archive (a pack is sent as the .zip of its folder)"]


def test_a_zip_entry_escaping_the_pack_is_refused(tmp_path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("../application.json", "{}")
    with pytest.raises(PackError, match="zip-slip"):
        read_pack_bytes("evil.zip", buffer.getvalue())
