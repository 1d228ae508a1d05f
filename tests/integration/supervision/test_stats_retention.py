import csv
from datetime import date, timedelta

import pytest
import sv_factories as f
from sqlalchemy import func, select

from reviewer_app.cli import main
from reviewer_app.db.models import AuditEvent, Document
from reviewer_app.domain.actor import SYSTEM
from reviewer_app.services import audit, reports, retention, stats
from tests.cli_login import service_account


def test_stats_figures(app, team) -> None:
    now = app.clock.now()
    rows = [("S1", "anna", "approve", 90.0, "match", 0, 4, False, None),
            ("S2", "anna", "approve", 70.0, "match", 0, 6, False, None),
            ("S3", "anna", "reject", 20.0, "mismatch", 1, 10, True, "face_mismatch"),
            ("S4", "boris", "reject", 75.0, "match", 1, 3, False, "expired_document"),
            ("S5", "boris", "return", None, None, 1, 5, False, "face_mismatch")]
    for app_id, who, outcome, score, band, ago, mins, breached, reason in rows:
        f.application(app, app_id)
        f.decision(app, app_id, team[who], outcome=outcome, score=score, band=band, reason=reason,
                   decided_at=now - timedelta(days=ago), handling_minutes=mins, breached=breached)
    st = stats.compute(app, team["sup"], date(2026, 11, 25), date(2026, 11, 27))
    assert st.total == 5
    assert [d for d, _ in st.per_day] == [date(2026, 11, 25), date(2026, 11, 26), date(2026, 11, 27)]
    assert st.per_day[2][1] == {"approve": 2} and st.per_day[1][1] == {"reject": 2, "return": 1}
    assert [(w.reviewer, w.handled, w.median_minutes) for w in st.workload] == [("anna", 3, 6.0), ("boris", 2, 4.0)]
    assert st.reject_reasons == (("face_mismatch", 2), ("expired_document", 1))
    assert (st.sla_met, st.sla_breached) == (4, 1)
    assert st.band_outcome == {"match": {"approve": 2, "reject": 1}, "mismatch": {"reject": 1},
                               "none": {"return": 1}}
    # approvals 90, 70 vs others 20, 75: 3 of 4 pairs ordered right
    assert st.auc == pytest.approx(0.75) and st.scored == 4
    empty = stats.compute(app, team["sup"], date(2026, 1, 1), date(2026, 1, 2))
    assert empty.total == 0 and empty.auc is None and empty.sla_compliance is None


def test_stats_cli_exports_csv_and_pdf(app, team, tmp_path, capsys, monkeypatch) -> None:
    service_account(app, monkeypatch, role="supervisor")
    f.application(app, "C1")
    f.decision(app, "C1", team["anna"], outcome="reject", reason="размыто")
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    out_csv, out_pdf = tmp_path / "s.csv", tmp_path / "s.pdf"
    assert main([*argv, "stats", "--from", "2026-11-01", "--to", "2026-11-30", "--csv", str(out_csv),
                 "--pdf", str(out_pdf)]) == 0
    assert "1 decisions" in capsys.readouterr().out
    rows = list(csv.reader(out_csv.open(encoding="utf-8-sig")))
    assert ["размыто", "1"] in rows
    assert out_pdf.read_bytes().startswith(b"%PDF") and out_pdf.stat().st_size > 2000
    with app.sessions() as s:
        exports = audit.search(s, action="export")
    assert [e.details["format"] for e in exports] == ["csv", "pdf"]


def test_font_has_cyrillic() -> None:
    path = reports.font_path()
    assert path.name == "DejaVuSans.ttf" and path.is_file()


@pytest.fixture
def aged(app, team):
    """R-old: decided 40 days ago; R-new: decided today; R-shared: old, but its selfie is also in R-new;
    R-pending: old pending application (never decided)."""
    now = app.clock.now()
    f.application(app, "R-old", docs={"selfie_with_passport": b"old-selfie", "passport_scan": b"old-scan"})
    f.decision(app, "R-old", team["anna"], decided_at=now - timedelta(days=40))
    f.application(app, "R-shared", status="returned", docs={"selfie_with_passport": b"shared"})
    f.decision(app, "R-shared", team["anna"], outcome="return", decided_at=now - timedelta(days=35))
    f.application(app, "R-new", docs={"selfie_with_passport": b"shared", "passport_scan": b"new-scan"})
    f.decision(app, "R-new", team["anna"], decided_at=now - timedelta(days=1))
    f.application(app, "R-pending", status="pending", docs={"selfie_with_passport": b"pending"},
                  submitted_at=now - timedelta(days=60))
    return {name: app.store.put(data) for name, data in
            (("old-selfie", b"old-selfie"), ("old-scan", b"old-scan"), ("shared", b"shared"),
             ("new-scan", b"new-scan"), ("pending", b"pending"))}


def _state(app):
    with app.sessions() as s:
        purged = s.execute(select(Document.application_id, Document.role)
                           .where(Document.purged_at.is_not(None))).all()
        n_audit = s.scalar(select(func.count()).select_from(AuditEvent))
    return sorted(map(tuple, purged)), n_audit


def test_dry_run_changes_nothing(app, team, aged) -> None:
    before = _state(app)
    res = retention.purge(app, SYSTEM, older_than_days=30, dry_run=True)
    assert res.applications == ("R-old", "R-shared") and res.documents == 3
    assert set(res.deleted_hashes) == {aged["old-selfie"], aged["old-scan"]}
    assert res.kept_shared == (aged["shared"],)
    assert _state(app) == before
    assert all(app.store.exists(h) for h in aged.values())


def test_purge_removes_exactly_the_old_images(app, team, aged) -> None:
    res = retention.purge(app, team["admin"], older_than_days=30)
    assert res.documents == 3
    purged, _ = _state(app)
    assert purged == [("R-old", "passport_scan"), ("R-old", "selfie_with_passport"),
                      ("R-shared", "selfie_with_passport")]
    assert not app.store.exists(aged["old-selfie"]) and not app.store.exists(aged["old-scan"])
    assert app.store.exists(aged["shared"]) and app.store.exists(aged["new-scan"]) and app.store.exists(aged["pending"])
    with app.sessions() as s:
        [entry] = audit.search(s, action="retention.purge")
    assert set(entry.details["hashes"]) == {aged["old-selfie"], aged["old-scan"], aged["shared"]}
    assert entry.details["kept_shared"] == [aged["shared"]]
    assert audit.verify_database(app.engine, key=app.audit_key)[1] is None
    again = retention.purge(app, team["admin"], older_than_days=30)
    assert again.documents == 0 and again.deleted_hashes == ()


def test_retention_cli(app, team, aged, capsys, monkeypatch) -> None:
    service_account(app, monkeypatch, role="admin")
    argv = ["--db-url", app.settings.db_url, "--data-dir", str(app.settings.data_dir)]
    assert main([*argv, "retention", "purge", "--older-than", "30d", "--dry-run"]) == 0
    assert "would purge 3 documents of 2 applications" in capsys.readouterr().out
    assert main([*argv, "retention", "purge", "--older-than", "abc"]) == 2
    assert main([*argv, "retention", "purge", "--older-than", "30d"]) == 0
    assert "purged 3 documents" in capsys.readouterr().out
    assert _state(app)[0][0] == ("R-old", "passport_scan")
