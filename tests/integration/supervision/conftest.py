import pytest
import sv_factories as f


@pytest.fixture
def team(app):
    """A supervisor, a trainer, an admin and two reviewers."""
    return {
        "sup": f.staff(app, "olga", "supervisor"),
        "anna": f.staff(app, "anna", "reviewer"),
        "boris": f.staff(app, "boris", "reviewer"),
        "trainer": f.staff(app, "tanya", "trainer"),
        "admin": f.staff(app, "adam", "admin"),
    }
