"""The role matrix at the service layer, whatever the caller: roles x operations, on a normal and a training DB."""

from datetime import date

import pytest

from access import factories as f
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.services import citizen_login, decisions, mfc, queue_service
from reviewer_app.services import staff as st


def _decide(app, actor):
    app_id = f.add_application(app, actor.staff_id)
    decisions.decide(app, actor, application_id=app_id, expected_version=1, outcome="approve")


def _override_by_other(app):
    other = Actor(f.add_staff(app, "other-reviewer"), "other-reviewer", StaffRole.REVIEWER)
    app_id = f.add_application(app, other.staff_id, band="mismatch")
    return decisions.decide(app, other, application_id=app_id, expected_version=1, outcome="approve",
                            comment_internal="same person, older photo").decision_id


def _confirm(app, actor):
    decisions.confirm_second_review(app, actor, _override_by_other(app), "agreed")


def _overturn(app, actor):
    decisions.overturn_second_review(app, actor, _override_by_other(app), "faces differ", reason_code="face_mismatch")


def _add_staff(app, actor):
    st.add_staff(app, actor, name="newbie", role="reviewer", password="long enough password")


def _list_staff(app, actor):
    st.list_staff(app, actor)


def _unlock_citizen(app, actor):
    other = Actor(f.add_staff(app, "other-reviewer"), "other-reviewer", StaffRole.REVIEWER)
    app_id = f.add_application(app, other.staff_id)
    decisions.decide(app, other, application_id=app_id, expected_version=1, outcome="approve")
    citizen_login.unlock(app, actor, "+79161234567")


def _record_mfc(app, actor):
    app_id = f.add_application(app, None, kind="child_access", child_birth=date(2019, 2, 11),
                               checks={"kinship": "in_person"}, status="in_person_required")
    mfc.record_confirmation(app, actor, app_id, confirmed_by="Петрова", mfc_office="МФЦ Арбат",
                            confirmed_on="2026-11-26", document_ref="МФЦ-1")


def _verify_mfc(app, actor):
    other = Actor(f.add_staff(app, "other-reviewer"), "other-reviewer", StaffRole.REVIEWER)
    app_id = f.add_application(app, None, kind="child_access", child_birth=date(2019, 2, 11),
                               checks={"kinship": "in_person"}, status="in_person_required")
    c = mfc.record_confirmation(app, other, app_id, confirmed_by="Петрова", mfc_office="МФЦ Арбат",
                                confirmed_on="2026-11-26", document_ref="МФЦ-1")
    mfc.verify_confirmation(app, actor, c.confirmation_id)


def _choose_case(app, actor):
    app_id = f.add_application(app, None, status="pending")
    queue_service.claim_chosen(app, actor, app_id, reason="complaint")


OPERATIONS = {
    "decide": _decide, "confirm_second_review": _confirm, "overturn_second_review": _overturn,
    "add_staff": _add_staff, "list_staff": _list_staff, "unlock_citizen": _unlock_citizen,
    "record_mfc": _record_mfc, "verify_mfc": _verify_mfc, "choose_case": _choose_case,
}
# Who may do what, written out by hand (not derived from the code under test).
ALLOWED = {
    "decide": {"reviewer", "supervisor"},
    "confirm_second_review": {"supervisor"},
    "overturn_second_review": {"supervisor"},
    "add_staff": {"admin"},
    "list_staff": {"admin"},
    "unlock_citizen": {"admin"},
    # issue 22: the MFC operator records confirmations and nothing else; a second supervisor verifies a desk
    # record; choosing a case by id is a supervisor's
    "record_mfc": {"reviewer", "supervisor", "mfc"},
    "verify_mfc": {"supervisor"},
    "choose_case": {"supervisor"},
}
# On a training database the trainer works like a reviewer; nothing else changes.
ALLOWED_TRAINING = {op: who | ({"trainer"} if op in ("decide", "record_mfc") else set())
                    for op, who in ALLOWED.items()}


@pytest.mark.parametrize("training", [False, True], ids=["production-db", "training-db"])
@pytest.mark.parametrize("op", list(OPERATIONS))
@pytest.mark.parametrize("role", [r.value for r in StaffRole])
def test_role_matrix(app, role, op, training) -> None:
    if training:
        f.mark_training(app)
    actor = Actor(f.add_staff(app, f"{role}-1", role), f"{role}-1", StaffRole(role))
    allowed = role in (ALLOWED_TRAINING if training else ALLOWED)[op]
    if allowed:
        OPERATIONS[op](app, actor)
    else:
        with pytest.raises(PermissionDenied):
            OPERATIONS[op](app, actor)


def test_trainer_refusal_names_the_training_database(app) -> None:
    trainer = Actor(f.add_staff(app, "tanya", "trainer"), "tanya", StaffRole.TRAINER)
    with pytest.raises(PermissionDenied, match="outside a training database"):
        _decide(app, trainer)


def test_stale_actor_with_changed_role_is_refused(app) -> None:
    actor = Actor(f.add_staff(app, "rita", "reviewer"), "rita", StaffRole.SUPERVISOR)  # claims more than it is
    with pytest.raises(PermissionDenied, match=r"rita \(reviewer\) may not"):  # the database's role counts
        _confirm(app, actor)
