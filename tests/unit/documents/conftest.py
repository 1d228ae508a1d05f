from tests.unit.policy.conftest import make_app  # noqa: F401  (the same application factory)
