"""A supervisor finds a decided case by application number, name, passport or phone (index look-ups), and the
look-up is audited as a read with the passport and phone masked."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
import sv_factories as f
from sqlalchemy import select

from reviewer_app.db.models import Applicant, Application, AuditEvent
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services import supervision as sv


def _person(app, app_id: str, last: str, first: str, middle: str | None, passport: str, phone: str,
            reviewer, days_ago: int = 0) -> None:
    at = app.clock.now() - timedelta(days=days_ago + 1)
    with app.uow() as s:
        s.add(Application(id=app_id, kind="own_access", status="decided", submitted_at=at, received_at=at,
                          sla_deadline=date(2026, 12, 4),
                          person_key=hashlib.sha256(f"passport:{passport}".encode()).hexdigest(),
                          pack_json={"id": app_id}, pack_sha256="0" * 64, rule_version="2026-01"))
        s.flush()
        s.add(Applicant(application_id=app_id, last_name=last, first_name=first, middle_name=middle,
                        birth_date=date(1990, 5, 17), phone_e164=phone, passport_series=passport[:4],
                        passport_number=passport[4:]))
    f.decision(app, app_id, reviewer, decided_at=app.clock.now() - timedelta(days=days_ago))


@pytest.fixture
def people(app, team):
    anna = team["anna"]
    _person(app, "EMK-2026-000101", "Иванова", "Мария", "Петровна", "4502573482", "+79161234567", anna)
    _person(app, "EMK-2026-000102", "Иванов", "Пётр", None, "4503111111", "+79035550011", anna, days_ago=400)
    _person(app, "EMK-2026-000103", "Петрова", "Алёна", "Ивановна", "4504222222", "+79261112233", anna)
    _person(app, "EMK-2026-000104", "100%_Смирнова", "Ольга", None, "4505333333", "+79267778899", anna)
    return team["sup"]


def _ids(app, sup, **kw) -> list[str]:
    return sorted(r.application_id for r in sv.search_decisions(app, sup, sv.DecisionQuery(**kw)).rows)


def test_by_application_number_as_typed(app, people) -> None:
    assert _ids(app, people, application_id=" emk-2026-000102 ") == ["EMK-2026-000102"]  # any date, any case


def test_by_the_start_of_the_name_any_case_and_yo(app, people) -> None:
    assert _ids(app, people, name="иванов") == ["EMK-2026-000101", "EMK-2026-000102"]
    assert _ids(app, people, name="ИВАНОВА  мар") == ["EMK-2026-000101"]
    assert _ids(app, people, name="Иванов Петр") == ["EMK-2026-000102"]  # typed е finds the stored ё
    assert _ids(app, people, name="петрова алена ив") == ["EMK-2026-000103"]
    assert _ids(app, people, name="мария") == []  # the start of the full name, not any word in it


def test_like_wildcards_typed_are_literal(app, people) -> None:
    assert _ids(app, people, name="%") == []
    assert _ids(app, people, name="_") == []
    assert _ids(app, people, name="100%_") == ["EMK-2026-000104"]
    assert _ids(app, people, name="100%a") == []


def test_by_passport_in_full_and_by_phone(app, people) -> None:
    assert _ids(app, people, passport="45 02 573482") == ["EMK-2026-000101"]
    assert _ids(app, people, phone="8 (903) 555-00-11") == ["EMK-2026-000102"]
    with pytest.raises(ReviewerError, match="in full") as err:
        _ids(app, people, passport="4502")
    assert err.value.code == "search_passport"
    with pytest.raises(ReviewerError, match="phone") as err:
        _ids(app, people, phone="12")
    assert err.value.code == "search_phone"


def test_with_the_other_filters(app, people) -> None:
    recent = app.clock.now().date()
    assert _ids(app, people, name="иванов", date_from=recent - timedelta(days=30), date_to=recent) == \
        ["EMK-2026-000101"]
    assert _ids(app, people, name="иванов", outcome="reject") == []


def test_a_person_search_is_audited_with_the_passport_and_phone_masked(app, people) -> None:
    _ids(app, people, outcome="approve")  # a plain list of decisions finds no one in particular
    _ids(app, people, passport="4502573482", phone="+7 916 123-45-67", name="Иванова")
    with app.sessions() as s:
        [entry] = s.scalars(select(AuditEvent).where(AuditEvent.action == "decision.search")).all()
    assert entry.actor == "olga" and entry.details["found"] == 1 and entry.details["name"] == "иванова"
    text = str(entry.details)
    assert "573482" not in text and "4502573482" not in text and "1234567" not in text
    assert entry.details["passport"] == "45** ****82" and entry.details["phone"].endswith("67")
