"""The demo database: sample packs, registry and staff accounts a newcomer can log in with at once."""

from __future__ import annotations

from pathlib import Path

import pyotp
import pytest

from reviewer_app.cli.gui_cmd import SAMPLE_DATA, build_demo
from reviewer_app.services.desk_service import DbDeskService


@pytest.mark.slow
def test_demo_database_is_ready_to_review(tmp_path: Path):
    if not any(SAMPLE_DATA.glob("*/application.json")):
        pytest.skip("sample_data/ not generated")
    messages: list[str] = []
    ctx, accounts = build_demo(tmp_path, sample_data=SAMPLE_DATA, lang="ru", log=messages.append)
    try:
        assert {a[1] for a in accounts} == {"reviewer", "supervisor", "trainer", "admin"}
        name, _role, password, secret = next(a for a in accounts if a[1] == "reviewer")
        desk = DbDeskService(ctx)
        actor = desk.login(name, password, pyotp.TOTP(secret).now())
        queue = desk.list_queue(actor)
        assert len(queue) >= 20, messages
        assert any("registry" in m for m in messages)
        first = desk.claim_next(actor)
        assert first == queue[0].id  # the most urgent first
        assert desk.open_application(actor, first).documents
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
