"""Issue 14, items 2, 5 and the store items of 8: one bad pack refuses that pack only, names the file and the field,
prints no personal data, leaves no rows and no encrypted files; every image goes through the one image gate.
On SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import threading
import zlib
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from reviewer_app.cli import main
from reviewer_app.cli.intake_cmd import watch
from reviewer_app.db.models import Applicant, Application, AuditEvent, CheckResultRow, Document
from reviewer_app.services.intake import import_pack, import_paths
from tests.integration.intake.test_intake import BASE, _jpeg, make_pack

PII = ("112-233-445 95", "11223344595", "573482", "916", "123-45-67", "Иванова")


def _counts(app) -> dict[str, int]:
    with app.sessions() as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m))
                for m in (Application, Applicant, Document, CheckResultRow)}


def _write_raw(folder: Path, text: str, files: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True)
    (folder / "application.json").write_text(text, encoding="ascii")
    for name, data in (files or {"selfie.jpg": _jpeg(), "passport.jpg": _jpeg((90, 90, 200))}).items():
        (folder / name).write_bytes(data)
    return folder


def _pack_with(tmp_path: Path, name: str, **changes) -> Path:
    data = json.loads(json.dumps(BASE))
    data.update(changes)
    return _write_raw(tmp_path / name, json.dumps(data, ensure_ascii=True))  # \ud800 stays an escape


@pytest.mark.parametrize("where", ["unknown", "applicant", "key", "nul"])
def test_lone_surrogates_and_nul_refuse_that_pack_only_naming_the_field(app, tmp_path, where, capsys):
    data = json.loads(json.dumps(BASE))
    data["id"] = "EMK-BAD"
    if where == "unknown":
        data["x_portal_extra"] = {"note": "ok \ud800 then"}
        field = "x_portal_extra.note"
    elif where == "applicant":
        data["applicant"]["middle_name"] = "Петровна\udfff"
        field = "applicant.middle_name"
    elif where == "key":
        data["x_extra"] = {"\ud83d": 1}
        field = "x_extra.<key no. 1>"
    else:
        data["applicant"]["last_name"] = "Ивано\x00ва"  # PostgreSQL text cannot hold NUL
        field = "applicant.last_name"
    bad = _write_raw(tmp_path / "a-bad", json.dumps(data, ensure_ascii=True))
    good = make_pack(tmp_path, "b-good", id="EMK-GOOD")
    summary = import_paths(app, [tmp_path])
    assert [o.status for o in summary.outcomes] == ["refused", "imported"]
    reason = summary.outcomes[0].reason
    assert f"application.json: {field}:" in reason
    assert not any(p in reason for p in PII)
    with app.sessions() as s:
        assert s.scalars(select(Application.id)).all() == ["EMK-GOOD"]
    assert good.exists() and bad.exists()


def test_the_cli_run_goes_on_past_a_bad_pack_without_a_traceback(db_url, data_dir, tmp_path, capsys):
    _pack_with(tmp_path / "in", "a-bad", id="EMK-BAD", x_note="\ud800")
    make_pack(tmp_path / "in", "b-good", id="EMK-GOOD")
    code = main(["--db-url", db_url, "--data-dir", str(data_dir), "intake", "-q", str(tmp_path / "in")])
    out, err = capsys.readouterr()
    assert code == 1  # something was refused
    assert "imported 1, skipped 0, refused 1" in out and "x_note" in out
    assert "Traceback" not in out + err and not any(p in out + err for p in PII)


def test_a_database_error_is_refused_without_quoting_the_values(app, tmp_path, monkeypatch):
    """Driver messages quote the row being inserted; the refusal names only the kind of error."""
    from sqlalchemy.exc import DataError

    from reviewer_app.services import intake

    def insert(*_a, **_k):
        raise DataError("INSERT INTO applicants (snils, passport_number) VALUES (%(snils)s, %(n)s)",
                        {"snils": "112-233-445 95", "n": "573482"}, ValueError("bad value '112-233-445 95'"))

    monkeypatch.setattr(intake, "_insert", insert)
    out = import_pack(app, make_pack(tmp_path, "p1"))
    assert out.status == "refused" and "the database refused the pack (ValueError)" in out.reason
    assert not any(p in out.reason for p in PII)
    assert _counts(app) == {"Application": 0, "Applicant": 0, "Document": 0, "CheckResultRow": 0}
    assert list(app.store.addresses()) == []  # its images were deleted again


def test_watch_moves_a_bad_pack_aside_and_imports_the_next(app, tmp_path, capsys):
    inbox = tmp_path / "inbox"
    _pack_with(inbox, "a-bad", id="EMK-BAD", x_note="\ud800")
    make_pack(inbox, "b-good", id="EMK-GOOD")
    handled = watch(app, inbox, stop=threading.Event(), interval=0, settle=0, max_rounds=1)
    assert handled == 2
    assert (inbox / "refused" / "a-bad").is_dir() and (inbox / "processed" / "b-good.receipt.txt").is_file()
    assert not (inbox / "b-good").exists() and not (inbox / "processed" / "b-good").exists()  # no copy kept
    assert "x_note" in (inbox / "refused" / "a-bad.reason.txt").read_text(encoding="utf-8")
    # A restart finds nothing left to choke on.
    assert watch(app, inbox, stop=threading.Event(), interval=0, settle=0, max_rounds=1) == 0


# --- item 5: one image gate -----------------------------------------------------------------------------------


def _png_bomb(side: int = 13000) -> bytes:
    """A valid greyscale PNG of side x side zero pixels: tiny on disk, side² bytes once decoded."""
    raw = zlib.compress(b"".join(b"\x00" + bytes(side) for _ in range(side)), 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    ihdr = side.to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("selfie", "problem"), [
    (b"", "the file is empty"),
    (b"<!doctype html><html><body>photo</body></html>", "not an image"),
    (_jpeg()[:200], "corrupt or truncated"),
    (_png_bomb(), "decompression bomb"),
])
def test_non_images_and_bombs_are_refused_at_intake_naming_the_file(app, tmp_path, selfie, problem):
    folder = make_pack(tmp_path, "p1")
    (folder / "selfie.jpg").write_bytes(selfie)
    out = import_pack(app, folder)
    assert out.status == "refused"
    assert "documents.selfie_with_passport: 'selfie.jpg':" in out.reason and problem in out.reason
    assert _counts(app)["Application"] == 0 and list(app.store.addresses()) == []


def test_the_colour_check_decodes_through_the_gate(monkeypatch):
    """packs/colour.py used to call Image.open itself, without the pixel limit: a bomb was decoded in full."""
    from reviewer_app.matching import colour, images

    opened = []
    real = images.open_image

    def spy(data, name, **limits):
        opened.append(name)
        return real(data, name, **limits)

    monkeypatch.setattr(images, "open_image", spy)
    assert colour.is_colour(_jpeg()) is True and opened
    assert colour.colour_spread(_png_bomb()) is None  # refused from the header, never decoded


def test_the_ui_decoder_refuses_a_bomb_before_qt_decodes_it():
    pytest.importorskip("PySide6")
    from reviewer_app.ui.images import ImageDecodeError, decode_image

    with pytest.raises(ImageDecodeError, match="decompression bomb"):
        decode_image(_png_bomb(), "selfie.png")
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 10)).save(buf, "PNG")
    assert decode_image(buf.getvalue(), "ok.png").width() == 40


# --- item 8: documents cap, no files left by refusals, crash leftovers, retention vs a concurrent import -------


def test_a_folder_pack_naming_too_many_documents_is_refused(app, tmp_path):
    folder = make_pack(tmp_path, "p1")
    data = json.loads((folder / "application.json").read_text(encoding="utf-8"))
    for i in range(30):
        data["documents"][f"extra_{i}"] = "selfie.jpg"
    (folder / "application.json").write_text(json.dumps(data), encoding="utf-8")
    out = import_pack(app, folder)
    assert out.status == "refused" and "documents: 32 documents; at most 20" in out.reason


def test_a_refused_pack_leaves_no_encrypted_files_but_keeps_shared_ones(app, tmp_path, monkeypatch):
    from reviewer_app.services import intake

    assert import_pack(app, make_pack(tmp_path, "p1", id="EMK-1")).status == "imported"
    kept = set(app.store.addresses())
    folder = make_pack(tmp_path, "p2", id="EMK-2")
    (folder / "passport.jpg").write_bytes(_jpeg((1, 2, 250)))  # a new file; the selfie is shared with EMK-1
    monkeypatch.setattr(intake, "run_all_checks", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("x")))
    assert import_pack(app, folder).status == "refused"
    assert set(app.store.addresses()) == kept


def test_retention_sweeps_orphans_and_crash_leftovers(app, tmp_path):
    from reviewer_app.domain.actor import SYSTEM
    from reviewer_app.services import retention

    assert import_pack(app, make_pack(tmp_path, "p1")).status == "imported"
    live = set(app.store.addresses())
    orphan = app.store.put(_jpeg((3, 3, 3)))  # as if an import was killed between its files and its commit
    leftover = app.store.path_for(orphan).parent / ".tmp-abc123"
    leftover.write_bytes(b"half a file")
    res = retention.purge(app, SYSTEM, older_than_days=30)
    assert res.orphans == (orphan,) and set(app.store.addresses()) == live and not leftover.exists()


def test_retention_does_not_delete_a_file_a_concurrent_import_is_reusing(app, tmp_path, monkeypatch):
    """Import B reuses the file of A's selfie while retention purges A: the file must survive."""
    from datetime import timedelta

    from reviewer_app.domain.actor import SYSTEM
    from reviewer_app.services import intake, retention
    from tests.integration.supervision import sv_factories

    assert import_pack(app, make_pack(tmp_path, "p1", id="EMK-1")).status == "imported"
    with app.uow() as s:  # A decided long ago
        s.get(Application, "EMK-1").status = "decided"
    sv_factories.decision(app, "EMK-1", sv_factories.staff(app, "rita"), outcome="reject",
                          decided_at=app.clock.now() - timedelta(days=90))
    b_stored = threading.Event()
    purge_done = threading.Event()
    real_colour = intake.is_colour

    def slow_colour(data):  # B has put (reused) its files, not yet begun the transaction that names them
        b_stored.set()
        purge_done.wait(3)  # retention must wait for B (the store guard), so this times out
        return real_colour(data)

    monkeypatch.setattr(intake, "is_colour", slow_colour)
    result = {}
    t = threading.Thread(target=lambda: result.setdefault("b", import_pack(app, make_pack(tmp_path, "p2",
                                                                                             id="EMK-2"))))
    t.start()
    assert b_stored.wait(10)
    res = retention.purge(app, SYSTEM, older_than_days=30)
    purge_done.set()
    t.join(20)
    assert result["b"].status == "imported" and res.documents == 2
    with app.sessions() as s:
        b_docs = s.scalars(select(Document.sha256).where(Document.application_id == "EMK-2")).all()
    for sha in b_docs:
        assert app.store.get(sha)  # every document of B is still readable


def test_audit_of_a_refused_pack_is_absent(app, tmp_path):
    _pack_with(tmp_path, "bad", x_note="\x00")
    assert import_paths(app, [tmp_path]).refused == 1
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.action == "application.intake")) == 0
