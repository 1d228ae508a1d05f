"""Issue 22 item 7: a corrected pack names the returned application it corrects (`corrects_application_id`),
checked at intake, and the two are linked in the review screen's history and the supervisor's search."""

from __future__ import annotations

import json

from sqlalchemy import select

from access import factories as f
from access.test_decision_routes import write_pack
from reviewer_app.db.models import Application, AuditEvent
from reviewer_app.services import decisions, queue_service, supervision
from reviewer_app.services.desk_service import DbDeskService


def _pack(tmp_path, app_id: str, corrects: str | None = None, **kw):
    folder = write_pack(tmp_path, app_id, kind="own_access", **kw)
    if corrects is not None:
        p = folder / "application.json"
        data = json.loads(p.read_text("utf-8"))
        data["corrects_application_id"] = corrects
        p.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return folder


def _returned(app, reviewer, tmp_path, app_id: str = "EMK-2026-000801") -> str:
    assert f.intake_compared(app, _pack(tmp_path, app_id)).status == "imported"
    item = queue_service.claim_next(app, reviewer)
    decisions.decide(app, reviewer, application_id=app_id, expected_version=item.version, outcome="return",
                     reason_code="oms_number_invalid")
    return app_id


def test_a_corrected_pack_is_linked_to_the_returned_application(app, reviewer, supervisor, tmp_path) -> None:
    first = _returned(app, reviewer, tmp_path)
    out = f.intake_compared(app, _pack(tmp_path, "EMK-2026-000802", corrects=first))
    assert out.status == "imported", out.reason
    with app.sessions() as s:
        assert s.get(Application, "EMK-2026-000802").corrects_application_id == first
        intake = s.scalar(select(AuditEvent).where(AuditEvent.action == "application.intake",
                                                   AuditEvent.target_id == "EMK-2026-000802"))
        assert intake.details["corrects_application_id"] == first
    # The review screen's history names the returned application as the one this pack corrects.
    item = queue_service.claim_next(app, reviewer)
    view = DbDeskService(app).open_application(reviewer, item.application_id)
    linked = [h for h in view.history if h.id == first]
    assert len(linked) == 1 and linked[0].link == "corrected_by_this" and linked[0].status == "returned"
    decisions.decide(app, reviewer, application_id=item.application_id, expected_version=view.version,
                     outcome="approve")
    # The supervisor's search by either id finds both decisions: one case.
    for asked in (first, "EMK-2026-000802"):
        rows = supervision.search_decisions(app, supervisor, supervision.DecisionQuery(application_id=asked)).rows
        assert sorted(r.application_id for r in rows) == [first, "EMK-2026-000802"]
    # The returned application's case shows the correction's intake and decision in its history.
    returned = next(r for r in rows if r.application_id == first)
    case = supervision.open_case(app, supervisor, returned.decision_id)
    linked = [(e.action, e.target_id) for e in case.history if e.target_id == "EMK-2026-000802"]
    assert linked == [("application.intake", "EMK-2026-000802"), ("decision.make", "EMK-2026-000802")]


def test_intake_refuses_a_correction_of_what_cannot_be_corrected(app, reviewer, tmp_path) -> None:
    first = _returned(app, reviewer, tmp_path)
    missing = f.intake_compared(app, _pack(tmp_path, "EMK-2026-000811", corrects="EMK-2026-999999"))
    assert missing.status == "refused"
    assert missing.reason.startswith("application.json: corrects_application_id: EMK-2026-999999 does not exist")
    stranger = f.intake_compared(app, _pack(tmp_path, "EMK-2026-000812", corrects=first,
                                      applicant={"last_name": "Смирнова", "birth_date": "1985-01-02",
                                                 "snils": "123-456-789 64",
                                                 "passport": {"series": "4503", "number": "111222",
                                                              "issued_on": "2010-06-01"}}))
    assert stranger.status == "refused" and "another person's application" in stranger.reason
    assert f.intake_compared(app, _pack(tmp_path, "EMK-2026-000813", corrects=first)).status == "imported"
    twice = f.intake_compared(app, _pack(tmp_path, "EMK-2026-000814", corrects=first))
    assert twice.status == "refused" and "already corrected by application EMK-2026-000813" in twice.reason
    pending = f.intake_compared(app, _pack(tmp_path, "EMK-2026-000815", corrects="EMK-2026-000813"))
    assert pending.status == "refused" and "is pending, not returned for correction" in pending.reason
    with app.sessions() as s:  # a refused pack leaves nothing
        assert s.get(Application, "EMK-2026-000811") is None and s.get(Application, "EMK-2026-000815") is None
