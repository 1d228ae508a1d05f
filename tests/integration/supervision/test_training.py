"""Training runs on its own database and never writes to production."""

from __future__ import annotations

import copy
import hashlib
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
import sv_factories as f
from PIL import Image
from sqlalchemy import inspect, select, text

from reviewer_app.cli import main
from reviewer_app.db.models import Base, CheckResultRow, Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.services import audit, decisions, queue_service, training

PACK = {
    "format": 1, "id": "TR-1", "kind": "own_access", "submitted_at": "2026-11-20T10:15:00+03:00",
    "applicant": {
        "last_name": "Иванова", "first_name": "Мария", "middle_name": "Петровна", "birth_date": "1990-05-17",
        "phone": "+7 916 123-45-67", "account_confirmed_at_mfc": False, "biometric_consent": True,
        "passport": {"series": "4502", "number": "573482", "issued_on": "2010-06-01",
                     "issued_by": "ОВД района Арбат г. Москвы", "division_code": "770-001"},
        "oms_policy": {"number": "7700000000000008", "region": "77"},
    },
    "documents": {"selfie_with_passport": "selfie.jpg"},
}


def _jpeg(rgb) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), rgb).save(buf, "JPEG")
    return buf.getvalue()


def write_packs(root: Path) -> Path:
    for i, (app_id, passport) in enumerate((("TR-1", "573482"), ("TR-2", "573483"))):
        raw = copy.deepcopy(PACK)
        raw["id"], raw["applicant"]["passport"]["number"] = app_id, passport
        raw["applicant"]["phone"] = f"+7 916 55{i}-12-34"  # two citizens, two phones (one phone, one citizen)
        folder = root / app_id
        folder.mkdir(parents=True)
        (folder / "application.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        (folder / "selfie.jpg").write_bytes(_jpeg((200, 100 + i, 80)))
    key = {"format": 1, "answers": [
        {"application_id": "TR-1", "pack": "TR-1", "expected_outcome": "approve", "expected_reason": None,
         "explanation": {"ru": "Всё в порядке.", "en": "All in order."}},
        {"application_id": "TR-2", "pack": "TR-2", "expected_outcome": "reject", "expected_reason": "face_mismatch",
         "explanation": {"ru": "Лицо на селфи не совпадает с паспортом.", "en": "The face does not match."}}]}
    (root / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    return root


def fingerprint(app) -> dict[str, str]:
    """A hash of every row of every table, plus the document files: any write shows."""
    out = {}
    with app.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest() + f":{len(rows)}"
        out["alembic"] = repr(conn.execute(text("SELECT * FROM alembic_version")).all())
    store = Path(app.settings.store_dir)
    out["files"] = repr(sorted(p.name for p in store.rglob("*"))) if store.exists() else "[]"
    return out


@pytest.fixture
def prod(app, team):
    f.application(app, "PROD-1", docs={"selfie_with_passport": b"prod-image"})
    f.decision(app, "PROD-1", team["anna"])
    with app.uow() as s:
        audit.record(s, at=app.clock.now(), actor="anna", action="application.open", target_type="application",
                     target_id="PROD-1")
    return app


def _trainee(ctx) -> Actor:
    with ctx.uow() as s:
        row = Staff(name="trainee", role="reviewer", password_hash="x", created_at=ctx.clock.now())
        s.add(row)
        s.flush()
        return Actor(row.id, "trainee", StaffRole.REVIEWER)


def _decide(ctx, actor, outcome, reason=None):
    item = queue_service.claim_next(ctx, actor)
    ctx.clock.advance(minutes=4)
    decisions.decide(ctx, actor, application_id=item.application_id, expected_version=item.version,
                     outcome=outcome, reason_code=reason, comment_internal="training",
                     acknowledged_checks=("face_duplicate",),  # no worker ran: checked by hand
                     comment_applicant="Фото не совпадает" if reason else None)
    return item.application_id


def test_training_session_never_touches_production(prod, tmp_path) -> None:
    before = fingerprint(prod)
    packs = write_packs(tmp_path / "packs")
    ctx = training.open_training(prod.settings, clock=prod.clock)
    try:
        assert ctx.is_training_db and ctx.settings.db_url != prod.settings.db_url
        assert ctx.settings.store_dir == prod.settings.data_dir / "training" / "documents"
        res = training.load_packs(ctx, packs)
        assert (res.imported, res.answers, res.refused) == (2, 2, ())
        trainee = _trainee(ctx)
        first = _decide(ctx, trainee, "approve")
        fb = training.grade_decision(ctx, first, "approve", None)
        assert fb.correct and fb.expected_outcome == "approve" and "порядке" in fb.explanation
        second = _decide(ctx, trainee, "approve")
        fb2 = training.grade_decision(ctx, second, "approve", None)
        assert not fb2.correct and fb2.expected_reason == "face_mismatch" and "Неверно" in fb2.text()
        rep = training.session_report(ctx, trainee="trainee")
        assert (rep.decided, rep.graded, rep.correct, rep.accuracy) == (2, 2, 1, 0.5)
        assert rep.median_minutes == 4.0 and [m.application_id for m in rep.mistakes] == ["TR-2"]
        # a reload is idempotent
        assert training.load_packs(ctx, packs).imported == 0
    finally:
        ctx.close()
    assert fingerprint(prod) == before


def test_overlooked_checks_are_reported(prod, tmp_path) -> None:
    """The snapshot is written by the real decision code, so the report reads the key it really stores."""
    ctx = training.open_training(prod.settings, clock=prod.clock)
    try:
        training.load_packs(ctx, write_packs(tmp_path / "packs"))
        trainee = _trainee(ctx)
        item = queue_service.claim_next(ctx, trainee)
        with ctx.uow() as s:
            rows = s.scalars(select(CheckResultRow).where(CheckResultRow.application_id == item.application_id)
                             .order_by(CheckResultRow.id)).all()
            assert len(rows) >= 2
            rows[0].status = "fail"
            failed_id = rows[0].check_id
        decisions.decide(ctx, trainee, application_id=item.application_id, expected_version=item.version,
                         outcome="approve", comment_internal="approved despite the failed check",
                         acknowledged_checks=("face_duplicate",))  # no worker ran: checked by hand
        rep = training.session_report(ctx)
        assert [(o.application_id, o.check_ids) for o in rep.overlooked] == [(item.application_id, (failed_id,))]
        assert failed_id in rep.text() and "?" not in rep.overlooked[0].check_ids
    finally:
        ctx.close()


def test_failed_check_ids_reads_the_decision_snapshot_key() -> None:
    snapshot = [{"check_id": "passport_valid", "status": "fail"}, {"check_id": "oms", "status": "pass"}]
    assert training.failed_check_ids(snapshot) == ("passport_valid",)
    assert training.failed_check_ids(None) == ()


def test_training_refuses_production(prod) -> None:
    before = fingerprint(prod)
    with pytest.raises(PermissionDenied, match="production"):
        training.open_training(prod.settings, db_url=prod.settings.db_url)
    # Configured production elsewhere, but the target holds applications and is not marked for training.
    other = replace(prod.settings, db_url=f"sqlite:///{prod.settings.data_dir / 'other.db'}")
    with pytest.raises(PermissionDenied, match="not marked for training"):
        training.open_training(other, db_url=prod.settings.db_url)
    assert fingerprint(prod) == before
    with pytest.raises(PermissionDenied, match="not a training database"):
        training.grade_decision(prod, "PROD-1", "approve", None)


def test_answer_key_errors_name_the_field(tmp_path) -> None:
    path = tmp_path / "answer_key.json"
    path.write_text('{"format": 1, "answers": [{"application_id": "A-1", "expected_outcome": "maybe"}]}',
                    encoding="utf-8")
    with pytest.raises(ReviewerError, match=r"answers\[0\] \(A-1\): field 'expected_outcome'"):
        training.read_answer_key(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ReviewerError, match="not valid JSON"):
        training.read_answer_key(path)


def test_train_cli_prepares_and_reports(prod, tmp_path, capsys) -> None:
    before = fingerprint(prod)
    packs = write_packs(tmp_path / "packs")
    argv = ["--db-url", prod.settings.db_url, "--data-dir", str(prod.settings.data_dir)]
    assert main([*argv, "train", str(packs), "--no-gui"]) == 0
    out = capsys.readouterr().out
    assert "loaded 2 new application(s)" in out
    assert "trainer    name trainer" in out and "reviewer   name trainee3" in out  # practice accounts printed
    assert main([*argv, "train", "report"]) == 0
    assert "решений: 0" in capsys.readouterr().out  # the report in the interface language (ru by default)
    assert main([*argv, "--lang", "en", "train", "report"]) == 0
    assert "decisions: 0" in capsys.readouterr().out
    assert fingerprint(prod) == before
    assert inspect(prod.engine).has_table("applications")
