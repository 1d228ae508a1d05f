"""Who is acting: a logged-in staff member, or the system itself (intake, workers)."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.domain.enums import StaffRole


@dataclass(frozen=True)
class Actor:
    staff_id: int | None
    name: str
    role: StaffRole | None  # None for the system actor

    @property
    def is_system(self) -> bool:
        return self.role is None


SYSTEM = Actor(staff_id=None, name="system", role=None)
