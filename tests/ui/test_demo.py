"""The demo database: sample packs, registry and staff accounts a newcomer can log in with at once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pyotp
import pytest

from reviewer_app.cli.gui_cmd import SAMPLE_DATA, build_demo
from reviewer_app.domain.clock import FixedClock
from reviewer_app.services.desk_service import DbDeskService


@pytest.mark.slow
def test_demo_database_is_ready_to_review(tmp_path: Path):
    if not any(SAMPLE_DATA.glob("*/application.json")):
        pytest.skip("sample_data/ not generated")
    messages: list[str] = []
    clock = FixedClock(datetime(2026, 12, 2, 7, 0, tzinfo=UTC))  # an injected day, never the wall clock's
    ctx, accounts = build_demo(tmp_path, sample_data=SAMPLE_DATA, lang="ru", log=messages.append, clock=clock)
    try:
        assert {a[1] for a in accounts} == {"reviewer", "supervisor", "trainer", "admin"}
        name, _role, password, secret = next(a for a in accounts if a[1] == "reviewer")
        desk = DbDeskService(ctx)
        actor = desk.login(name, password, pyotp.TOTP(secret).at(clock.now()))
        queue = desk.list_queue(actor)
        assert len(queue) >= 20, messages
        assert any("registry" in m for m in messages)
        first = desk.claim_next(actor)
        assert first == queue[0].id  # the most urgent first
        assert desk.open_application(actor, first).documents
    finally:
        ctx.close()


@pytest.mark.slow
def test_demo_reviewer_is_recused_from_his_relatives_pack_and_history_is_seeded(tmp_path: Path):
    """The demo reviewer is the child's father in pack 30 (his wife's application): the queue skips it for him
    even at its head; the supervisor may take it. The shared phone of pack 38 is an earlier citizen's login and
    pack 12's desk-recorded MFC confirmation waits (sample_data/history.json)."""
    from sqlalchemy import select, update

    from reviewer_app.db.models import Application, AuditEvent, KinshipConfirmation, OtpCredential
    from reviewer_app.services import queue_service

    if not (SAMPLE_DATA / "38-shared-phone" / "application.json").is_file():
        pytest.skip("sample_data/ not generated")
    clock = FixedClock(datetime(2027, 4, 14, 7, 0, tzinfo=UTC))  # dates moved: the match survives the shift
    messages: list[str] = []
    ctx, accounts = build_demo(tmp_path, sample_data=SAMPLE_DATA, lang="en", clock=clock, log=messages.append)
    try:
        assert any("recused from it" in m for m in messages), messages
        with ctx.uow() as s:  # pack 30 first in line
            s.execute(update(Application).where(Application.id == "EMK-2026-900030")
                      .values(sla_deadline=date(2027, 1, 1)))
        desk = DbDeskService(ctx)
        logins = {role: desk.login(n, pw, pyotp.TOTP(secret).at(clock.now())) for n, role, pw, secret in accounts
                  if role in ("reviewer", "supervisor")}
        item = queue_service.claim_next(ctx, logins["reviewer"])
        assert item is not None and item.application_id != "EMK-2026-900030"
        with ctx.sessions() as s:
            skipped = [(e.actor, e.target_id, e.details["matched"]) for e in s.scalars(
                select(AuditEvent).where(AuditEvent.action == "claim.recused"))]
            assert skipped == [("reviewer", "EMK-2026-900030", "parent1")]
            assert s.scalar(select(OtpCredential.citizen_key).where(OtpCredential.phone_e164 == "+79161384567"))
            assert s.scalar(select(KinshipConfirmation.state)
                            .where(KinshipConfirmation.application_id == "EMK-2026-900012")) == "pending"
        queue_service.claim_chosen(ctx, logins["supervisor"], "EMK-2026-900030", reason="recused reviewer")
    finally:
        ctx.close()


def test_generated_demo_packs_without_sample_data(tmp_path: Path):
    ctx, accounts = build_demo(tmp_path, sample_data=tmp_path / "none", lang="en", log=lambda *_: None,
                               demo_packs=3)
    try:
        name, _role, password, secret = next(a for a in accounts if a[1] == "reviewer")
        desk = DbDeskService(ctx)
        items = desk.list_queue(desk.login(name, password, pyotp.TOTP(secret).now()))
        today = ctx.clock.now().date()
        assert sorted(i.age_badge(today) for i in items) == ["amber", "green", "red"]
    finally:
        ctx.close()


def test_generated_demo_packs_are_each_another_person_and_only_two_faces_are_searched(tmp_path: Path):
    """Issue 24: the two public-domain faces are two people (the first two packs, with biometric consent); every
    other generated applicant gave no consent, so the face-duplicate search never sees one face under two names."""
    import json

    from reviewer_app.cli.gui_cmd import make_demo_packs

    packs = make_demo_packs(tmp_path / "packs", datetime(2026, 12, 2, 7, 0, tzinfo=UTC), 14)
    people = [json.loads((p / "application.json").read_text(encoding="utf-8"))["applicant"] for p in packs]
    identities = {(a["last_name"], a["first_name"], a["birth_date"]) for a in people}
    assert len(identities) == len(packs) == 14
    assert [a["biometric_consent"] for a in people] == [True, True] + [False] * 12


@pytest.mark.slow
def test_demo_months_later_looks_as_written_and_its_trainer_works(tmp_path: Path):
    """The sample dates follow the demo's day: one overdue application (pack 16), as when the packs were
    written, not most of them; and the trainer account may work (the demo database is a training one)."""
    from reviewer_app.domain.clock import moscow_date
    from reviewer_app.services import training

    if not any(SAMPLE_DATA.glob("*/application.json")):
        pytest.skip("sample_data/ not generated")
    clock = FixedClock(datetime(2027, 4, 14, 7, 0, tzinfo=UTC))
    messages: list[str] = []
    ctx, accounts = build_demo(tmp_path, sample_data=SAMPLE_DATA, lang="en", clock=clock, log=messages.append)
    try:
        assert any("sample dates moved 138 day(s) forward" in m for m in messages), messages
        desk = DbDeskService(ctx)
        name, _role, password, secret = next(a for a in accounts if a[1] == "trainer")
        trainer = desk.login(name, password, pyotp.TOTP(secret).at(clock.now()))
        today = moscow_date(clock.now())
        queue = desk.list_queue(trainer)
        assert [i.id for i in queue if i.days_left(today) < 0] == ["EMK-2026-900016"]
        first = desk.claim_next(trainer)
        assert first == "EMK-2026-900016"  # the overdue one first
        assert training.grade_decision(ctx, first, "approve", None).correct  # the answer key is loaded
    finally:
        ctx.close()


def test_the_practice_banner_of_train_is_not_called_demo(qtbot):
    from reviewer_app.ui.app import DemoBanner, install_translations

    accounts = [("trainee1", "reviewer", "pw", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")]
    install_translations("ru")
    try:
        practice = DemoBanner.create(accounts, training=True)
        demo = DemoBanner.create(accounts)
        qtbot.addWidget(practice)
        qtbot.addWidget(demo)
        assert practice.text().startswith("ТРЕНИРОВКА") and "ДЕМО" not in practice.text()
        assert demo.text().startswith("ДЕМО")
    finally:
        install_translations("en")


class _Recorder:
    """A workstation that, instead of a window, works the desk it was given as the demo reviewer would."""

    def __init__(self) -> None:
        self.seen: dict = {}

    def run(self, desk, **kwargs) -> int:
        from reviewer_app.client import HttpDeskService
        from reviewer_app.client.local import LocalServiceDesk

        name, password, secret = kwargs["login_as"]
        actor = desk.login(name, password, pyotp.TOTP(secret).now())
        self.seen = {"local": isinstance(desk, LocalServiceDesk), "http": isinstance(desk.http(), HttpDeskService),
                     "url": desk.base_url, "claimed": desk.claim_next(actor),
                     "context": kwargs.get("app_context") is not None, "service": desk.service}
        return 0


def test_demo_starts_its_service_in_process_and_the_reviewer_works_through_it(tmp_path, monkeypatch):
    import argparse

    from reviewer_app.cli import gui_cmd

    monkeypatch.setattr(gui_cmd.tempfile, "tempdir", str(tmp_path))
    recorder = _Recorder()
    args = argparse.Namespace(workstation=recorder, screenshot=tmp_path / "shots", sample_data=tmp_path / "none",
                              keep=False, no_worker=True)

    class App:
        class settings:  # stands in for Settings
            lang = "en"

    assert gui_cmd.demo_cmd(args, App()) == 0
    seen = recorder.seen
    assert seen["local"] and seen["http"] and seen["url"].startswith("http://127.0.0.1:")
    assert seen["claimed"] is not None and seen["context"]  # the other roles' screens still get the context
    assert not seen["service"].thread.is_alive()  # stopped when the workstation ended
    assert not list(tmp_path.glob("reviewer-demo-*"))


@pytest.mark.slow
def test_demo_screenshot_still_writes_its_screenshots(tmp_path, monkeypatch):
    from PySide6.QtGui import QImage

    from reviewer_app.cli import gui_cmd, main
    from reviewer_app.entry import Workstation
    from reviewer_app.ui.app import install_translations

    monkeypatch.setattr(gui_cmd.tempfile, "tempdir", str(tmp_path))
    shots = tmp_path / "shots"
    try:
        code = main(["--lang", "en", "demo", "--screenshot", str(shots), "--no-worker",
                     "--sample-data", str(tmp_path / "none")], workstation=Workstation())
    finally:
        install_translations("en")
    assert code == 0
    for name in ("login", "review", "queue", "shortcuts"):
        assert not QImage(str(shots / f"{name}.png")).isNull(), name
