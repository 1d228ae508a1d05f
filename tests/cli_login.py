"""CLI commands that read personal data need a staff login: tests run them as a service account from settings."""

from __future__ import annotations

from argon2 import PasswordHasher

from reviewer_app.db.models import Staff

SERVICE_PASSWORD = "service account password"


def service_account(app, monkeypatch, *, role: str = "admin", name: str = "svc-cli") -> str:
    """A service account row (cheap argon2) and the settings (environment) that make the CLI act as it."""
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with app.uow() as s:
        s.add(Staff(name=name, role=role, password_hash=hasher.hash(SERVICE_PASSWORD), created_at=app.clock.now(),
                    service=True))
    monkeypatch.setenv("REVIEWER_SERVICE_ACCOUNT", name)
    monkeypatch.setenv("REVIEWER_SERVICE_PASSWORD", SERVICE_PASSWORD)
    return name
