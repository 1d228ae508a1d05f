"""Recusal and fair assignment (issue 22), on SQLite and PostgreSQL: nobody takes an application of their own
or a relative's; reviewers take the next case; choosing a case by id is a supervisor's action with a reason."""

from __future__ import annotations

import builtins
import getpass
import io
import re
import sys
from datetime import date

import pyotp
import pytest
from sqlalchemy import select

from access import factories as f
from reviewer_app.cli import main
from reviewer_app.db.models import Applicant, AuditEvent, RegistryRecord, Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.services import queue_service, staff_identity
from reviewer_app.services.desk_service import DbDeskService

ON = date(2026, 11, 27)


def _staff(app, name: str, role: str = "reviewer", **identity) -> Actor:
    actor = Actor(f.add_staff(app, name, role), name, StaffRole(role))
    if identity:
        ident = staff_identity.check_identity(identity.get("last"), identity.get("first"), identity.get("middle"),
                                              identity.get("birth"), identity.get("snils"), today=ON)
        with app.uow() as s:
            staff_identity.apply_identity(s.get(Staff, actor.staff_id), ident)
    return actor


def _recused(app) -> list[tuple[str, str, dict]]:
    with app.sessions() as s:
        return [(e.actor, e.target_id, e.details) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == "claim.recused").order_by(AuditEvent.id))]


def test_claim_next_skips_the_claimers_own_application_and_audits_it(app) -> None:
    # Applications of f.add_application belong to Иванова Мария Петровна, born 17.05.1990.
    mine = f.add_application(app, None, status="pending", app_id="EMK-2026-000901")
    other = f.add_application(app, None, status="pending", app_id="EMK-2026-000902", passport="4510111222",
                              birth_date=date(1985, 3, 3))
    maria = _staff(app, "maria", last="ИВАНОВА", first="мария", middle="Петровна", birth="1990-05-17")
    item = queue_service.claim_next(app, maria)
    assert item is not None and item.application_id == other  # the own one is skipped
    assert _recused(app) == [("maria", mine, {"matched": "applicant", "by": "name_birth_date", "chosen": False})]
    assert queue_service.claim_next(app, maria) is None
    anna = _staff(app, "anna")
    assert queue_service.claim_next(app, anna).application_id == mine  # someone else takes it


def test_the_same_snils_or_the_childs_registry_parent_is_recused(app) -> None:
    by_snils = f.add_application(app, None, status="pending", app_id="EMK-2026-000911")
    with app.uow() as s:
        s.scalars(select(Applicant).where(Applicant.application_id == by_snils)).one().snils = "11223344595"
    # The child's other parent, as the civil registry records the birth.
    kid = f.add_application(app, None, status="pending", app_id="EMK-2026-000912", kind="child_access",
                            child_birth=date(2019, 2, 11), passport="4510111222", child_cert="777001")
    with app.uow() as s:
        s.add(RegistryRecord(certificate_series="IV-МЮ", certificate_number="777001", issued_on=date(2019, 3, 1),
                             child={"last_name": "Иванов", "first_name": "Пётр", "birth_date": "2019-02-11"},
                             parents=[{"last_name": "Иванова", "first_name": "Мария", "birth_date": "1990-05-17"},
                                      {"last_name": "Иванов", "first_name": "Сергей", "middle_name": "Олегович",
                                       "birth_date": "1988-08-08"}]))
    sergey = _staff(app, "sergey", last="Иванов", first="Сергей", middle="Олегович", birth="1988-08-08",
                    snils="112-233-445 95")
    assert queue_service.claim_next(app, sergey) is None
    assert {(t, d["matched"], d["by"]) for _, t, d in _recused(app)} == {
        (by_snils, "applicant", "snils"), (kid, "parent2", "name_birth_date")}


def test_choosing_a_case_by_id_is_a_supervisors_action_with_a_reason(app) -> None:
    a1 = f.add_application(app, None, status="pending", app_id="EMK-2026-000921")
    a2 = f.add_application(app, None, status="pending", app_id="EMK-2026-000922", passport="4510111222",
                           birth_date=date(1985, 3, 3))
    desk = DbDeskService(app)
    anna = _staff(app, "anna")
    with pytest.raises(PermissionDenied, match="choose_case"):
        desk.claim(anna, a2, reason="I like this one")
    held = queue_service.claim_next(app, anna)
    assert desk.claim(anna, held.application_id) == held.lease_expires_at  # reopening one's own claim is fine
    olga = _staff(app, "olga", "supervisor", last="Петрова", first="Ольга", birth="1980-01-01")
    with pytest.raises(ReviewerError, match="reason"):
        desk.claim(olga, a2, reason=" ")
    desk.claim(olga, a2, reason="complaint from the applicant, case 17")
    with app.sessions() as s:
        take = s.scalars(select(AuditEvent).where(AuditEvent.action == "claim.take",
                                                  AuditEvent.target_id == a2)).one()
    assert take.actor == "olga" and take.details["chosen"] and "case 17" in take.details["reason"]
    # A supervisor is recused like anyone: the refusal is said and audited.
    maria = _staff(app, "maria", "supervisor", last="Иванова", first="Мария", middle="Петровна",
                   birth="1990-05-17")
    queue_service.release(app, anna, held.application_id)
    with pytest.raises(PermissionDenied, match="recusal"):
        desk.claim(maria, a1, reason="checking it myself")
    assert _recused(app)[-1] == ("maria", a1, {"matched": "applicant", "by": "name_birth_date", "chosen": True})


def test_identity_options_are_checked_and_shown_in_staff_list(app, db_url, data_dir, monkeypatch, capsys):
    run = lambda *argv: main(["--db-url", db_url, "--data-dir", str(data_dir), *argv])  # noqa: E731
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long admin password\n"))
    assert run("staff", "add", "adam", "--role", "admin", "--password-stdin", "--last-name", "Адамов",
               "--first-name", "Адам", "--birth-date", "1970-02-03", "--snils", "112-233-445 96") == 2
    assert "--snils: '112-233-445 96' is not a valid SNILS" in capsys.readouterr().err
    assert run("staff", "add", "adam", "--role", "admin", "--password-stdin", "--last-name", "Адамов",
               "--first-name", "Адам", "--birth-date", "1970-02-03", "--snils", "11223344595") == 0
    secret = re.search(r"enter the key ([A-Z2-7]+) by hand", capsys.readouterr().out).group(1)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": "a long admin password")
    monkeypatch.setattr(builtins, "input", lambda prompt="": pyotp.TOTP(secret).now())
    assert run("staff", "list", "--as", "adam") == 0
    out = capsys.readouterr().out
    assert "Адамов Адам, 03.02.1970, SNILS 112-233-445 95" in out
