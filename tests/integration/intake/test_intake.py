"""Intake on SQLite and PostgreSQL: packs in one transaction each, refusals leave nothing, idempotent re-import."""

from __future__ import annotations

import copy
import io
import json
import threading
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from reviewer_app.cli.intake_cmd import watch
from reviewer_app.db.models import (
    Applicant,
    Application,
    AuditEvent,
    CheckResultRow,
    Child,
    Document,
    RegistryRecord,
)
from reviewer_app.db.registry_table import DbRegistry, load_records
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.domain.registry import BirthRecord
from reviewer_app.services.intake import import_pack, import_paths
from tests.example_pack import EXAMPLE

# The intake-format example as an own_access pack, with an unknown field that must survive intake.
BASE = {**copy.deepcopy(EXAMPLE), "kind": "own_access", "x_portal_extra": {"kept": True},
        "documents": {"selfie_with_passport": "selfie.jpg", "passport_scan": "passport.jpg"}}
CHILD = BASE.pop("child")


def _jpeg(colour=(200, 120, 80)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buf, "JPEG")
    return buf.getvalue()


def make_pack(root: Path, name: str, *, as_zip: bool = False, **changes) -> Path:
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        data[key] = value
    files = {"selfie.jpg": _jpeg(), "passport.jpg": _jpeg((90, 90, 200))}
    if as_zip:
        path = root / f"{name}.zip"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("application.json", json.dumps(data, ensure_ascii=False))
            for fname, blob in files.items():
                zf.writestr(fname, blob)
        return path
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "application.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for fname, blob in files.items():
        (folder / fname).write_bytes(blob)
    return folder


def _count(app, model) -> int:
    with app.sessions() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_valid_pack_is_queued_with_all_rows_and_an_audit_entry(app, tmp_path):
    out = import_pack(app, make_pack(tmp_path, "p1"))
    assert out.status == "imported" and out.application_id == "EMK-2026-000123"
    assert out.checks["oms_policy"] == "pass" and out.checks["duplicate"] == "pass"
    with app.sessions() as s:
        a = s.get(Application, "EMK-2026-000123")
        assert (a.status, a.kind, a.prescore_state) == ("pending", "own_access", "")
        assert a.pack_json["x_portal_extra"] == {"kept": True}  # unknown fields are never dropped
        assert a.sla_deadline.isoformat() == out.sla_deadline
        ap = s.execute(select(Applicant)).scalar_one()
        assert ap.phone_e164 == "+79161234567" and ap.passport_number == "573482"
        docs = {d.role: d for d in s.execute(select(Document)).scalars()}
        assert set(docs) == {"selfie_with_passport", "passport_scan"}
        assert app.store.get(docs["selfie_with_passport"].sha256)[:2] == b"\xff\xd8"  # stored, readable
        assert docs["passport_scan"].media_type == "image/jpeg"
        checks = dict(s.execute(select(CheckResultRow.check_id, CheckResultRow.status)).all())
        assert checks == out.checks
        audit = s.execute(select(AuditEvent.action, AuditEvent.target_id)).all()
    assert audit == [("application.intake", "EMK-2026-000123")]


def test_reimport_same_pack_is_skipped_and_different_pack_same_id_refused(app, tmp_path):
    first = make_pack(tmp_path, "p1")
    assert import_pack(app, first).status == "imported"
    again = import_pack(app, make_pack(tmp_path, "p1-copy", as_zip=True))  # same content, zipped
    assert again.status == "skipped" and "already imported" in again.reason
    changed = import_pack(app, make_pack(tmp_path, "p1-changed", submitted_at="2026-11-21T10:15:00+03:00"))
    assert changed.status == "refused" and "already in the queue with different content" in changed.reason
    assert _count(app, Application) == 1 and _count(app, AuditEvent) == 1


def test_invalid_pack_in_a_batch_is_refused_while_valid_ones_go_in(app, tmp_path):
    batch = tmp_path / "batch"
    make_pack(batch, "a", id="EMK-1")
    make_pack(batch, "b", id="EMK-2", as_zip=True)
    bad = make_pack(batch, "c", id="EMK-3")
    raw = json.loads((bad / "application.json").read_text(encoding="utf-8"))
    raw["applicant"]["birth_date"] = "17.05.1990"
    (bad / "application.json").write_text(json.dumps(raw), encoding="utf-8")
    missing = make_pack(batch, "d", id="EMK-4")
    (missing / "passport.jpg").unlink()
    seen = []
    summary = import_paths(app, [batch], progress=lambda i, n, o: seen.append((i, n, o.status)))
    assert (summary.imported, summary.skipped, summary.refused) == (2, 0, 2)
    assert seen[-1][:2] == (4, 4)
    reasons = {Path(o.source).name: o.reason for o in summary.outcomes if o.status == "refused"}
    assert "applicant.birth_date" in reasons["c"] and "application.json" in reasons["c"]
    assert "passport.jpg" in reasons["d"]
    with app.sessions() as s:
        assert sorted(s.execute(select(Application.id)).scalars()) == ["EMK-1", "EMK-2"]
        assert s.execute(select(func.count()).select_from(Document)).scalar_one() == 4


def test_a_failure_inside_the_transaction_leaves_nothing(app, tmp_path, monkeypatch):
    from reviewer_app.services import intake

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake.audit, "record", boom)
    out = import_pack(app, make_pack(tmp_path, "p1"))  # refused, not raised: the next pack still gets its turn
    assert out.status == "refused" and "RuntimeError" in out.reason
    for model in (Application, Applicant, Document, CheckResultRow):
        assert _count(app, model) == 0
    assert list(app.store.addresses()) == []  # and its encrypted images were deleted again


def test_duplicate_open_application_is_flagged(app, tmp_path):
    import_pack(app, make_pack(tmp_path, "p1", id="EMK-1"))
    out = import_pack(app, make_pack(tmp_path, "p2", id="EMK-2"))
    assert out.status == "imported" and out.checks["duplicate"] == "fail"


def test_two_packs_of_one_person_imported_at_once_see_each_other(app, tmp_path, monkeypatch):
    """Two intake processes, one person: the second's duplicate search waits for the first one's commit. Without
    that, both searched before either had committed and neither application was flagged."""
    from reviewer_app.services import intake

    packs = [make_pack(tmp_path, "p1", id="EMK-1"), make_pack(tmp_path, "p2", id="EMK-2")]
    first_checked, second_done = threading.Event(), threading.Event()
    real_checks = intake.run_all_checks

    def checks(*args, **kw):
        report = real_checks(*args, **kw)
        if not first_checked.is_set():
            first_checked.set()
            second_done.wait(2.0)  # keep the first transaction open while the second pack is imported
        return report

    monkeypatch.setattr(intake, "run_all_checks", checks)
    outcomes: dict[str, object] = {}

    def first() -> None:
        outcomes["EMK-1"] = import_pack(app, packs[0])

    def second() -> None:
        first_checked.wait(10)
        outcomes["EMK-2"] = import_pack(app, packs[1])
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert outcomes["EMK-1"].status == outcomes["EMK-2"].status == "imported"
    assert outcomes["EMK-2"].checks["duplicate"] == "fail"


def test_registry_load_counts_a_certificate_given_twice_as_inserted_then_replaced(app):
    record = BirthRecord.from_dict({
        "certificate": {"series": "II-АБ", "number": "000001", "issued_on": "2019-03-01"},
        "child": {k: CHILD[k] for k in ("last_name", "first_name", "middle_name", "birth_date")},
        "parents": [],
    })
    with app.uow() as s:
        assert load_records(s, [record, record]) == (1, 1)
    with app.sessions() as s:
        assert s.execute(select(func.count()).select_from(RegistryRecord)).scalar() == 1


def test_child_pack_uses_the_database_registry_for_kinship(app, tmp_path):
    record = BirthRecord.from_dict({
        "certificate": {"series": "IV-МЮ", "number": "123456", "issued_on": "2019-03-01"},
        "child": {k: CHILD[k] for k in ("last_name", "first_name", "middle_name", "birth_date")},
        "parents": [{k: BASE["applicant"][k] for k in ("last_name", "first_name", "middle_name", "birth_date")}],
    })
    with app.uow() as s:
        assert load_records(s, [record]) == (1, 0)
    with app.uow() as s:
        assert load_records(s, [record]) == (0, 1)
        assert DbRegistry(s).find_birth_record("iv-mю", "123 456") == record  # look-alikes normalised
    out = import_pack(app, make_pack(tmp_path, "c1", id="EMK-C1", kind="child_access", child=CHILD))
    assert out.status == "imported" and out.checks["kinship"] == "pass", out.checks
    other = dict(CHILD, first_name="Иван")
    out2 = import_pack(app, make_pack(tmp_path, "c2", id="EMK-C2", kind="child_access", child=other))
    assert out2.checks["kinship"] != "pass"
    with app.sessions() as s:
        assert s.execute(select(Child.certificate_series).where(Child.application_id == "EMK-C1")).scalar() == \
            "IV-МЮ"
    assert _count(app, RegistryRecord) == 1


def test_only_intake_roles_may_import(app, tmp_path):
    with pytest.raises(PermissionDenied):
        import_pack(app, make_pack(tmp_path, "p1"), Actor(1, "anna", StaffRole.REVIEWER))


def test_watch_imports_new_packs_and_sorts_them(app, tmp_path):
    inbox = tmp_path / "inbox"
    make_pack(inbox, "good", id="EMK-W1")
    bad = make_pack(inbox, "bad", id="EMK-W2")
    (bad / "application.json").write_text("{not json", encoding="utf-8")
    handled = watch(app, inbox, stop=threading.Event(), interval=0, settle=0, max_rounds=1)
    assert handled == 2
    assert (inbox / "processed" / "good.receipt.txt").is_file() and (inbox / "refused" / "bad").is_dir()
    assert "EMK-W1" in (inbox / "processed" / "good.receipt.txt").read_text(encoding="utf-8")
    assert not (inbox / "good").exists() and not (inbox / "processed" / "good").exists()  # no copy kept
    assert "application.json" in (inbox / "refused" / "bad.reason.txt").read_text(encoding="utf-8")
    assert _count(app, Application) == 1


def test_intake_without_a_key_stops_with_one_message(db_url, tmp_path, capsys) -> None:
    from reviewer_app.cli import main

    rc = main(["--db-url", db_url, "--data-dir", str(tmp_path / "nokey"), "intake", str(tmp_path)])
    err = capsys.readouterr().err
    assert rc == 2 and "keys init" in err and "Traceback" not in err


def test_a_pack_of_24_december_2027_goes_in_once_the_rule_file_adds_2028(app, tmp_path):
    from dataclasses import replace
    from datetime import UTC, datetime

    from reviewer_app.domain.clock import FixedClock
    from reviewer_app.services.context import AppContext

    late = make_pack(tmp_path, "late", id="EMK-2027-1224", submitted_at="2027-12-24T10:00:00+03:00")
    clock = FixedClock(datetime(2027, 12, 24, 9, 0, tzinfo=UTC))
    refused = import_pack(AppContext(app.settings, clock=clock, engine=app.engine), late)
    assert refused.status == "refused" and "production calendar for 2028" in refused.reason
    assert "rules_file" in refused.reason  # advice that can be followed
    rules = tmp_path / "rules.toml"
    rules.write_text('[[calendar.years]]\nyear = 2028\nsource = "holidays"\n', encoding="utf-8")
    ctx = AppContext(replace(app.settings, rules_file=rules), clock=clock, engine=app.engine)
    assert ctx.rules_warning() is None  # the calendar now runs to the end of 2028
    outcome = import_pack(ctx, late)
    assert outcome.status == "imported", outcome.reason
    with app.sessions() as s:
        assert s.get(Application, "EMK-2027-1224").sla_deadline.isoformat() == "2028-01-10"
