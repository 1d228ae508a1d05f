"""What the administrator's desk shows and sends (`services.admin_desk.AdminDesk`): plain frozen dataclasses, the
same in process and over the reviewer service (pydantic validates the service's JSON straight into them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

#: A staff account's state, in the order the administrator cares about it.
ACTIVE, LOCKED, DISABLED = "active", "locked", "disabled"


@dataclass(frozen=True)
class StaffMember:
    """One account as the administrator sees it (never its password hash or TOTP seed)."""

    id: int
    name: str
    role: str
    disabled: bool
    locked_until: datetime | None  # only while the lock lasts
    failed_logins: int
    has_totp: bool
    created_at: datetime
    service: bool = False  # a script's account: password only, never at a desk
    full_name: str = ""  # the person's name as recorded for recusal, "" when none is

    @property
    def state(self) -> str:
        if self.disabled:
            return DISABLED
        return LOCKED if self.locked_until is not None else ACTIVE


@dataclass(frozen=True)
class TotpEnrollment:
    """A new TOTP secret, returned once (to show as a QR code) and stored only sealed."""

    staff_id: int
    name: str
    role: str
    secret: str
    uri: str  # otpauth:// provisioning URI for authenticator apps


@dataclass(frozen=True)
class AuditQuery:
    """Audit entries matching every filter given; dates are Moscow days, `until` included."""

    actor: str | None = None
    action: str | None = None
    target: str | None = None  # an application number, a staff id, a document hash...
    since: date | None = None
    until: date | None = None
    limit: int = 200
    after_id: int = 0  # the next page: the last id of the page before

    def problems(self) -> list[str]:
        found = []
        if not 1 <= self.limit <= 1000:
            found.append(f"limit: {self.limit} is not between 1 and 1000")
        if self.after_id < 0:
            found.append(f"after_id: {self.after_id} is negative")
        if self.since is not None and self.until is not None and self.since > self.until:
            found.append(f"since: {self.since.isoformat()} is after until {self.until.isoformat()}")
        for name in ("actor", "action", "target"):
            value = getattr(self, name)
            if value is not None and len(value) > 200:
                found.append(f"{name}: longer than 200 characters")
        return found


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    actor: str
    action: str
    target_type: str
    target_id: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditCheck:
    """What `audit verify` found: intact, broken at an entry, or without its signed anchor."""

    entries: int
    checkpoints: int
    broken_entry: int | None = None
    problem: str = ""
    anchor_missing: bool = False
    signed_head: int | None = None  # the entry a new checkpoint signed, when one was written

    @property
    def intact(self) -> bool:
        return self.broken_entry is None and not self.anchor_missing
