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
