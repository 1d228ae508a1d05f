"""Issue 23, item 3: image bombs under the pixel limit and images under made-up roles are refused by intake,
by `check`, by the pre-score worker and by the desk, with a message naming the file, the role and the problem.
On SQLite and PostgreSQL where the database is involved."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path

import pytest
from access import factories as f
from sqlalchemy import func, insert, select, update

from reviewer_app.cli import main
from reviewer_app.db.models import Applicant, Application, Document, FacePrescore
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.matching.images import ImageLoadError
from reviewer_app.services.desk_service import DbDeskService
from reviewer_app.services.intake import import_pack
from reviewer_app.services.prescore_worker import run_worker
from tests.bombs import float_tiff_bomb, png_bomb
from tests.factories import add_applications, applicant_row
from tests.integration.intake.test_intake import BASE, make_pack


@pytest.fixture(scope="module")
def png16() -> bytes:
    return png_bomb()


@pytest.fixture(scope="module")
def tiff() -> bytes:
    return float_tiff_bomb()


def _with_selfie(folder: Path, name: str, data: bytes) -> Path:
    raw = json.loads((folder / "application.json").read_text("utf-8"))
    raw["documents"]["selfie_with_passport"] = name
    (folder / "application.json").write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    (folder / name).write_bytes(data)
    return folder


def _count(app, model) -> int:
    with app.sessions() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.mark.parametrize(("name", "bomb", "problem"), [
    ("selfie.png", "png16", "more than 8 bits per channel"),
    ("selfie.tif", "tiff", "the image is TIFF; only JPEG and PNG photos are accepted"),
])
def test_intake_refuses_a_bomb_naming_the_field_the_file_and_the_problem(app, tmp_path, request, name, bomb,
                                                                          problem):
    pack = _with_selfie(make_pack(tmp_path, "bomb"), name, request.getfixturevalue(bomb))
    out = import_pack(app, pack)
    assert out.status == "refused"
    assert f"documents.selfie_with_passport: '{name}': " in out.reason and problem in out.reason
    assert _count(app, Application) == 0 and _count(app, Document) == 0


def test_intake_refuses_documents_under_made_up_roles(app, tmp_path, tiff):
    documents = {**BASE["documents"], **{f"extra_{i}": f"extra_{i}.tif" for i in range(18)}}
    pack = make_pack(tmp_path, "roles", documents=documents)
    for i in range(18):
        (pack / f"extra_{i}.tif").write_bytes(tiff)
    out = import_pack(app, pack)
    assert out.status == "refused"
    assert "documents.extra_0: unknown document role; a pack carries only selfie_with_passport, passport_scan, " \
           "birth_certificate_scan" in out.reason
    assert "documents.extra_17: unknown document role" in out.reason
    assert _count(app, Application) == 0 and _count(app, Document) == 0


def test_check_refuses_a_bomb_and_an_unknown_role(tmp_path, png16, capsys, monkeypatch):
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REVIEWER_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    bomb = _with_selfie(make_pack(tmp_path, "bomb"), "selfie.png", png16)
    roles = make_pack(tmp_path, "roles", documents={**BASE["documents"], "tax_return": "selfie.jpg"})
    assert main(["check", "--json", "--today", "2026-11-27", str(bomb), str(roles)]) == 2
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out[0]["pack"] == str(bomb)
    assert out[0]["errors"][0]["path"] == "documents.selfie_with_passport"
    assert out[0]["errors"][0]["problem"].startswith("'selfie.png': the image has more than 8 bits per channel")
    assert out[1]["errors"][0]["path"] == "documents.tax_return"
    assert "unknown document role" in out[1]["errors"][0]["problem"]


def test_match_refuses_a_bomb_before_any_face_work(tmp_path, tiff, capsys, monkeypatch):
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REVIEWER_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    selfie = tmp_path / "selfie.tif"
    selfie.write_bytes(tiff)
    assert main(["match", "--json", str(selfie)]) == 2
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["errors"] == [f"cannot read image '{selfie}': the image is TIFF; only JPEG and PNG "
                                          "photos are accepted"]


def _seed_stored(app, selfie: bytes, name: str) -> str:
    """An application whose stored selfie is a bomb (stored before the gate existed, or by another way in)."""
    with app.uow() as s:
        (application_id,) = add_applications(s, 1)
        s.execute(insert(Applicant), [applicant_row(application_id, 0)])
        s.execute(insert(Document), [{"application_id": application_id, "role": "selfie_with_passport",
                                      "filename": name, "sha256": app.store.put(selfie), "size": len(selfie),
                                      "media_type": "image/png"}])
    return application_id


def test_the_worker_refuses_a_stored_bomb_without_decoding_it(app, png16):
    application_id = _seed_stored(app, png16, "selfie.png")
    stats = run_worker(app, once=True)  # the real matcher
    assert stats.failed == 1
    with app.sessions() as s:
        row = s.scalar(select(FacePrescore).where(FacePrescore.application_id == application_id))
    assert row.band == "manual"
    assert "selfie.png (documents.selfie_with_passport)" in row.result["error"]
    assert "more than 8 bits per channel" in row.result["error"]


def test_the_desk_refuses_a_stored_bomb_naming_the_file_and_the_role(app, png16):
    application_id = _seed_stored(app, png16, "selfie.png")
    anna = Actor(f.add_staff(app, "anna", "reviewer"), "anna", StaffRole.REVIEWER)
    with app.uow() as s:
        s.execute(update(Application).values(status="in_review", claimed_by=anna.staff_id,
                                             lease_expires_at=app.clock.now() + timedelta(minutes=10)))
    with pytest.raises(ImageLoadError) as ei:
        DbDeskService(app).load_image(anna, application_id, "selfie_with_passport")
    assert "selfie.png (documents.selfie_with_passport)" in str(ei.value)
    assert "more than 8 bits per channel" in ei.value.problem


def test_an_ordinary_pack_still_goes_in(app, tmp_path):
    assert import_pack(app, make_pack(tmp_path, "ok", documents=copy.deepcopy(BASE["documents"]))).status \
        == "imported"
