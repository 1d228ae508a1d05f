"""What a sample set assumes happened before its packs arrived (`history.json` beside the packs, issue 22).

Some answers depend on the state of the access database, not only on the pack: "one phone, one citizen" needs
a citizen who already holds a login, "an MFC confirmation recorded at a desk waits for another supervisor" needs
that record. Were they left to the packs, the answer would depend on the order the packs are decided in. So the
sample set says them, and the demo and training seed them into their database before anyone decides:

    {"format": 1,
     "citizens": [{"last_name": "...", "first_name": "...", "middle_name": "...", "birth_date": "YYYY-MM-DD",
                   "phone": "+7 9XX XXX-XX-XX", "note": "free text"}],
     "mfc_desk_records": [{"application_id": "EMK-...", "recorded_by": "staff name", "confirmed_by": "...",
                           "mfc_office": "...", "document_ref": "..."}]}

- `citizens`: people who hold a login (an access approved earlier; they have no pack in the set): a citizen
  row and the login whose codes go to `phone`. Keyed by name and birth date under a "sample-history" prefix,
  so no pack's person key can collide with them.
- `mfc_desk_records`: an MFC kinship confirmation typed in at a desk by `recorded_by` for a child_access pack,
  `pending` until another supervisor verifies it (services.mfc), dated the day it is seeded.

Seeding is only for a training database (the demo's is one), idempotent (a training database reloaded on a
later day keeps what it has) and audited (`training.history`). A malformed file is an error naming the file, the
entry and the field, and seeds nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from reviewer_app.db.models import Application, Child, Citizen, KinshipConfirmation
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import ApplicationKind
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.domain.person import name_and_birth
from reviewer_app.policy.validators import normalise_phone
from reviewer_app.services import audit, mfc
from reviewer_app.services import grants as g

HISTORY_FILE = "history.json"
ACTOR = "sample-history"


@dataclass(frozen=True)
class HistoryCitizen:
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date
    phone_e164: str

    @property
    def person_key(self) -> str:
        ident = "sample-history:" + name_and_birth(self.last_name, self.first_name, self.middle_name,
                                                   self.birth_date)
        return hashlib.sha256(ident.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DeskRecord:
    application_id: str
    recorded_by: str
    confirmed_by: str
    mfc_office: str
    document_ref: str


@dataclass(frozen=True)
class History:
    citizens: tuple[HistoryCitizen, ...] = ()
    desk_records: tuple[DeskRecord, ...] = ()


@dataclass(frozen=True)
class Seeded:
    citizens: int = 0  # logins created now (0 when they were already there)
    desk_records: int = 0


def _text(entry: dict, field: str, where: str, problems: list[str], *, required: bool = True) -> str | None:
    value = entry.get(field)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: field '{field}': required text")
        return None
    return value.strip()


def parse_history(raw: Any, source: str) -> History:
    """The history of a sample set from its parsed JSON; every problem is named (file, entry, field)."""
    if not isinstance(raw, dict) or raw.get("format") != 1:
        raise ReviewerError(f"{source}: not a sample history (expected an object with \"format\": 1)")
    problems: list[str] = []
    citizens, records = [], []
    for i, c in enumerate(raw.get("citizens") or []):
        where = f"{source}: citizens[{i}]"
        if not isinstance(c, dict):
            problems.append(f"{where}: must be an object")
            continue
        last, first = _text(c, "last_name", where, problems), _text(c, "first_name", where, problems)
        middle = _text(c, "middle_name", where, problems, required=False)
        born = None
        try:
            born = date.fromisoformat(str(c.get("birth_date")))
        except ValueError:
            problems.append(f"{where}: field 'birth_date': must be a date YYYY-MM-DD")
        phone = normalise_phone(str(c.get("phone") or ""))
        if phone is None:
            problems.append(f"{where}: field 'phone': {c.get('phone')!r} is not a Russian mobile number")
        if last and first and born and phone:
            citizens.append(HistoryCitizen(last, first, middle, born, phone))
    for i, r in enumerate(raw.get("mfc_desk_records") or []):
        where = f"{source}: mfc_desk_records[{i}]"
        if not isinstance(r, dict):
            problems.append(f"{where}: must be an object")
            continue
        values = [_text(r, f, where, problems) for f in ("application_id", "recorded_by", *mfc.FIELDS)
                  if f != "confirmed_on"]
        if all(values):
            records.append(DeskRecord(*values))  # type: ignore[arg-type]
    if problems:
        raise ReviewerError("; ".join(problems))
    return History(tuple(citizens), tuple(records))


def read_history(packs_dir: Path) -> History:
    """`history.json` beside the packs (an empty history without it)."""
    path = packs_dir / HISTORY_FILE
    if not path.is_file():
        return History()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ReviewerError(f"{path}: not valid JSON ({exc})") from None
    return parse_history(raw, str(path))


def seed(app, history: History) -> Seeded:
    """Write the history into a training database (one transaction); what is already there is kept."""
    if not app.is_training_db:
        raise PermissionDenied("a sample history is seeded only into a training database (demo or training)")
    now = app.clock.now()
    citizens = records = 0
    with app.uow() as s:
        for c in history.citizens:
            if s.get(Citizen, c.person_key) is not None:
                continue
            citizen = Citizen(person_key=c.person_key, last_name=c.last_name, first_name=c.first_name,
                              middle_name=c.middle_name, birth_date=c.birth_date, phone_e164=c.phone_e164,
                              opted_out=False)
            s.add(citizen)
            s.flush()
            g.register_phone(s, app.secrets, citizen, c.phone_e164, expect=None)
            citizens += 1
        for r in history.desk_records:
            row = s.get(Application, r.application_id)
            if row is None or row.kind != ApplicationKind.CHILD_ACCESS:
                continue  # not loaded (refused, or another sample set): nothing to attach it to
            if s.scalar(select(KinshipConfirmation.id).where(KinshipConfirmation.application_id == row.id)
                        .limit(1)) is not None:
                continue
            child = s.scalar(select(Child).where(Child.application_id == row.id))
            if child is None:
                continue
            s.add(KinshipConfirmation(parent_key=row.person_key, child_key=g.child_key(child),
                                      application_id=row.id, confirmed_by=r.confirmed_by, mfc_office=r.mfc_office,
                                      confirmed_on=moscow_date(now), document_ref=r.document_ref, source="desk",
                                      recorded_by=r.recorded_by, recorded_at=now, state=mfc.PENDING))
            records += 1
        if citizens or records:
            audit.record(s, at=now, actor=ACTOR, action="training.history", target_type="training",
                         target_id=HISTORY_FILE, details={"citizens": citizens, "mfc_desk_records": records})
    return Seeded(citizens, records)


def seed_from(app, packs_dir: Path) -> Seeded:
    """Read `history.json` beside the packs and seed it."""
    return seed(app, read_history(packs_dir))
