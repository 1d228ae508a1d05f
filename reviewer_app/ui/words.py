"""Codes in words: every stored code the screens show (outcomes, reasons, second-review states, roles, check ids,
document roles, audit actions, check facts) turned into the reader's language through the translations.

Nothing here shows a raw code when it knows the code; an unknown code (a newer database) is shown as it is,
which is better than hiding it. Plural forms go through Qt's numerus translations (`%n`), so Russian gets
1 год / 2 года / 5 лет and English 1 year / 5 years.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.reasons import REASON_BY_CODE, REASONS


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def plural(context: str, text: str, n: int) -> str:
    """A `%n` message in the installed language's plural form (Qt numerus translations). Without a numerus
    translation (English is the source language) the English rule applies: "1 check", "2 checks"."""
    text = QCoreApplication.translate(context, text, None, n)
    return text.replace("(s)", "" if n == 1 else "s").replace("%n", str(n))


# --- decisions --------------------------------------------------------------------------------------------------
def outcome_label(code: str | None) -> str:
    labels = {
        "approve": _t("Words", "approved"),
        "reject": _t("Words", "rejected"),
        "in_person": _t("Words", "in-person visit"),
        "return": _t("Words", "returned for correction"),
        "escalate": _t("Words", "escalated"),
    }
    return labels.get(code or "", code or "—")


def outcome_choices() -> list[tuple[str, str]]:
    """(code, words) of every outcome, for filter lists."""
    return [(c, outcome_label(c)) for c in ("approve", "reject", "in_person", "return", "escalate")]


def reason_label(code: str | None, lang: str) -> str:
    """The reason's short title from the domain's list (the same text the reviewer chose from)."""
    if not code:
        return "—"
    reason = REASON_BY_CODE.get(code)
    return reason.label(lang) if reason else code


def reason_choices(lang: str) -> list[tuple[str, str]]:
    return [(r.code, r.label(lang)) for r in REASONS]


def second_review_label(state: str | None) -> str:
    labels = {
        "": _t("Words", "not needed"),
        "pending": _t("Words", "waiting"),
        "confirmed": _t("Words", "confirmed"),
        "overturned": _t("Words", "overturned"),
    }
    return labels.get(state or "", state or "")


def role_label(role: str | None) -> str:
    labels = {
        "reviewer": _t("Words", "reviewer"),
        "supervisor": _t("Words", "supervisor"),
        "trainer": _t("Words", "trainer"),
        "admin": _t("Words", "administrator"),
        "mfc": _t("Words", "MFC operator"),
        "portal": _t("Words", "portal (system account)"),
    }
    return labels.get(role or "", role or "")


def actor_label(name: str) -> str:
    """Who did it: a staff name as it is; the background jobs as words."""
    return _t("Words", "the system") if name == "system" else name


def yes_no(value: bool) -> str:
    return _t("Words", "yes") if value else _t("Words", "no")


# --- checks -----------------------------------------------------------------------------------------------------
def check_label(check_id: str) -> str:
    labels = {
        "applicant_age": _t("Checks", "Applicant's age"),
        "passport_number": _t("Checks", "Passport details"),
        "passport_validity": _t("Checks", "Passport validity"),
        "oms_policy": _t("Checks", "OMS policy"),
        "phone": _t("Checks", "Phone"),
        "snils": _t("Checks", "SNILS"),
        "photo": _t("Checks", "Photo with the passport"),
        "child_age": _t("Checks", "Child's age"),
        "birth_certificate": _t("Checks", "Birth certificate"),
        "kinship": _t("Checks", "Kinship"),
        "duplicate": _t("Checks", "Duplicates"),
        "sla": _t("Checks", "Answer deadline"),
        "account": _t("Checks", "mos.ru account"),
        "person_known": _t("Checks", "Earlier records of the person"),
        "parent_oms_policy": _t("Checks", "Parent's OMS policy"),
        "document_data": _t("Checks", "Application data against the passport"),
        "face_duplicate": _t("Checks", "Same face under another name"),
    }
    return labels.get(check_id, check_id.replace("_", " "))


def _day(value: Any) -> str:
    """An ISO date (or datetime) as staff read it, dd.mm.yyyy; anything else as it is."""
    try:
        d = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def years(n: int) -> str:
    return plural("Facts", "%n year(s)", int(n))


def _list(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)


#: Facts of the account, person_known and kinship (relation, previous surname) checks: their messages say them.
_SAID_BY_MESSAGE = frozenset({"stated", "level", "confirmed", "confirmed_via", "person", "via",
                              "earlier_application", "earlier_passport", "earlier_passport_issued_on", "passport",
                              "opted_out", "same_phone", "relation", "parent_previous_surname"})


def _fact(key: str, value: Any) -> str | None:
    """One fact of a check as a short phrase; None to leave it out (nothing to say, or said by the message)."""
    if value is None or value == [] or value == "":
        return None
    dated = {
        "birth_date": _t("Facts", "born {0}"),
        "on": _t("Facts", "as of {0}"),
        "eligible_from": _t("Facts", "eligible from {0}"),
        "adult_from": _t("Facts", "applies alone from {0}"),
        "issued_on": _t("Facts", "issued {0}"),
        "min_issue_date": _t("Facts", "issued no earlier than {0}"),
        "valid_until": _t("Facts", "valid until {0}"),
        "submitted_on": _t("Facts", "submitted {0}"),
        "deadline": _t("Facts", "answer due {0}"),
        "today": _t("Facts", "today {0}"),
        "registry_from": _t("Facts", "in the registry since {0}"),
    }
    if key in dated:
        return dated[key].format(_day(value))
    if key in ("age", "age_at_issue"):
        text = _t("Facts", "age {0}") if key == "age" else _t("Facts", "age at issue {0}")
        return text.format(years(value))
    if key in ("min_age", "max_age"):
        text = _t("Facts", "at least {0}") if key == "min_age" else _t("Facts", "under {0}")
        return text.format(years(value))
    if key == "working_days":
        return plural("Facts", "%n working day(s) to answer", int(value))
    if key == "working_days_left":
        if int(value) < 0:
            return plural("Facts", "%n working day(s) overdue", -int(value))
        return plural("Facts", "%n working day(s) left", int(value))
    if key == "grace_days":
        return plural("Facts", "%n day(s) of grace after the birthday", int(value))
    flags = {  # booleans: (said when true, said when false)
        "mfc_confirmed": (_t("Facts", "account confirmed at an MFC"), _t("Facts", "account not confirmed at an MFC")),
        "is_colour": (_t("Facts", "colour photo"), _t("Facts", "black-and-white photo")),
        "given": (_t("Facts", "given"), _t("Facts", "not given")),
        "country_assumed": (_t("Facts", "country not given, taken as Russia"), None),
        "registry": (_t("Facts", "civil registry consulted"), _t("Facts", "no civil registry")),
        "found": (_t("Facts", "registry record found"), _t("Facts", "no registry record")),
        "child_matches": (_t("Facts", "child matches"), _t("Facts", "child does not match")),
        "parent_matches": (_t("Facts", "parent matches"), _t("Facts", "parent does not match")),
        "issued_on_matches": (_t("Facts", "issue date matches"), _t("Facts", "issue date does not match")),
    }
    if key in flags:
        return flags[key][0 if value else 1]
    valued = {
        "series_region": _t("Facts", "series region {0}"),
        "number": _t("Facts", "number {0}"),
        "division_code": _t("Facts", "division code {0}"),
        "blank_year": _t("Facts", "blank of {0}"),
        "region": _t("Facts", "region {0}"),
        "required_region": _t("Facts", "required region {0}"),
        "e164": _t("Facts", "phone {0}"),
        "file": _t("Facts", "file {0}"),
        "series": _t("Facts", "series {0}"),
        "country": _t("Facts", "country {0}"),
        "open_applications": _t("Facts", "open applications: {0}"),
        "active_grants": _t("Facts", "access granted by: {0}"),
    }
    if key in valued:
        return valued[key].format(_list(value))
    coded = {
        "subject": {"applicant": _t("Facts", "the applicant's"), "child": _t("Facts", "the child's")},
        "type": {"enp": _t("Facts", "single policy number (ENP)"), "temporary": _t("Facts", "temporary certificate"),
                 "old_style": _t("Facts", "old-style policy"), "format": _t("Facts", "unrecognised number"),
                 "enp_checksum": _t("Facts", "ENP with a wrong check digit")},
        "result": {"ok": _t("Facts", "check number correct"), "format": _t("Facts", "wrong format"),
                   "checksum": _t("Facts", "wrong check number")},
        "reason": {"unparseable": _t("Facts", "number not recognised"), "invalid": _t("Facts", "no such number"),
                   "not_ru": _t("Facts", "not a Russian number"), "not_mobile": _t("Facts", "not a mobile number")},
    }
    if key in coded:
        return coded[key].get(str(value), str(value))
    if key in ("problems", "problem", "failed", "readings", "sample_dates_moved") or key in _SAID_BY_MESSAGE:
        return None  # the check's message already says it in words (or it is bookkeeping, not a fact)
    if key in _STRUCTURED:
        return _STRUCTURED[key](value)
    if isinstance(value, dict) or (isinstance(value, list | tuple) and any(isinstance(v, dict) for v in value)):
        return None  # a structure without words of its own is never shown as a Python repr
    return _t("Facts", "{0}: {1}").format(key.replace("_", " "), _list(value))


def _number(value: Any, decimals: int = 2) -> str:
    """A number as the interface language writes it (0,58 in Russian, 0.58 in English)."""
    return QLocale().toString(float(value), "f", decimals)


def _threshold(value: Any) -> str:
    return _t("Facts", "same person at a face distance of {0} or less").format(_number(value))


def _searched(value: Any) -> str:
    return plural("Facts", "%n earlier application(s) searched", int(value))


def _matches(value: Any) -> str | None:
    """The other applications with the same face: who they were filed under, and how close."""
    items = [m for m in value or () if isinstance(m, dict)]
    if not items:
        return None
    people = [_t("Facts", "{0} ({1}, distance {2})").format(
        m.get("application_id", "?"), m.get("label") or _t("Facts", "no name"), _number(m.get("distance", 0)))
        for m in items]
    return _t("Facts", "the same face in: {0}").format("; ".join(people))


def _own_applications(value: Any) -> str | None:
    items = [m for m in value or () if isinstance(m, dict)]
    if not items:
        return None
    return _t("Facts", "the same person's own earlier applications: {0}").format(
        ", ".join(str(m.get("application_id", "?")) for m in items))


def _source(value: Any) -> str:
    return _t("Facts", "read from {0}").format(document_label(str(value)))


def _fields(value: Any) -> str | None:
    """The fields compared with the passport (or the registry): which differ, else how many agree."""
    items = [f for f in value or () if isinstance(f, dict)]
    if not items:
        return None
    ru = ui_lang() != "en"
    # Here, not at the top: the policy package imports the holiday calendars, which the login window must not
    # wait for (bench/gui.py).
    from reviewer_app.policy.document_data import FIELD_NAMES

    def name(f: dict) -> str:
        words = FIELD_NAMES.get(str(f.get("field")))
        return (words[0] if ru else words[1]) if words else str(f.get("field", "?")).replace("_", " ")

    differ = [name(f) for f in items if f.get("status") == "mismatch"]
    unread = [name(f) for f in items if f.get("status") == "not_read"]
    parts = []
    if differ:
        parts.append(_t("Facts", "differs from the document: {0}").format(", ".join(differ)))
    if unread:
        parts.append(_t("Facts", "not read with confidence: {0}").format(", ".join(unread)))
    if not parts:
        parts.append(plural("Facts", "%n field(s) agree with the document", len(items)))
    return ", ".join(parts)


#: Facts whose values are structures (lists of dicts, numbers to format): each has its own sentence.
_STRUCTURED = {"threshold": _threshold, "searched": _searched, "matches": _matches,
               "same_identity": _own_applications, "source": _source, "fields": _fields}


def facts_sentence(details: dict[str, Any]) -> str:
    """A check's facts as one sentence: "Born 19.03.1975, as of 02.12.2026, age 51 years." """
    phrases = [p for p in (_fact(k, v) for k, v in details.items()) if p]
    if not phrases:
        return ""
    text = ", ".join(phrases)
    return text[0].upper() + text[1:] + "."


# --- documents and the audit trail ------------------------------------------------------------------------------
def document_label(role: str | None) -> str:
    labels = {
        "selfie_with_passport": _t("Words", "the selfie with the passport"),
        "passport_scan": _t("Words", "the passport scan"),
        "birth_certificate_scan": _t("Words", "the birth certificate scan"),
    }
    return labels.get(role or "", role or _t("Words", "a document"))


def action_sentence(action: str, details: dict[str, Any] | None) -> str:
    """An audit entry about an application as a sentence: what happened, in words, never a hash. An entry of
    another application of the same correction chain names that application first."""
    d = details or {}
    text = _action_sentence(action, d)
    if d.get("linked_application"):
        return _t("Audit", "Application {0}: {1}").format(d["linked_application"], text)
    return text


def _action_sentence(action: str, d: dict[str, Any]) -> str:
    if action == "application.intake" and d.get("corrects_application_id"):
        return _t("Audit", "Corrected pack received (corrects application {0})").format(d["corrects_application_id"])
    if action == "image.open":
        return _t("Audit", "Opened {0}").format(document_label(d.get("role")))
    if action == "application.open":
        return _t("Audit", "Opened the case read-only") if d.get("readonly") else _t("Audit", "Opened the case")
    if action == "decision.make":
        text = _t("Audit", "Decision: {0}").format(outcome_label(d.get("outcome")))
        if d.get("reason"):
            text += " — " + reason_label(d.get("reason"), ui_lang())
        return text
    fixed = {
        "application.intake": _t("Audit", "Application received"),
        "claim.take": _t("Audit", "Taken for review"),
        "claim.renew": _t("Audit", "Lease renewed"),
        "claim.release": _t("Audit", "Put back in the queue"),
        "claim.expire": _t("Audit", "Lease expired"),
        "claim.reassign": _t("Audit", "Reassigned"),
        "decision.second_review_requested": _t("Audit", "Set aside for a second review"),
        "decision.confirm": _t("Audit", "Second review: confirmed"),
        "decision.overturn": _t("Audit", "Second review: overturned"),
        "grant.create": _t("Audit", "Access granted"),
        "grant.revoke": _t("Audit", "Access revoked"),
        "grant.expire": _t("Audit", "Access expired"),
        "grant.ending_notified": _t("Audit", "Parent told that the child's access ends soon"),
        "application.requeue": _t("Audit", "Back in the queue after the MFC visit"),
        "application.expire": _t("Audit", "Closed: the MFC visit did not happen in time"),
        "prescore.computed": _t("Audit", "Faces compared"),
        "retention.purge": _t("Audit", "Images destroyed (retention)"),
    }
    return fixed.get(action, action)


def ui_lang() -> str:
    """The language of the installed translations (install_translations sets the default locale with them)."""
    from PySide6.QtCore import QLocale

    return "ru" if QLocale().language() == QLocale.Language.Russian else "en"


def moscow_time(moment: datetime | None, seconds: bool = False) -> str:
    if moment is None:
        return ""
    return moment.astimezone(MOSCOW).strftime("%d.%m.%Y %H:%M:%S" if seconds else "%d.%m.%Y %H:%M")
