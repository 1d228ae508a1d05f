import pytest

from access import factories as f
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole


@pytest.fixture
def reviewer(app) -> Actor:
    return Actor(staff_id=f.add_staff(app, "anna", "reviewer"), name="anna", role=StaffRole.REVIEWER)


@pytest.fixture
def supervisor(app) -> Actor:
    return Actor(staff_id=f.add_staff(app, "olga", "supervisor"), name="olga", role=StaffRole.SUPERVISOR)


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch):
    """Real argon2, minimal cost: the tests check behaviour, not hashing strength (2 shared cores)."""
    from argon2 import PasswordHasher

    from reviewer_app.services import staff

    monkeypatch.setattr(staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
