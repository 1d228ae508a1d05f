"""The sample set's history (sample_data/history.json, issue 22) seeded into the training database before anyone
decides: the shared-phone pack is refused whatever the order, the desk-recorded MFC confirmation of pack 12 waits
for another supervisor, and reloading seeds nothing twice."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import func, select

from reviewer_app.config import load_settings
from reviewer_app.db.models import Application, KinshipConfirmation, OtpCredential
from reviewer_app.domain.clock import FixedClock
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services import decisions, mfc, queue_service, staff, training

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data"
SHARED_PHONE = "EMK-2026-900038"
ABROAD = "EMK-2026-900012"


@pytest.fixture
def ctx(tmp_path):
    if not (SAMPLE / "38-shared-phone" / "application.json").is_file():
        pytest.skip("sample_data/ not generated")
    settings = load_settings(env={}, overrides={"data_dir": tmp_path / "data", "lang": "en"})
    context = training.open_training(settings, clock=FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC)))
    training.load_packs(context, SAMPLE)
    yield context
    context.close()


def _supervisor(ctx, name: str):
    e = staff.practice_account(ctx, name=name, role="supervisor", password="practice-pass-1")
    return staff.login(ctx, name, "practice-pass-1", pyotp.TOTP(e.secret).at(ctx.clock.now()))


def _take(ctx, actor, app_id: str) -> int:
    queue_service.claim_chosen(ctx, actor, app_id, reason="sample history test")
    with ctx.sessions() as s:
        return s.get(Application, app_id).version


def test_the_shared_phone_pack_is_refused_even_as_the_first_decision(ctx) -> None:
    sup = _supervisor(ctx, "sup1")
    version = _take(ctx, sup, SHARED_PHONE)  # nothing decided before it: the refusal comes from the history
    with pytest.raises(ReviewerError, match="Phone belongs to someone else") as refused:
        decisions.decide(ctx, sup, application_id=SHARED_PHONE, expected_version=version, outcome="approve",
                         acknowledged_checks=("face_duplicate",), comment_internal="faces compared by hand")
    assert "another citizen" in str(refused.value)
    back = decisions.decide(ctx, sup, application_id=SHARED_PHONE, expected_version=version, outcome="return",
                            reason_code="phone_in_use", acknowledged_checks=("face_duplicate",))
    assert back.status == "returned"
    assert training.grade_recorded(ctx, SHARED_PHONE).correct


def test_the_desk_recorded_mfc_confirmation_waits_for_another_supervisor(ctx) -> None:
    sup = _supervisor(ctx, "sup1")
    pending = mfc.pending_confirmations(ctx, sup)
    assert [(p.application_id, p.recorded_by) for p in pending] == [(ABROAD, "desk-clerk")]
    version = _take(ctx, sup, ABROAD)
    with pytest.raises(ReviewerError, match="waits for another supervisor's verification"):
        decisions.decide(ctx, sup, application_id=ABROAD, expected_version=version, outcome="approve",
                         acknowledged_checks=("face_duplicate",), comment_internal="faces compared by hand")
    mfc.verify_confirmation(ctx, sup, pending[0].id)  # sup1 did not record it: may verify, then approve
    ok = decisions.decide(ctx, sup, application_id=ABROAD, expected_version=version, outcome="approve",
                          acknowledged_checks=("face_duplicate",), comment_internal="faces compared by hand")
    assert ok.status == "decided" and ok.grant_ids


def test_reloading_the_sample_seeds_the_history_once(ctx) -> None:
    again = training.load_packs(ctx, SAMPLE)
    assert (again.history_citizens, again.history_mfc_desk_records) == (0, 0)
    with ctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(OtpCredential)
                        .where(OtpCredential.phone_e164 == "+79161384567")) == 1
        assert s.scalar(select(func.count()).select_from(KinshipConfirmation)) == 1
