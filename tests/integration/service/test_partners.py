"""Other systems over real HTTP: the portal pushes packs, the MFC posts kinship confirmations (issue 21, item 4)."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import func, select

from reviewer_app.api import routes_partners
from reviewer_app.api.version import API_VERSION, HEADER
from reviewer_app.client import HttpDeskService
from reviewer_app.client.partners import PartnerClient, zipped
from reviewer_app.db.models import Application, AuditEvent, KinshipConfirmation
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.services import staff
from tests.integration.service.conftest import PASSWORD
from tests.ui.packs import write_pack

PORTAL_PASSWORD = "Portal-system-pass-1"
MFC_PASSWORD = "Mfc-system-pass-123"


@pytest.fixture
def systems(app, people):
    staff.add_staff(app, people.root, name="portal", role="portal", password=PORTAL_PASSWORD, service=True)
    staff.add_staff(app, people.root, name="mfc-system", role="mfc", password=MFC_PASSWORD, service=True)


@pytest.fixture
def portal(service, systems):
    with PartnerClient(service.url) as client:
        client.sign_in("portal", PORTAL_PASSWORD)
        yield client


def _count(app, application_id: str) -> int:
    with app.sessions() as s:
        return s.scalar(select(func.count()).select_from(Application).where(Application.id == application_id))


def _actions(app, action: str) -> list[AuditEvent]:
    with app.sessions() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def _edit(pack, change) -> None:
    doc = json.loads((pack / "application.json").read_text(encoding="utf-8"))
    change(doc)
    (pack / "application.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_portal_push_is_taken_once(app, portal, tmp_path) -> None:
    pack = write_pack(tmp_path / "portal", 41).rename(tmp_path / "portal" / "заявление 41")
    first = portal.push_pack(pack)
    assert (first.status, first.application_id, first.pack) == ("imported", "EMK-2026-000041", "заявление 41.zip")
    assert first.checks and first.sla_deadline
    again = portal.push_pack(pack)
    assert (again.status, again.application_id) == ("skipped", "EMK-2026-000041")
    assert "already imported" in again.reason
    assert _count(app, "EMK-2026-000041") == 1
    intake_entries = [e for e in _actions(app, "application.intake") if e.target_id == "EMK-2026-000041"]
    assert [e.actor for e in intake_entries] == ["portal"]
    assert [e.target_id for e in _actions(app, "intake.pack_repeated")] == ["заявление 41.zip"]


def test_bad_pack_is_refused_naming_the_field_and_the_others_are_taken(app, portal, tmp_path) -> None:
    folder = tmp_path / "batch"
    write_pack(folder, 51)
    bad_field = write_pack(folder, 52)
    _edit(bad_field, lambda d: d["applicant"].__setitem__("birth_date", "1990-13-45"))
    bad_image = write_pack(folder, 53)
    (bad_image / "selfie.jpg").write_bytes(b"<html>not a photo</html>")
    write_pack(folder, 54)
    outcomes = portal.push_paths([folder])
    assert [(o.pack, o.status) for o in outcomes] == [
        ("pack51.zip", "imported"), ("pack52.zip", "refused"), ("pack53.zip", "refused"), ("pack54.zip", "imported")]
    assert "application.json" in outcomes[1].reason and "applicant.birth_date" in outcomes[1].reason
    assert "documents.selfie_with_passport" in outcomes[2].reason and "selfie.jpg" in outcomes[2].reason
    assert [_count(app, f"EMK-2026-0000{n}") for n in (51, 52, 53, 54)] == [1, 0, 0, 1]
    refused = _actions(app, "intake.pack_refused")
    assert [e.target_id for e in refused] == ["pack52.zip", "pack53.zip"]
    assert refused[0].actor == "portal" and "applicant.birth_date" in refused[0].details["reason"]


def test_a_body_that_is_not_a_zip_and_one_too_large_are_refused(app, portal, monkeypatch) -> None:
    outcome = portal.push_bytes("upload.zip", b"this is not an archive")
    assert outcome.status == "refused" and "upload.zip" in outcome.reason and "not a .zip" in outcome.reason
    monkeypatch.setattr(routes_partners, "MAX_PACK_BYTES", 1000)
    big = portal.push_bytes("big.zip", b"x" * 5000)
    assert big.status == "refused" and "at most 1000 bytes" in big.reason


def test_a_reviewer_cannot_push_and_a_portal_cannot_sign_in_at_a_desk(app, service, systems, people, clock,
                                                                      tmp_path) -> None:
    clock.advance(seconds=30)
    headers = {HEADER: API_VERSION}
    signed = httpx.post(f"{service.url}/v1/session", headers=headers, json={
        "name": "anna", "password": PASSWORD, "code": people.code("anna", clock)})
    assert signed.status_code == 200
    token = signed.json()["token"]
    _, data = zipped(write_pack(tmp_path / "p", 61))
    pushed = httpx.post(f"{service.url}/v1/intake/packs", content=data, headers={
        **headers, "Authorization": f"Bearer {token}", "Content-Type": "application/zip", "X-Pack-Name": "p.zip"})
    assert pushed.status_code == 403 and "may not intake" in pushed.json()["message"]
    assert _count(app, "EMK-2026-000061") == 0
    # Without a session at all: 401, and nothing read.
    anonymous = httpx.post(f"{service.url}/v1/intake/packs", content=data, headers=headers)
    assert anonymous.status_code == 401
    # The portal's account never opens a desk; a person's account never signs in as a system.
    desk = HttpDeskService(service.url)
    with pytest.raises(PermissionDenied):
        desk.login("portal", PORTAL_PASSWORD, "000000")
    desk.close()
    with PartnerClient(service.url) as client, pytest.raises(PermissionDenied) as refused:
        client.sign_in("anna", PASSWORD)
    assert refused.value.code == "not_a_partner"


def test_a_portal_account_must_be_a_system_account(app, people) -> None:
    with pytest.raises(ReviewerError, match="--service"):
        staff.add_staff(app, people.root, name="portal-2", role="portal", password=PORTAL_PASSWORD)


def test_the_portal_token_reads_nothing(app, portal) -> None:
    with pytest.raises(PermissionDenied):
        portal._send("GET", "/queue")


def _child_pack(root, n: int):
    pack = write_pack(root, n)

    def child(doc):
        doc["kind"] = "child_access"
        doc["child"] = {"last_name": "Иванов", "first_name": "Пётр", "middle_name": "Сергеевич",
                        "birth_date": "2019-02-11", "oms_policy": {"number": "5049123456789017", "region": "77"},
                        "birth_certificate": {"series": "I-АЖ", "number": "654321", "issued_on": "2019-03-01",
                                              "country": "KZ"}}
    _edit(pack, child)
    return pack


def test_the_mfc_system_posts_a_confirmation_that_counts_at_once(app, service, portal, tmp_path) -> None:
    taken = portal.push_pack(_child_pack(tmp_path / "child", 71))
    assert taken.status == "imported", taken.reason
    with app.uow() as s:  # the reviewer sent it to the MFC: it waits for the parent's visit
        s.get(Application, taken.application_id).status = "in_person_required"
    with PartnerClient(service.url) as mfc:
        assert mfc.sign_in("mfc-system", MFC_PASSWORD).role.value == "mfc"
        with pytest.raises(ReviewerError, match="confirmed_on"):
            mfc.post_confirmation(taken.application_id, confirmed_by="Петрова", mfc_office="МФЦ Арбат",
                                  confirmed_on="2099-01-01", document_ref="МФЦ-7")
        out = mfc.post_confirmation(taken.application_id, confirmed_by="Петрова", mfc_office="МФЦ Арбат",
                                    confirmed_on="2026-11-26", document_ref="МФЦ-7")
    assert (out.state, out.requeued, out.status) == ("confirmed", True, "pending")
    with app.sessions() as s:
        row = s.get(KinshipConfirmation, out.confirmation_id)
        assert (row.source, row.recorded_by, row.state) == ("mfc", "mfc-system", "confirmed")
    confirmed = [e for e in _actions(app, "kinship.mfc_confirmed") if e.target_id == taken.application_id]
    assert [e.actor for e in confirmed] == ["mfc-system"]
    # The portal's account may push packs, not confirm kinship.
    with pytest.raises(PermissionDenied):
        portal.post_confirmation(taken.application_id, confirmed_by="X", mfc_office="Y", confirmed_on="2026-11-26",
                                 document_ref="Z")


def test_portal_push_command_needs_only_the_address(app, service, systems, tmp_path, monkeypatch, capsys) -> None:
    from reviewer_app.cli import main

    folder = tmp_path / "outbox"
    write_pack(folder, 81)
    bad = write_pack(folder, 82)
    _edit(bad, lambda d: d.pop("kind"))
    desk_data = tmp_path / "portal-data"
    desk_data.mkdir()
    monkeypatch.setenv("REVIEWER_PORTAL_PASSWORD", PORTAL_PASSWORD)
    assert main(["--data-dir", str(desk_data), "portal", "push", "--service", service.url, "--name", "portal",
                 str(folder)]) == 1
    out = capsys.readouterr().out
    assert "imported pack81.zip: EMK-2026-000081" in out
    assert "refused  pack82.zip:" in out and "kind" in out
    assert list(desk_data.iterdir()) == []  # no database file, no key file made or read
    assert (_count(app, "EMK-2026-000081"), _count(app, "EMK-2026-000082")) == (1, 0)
