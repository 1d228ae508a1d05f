"""Texts and dates of the notices a citizen gets outside a decision: a child's access ending, a waiting case
expiring, the refusal at login once a child's access has ended.

SMS texts to citizens are Russian. An SMS may be read by anyone holding the phone, so it never carries a
child's full name: the child is named by initials only (`initials`). Pure: no I/O, dates passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reviewer_app.domain.plural import ru_years


def initials(*parts: str | None) -> str:
    """'Фёдоров', 'Марк', 'Романович' → 'Ф. М. Р.'; a full name in one string works too ('Фёдоров Марк Р.')."""
    letters = [w[0].upper() for p in parts if p for w in p.split() if w and w[0].isalpha()]
    return " ".join(f"{c}." for c in letters)


def _ru(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def ending_notice_due(valid_until: date | None, today: date, days_before: int) -> bool:
    """A dated grant whose last day is within `days_before` days from `today` (and not yet past) is due for
    its notice; a grant already past its end gets none (the refusal at login tells then)."""
    if valid_until is None:
        return False
    return today <= valid_until <= today + timedelta(days=days_before)


def child_access_ending_sms(child_name: str, valid_until: date, child_max_age: int) -> str:
    """The notice to the parent before a child's access ends (the day before the child turns `child_max_age`)."""
    turns = valid_until + timedelta(days=1)
    return (f"Доступ к электронной медкарте ребёнка ({initials(child_name)}) по этому номеру закончится "
            f"{_ru(valid_until)}: {_ru(turns)} ребёнку исполнится {ru_years(child_max_age)}. С этого дня ребёнок "
            "сам подаёт заявление на доступ к своей медкарте.")


@dataclass(frozen=True)
class Refusal:
    en: str
    ru: str


def child_access_ended(child_name: str, valid_until: date, child_max_age: int) -> Refusal:
    """Why a parent cannot open a child's record any more, pointing to the child's own application."""
    turned = valid_until + timedelta(days=1)
    who = initials(child_name)
    return Refusal(
        en=f"access to the child's record ({who}) ended on {_ru(valid_until)}: the child turned {child_max_age} "
           f"on {_ru(turned)} and can now apply for access to their own record",
        ru=f"доступ к медкарте ребёнка ({who}) закончился {_ru(valid_until)}: {_ru(turned)} ребёнку "
           f"исполнилось {ru_years(child_max_age)}. Теперь ребёнок может сам подать заявление на доступ к своей "
           "медкарте")


def waiting_until(sent_on: date, wait_days: int) -> date:
    """The last day a case sent to the MFC waits for the visit: `wait_days` calendar days after sending."""
    return sent_on + timedelta(days=wait_days)


def waiting_expired_sms(application_id: str, waited_until: date) -> str:
    """The notice when a case sent to the MFC expires without a visit."""
    return (f"Заявление {application_id} закрыто: срок для визита в МФЦ «Мои документы» истёк {_ru(waited_until)}. "
            "Чтобы получить доступ, подайте новое заявление.")
