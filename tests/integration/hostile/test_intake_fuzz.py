"""Fuzzing the pack reader and intake (issue 14, item 2): generated packs and bytes never escape as an exception
and never leave half an import behind. On SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import copy
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from reviewer_app.db.models import Applicant, Application, CheckResultRow, Document
from reviewer_app.packs import PackError, read_pack
from reviewer_app.services.intake import import_pack
from tests.integration.intake.test_intake import BASE, _jpeg

# Strings that broke intake before (lone surrogates, NUL) mixed into arbitrary text, surrogates included.
NASTY = st.sampled_from(["\ud800", "\udfff", "\x00", "\u202e", "\x1b[31m", "\ufeff", "😀", "\\", '"'])
TEXT = st.one_of(st.text(st.characters(exclude_categories=()), max_size=12),
                 st.builds(lambda a, b, c: a + b + c, st.text(max_size=4), NASTY, st.text(max_size=4)))
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False), TEXT)
JSONV = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(TEXT, inner, max_size=3)), max_leaves=6)
PATHS = [(), ("id",), ("kind",), ("submitted_at",), ("applicant",), ("applicant", "last_name"),
         ("applicant", "snils"), ("applicant", "phone"), ("applicant", "passport"), ("applicant", "passport", "number"),
         ("applicant", "passport", "issued_on"), ("applicant", "birth_date"), ("documents",),
         ("documents", "selfie_with_passport"), ("x_unknown",), ("applicant", "x_unknown")]
IMAGES = st.one_of(st.just(_jpeg()), st.binary(max_size=64),
                   st.builds(lambda cut: _jpeg()[:cut], st.integers(0, 600)))
FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _mutate(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    if not path:
        return value if isinstance(value, dict) else data | {"x_fuzz": value}
    node = data
    for p in path[:-1]:
        node = node.setdefault(p, {})
    node[path[-1]] = value
    return data


def _write(root: Path, body: bytes, selfie: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(dir=root))
    (folder / "application.json").write_bytes(body)
    (folder / "selfie.jpg").write_bytes(selfie)
    (folder / "passport.jpg").write_bytes(_jpeg((90, 90, 200)))
    return folder


def _state(app) -> tuple[int, int, int, int, set[str], set[str]]:
    with app.sessions() as s:
        counts = tuple(s.scalar(select(func.count()).select_from(m))
                       for m in (Application, Applicant, Document, CheckResultRow))
        named = set(s.scalars(select(Document.sha256)))
    return (*counts, named, set(app.store.addresses()))


def _check_one(app, root: Path, body: bytes, selfie: bytes) -> None:
    folder = _write(root, body, selfie)
    try:
        try:
            read_pack(folder)
        except PackError as exc:
            assert exc.problems and all(p.file for p in exc.problems)
        before = _state(app)
        out = import_pack(app, folder)  # must return, whatever the bytes
        after = _state(app)
        assert out.status in ("imported", "skipped", "refused")
        if out.status == "imported":
            assert after[0] == before[0] + 1 and after[1] == before[1] + 1
        else:  # nothing half-imported: the same rows, the same files
            assert after == before, out.reason
        assert after[4] == after[5]  # every stored file is named by a document, and every named file exists
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(path=st.sampled_from(PATHS), value=JSONV, selfie=IMAGES, ascii_only=st.booleans())
def test_generated_packs_never_escape_and_never_half_import(app, tmp_path, path, value, selfie, ascii_only):
    data = _mutate(path, value)
    # ensure_ascii keeps lone surrogates as \ud800 escapes (valid JSON); otherwise encode them as best we can
    text = json.dumps(data, ensure_ascii=ascii_only)
    _check_one(app, tmp_path, text.encode("utf-8", "surrogatepass"), selfie)


@FUZZ
@given(body=st.one_of(st.binary(max_size=200),
                      st.builds(lambda good, i, junk: good[:i] + junk + good[i:],
                                st.just(json.dumps(BASE).encode()), st.integers(0, 400), st.binary(max_size=8))))
def test_generated_bytes_never_escape_and_never_half_import(app, tmp_path, body):
    _check_one(app, tmp_path, body, _jpeg())


def _leaves(node: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(node, dict):
        return [leaf for k, v in node.items() for leaf in _leaves(v, (*path, k))]
    return [path] if isinstance(node, str) else []


LEAVES = [*_leaves(BASE), ("x_portal_extra", "note")]


@FUZZ
@given(path=st.sampled_from(LEAVES), nasty=NASTY, at=st.integers(0, 40))
def test_a_nasty_character_in_any_field_of_a_valid_pack(app, tmp_path, path, nasty, at):
    """The cases that crashed intake: one lone surrogate or NUL inside an otherwise valid pack."""
    data = copy.deepcopy(BASE)
    node = data
    for p in path[:-1]:
        node = node.setdefault(p, {})
    old = node.get(path[-1], "")
    node[path[-1]] = old[:at] + nasty + old[at:]
    _check_one(app, tmp_path, json.dumps(data, ensure_ascii=True).encode(), _jpeg())


def _zip_pack() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("application.json", json.dumps(BASE, ensure_ascii=False))
        zf.writestr("selfie.jpg", _jpeg())
        zf.writestr("passport.jpg", _jpeg((90, 90, 200)))
    return buf.getvalue()


ZIP = _zip_pack()


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, len(ZIP) - 1), st.integers(1, 255)), min_size=1, max_size=6),
       cut=st.one_of(st.none(), st.integers(0, len(ZIP))))
def test_damaged_zip_packs_never_escape_and_never_half_import(app, tmp_path, flips, cut):
    data = bytearray(ZIP)
    for at, xor in flips:
        data[at] ^= xor
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "pack.zip"
    path.write_bytes(bytes(data[:cut] if cut is not None else data))
    with contextlib.suppress(PackError):
        read_pack(path)
    before = _state(app)
    out = import_pack(app, path)
    after = _state(app)
    assert out.status in ("imported", "skipped", "refused")
    if out.status != "imported":
        assert after == before, out.reason
    assert after[4] == after[5]
