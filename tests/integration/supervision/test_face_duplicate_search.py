"""The supervisor's search finds decisions on applications whose face appeared under another identity."""

from __future__ import annotations

import sv_factories as f

from reviewer_app.db.models import CheckResultRow
from reviewer_app.services import supervision as sv
from reviewer_app.services.supervision import DecisionQuery


def test_search_face_duplicates_only(app, team) -> None:
    now = app.clock.now()
    for app_id, status in (("D1", "fail"), ("D2", "pass"), ("D3", None)):
        f.application(app, app_id)
        f.decision(app, app_id, team["anna"])
        if status is not None:
            with app.uow() as s:
                s.add(CheckResultRow(application_id=app_id, check_id="face_duplicate", status=status,
                                     message_ru="…", message_en="…", details={"matches": []},
                                     rule_version="face-duplicate-1", computed_at=now))
    found = sv.search_decisions(app, team["sup"], DecisionQuery(face_duplicates_only=True))
    assert [r.application_id for r in found.rows] == ["D1"]
    assert len(sv.search_decisions(app, team["sup"]).rows) == 3
