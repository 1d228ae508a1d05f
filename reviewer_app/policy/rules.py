"""Every rule of the service as a small pure function.

A rule takes the application, the reference date (`on`: the Moscow submission date, or the date the caller
chose), the rule version in force and the extra inputs (registry, history, photo colour, today), and returns a
`CheckResult` with an id, a status, a message in Russian and English, and the facts it used.

Decisions written down here:
- 29 February birthdays: in a non-leap year the birthday is 1 March (`RuleTable.feb29_birthday = "mar1"`;
  "feb28" is available), so a person born 29.02.2008 turns 15 on 01.03.2023.
- Passport validity: "valid to" is inclusive (born 10.03.2005, issued 01.04.2019 → valid through 08.06.2025).
- OMS: for own_access the applicant's policy is checked (missing = fail); for child_access the child's policy
  (`oms_policy`) and the parent's own (`parent_oms_policy`: the parent uses the record section), missing = fail;
  for the other kinds only a policy that is given is checked.
- Child rules (child_age, birth_certificate, kinship) run for child_access, and for the other kinds only when
  the pack names a child (e.g. cancelling a child's access).
- A birth certificate without a country is taken as Russian (details record `country_assumed`).
- Document numbers are masked in `details` (last digits only); the normalised phone is kept in E.164.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reviewer_app.domain.application import Application, OmsPolicy
from reviewer_app.domain.checks import CheckResult
from reviewer_app.domain.dates import age_on, nth_birthday
from reviewer_app.domain.enums import ApplicationKind, CheckStatus
from reviewer_app.domain.history import PersonHistory
from reviewer_app.domain.plural import en_count, ru_form, ru_working_days, ru_years
from reviewer_app.domain.registry import CivilRegistry
from reviewer_app.policy import calendar, person_rules, validators
from reviewer_app.policy.ruletable import RuleTable

PASS, FAIL, WARN, MANUAL, IN_PERSON = (CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.WARN, CheckStatus.MANUAL,
                                       CheckStatus.IN_PERSON)


@dataclass(frozen=True)
class CheckInputs:
    """What a rule may need beyond the application: all plain data, given by the caller."""

    today: date
    registry: CivilRegistry | None = None
    history: PersonHistory = field(default_factory=PersonHistory)
    is_colour: bool | None = None
    deadline: date | None = None  # precomputed sla_deadline (run_all_checks computes it once)
    documents: tuple[Any, ...] | None = None  # DocumentReadings of the pack's images; None: not read (no document_data)


Rule = Callable[[Application, date, RuleTable, CheckInputs], CheckResult]


def _r(rule_id: str, status: CheckStatus, ru: str, en: str, table: RuleTable, **details: Any) -> CheckResult:
    return CheckResult(rule_id, status, ru, en, details, table.version)


def _mask(text: str, keep: int = 4) -> str:
    t = "".join(text.split())
    return "*" * max(0, len(t) - keep) + t[-keep:]


def _f(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def _d(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- applicant ---------------------------------------------------------------------------------------------


def applicant_age(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    birth = app.applicant.birth_date
    age = age_on(birth, on, t.feb29_birthday)
    since = nth_birthday(birth, t.min_applicant_age, t.feb29_birthday)
    facts = {"birth_date": birth.isoformat(), "on": on.isoformat(), "age": age,
             "min_age": t.min_applicant_age, "eligible_from": since.isoformat()}
    if birth > on:
        return _r("applicant_age", FAIL, f"Дата рождения {_f(birth)} позже даты {_f(on)}",
                  f"Birth date {_f(birth)} is after {_f(on)}", t, **facts)
    if age >= t.min_applicant_age:
        return _r("applicant_age", PASS, f"Заявителю {ru_years(age)} (нужно не менее {t.min_applicant_age})",
                  f"Applicant is {age} (at least {t.min_applicant_age} required)", t, **facts)
    return _r("applicant_age", FAIL,
              f"Заявителю {ru_years(age)}: услуга доступна с {t.min_applicant_age} лет (с {_f(since)})",
              f"Applicant is {age}: the service is available from age {t.min_applicant_age} "
              f"(from {_f(since)})", t, **facts)


def passport_number(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    p = app.applicant.passport
    if p is None:
        return _r("passport_number", FAIL, "Паспорт не указан", "No passport given", t)
    birth = app.applicant.birth_date
    bad = validators.passport_format_problems(p.series, p.number, p.division_code)
    ru: list[str] = []
    en: list[str] = []
    names_ru = {"series": "серия (4 цифры)", "number": "номер (6 цифр)", "division_code": "код подразделения (XXX-XXX)"}
    names_en = {"series": "series (4 digits)", "number": "number (6 digits)",
                "division_code": "division code (XXX-XXX)"}
    for b in bad:
        ru.append(f"неверный формат: {names_ru[b]}")
        en.append(f"wrong format: {names_en[b]}")
    if p.division_code is None:
        ru.append("не указан код подразделения")
        en.append("division code is missing")
        bad.append("division_code_missing")
    byear = validators.blank_year(p.series)
    min_issue = nth_birthday(birth, t.passport_min_issue_age, t.feb29_birthday)
    issued = p.issued_on
    if issued is None:
        ru.append("не указана дата выдачи")
        en.append("issue date is missing")
        bad.append("issued_on_missing")
    else:
        if issued < min_issue:
            ru.append(f"выдан {_f(issued)}, до {t.passport_min_issue_age}-летия ({_f(min_issue)})")
            en.append(f"issued {_f(issued)}, before the {t.passport_min_issue_age}th birthday "
                      f"({_f(min_issue)})")
            bad.append("issued_before_min_age")
        if issued < t.passport_earliest_issue:
            ru.append(f"выдан {_f(issued)}, раньше {_f(t.passport_earliest_issue)}")
            en.append(f"issued {_f(issued)}, before {_f(t.passport_earliest_issue)}")
            bad.append("issued_before_earliest")
        if issued > on:
            ru.append(f"дата выдачи {_f(issued)} в будущем (на {_f(on)})")
            en.append(f"issue date {_f(issued)} is in the future (as of {_f(on)})")
            bad.append("issued_in_future")
        if byear is not None and byear > issued.year:
            ru.append(f"бланк {byear} года позже года выдачи {issued.year}")
            en.append(f"blank year {byear} is after the issue year {issued.year}")
            bad.append("blank_after_issue")
    facts = {"series_region": validators.normalise_passport_series(p.series)[:2], "number": _mask(p.number, 2),
             "division_code": p.division_code, "issued_on": _d(issued), "blank_year": byear,
             "min_issue_date": min_issue.isoformat(), "problems": bad}
    if bad:
        return _r("passport_number", FAIL, "Паспорт: " + "; ".join(ru), "Passport: " + "; ".join(en), t, **facts)
    return _r("passport_number", PASS, "Серия, номер, код подразделения и дата выдачи паспорта в порядке",
              "Passport series, number, division code and issue date are in order", t, **facts)


def passport_valid_until(birth: date, issued: date, t: RuleTable) -> date | None:
    """Last day of validity under the 14/20/45 rule with its grace period (None: no end)."""
    age_at_issue = age_on(birth, issued, t.feb29_birthday)
    for limit in t.passport_replace_ages:
        if age_at_issue < limit:
            return nth_birthday(birth, limit, t.feb29_birthday) + timedelta(days=t.passport_grace_days)
    return None


def passport_validity(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    p = app.applicant.passport
    if p is None or p.issued_on is None:
        return _r("passport_validity", FAIL, "Нет даты выдачи паспорта: срок действия не определить",
                  "No passport issue date: validity cannot be determined", t)
    birth = app.applicant.birth_date
    until = passport_valid_until(birth, p.issued_on, t)
    facts = {"issued_on": p.issued_on.isoformat(), "on": on.isoformat(), "valid_until": _d(until),
             "age_at_issue": age_on(birth, p.issued_on, t.feb29_birthday),
             "grace_days": t.passport_grace_days}
    if p.issued_on > on:
        return _r("passport_validity", FAIL, f"Паспорт выдан позже {_f(on)}",
                  f"Passport issued after {_f(on)}", t, **facts)
    if until is None:
        return _r("passport_validity", PASS, "Паспорт бессрочный (выдан после 45 лет)",
                  "Passport has no end date (issued at 45 or later)", t, **facts)
    if on <= until:
        return _r("passport_validity", PASS, f"Паспорт действителен до {_f(until)}",
                  f"Passport valid until {_f(until)}", t, **facts)
    return _r("passport_validity", FAIL, f"Паспорт недействителен с {_f(until + timedelta(days=1))}",
              f"Passport expired: valid until {_f(until)}", t, **facts)


def _oms_result(policy: OmsPolicy | None, who_ru: str, who_en: str, subject: str, t: RuleTable) -> CheckResult:
    if policy is None:
        return _r("oms_policy", FAIL, f"Полис ОМС {who_ru} не указан", f"No OMS policy of the {who_en} given", t,
                  subject=subject)
    kind = validators.classify_oms(policy.number)
    facts = {"subject": subject, "number": _mask(policy.number), "type": kind, "region": policy.region,
             "required_region": t.oms_region}
    if kind == "temporary":
        return _r("oms_policy", MANUAL, f"Временное свидетельство ОМС {who_ru}: проверьте вручную",
                  f"Temporary OMS certificate of the {who_en}: verify by hand", t, **facts)
    if kind == "old_style":
        return _r("oms_policy", MANUAL, f"Полис ОМС {who_ru} старого образца: проверьте вручную",
                  f"Old-style OMS policy of the {who_en}: verify by hand", t, **facts)
    if kind == "format":
        return _r("oms_policy", FAIL, f"Номер полиса ОМС {who_ru} не похож на ЕНП (16 цифр)",
                  f"The OMS policy number of the {who_en} is not a 16-digit ENP", t, **facts)
    if kind == "enp_checksum":
        return _r("oms_policy", FAIL, f"ЕНП {who_ru}: неверная контрольная цифра",
                  f"ENP of the {who_en}: wrong check digit", t, **facts)
    if policy.region is None:
        return _r("oms_policy", MANUAL, f"ЕНП {who_ru} верен, регион не указан: проверьте, что полис московский",
                  f"ENP of the {who_en} is valid, region missing: verify it is a Moscow policy", t, **facts)
    if policy.region.strip() != t.oms_region:
        return _r("oms_policy", FAIL, f"Полис ОМС {who_ru} выдан не в Москве (регион {policy.region})",
                  f"The OMS policy of the {who_en} is not from Moscow (region {policy.region})", t, **facts)
    return _r("oms_policy", PASS, f"ЕНП {who_ru} верен, регион {t.oms_region}",
              f"ENP of the {who_en} is valid, region {t.oms_region}", t, **facts)


def oms_policy(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    if app.kind == ApplicationKind.CHILD_ACCESS:
        return _oms_result(app.child.oms_policy if app.child else None, "ребёнка", "child", "child", t)
    return _oms_result(app.applicant.oms_policy, "заявителя", "applicant", "applicant", t)


def parent_oms_policy(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    """Child access: the parent uses the record section too, so the parent's own Moscow policy is required."""
    r = _oms_result(app.applicant.oms_policy, "родителя", "parent", "parent", t)
    return CheckResult("parent_oms_policy", r.status, r.message_ru, r.message_en, r.details, r.rule_version)


_PHONE_REASONS = {
    "unparseable": ("номер не распознан", "the number cannot be parsed"),
    "invalid": ("такого номера не бывает", "not a valid number"),
    "not_ru": ("номер не российский", "not a Russian number"),
    "not_mobile": ("номер не мобильный", "not a mobile number"),
}


def phone(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    raw = app.applicant.phone
    if not raw:
        return _r("phone", FAIL, "Телефон не указан", "No phone number given", t)
    c = validators.check_phone(raw)
    if c.ok:
        return _r("phone", PASS, f"Мобильный телефон {c.display}", f"Mobile phone {c.display}", t,
                  e164=c.e164)
    ru, en = _PHONE_REASONS[c.reason]
    return _r("phone", FAIL, f"Телефон «{raw}»: {ru}; нужен российский мобильный +7 9XX",
              f"Phone '{raw}': {en}; a Russian mobile +7 9XX is required", t, e164=c.e164, reason=c.reason,
              region=c.region)


def snils(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    raw = app.applicant.snils
    if not raw:
        return _r("snils", PASS, "СНИЛС не указан (необязателен)", "No SNILS given (optional)", t, given=False)
    res = validators.check_snils(raw)
    facts = {"given": True, "number": _mask(raw, 2), "result": res}
    if res == "ok":
        return _r("snils", PASS, "СНИЛС: контрольное число верно", "SNILS: check number is correct", t, **facts)
    if res == "format":
        return _r("snils", FAIL, "СНИЛС: неверный формат (XXX-XXX-XXX YY)",
                  "SNILS: wrong format (XXX-XXX-XXX YY)", t, **facts)
    return _r("snils", FAIL, "СНИЛС: неверное контрольное число", "SNILS: wrong check number", t, **facts)


def photo(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    if app.applicant.account_at_mfc:  # the old flag or `account.confirmed_via: mfc`
        return _r("photo", PASS, "Учётная запись подтверждена в МФЦ: фото не требуется",
                  "Account confirmed at an MFC: no photo needed", t, mfc_confirmed=True)
    name = app.documents.selfie_with_passport
    facts = {"mfc_confirmed": False, "file": name, "is_colour": inp.is_colour}
    if not name:
        return _r("photo", FAIL, "Нет фото заявителя с паспортом", "No photo of the applicant with the passport",
                  t, **facts)
    if inp.is_colour is None:
        return _r("photo", MANUAL, "Фото есть; цветность не определена: проверьте на глаз",
                  "Photo present; colour not determined: check by eye", t, **facts)
    if not inp.is_colour:
        return _r("photo", FAIL, "Фото чёрно-белое: нужно цветное", "Photo is black and white: colour required",
                  t, **facts)
    return _r("photo", PASS, "Цветное фото с паспортом приложено", "Colour photo with the passport attached",
              t, **facts)


# --- child -------------------------------------------------------------------------------------------------


def child_age(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    c = app.child
    if c is None:
        return _r("child_age", FAIL, "Сведения о ребёнке не указаны", "No child given", t)
    age = age_on(c.birth_date, on, t.feb29_birthday)
    until = nth_birthday(c.birth_date, t.child_max_age, t.feb29_birthday)
    facts = {"birth_date": c.birth_date.isoformat(), "on": on.isoformat(), "age": age,
             "max_age": t.child_max_age, "adult_from": until.isoformat()}
    if c.birth_date > on:
        return _r("child_age", FAIL, f"Дата рождения ребёнка {_f(c.birth_date)} позже {_f(on)}",
                  f"Child's birth date {_f(c.birth_date)} is after {_f(on)}", t, **facts)
    if age < t.child_max_age:
        deadline = inp.deadline
        if deadline is not None and until <= deadline:
            # The parent's access would end before the answer is due: decide before the birthday.
            last = until - timedelta(days=1)
            return _r("child_age", WARN,
                      f"Ребёнку {ru_years(age)}, но {t.child_max_age} исполнится {_f(until)}, до срока ответа "
                      f"{_f(deadline)}: одобрить можно только до {_f(last)} включительно",
                      f"Child is {age} but turns {t.child_max_age} on {_f(until)}, before the deadline "
                      f"{_f(deadline)}: approval is possible only until {_f(last)}", t,
                      turns_max_age_before_deadline=True, **facts)
        return _r("child_age", PASS, f"Ребёнку {ru_years(age)} (младше {t.child_max_age} лет)",
                  f"Child is {age} (under {t.child_max_age})", t, **facts)
    return _r("child_age", FAIL,
              f"Ребёнку {ru_years(age)}: с {t.child_max_age} лет он подаёт заявление сам",
              f"Child is {age}: from {t.child_max_age} they apply themselves", t, **facts)


_CERT_PROBLEMS = {
    "series_format": ("серия не в виде «римское число-две буквы»", "series is not 'numeral-two letters'"),
    "series_numeral": ("в серии неверное римское число", "series has an invalid Roman numeral"),
    "series_letters": ("в серии должны быть две русские буквы", "series needs two Cyrillic letters"),
    "number": ("номер — не 6 цифр", "number is not 6 digits"),
}


def birth_certificate(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    bc = app.child.birth_certificate if app.child else None
    if bc is None:
        return _r("birth_certificate", FAIL, "Свидетельство о рождении не указано", "No birth certificate given", t)
    c = validators.check_birth_certificate(bc.series, bc.number)
    ru = [_CERT_PROBLEMS[p][0] for p in c.problems]
    en = [_CERT_PROBLEMS[p][1] for p in c.problems]
    problems = list(c.problems)
    birth = app.child.birth_date if app.child else None
    if bc.issued_on is None:
        ru.append("нет даты выдачи")
        en.append("no issue date")
        problems.append("issued_on_missing")
    else:
        if birth is not None and bc.issued_on < birth:
            ru.append(f"выдано {_f(bc.issued_on)}, раньше рождения {_f(birth)}")
            en.append(f"issued {_f(bc.issued_on)}, before the birth {_f(birth)}")
            problems.append("issued_before_birth")
        if bc.issued_on > on:
            ru.append(f"дата выдачи {_f(bc.issued_on)} в будущем")
            en.append(f"issue date {_f(bc.issued_on)} is in the future")
            problems.append("issued_in_future")
    facts = {"series": c.series, "number": _mask(c.number, 2), "issued_on": _d(bc.issued_on),
             "country": bc.country or "RU", "problems": problems}
    if problems:
        return _r("birth_certificate", FAIL, "Свидетельство о рождении: " + "; ".join(ru),
                  "Birth certificate: " + "; ".join(en), t, **facts)
    return _r("birth_certificate", PASS, f"Свидетельство {c.series} в порядке",
              f"Certificate {c.series} is in order", t, **facts)


def kinship(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    c = app.child
    bc = c.birth_certificate if c else None
    if c is None or bc is None:
        return _r("kinship", IN_PERSON, "Нет свидетельства о рождении: родство подтверждается в МФЦ",
                  "No birth certificate: kinship must be confirmed at an MFC", t)
    country = (bc.country or "RU").strip().upper()
    facts: dict[str, Any] = {"country": country, "country_assumed": bc.country is None,
                             "issued_on": _d(bc.issued_on), "registry_from": t.kinship_registry_from.isoformat()}
    mfc = c.kinship_confirmation
    if mfc is not None and mfc.confirmed_on is not None and mfc.confirmed_on <= inp.today:
        return _r("kinship", PASS, f"Родство подтверждено в МФЦ ({mfc.mfc_office}, {_f(mfc.confirmed_on)}, "
                                   f"{mfc.document_ref})",
                  f"Kinship confirmed at an MFC ({mfc.mfc_office}, {_f(mfc.confirmed_on)}, {mfc.document_ref})",
                  t, mfc_confirmed=True, mfc_office=mfc.mfc_office, confirmed_on=mfc.confirmed_on.isoformat(),
                  **facts)
    other = person_rules.relation_in_person(app, t, facts)  # guardians etc.: never a registry mismatch
    if other is not None:
        return other
    if country not in ("RU", "RUS"):
        return _r("kinship", IN_PERSON, "Свидетельство выдано за рубежом: родство подтверждается в МФЦ",
                  "Certificate issued abroad: kinship must be confirmed at an MFC", t, **facts)
    if bc.issued_on is None or bc.issued_on < t.kinship_registry_from:
        return _r("kinship", IN_PERSON,
                  f"Свидетельство выдано до {_f(t.kinship_registry_from)}: родство подтверждается в МФЦ",
                  f"Certificate issued before {_f(t.kinship_registry_from)}: kinship must be confirmed "
                  "at an MFC", t, **facts)
    if inp.registry is None:
        return _r("kinship", MANUAL, "Реестр ЗАГС не подключён: проверьте родство вручную",
                  "No civil registry available: verify kinship by hand", t, registry=False, **facts)
    record = inp.registry.find_birth_record(bc.series, bc.number)
    if record is None:
        return _r("kinship", MANUAL, "Запись в реестре ЗАГС не найдена: проверьте родство вручную",
                  "No civil-registry record found: verify kinship by hand", t, registry=True, found=False,
                  **facts)
    child_ok = record.child.same_person(c.last_name, c.first_name, c.middle_name, c.birth_date)
    matched = person_rules.parent_match(app, record.parents)  # also under a previous surname
    parent_ok = matched is not None
    issued_ok = record.issued_on == bc.issued_on
    facts.update(registry=True, found=True, child_matches=child_ok, parent_matches=parent_ok,
                 issued_on_matches=issued_ok)
    prev = matched.get("previous_surname") if matched else None
    if prev:
        facts["parent_previous_surname"] = prev
    if child_ok and parent_ok and issued_ok:
        ru_prev, en_prev = person_rules.previous_surname_words(prev) if prev else ("", "")
        return _r("kinship", PASS, f"Реестр ЗАГС: ребёнок и родитель совпадают{ru_prev}",
                  f"Civil registry: the child and the parent match{en_prev}", t, **facts)
    ru = [s for s, ok in (("ребёнок", child_ok), ("родитель", parent_ok), ("дата выдачи", issued_ok)) if not ok]
    en = [s for s, ok in (("child", child_ok), ("parent", parent_ok), ("issue date", issued_ok)) if not ok]
    tried_ru, tried_en = person_rules.previous_surnames_tried(app) if not parent_ok else ("", "")
    return _r("kinship", FAIL, "Реестр ЗАГС: не совпадает " + ", ".join(ru) + tried_ru,
              "Civil registry: mismatch of " + ", ".join(en) + tried_en, t, **facts)


# --- process -----------------------------------------------------------------------------------------------

_GRANT_KINDS = frozenset({ApplicationKind.OWN_ACCESS, ApplicationKind.CHILD_ACCESS})


def duplicate(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    key = app.subject_key
    kind = str(app.kind)
    others = [e.application_id for e in inp.history.open_applications
              if e.kind == kind and e.subject_key == key and e.application_id != app.id]
    if others:
        return _r("duplicate", FAIL, f"Уже есть открытое заявление того же вида: {', '.join(map(str, others))}",
                  f"Another open application of the same kind exists: {', '.join(map(str, others))}", t,
                  open_applications=others)
    if app.kind in _GRANT_KINDS:
        grants = [e.application_id for e in inp.history.active_grants if e.kind == kind and e.subject_key == key]
        if grants:
            return _r("duplicate", FAIL, "Доступ уже предоставлен", "Access has already been granted", t,
                      active_grants=grants)
    return _r("duplicate", PASS, "Повторов нет", "No duplicates", t)


def sla_deadline(submitted_on: date, table: RuleTable) -> date:
    """The answer deadline: `sla_working_days` working days counted from the day after submission."""
    return calendar.add_working_days(submitted_on, table.sla_working_days, table.calendar_years)


def sla(app: Application, on: date, t: RuleTable, inp: CheckInputs) -> CheckResult:
    submitted = app.submitted_on
    deadline = inp.deadline or sla_deadline(submitted, t)
    today = inp.today
    if today > deadline:
        left = -calendar.working_days_between(deadline, today, t.calendar_years) if today.year in \
            calendar.covered_years(t.calendar_years) else None
    else:
        left = calendar.working_days_between(today, deadline, t.calendar_years)
    facts = {"submitted_on": submitted.isoformat(), "deadline": deadline.isoformat(), "today": today.isoformat(),
             "working_days": t.sla_working_days, "working_days_left": left}
    if today > deadline:
        return _r("sla", WARN, f"Срок ответа истёк {_f(deadline)}", f"Deadline passed on {_f(deadline)}",
                  t, **facts)
    if left is not None and left <= t.sla_warn_working_days:
        return _r("sla", WARN, f"Срок ответа {_f(deadline)}: {ru_form(left, 'остался', 'осталось', 'осталось')} "
                               f"{ru_working_days(left)}",
                  f"Deadline {_f(deadline)}: {en_count(left, 'working day', 'working days')} left", t, **facts)
    left = left or 0  # not overdue: a count of working days
    return _r("sla", PASS, f"Срок ответа {_f(deadline)} ({ru_form(left, 'остался', 'осталось', 'осталось')} "
                           f"{ru_working_days(left)})",
              f"Deadline {_f(deadline)} ({en_count(left, 'working day', 'working days')} left)", t, **facts)
