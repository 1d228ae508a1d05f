"""Rules about who applies: the mos.ru account, the same person across passports, and who the child's adult is.

- ``account``: only a confirmed mos.ru account of standard or full level may apply ("подтверждённый статус
  учётной записи", "через стандартную или полную учётную запись"). Simplified or unconfirmed: fail (the
  decision plan refuses an approval). Not stated (an older pack): a check by hand, never a silent pass. An
  account confirmed in person at an MFC (``confirmed_via: "mfc"``, or the older ``account_confirmed_at_mfc``
  flag) is a confirmed account and keeps its shortcut: no photo is needed (the ``photo`` rule). The older flag
  alone is read as a confirmed account of at least standard level: an MFC confirms the account itself.
- ``person_known``: what intake found about the applicant's earlier records (`domain.person.KnownPerson`): a
  new passport of a known person is shown with the old one; a possible namesake or a conflicting identifier is
  a check by hand; a possible match with a person who opted out fails (approving needs a second person).
- Kinship helpers for ``rules.kinship``: a guardian, trustee or adoptive parent confirms their authority in
  person at an MFC (the civil registry lists parents only); a parent's previous surnames (with the marriage or
  name-change record) are tried in the registry's parent match.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reviewer_app.domain.application import Application
from reviewer_app.domain.checks import CheckResult
from reviewer_app.domain.enums import CheckStatus
from reviewer_app.domain.person import KnownPerson
from reviewer_app.domain.registry import PersonRecord
from reviewer_app.policy.ruletable import RuleTable

PASS, FAIL, WARN, MANUAL, IN_PERSON = (CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.WARN, CheckStatus.MANUAL,
                                       CheckStatus.IN_PERSON)
ALLOWED_LEVELS = ("standard", "full")
_LEVEL_RU = {"simplified": "упрощённая", "standard": "стандартная", "full": "полная"}


def _r(rule_id: str, status: CheckStatus, ru: str, en: str, table: RuleTable, **details: Any) -> CheckResult:
    return CheckResult(rule_id, status, ru, en, details, table.version)


def _f(day: date | None) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}" if day else "—"


# --- account ----------------------------------------------------------------------------------------------

def account(app: Application, on: date, t: RuleTable, inp: Any) -> CheckResult:
    a = app.applicant
    acc = a.account
    if acc is None:
        if a.account_confirmed_at_mfc:
            return _r("account", PASS, "Учётная запись подтверждена в МФЦ", "Account confirmed at an MFC", t,
                      stated=False, level=None, confirmed=True, confirmed_via="mfc")
        return _r("account", MANUAL, "Уровень и подтверждение учётной записи mos.ru не указаны: проверьте "
                                     "вручную, что запись стандартная или полная и подтверждена",
                  "The mos.ru account level and confirmation are not stated: check by hand that the account is "
                  "standard or full and confirmed", t, stated=False, level=None, confirmed=None)
    facts = {"stated": True, "level": acc.level, "confirmed": acc.confirmed, "confirmed_via": acc.confirmed_via}
    level_ru = _LEVEL_RU.get(acc.level, acc.level)
    if acc.level not in ALLOWED_LEVELS:
        return _r("account", FAIL, f"Учётная запись mos.ru {level_ru}: подать заявление можно только со "
                                   "стандартной или полной подтверждённой учётной записью",
                  f"The mos.ru account is {acc.level}: only a confirmed standard or full account may apply", t,
                  **facts)
    if not acc.confirmed:
        return _r("account", FAIL, f"Учётная запись mos.ru ({level_ru}) не подтверждена",
                  f"The mos.ru account ({acc.level}) is not confirmed", t, **facts)
    if acc.at_mfc:
        return _r("account", PASS, f"Учётная запись mos.ru ({level_ru}) подтверждена в МФЦ",
                  f"The mos.ru account ({acc.level}) was confirmed at an MFC", t, **facts)
    return _r("account", PASS, f"Учётная запись mos.ru ({level_ru}) подтверждена",
              f"The mos.ru account ({acc.level}) is confirmed", t, **facts)


# --- the same person across passports ---------------------------------------------------------------------

_VIA_RU = {"snils": "по СНИЛС", "previous_passport": "по прежнему паспорту, указанному в заявлении",
           "passport": "по паспорту", "identity": "по ФИО, дате и месту рождения"}
_VIA_EN = {"snils": "by SNILS", "previous_passport": "by the previous passport the application gives",
           "passport": "by the passport", "identity": "by name, birth date and birth place"}


def person_known(app: Application, on: date, t: RuleTable, inp: Any) -> CheckResult:
    k: KnownPerson | None = inp.history.known_person
    if k is None:  # the `check` command, without the database: nothing was looked up
        return _r("person_known", PASS, "Прежние обращения не искались (проверка без базы данных)",
                  "Earlier records were not looked up (checked without the database)", t, person=None)
    if k.status == "new":
        return _r("person_known", PASS, "Ранее этот человек заявлений не подавал",
                  "No earlier applications of this person", t, person="new")
    facts = {"person": k.status, "via": k.via, "earlier_application": k.earlier_application_id,
             "earlier_passport": k.earlier_passport, "earlier_passport_issued_on":
             k.earlier_passport_issued_on.isoformat() if k.earlier_passport_issued_on else None,
             "passport": k.passport, "opted_out": k.opted_out, "same_phone": k.same_phone}
    earlier = k.earlier_application_id or "—"
    opted_ru = "; этот человек отказался от ЭМК" if k.opted_out else ""
    opted_en = "; this person opted out of EMK" if k.opted_out else ""
    if k.status == "same_passport":
        return _r("person_known", PASS, f"Заявитель уже обращался (заявление {earlier}), паспорт тот же{opted_ru}",
                  f"The applicant applied before (application {earlier}) with the same passport{opted_en}", t,
                  **facts)
    if k.status == "new_passport":
        return _r("person_known", WARN,
                  f"Новый паспорт {k.passport} у известного заявителя: прежний паспорт {k.earlier_passport} "
                  f"(выдан {_f(k.earlier_passport_issued_on)}, заявление {earlier}); связь "
                  f"{_VIA_RU.get(k.via or '', k.via)}{opted_ru}",
                  f"New passport {k.passport} of a known applicant: the previous passport {k.earlier_passport} "
                  f"(issued {_f(k.earlier_passport_issued_on)}, application {earlier}); linked "
                  f"{_VIA_EN.get(k.via or '', k.via)}{opted_en}", t, **facts)
    if k.status == "conflict":
        return _r("person_known", MANUAL,
                  f"{_VIA_RU.get(k.via or '', k.via or '').removeprefix('по ').capitalize()} совпадает с заявлением "
                  f"{earlier} другого человека (другие ФИО или дата рождения): заявления не связаны, проверьте "
                  "данные вручную",
                  f"The {(k.via or '').replace('_', ' ')} matches application {earlier} of another person "
                  "(another name or birth date): not linked; check the data by hand", t, **facts)
    phone_ru = ", тот же телефон" if k.same_phone else ""
    phone_en = ", the same phone" if k.same_phone else ""
    if k.opted_out:
        return _r("person_known", FAIL,
                  f"Те же ФИО и дата рождения{phone_ru}, что у заявителя {earlier} (паспорт {k.earlier_passport}), "
                  "который отказался от ЭМК; СНИЛС, прежний паспорт или место рождения не связывают их: нужен "
                  "СНИЛС или прежний паспорт",
                  f"The same name and birth date{phone_en} as the applicant of {earlier} (passport "
                  f"{k.earlier_passport}), who opted out of EMK; no SNILS, previous passport or birth place links "
                  "them: the SNILS or the previous passport is needed", t, **facts)
    return _r("person_known", MANUAL,
              f"Возможно, тот же человек, что в заявлении {earlier} (те же ФИО и дата рождения{phone_ru}, паспорт "
              f"{k.earlier_passport}): заявления не связаны, проверьте вручную",
              f"Possibly the same person as in application {earlier} (the same name and birth date{phone_en}, "
              f"passport {k.earlier_passport}): not linked; check by hand", t, **facts)


# --- the child's adult ------------------------------------------------------------------------------------

_RELATION_RU = {"guardian": "опекун", "trustee": "попечитель", "adoptive_parent": "усыновитель"}
_RELATION_EN = {"guardian": "a guardian", "trustee": "a trustee", "adoptive_parent": "an adoptive parent"}


def relation_in_person(app: Application, t: RuleTable, facts: dict[str, Any]) -> CheckResult | None:
    """A guardian, trustee or adoptive parent: the registry lists parents only, so their authority is confirmed
    in person at an MFC with the document that gives it (never a registry mismatch). None for a parent."""
    relation = app.child.relation if app.child is not None else "parent"
    if relation == "parent":
        return None
    who_ru = _RELATION_RU.get(relation, relation)
    who_en = _RELATION_EN.get(relation, relation)
    return _r("kinship", IN_PERSON, f"Заявитель — {who_ru} ребёнка: полномочия подтверждаются лично в МФЦ "
                                    "с документом об опеке, попечительстве или усыновлении",
              f"The applicant is {who_en} of the child: the authority is confirmed in person at an MFC with the "
              "guardianship, trusteeship or adoption document", t, relation=relation, **facts)


def parent_match(app: Application, parents: tuple[PersonRecord, ...] | list[PersonRecord]) -> dict[str, Any] | None:
    """Does a parent of the registry record match the applicant, under the current surname or one of the
    previous surnames the pack gives? None: no match; else {'previous_surname': None | {...the record...}}."""
    a = app.applicant
    if any(p.same_person(a.last_name, a.first_name, a.middle_name, a.birth_date) for p in parents):
        return {"previous_surname": None}
    for prev in a.previous_surnames:
        if any(p.same_person(prev.last_name, a.first_name, a.middle_name, a.birth_date) for p in parents):
            return {"previous_surname": {"last_name": prev.last_name, "record_kind": prev.record_kind,
                                         "record_number": prev.record_number,
                                         "record_date": prev.record_date.isoformat() if prev.record_date else None}}
    return None


_RECORD_RU = {"marriage": "запись акта о заключении брака", "name_change": "запись акта о перемене имени"}
_RECORD_EN = {"marriage": "marriage record", "name_change": "name-change record"}


def previous_surname_words(prev: dict[str, Any]) -> tuple[str, str]:
    """How a matched previous surname is shown: ' (по прежней фамилии X, запись акта ... № N от DATE)'."""
    day = date.fromisoformat(prev["record_date"]) if prev.get("record_date") else None
    kind = prev.get("record_kind", "")
    return (f" (по прежней фамилии {prev['last_name']}, {_RECORD_RU.get(kind, kind)} № {prev['record_number']} "
            f"от {_f(day)})",
            f" (under the previous surname {prev['last_name']}, {_RECORD_EN.get(kind, kind)} no. "
            f"{prev['record_number']} of {_f(day)})")


def previous_surnames_tried(app: Application) -> tuple[str, str]:
    """A failed parent match names the previous surnames it tried too (the reviewer sees what the pack gave)."""
    names = ", ".join(p.last_name for p in app.applicant.previous_surnames)
    if not names:
        return "", ""
    return f" (проверены и прежние фамилии: {names})", f" (the previous surnames were tried too: {names})"
