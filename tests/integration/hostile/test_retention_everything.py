"""Issue 23, item 4: retention removes everything of a person's biometrics and documents - the images, the face
descriptor (in the table and in a running worker's index), the face-encoding cache of the images, the drop
folder's processed copies and old refused packs - and says what it removed. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from reviewer_app.cli import main
from reviewer_app.db.models import Application, Decision, Document, FaceDescriptor, FaceEncodingCache, Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.services import audit, retention
from reviewer_app.services.face_duplicates import DuplicateSearch
from reviewer_app.services.intake import import_pack
from tests.cli_login import service_account
from tests.integration.intake.test_intake import _jpeg, make_pack

VERSION = "identity-test-1"
OLD, NEW, THIRD = "EMK-2026-000001", "EMK-2026-000002", "EMK-2026-000003"


def _face(seed: int) -> list[float]:
    v = [0.0] * 128
    v[seed] = 1.0
    return v


def _pack(root, name, app_id, colour):
    folder = make_pack(root, name, id=app_id)
    (folder / "selfie.jpg").write_bytes(_jpeg(colour))  # images of their own: nothing shared between the two
    (folder / "passport.jpg").write_bytes(_jpeg(tuple(c // 2 for c in colour)))
    return folder


def _decide(app, app_id, staff_id, days_ago):
    at = app.clock.now() - timedelta(days=days_ago)
    with app.uow() as s:
        s.execute(update(Application).where(Application.id == app_id).values(status="decided"))
        s.add(Decision(application_id=app_id, staff_id=staff_id, outcome="approve", decided_at=at,
                       claimed_at=at - timedelta(minutes=5), application_version=2, kind="own_access",
                       rule_version="2026-01", checks_snapshot=[], prescore_snapshot=None, prescore_band=None,
                       is_override=False, sla_breached=False, second_review=""))


def _hashes(app, app_id) -> set[str]:
    with app.sessions() as s:
        return set(s.scalars(select(Document.sha256).where(Document.application_id == app_id)))


@pytest.fixture
def world(app, tmp_path):
    """OLD decided 40 days ago, NEW yesterday; both described for the face search and cached; a worker's index
    loaded with both; a drop folder holding processed copies of both packs (as earlier versions kept them) and two
    refused packs (one 40 days old, one from yesterday)."""
    src = tmp_path / "src"
    old_pack, new_pack = _pack(src, "old", OLD, (200, 40, 40)), _pack(src, "new", NEW, (40, 200, 40))
    assert import_pack(app, old_pack).status == "imported" and import_pack(app, new_pack).status == "imported"
    with app.uow() as s:
        staff = Staff(name="adam", role="admin", password_hash="x", created_at=app.clock.now())
        s.add(staff)
        s.flush()
        admin = Actor(staff.id, "adam", StaffRole.ADMIN)
    _decide(app, OLD, admin.staff_id, 40)
    _decide(app, NEW, admin.staff_id, 1)
    worker = DuplicateSearch(VERSION)  # a long-running worker's in-memory index
    now = app.clock.now()
    for app_id, seed in ((OLD, 1), (NEW, 2)):
        hashes = _hashes(app, app_id)
        with app.uow() as s:
            worker.record(s, app_id, _face(seed), now)
            for sha in hashes:
                s.add(FaceEncodingCache(image_sha256=sha, model_version=VERSION, result={"encodings": [_face(seed)]},
                                        computed_at=now))
    drop = tmp_path / "drop"
    (drop / "processed").mkdir(parents=True)
    (drop / "refused").mkdir()
    shutil.copytree(old_pack, drop / "processed" / "old")
    with zipfile.ZipFile(drop / "processed" / "new.zip", "w") as zf:
        zf.writestr("application.json", (new_pack / "application.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(drop / "processed" / "old-again.zip", "w") as zf:  # the same pack dropped twice
        zf.writestr("old/application.json", (old_pack / "application.json").read_text(encoding="utf-8"))
    (drop / "processed" / "x.receipt.txt").write_text("pack: x\n", encoding="utf-8")
    for name, days in (("stale", 40), ("fresh", 1)):
        shutil.copytree(old_pack, drop / "refused" / name)
        (drop / "refused" / f"{name}.reason.txt").write_text("application.json: bad\n", encoding="utf-8")
        t = (now - timedelta(days=days)).timestamp()
        for p in (drop / "refused" / name, drop / "refused" / f"{name}.reason.txt"):
            os.utime(p, (t, t))
    return {"admin": admin, "worker": worker, "drop": drop, "old": _hashes(app, OLD), "new": _hashes(app, NEW)}


def _tables(app):
    with app.sessions() as s:
        return (set(s.scalars(select(FaceDescriptor.application_id))),
                set(s.scalars(select(FaceEncodingCache.image_sha256))))


def test_purge_removes_descriptors_cache_and_drop_folder_copies(app, world) -> None:
    res = retention.purge(app, world["admin"], older_than_days=30, drop_dir=world["drop"])
    descriptors, cached = _tables(app)
    assert descriptors == {NEW}  # the old face is gone from the face-duplicate search
    assert cached == world["new"]  # and from the encoding cache; the live application's entries stay
    assert not any(app.store.exists(h) for h in world["old"])
    assert all(app.store.exists(h) for h in world["new"])
    drop = world["drop"]
    assert sorted(p.name for p in (drop / "processed").iterdir()) == ["new.zip", "x.receipt.txt"]
    assert sorted(p.name for p in (drop / "refused").iterdir()) == ["fresh", "fresh.reason.txt"]
    assert (res.documents, res.face_descriptors, res.encoding_cache, res.processed_copies, res.refused_packs) == \
        (2, 1, 2, 2, 1)
    with app.sessions() as s:
        [entry] = audit.search(s, action="retention.purge")
    assert entry.details["face_descriptors"] == [OLD] and entry.details["encoding_cache"] == 2
    # A worker that loaded the old face before the purge forgets it: the same face under a third name finds
    # no earlier application.
    third = _pack(app.settings.data_dir / "in", "third", THIRD, (40, 40, 200))
    assert import_pack(app, third).status == "imported"
    with app.uow() as s:
        result = world["worker"].record(s, THIRD, _face(1), app.clock.now())
    assert result.details["matches"] == []
    assert OLD not in world["worker"].identity


def test_dry_run_counts_and_deletes_nothing(app, world) -> None:
    before = _tables(app)
    res = retention.purge(app, world["admin"], older_than_days=30, drop_dir=world["drop"], dry_run=True)
    assert (res.face_descriptors, res.encoding_cache, res.processed_copies, res.refused_packs) == (1, 2, 2, 1)
    assert _tables(app) == before
    assert (world["drop"] / "processed" / "old").is_dir() and (world["drop"] / "refused" / "stale").is_dir()


def test_an_application_purged_by_an_earlier_version_loses_its_biometrics_now(app, world) -> None:
    with app.uow() as s:  # images purged before descriptors and cache were part of retention
        s.execute(update(Document).where(Document.application_id == OLD).values(purged_at=app.clock.now()))
    res = retention.purge(app, world["admin"], older_than_days=30)
    assert res.documents == 0 and res.face_descriptors == 1 and res.encoding_cache == 2
    assert _tables(app) == ({NEW}, world["new"])


def test_a_cache_entry_shared_with_a_live_document_stays(app, world) -> None:
    with app.uow() as s:  # the same selfie bytes are also in the newer application
        sha = sorted(world["old"])[0]
        s.add(Document(application_id=NEW, role="extra", filename="x.jpg", sha256=sha, size=1,
                       media_type="image/jpeg"))
    res = retention.purge(app, world["admin"], older_than_days=30)
    assert res.encoding_cache == 1
    assert sha in _tables(app)[1]


def test_cli_says_what_it_removed_per_kind(app, world, capsys, monkeypatch) -> None:
    service_account(app, monkeypatch, role="admin")
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    assert main([*argv, "retention", "purge", "--older-than", "30d", "--drop-folder", str(world["drop"])]) == 0
    out = capsys.readouterr().out
    assert "purged 2 documents of 1 application decided more than 30 days ago: 2 image files deleted" in out
    assert "face descriptors (the face-duplicate search) deleted: 1" in out
    assert "face-encoding cache entries deleted: 2" in out
    assert "2 processed pack copies of these applications and 1 refused pack older than 30 days deleted" in out


def test_the_drop_folder_setting_is_used_and_a_missing_one_is_said_in_words(app, world, capsys,
                                                                            monkeypatch) -> None:
    service_account(app, monkeypatch, role="admin")
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    monkeypatch.setenv("REVIEWER_DROP_DIR", str(world["drop"] / "nowhere"))
    assert main([*argv, "retention", "purge", "--older-than", "30d"]) == 2
    err = capsys.readouterr().err
    assert "nowhere" in err and "not a folder" in err and "Traceback" not in err
    monkeypatch.setenv("REVIEWER_DROP_DIR", str(world["drop"]))
    assert main([*argv, "retention", "purge", "--older-than", "30d"]) == 0
    assert not (world["drop"] / "refused" / "stale").exists()


def test_pack_id_of_a_processed_copy_is_read_without_following_links(app, world, tmp_path) -> None:
    """A processed copy whose application.json is a link is not read through (and so not matched)."""
    copy = world["drop"] / "processed" / "linked"
    copy.mkdir()
    target = tmp_path / "elsewhere.json"
    target.write_text(json.dumps({"id": OLD}), encoding="utf-8")
    (copy / "application.json").symlink_to(target)
    res = retention.purge(app, world["admin"], older_than_days=30, drop_dir=world["drop"])
    assert res.processed_copies == 2 and copy.is_dir() and target.exists()
