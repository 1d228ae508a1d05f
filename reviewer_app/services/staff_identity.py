"""Who a staff account belongs to (issue 22): full name, birth date, optional SNILS, for recusal.

`staff add` records it with the account (`--last-name --first-name [--middle-name] --birth-date [--snils]`);
`staff identity NAME` sets or corrects it later (an administrator, audited `staff.update`); `staff list` shows
it. The queue compares it with every application's parties (`services.recusal`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from reviewer_app.db.models import Staff
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.errors import NotFound, ReviewerError
from reviewer_app.domain.permissions import Permission
from reviewer_app.domain.recusal import PersonIdentity, snils_digits
from reviewer_app.policy.validators import check_snils
from reviewer_app.services import audit, authz


def check_identity(last_name: str | None, first_name: str | None, middle_name: str | None,
                   birth_date: date | str | None, snils: str | None, *, today: date) -> PersonIdentity | None:
    """The identity cleaned, None when nothing was given, or a ReviewerError naming every problem."""
    given = [v for v in (last_name, first_name, middle_name, birth_date, snils) if v not in (None, "")]
    if not given:
        return None
    problems = []
    last, first = (last_name or "").strip(), (first_name or "").strip()
    middle = (middle_name or "").strip() or None
    for option, value in (("--last-name", last), ("--first-name", first)):
        if not value:
            problems.append(f"{option}: required with the staff member's identity")
        elif len(value) > 100:
            problems.append(f"{option}: longer than 100 characters")
    if middle is not None and len(middle) > 100:
        problems.append("--middle-name: longer than 100 characters")
    day = None
    if isinstance(birth_date, date):
        day = birth_date
    elif birth_date:
        try:
            day = date.fromisoformat(str(birth_date).strip())
        except ValueError:
            problems.append(f"--birth-date: {birth_date!r} is not a date YYYY-MM-DD")
    else:
        problems.append("--birth-date: required with the staff member's identity")
    if day is not None and day >= today:
        problems.append(f"--birth-date: {day.isoformat()} is not in the past")
    number = (snils or "").strip() or None
    if number is not None and check_snils(number) != "ok":
        problems.append(f"--snils: {number!r} is not a valid SNILS (XXX-XXX-XXX YY)")
    if problems:
        raise ReviewerError("; ".join(problems))
    digits = snils_digits(number)
    return PersonIdentity(last, first, middle, day, f"{digits[:3]}-{digits[3:6]}-{digits[6:9]} {digits[9:]}"
                          if digits else None)


def apply_identity(row: Staff, identity: PersonIdentity | None) -> None:
    if identity is None:
        return
    row.last_name, row.first_name, row.middle_name = identity.last_name, identity.first_name, identity.middle_name
    row.birth_date, row.snils = identity.birth_date, identity.snils


def set_identity(app, actor: Actor, name: str, identity: PersonIdentity) -> None:
    """An administrator records or corrects a staff member's identity (audited, without the values)."""
    authz.require(app, actor, Permission.MANAGE_STAFF)
    now = app.clock.now()
    with app.uow() as s:
        row = s.scalar(select(Staff).where(Staff.name == name.strip().lower()))
        if row is None:
            raise NotFound(f"no staff member named {name!r}")
        apply_identity(row, identity)
        audit.record(s, at=now, actor=actor.name, action="staff.update", target_type="staff",
                     target_id=str(row.id), details={"identity": True, "snils": identity.snils is not None})


def identities(app, actor: Actor) -> dict[str, PersonIdentity]:
    """Every account's identity by name (an administrator's view, as `staff list`)."""
    authz.require(app, actor, Permission.MANAGE_STAFF)
    with app.sessions() as s:
        return {r.name: PersonIdentity(r.last_name, r.first_name, r.middle_name, r.birth_date, r.snils)
                for r in s.scalars(select(Staff))}


def describe(identity: PersonIdentity | None) -> str:
    """'Иванова Мария Петровна, 17.05.1990, SNILS 123-456-789 01', or '—' when none is recorded."""
    if identity is None or not identity.known:
        return "—"
    name = " ".join(p for p in (identity.last_name, identity.first_name, identity.middle_name) if p)
    text = f"{name}, {identity.birth_date:%d.%m.%Y}" if identity.birth_date else name
    return text + (f", SNILS {identity.snils}" if identity.snils else "")
