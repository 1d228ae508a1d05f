"""Roles without the right cannot reach supervisor functions through the service layer."""

from datetime import date

import pytest

from reviewer_app.domain.actor import SYSTEM
from reviewer_app.domain.errors import PermissionDenied
from reviewer_app.services import retention, stats
from reviewer_app.services import supervision as sv

CALLS = {
    "search": (lambda app, a: sv.search_decisions(app, a), "audit"),
    "open_case": (lambda app, a: sv.open_case(app, a, 1), "audit"),
    "case_image": (lambda app, a: sv.case_image(app, a, 1, "0" * 64), "audit"),
    "queue": (lambda app, a: sv.second_review_queue(app, a), "second_review"),
    "set_aside": (lambda app, a: sv.set_aside_sample(app, a), "second_review"),
    "confirm": (lambda app, a: sv.confirm(app, a, 1), "second_review"),
    "overturn": (lambda app, a: sv.overturn(app, a, 1, "why"), "second_review"),
    "claims": (lambda app, a: sv.current_claims(app, a), "reassign"),
    "release": (lambda app, a: sv.release_claim(app, a, "X"), "reassign"),
    "reassign": (lambda app, a: sv.reassign_claim(app, a, "X", "anna"), "reassign"),
    "stats": (lambda app, a: stats.compute(app, a, date(2026, 11, 1), date(2026, 11, 30)), "audit"),
    "purge": (lambda app, a: retention.purge(app, a, older_than_days=30, dry_run=True), "retention"),
}
# Who may do what on a production database (trainers: nothing outside training; admins: audit only).
# Retention purges run as the system (scheduled) or an administrator.
ALLOWED = {"supervisor": {"audit", "second_review", "reassign"}, "admin": {"audit", "retention"},
           "reviewer": set(), "trainer": set(), "system": {"retention"}}


ROLE_OF = {"anna": "reviewer", "trainer": "trainer", "admin": "admin", "system": "system", "sup": "supervisor"}
REFUSED = [(who, call) for who in ROLE_OF for call in sorted(CALLS) if CALLS[call][1] not in ALLOWED[ROLE_OF[who]]]


def test_matrix_is_not_empty() -> None:
    assert ("anna", "search") in REFUSED and ("sup", "purge") in REFUSED and ("sup", "search") not in REFUSED


@pytest.mark.parametrize(("who", "call"), REFUSED)
def test_role_without_right_is_refused(app, team, who, call) -> None:
    actor = SYSTEM if who == "system" else team[who]
    with pytest.raises(PermissionDenied):
        CALLS[call][0](app, actor)
