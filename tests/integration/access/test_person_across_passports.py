"""Issue 22, item 2: one person across passports, on SQLite and PostgreSQL, from intake to the decision.

The same person with a new passport (SNILS, the previous passport, or name + birth date + birth place link
them) is one citizen: their opt-out, open applications, grants and login follow them. Name and birth date alone
never link (namesakes); an identifier typed for someone else never opens their record."""

from __future__ import annotations

import copy
import hashlib
import io
import json
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from access import factories as f
from reviewer_app.db.models import Application, CheckResultRow, Citizen, OtpCredential, PersonIdentifier
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services import decisions, queue_service
from tests.example_pack import EXAMPLE

OLD = {"series": "4502", "number": "573482", "issued_on": "2010-06-01", "issued_by": "ОВД района Арбат г. Москвы",
       "division_code": "770-001"}
NEW = {"series": "4515", "number": "112233", "issued_on": "2015-06-01", "issued_by": "ГУ МВД России по г. Москве",
       "division_code": "770-002"}
ACCOUNT = {"level": "full", "confirmed": True}


def _jpeg(colour=(200, 120, 80)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buf, "JPEG")
    return buf.getvalue()


def pack(root: Path, app_id: str, kind: str = "own_access", **applicant) -> Path:
    data = copy.deepcopy(EXAMPLE)
    data.pop("child")
    data["id"], data["kind"] = app_id, kind
    data["documents"] = {"selfie_with_passport": "selfie.jpg", "passport_scan": "passport.jpg"}
    data["applicant"].update({"account": ACCOUNT, **applicant})
    data["applicant"] = {k: v for k, v in data["applicant"].items() if v is not None}
    folder = root / app_id
    folder.mkdir(parents=True)
    (folder / "application.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (folder / "selfie.jpg").write_bytes(_jpeg())
    (folder / "passport.jpg").write_bytes(_jpeg((90, 90, 200)))
    return folder


def imported(app, root, app_id, kind="own_access", **applicant):
    out = f.intake_compared(app, pack(root, app_id, kind, **applicant))
    assert out.status == "imported", out.reason
    return out


def approve(app, actor, app_id):
    item = queue_service.claim_next(app, actor)
    assert item is not None and item.application_id == app_id
    return decisions.decide(app, actor, application_id=app_id, expected_version=item.version, outcome="approve")


def person_check(app, app_id) -> CheckResultRow:
    with app.sessions() as s:
        return s.scalar(select(CheckResultRow).where(CheckResultRow.application_id == app_id,
                                                     CheckResultRow.check_id == "person_known"))


def key_of(app, app_id) -> str:
    with app.sessions() as s:
        return s.get(Application, app_id).person_key


def count(app, model) -> int:
    with app.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("link", ["previous_passport", "snils", "identity"])
def test_an_opt_out_follows_the_person_to_a_new_passport(app, reviewer, tmp_path, link) -> None:
    ident = {"snils": "112-233-445 95" if link == "snils" else None,
             "birth_place": "г. Москва" if link == "identity" else None}
    approve(app, reviewer, imported(app, tmp_path, "EMK-2026-000701", passport=OLD, **ident).application_id)
    approve(app, reviewer, imported(app, tmp_path, "EMK-2026-000702", "opt_out", passport=OLD,
                                    **ident).application_id)
    later = {"previous_passport": {"series": "4502", "number": "573482"}} if link == "previous_passport" else {}
    if link == "identity":  # name, birth date and birth place
        ident["birth_place"] = "Г. МОСКВА"  # case and punctuation do not count
    new = imported(app, tmp_path, "EMK-2026-000703", passport=NEW, **ident, **later).application_id
    assert key_of(app, new) == key_of(app, "EMK-2026-000701")
    shown = person_check(app, new)
    assert shown.status == "warn" and shown.details["via"] == link
    assert "***3482" in shown.message_ru and "***2233" in shown.message_ru and "EMK-2026-000702" in shown.message_ru
    assert "отказался" in shown.message_ru
    with pytest.raises(ReviewerError, match="opted out"):
        approve(app, reviewer, new)
    assert count(app, Citizen) == 1 and count(app, OtpCredential) == 1


def test_a_new_passport_keeps_one_citizen_one_login_and_sees_the_grant(app, reviewer, tmp_path) -> None:
    snils = "112-233-445 95"
    first = approve(app, reviewer, imported(app, tmp_path, "EMK-2026-000711", passport=OLD, snils=snils)
                    .application_id)
    assert len(first.grant_ids) == 1
    again = imported(app, tmp_path, "EMK-2026-000712", passport=NEW, snils=snils)
    assert again.checks["duplicate"] == "fail"  # access is already granted to this person
    with app.sessions() as s:
        dup = s.scalar(select(CheckResultRow).where(CheckResultRow.application_id == "EMK-2026-000712",
                                                    CheckResultRow.check_id == "duplicate"))
    assert dup.details["active_grants"] == ["EMK-2026-000711"]
    change = imported(app, tmp_path, "EMK-2026-000713", "change_access", passport=NEW, snils=snils,
                      phone="+7 903 555-00-11")
    item = queue_service.claim_next(app, reviewer)
    assert item.application_id == "EMK-2026-000712"
    decisions.decide(app, reviewer, application_id=item.application_id, expected_version=item.version,
                     outcome="reject", reason_code="duplicate")
    r = approve(app, reviewer, change.application_id)
    assert r.phone_change == ("+79161234567", "+79035550011")  # the person's own login moved, not a second one
    assert count(app, Citizen) == 1 and count(app, OtpCredential) == 1


def test_an_open_application_of_the_same_person_under_a_new_passport_is_a_duplicate(app, tmp_path) -> None:
    imported(app, tmp_path, "EMK-2026-000721", passport=OLD, snils="112-233-445 95")
    out = imported(app, tmp_path, "EMK-2026-000722", passport=NEW, snils="112 233 445 95")
    assert out.checks["duplicate"] == "fail" and out.checks["person_known"] == "warn"


def test_name_and_birth_date_alone_never_link_a_namesake(app, reviewer, tmp_path) -> None:
    approve(app, reviewer, imported(app, tmp_path, "EMK-2026-000731", passport=OLD, snils=None).application_id)
    other = imported(app, tmp_path, "EMK-2026-000732", passport=NEW, snils=None)
    assert key_of(app, other.application_id) != key_of(app, "EMK-2026-000731")
    assert other.checks["duplicate"] == "pass" and other.checks["person_known"] == "manual"
    shown = person_check(app, other.application_id)
    assert shown.details["person"] == "possible" and "EMK-2026-000731" in shown.message_ru
    assert shown.details["same_phone"] is True


def test_a_namesake_of_someone_who_opted_out_needs_a_second_person_to_approve(app, reviewer, tmp_path) -> None:
    approve(app, reviewer, imported(app, tmp_path, "EMK-2026-000741", passport=OLD, snils=None).application_id)
    approve(app, reviewer, imported(app, tmp_path, "EMK-2026-000742", "opt_out", passport=OLD, snils=None)
            .application_id)
    # A phone of its own: on the opted-out person's phone the approval would be refused anyway (one phone,
    # one citizen); here the opt-out alone must call for a second person.
    later = imported(app, tmp_path, "EMK-2026-000743", passport=NEW, snils=None, phone="+79161230743")
    assert later.checks["person_known"] == "fail"
    with pytest.raises(ReviewerError, match="comment_internal"):
        approve(app, reviewer, later.application_id)


def test_someone_elses_snils_or_passport_does_not_open_their_record(app, tmp_path) -> None:
    imported(app, tmp_path, "EMK-2026-000751", passport=OLD, snils="112-233-445 95")
    stranger = imported(app, tmp_path, "EMK-2026-000752", passport=NEW, snils="112-233-445 95",
                        first_name="Ольга", birth_date="1985-01-02",
                        previous_passport={"series": "4502", "number": "573482"})
    assert key_of(app, stranger.application_id) != key_of(app, "EMK-2026-000751")
    assert stranger.checks["person_known"] == "manual"
    assert person_check(app, stranger.application_id).details["person"] == "conflict"


def test_the_identifier_table_holds_keyed_hashes_not_numbers(app, tmp_path) -> None:
    imported(app, tmp_path, "EMK-2026-000761", passport=OLD, snils="112-233-445 95", birth_place="г. Москва")
    with app.sessions() as s:
        rows = s.scalars(select(PersonIdentifier)).all()
    assert sorted(r.kind for r in rows) == ["identity", "passport", "snils"]
    plain = {hashlib.sha256(t.encode()).hexdigest() for t in ("snils:11223344595", "passport:4502573482")}
    assert not plain & {r.digest for r in rows}
    assert all("11223344595" not in r.digest and "573482" not in r.digest for r in rows)
    assert {r.person_key for r in rows} == {key_of(app, "EMK-2026-000761")}
