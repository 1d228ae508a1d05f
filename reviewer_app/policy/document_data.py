"""The `document_data` check: what the applicant typed against what the passport's zone says (and the registry).

Inputs are the readings of the passport scan and of the selfie (`CheckInputs.documents`), made by
`reviewer_app.documents` before the rules run. Decisions written down here:
- Only a zone whose every check digit holds is evidence for series, number, birth date, issue date and division
  code. Names have no check digit: a typed name is confirmed only when every cell's first reading agrees with
  it (a cell the reader was unsure of, whose runner-up is the typed letter, is "not read": the reviewer looks);
  it is contradicted only by a cell read with a clear margin.
- Comparison is in the zone's alphabet: typed names are transliterated with the Russian table (case and ё/е are
  normalised first, since the zone writes Ё as '2' and offices type both), dates compare as dates, series and
  numbers as digits, the division code without its hyphen.
- Two valid zones that disagree (scan and selfie) mean two different passports: fail.
- A zone read the same way on both images with the same failing check digit is a damaged or forged zone:
  fail. One unreadable or failing image alone is never a fail: manual, with the reason.
- For a child's application the civil-registry record of the certificate is compared with the typed child.
- Document numbers are masked in `details` as the other checks mask them (`rules._mask`, the `passport` check):
  the passport number keeps its last 2 digits, the series its first 2 (the region); in the zone's lines and check
  digits the same digits are starred. Which field mismatched, and the check digits, stay visible; the full
  number is on the images.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from reviewer_app.domain.application import Application
from reviewer_app.domain.checks import CheckResult
from reviewer_app.domain.documents import INVALID, READ, DocumentReading
from reviewer_app.domain.enums import CheckStatus
from reviewer_app.domain.mrz import transliterate
from reviewer_app.domain.registry import normalise_name
from reviewer_app.policy.rules import _mask
from reviewer_app.policy.ruletable import RuleTable
from reviewer_app.policy.sample_dates import DOCUMENT_SHIFT

PASS, FAIL, MANUAL = CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.MANUAL
MATCH, MISMATCH, NOT_READ = "match", "mismatch", "not_read"

FIELD_NAMES = {
    "last_name": ("фамилия", "surname"), "first_name": ("имя", "name"), "middle_name": ("отчество", "patronymic"),
    "birth_date": ("дата рождения", "birth date"), "series": ("серия паспорта", "passport series"),
    "number": ("номер паспорта", "passport number"), "issued_on": ("дата выдачи", "issue date"),
    "division_code": ("код подразделения", "division code"),
    "child_last_name": ("фамилия ребёнка", "child's surname"), "child_first_name": ("имя ребёнка", "child's name"),
    "child_middle_name": ("отчество ребёнка", "child's patronymic"),
    "child_birth_date": ("дата рождения ребёнка", "child's birth date"),
    "certificate_issued_on": ("дата выдачи свидетельства", "certificate issue date"),
}


def _r(status: CheckStatus, ru: str, en: str, t: RuleTable, **details: Any) -> CheckResult:
    return CheckResult("document_data", status, ru, en, _masked(details), t.version)


#: Line 2 of the zone: series (3 of 4 digits) and number at 0-8, the series' last digit at 28. Starred: the
#: series' third digit, the number but its last 2 digits, the series' last digit.
_LINE2_HIDDEN = frozenset({2, 3, 4, 5, 6, 28})
#: The same cells in what each check digit covers (`mrz.parse`): number = line2[0:9], optional = line2[28:42],
#: composite = line2[0:10] + line2[13:20] + line2[21:28] + line2[28:43] (line2[28] is its 25th character).
_CHECK_HIDDEN = {"number": frozenset({2, 3, 4, 5, 6}), "optional": frozenset({0}),
                 "composite": frozenset({2, 3, 4, 5, 6, 24})}


def _star(text: Any, hidden: frozenset[int]) -> Any:
    if not isinstance(text, str):
        return text
    return "".join("*" if i in hidden and ch.isalnum() else ch for i, ch in enumerate(text))


def _mask_series(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    t = "".join(text.split())
    return t[:2] + "*" * max(0, len(t) - 2)


def _mask_number(text: Any) -> Any:
    return _mask(text, 2) if isinstance(text, str) else text


def _masked_lines(lines: Any) -> Any:
    if not lines or len(lines) < 2:
        return lines
    return [lines[0], _star(lines[1], _LINE2_HIDDEN), *lines[2:]]


def _masked_mrz(m: dict[str, Any] | None) -> dict[str, Any] | None:
    if not m:
        return m
    return {**m, "lines": _masked_lines(m.get("lines")), "series": _mask_series(m.get("series")),
            "number": _mask_number(m.get("number")),
            "checks": [{**c, "field": _star(c.get("field"), _CHECK_HIDDEN.get(c.get("name"), frozenset()))}
                       for c in m.get("checks", [])]}


def _masked(details: dict[str, Any]) -> dict[str, Any]:
    """`details` with the passport's series and number masked wherever they appear (typed, read, the zone)."""
    out = dict(details)
    if "fields" in out:
        hide = {"series": _mask_series, "number": _mask_number}
        out["fields"] = [
            {**f, "typed": hide[f["field"]](f.get("typed")), "document": hide[f["field"]](f.get("document"))}
            if f.get("field") in hide else f for f in out["fields"]]
    if "readings" in out:
        out["readings"] = [masked_reading(r) for r in out["readings"]]
    return out


def masked_reading(reading: dict[str, Any]) -> dict[str, Any]:
    """A reading's `to_dict()` with the series and number starred in its lines, fields and check digits (what
    leaves the process: check details, the `match` command's output)."""
    return {**reading, "lines": _masked_lines(reading.get("lines")), "mrz": _masked_mrz(reading.get("mrz"))}


def _mrz_name(text: str | None) -> str:
    return transliterate(" ".join((text or "").split()).upper())


def _same(a: str, b: str) -> bool:
    """Equal in the zone's alphabet, with Ё ('2') and Е ('E') taken as the same letter."""
    return a == b or {a, b} == {"2", "E"}


def name_agrees(typed: str, read: str, uncertain: set[int], offset: int) -> str:
    """MATCH / MISMATCH / NOT_READ of a typed name (zone alphabet) against the cells read at `offset`.

    A cell the reader was unsure of never confirms a letter it did not read first, even when that letter was its
    runner-up: the image does not tell the two apart (an O/D blend reads either way), so the reviewer looks."""
    if len(typed) != len(read):
        if any(offset + i in uncertain for i in range(max(len(typed), len(read)))):
            return NOT_READ
        return MISMATCH
    verdict = MATCH
    for i, (a, b) in enumerate(zip(typed, read, strict=True)):
        if _same(a, b):
            continue
        if offset + i not in uncertain:
            return MISMATCH  # read with a clear margin: a contradiction, wherever the unsure cells are
        verdict = NOT_READ
    return verdict


def _name_fields(app: Application, r: DocumentReading) -> list[dict[str, Any]]:
    line1 = r.lines[0] if r.lines else ""
    names = line1[5:]
    surname, _, rest = names.partition("<<")
    first, _, middle = rest.partition("<")
    middle = middle.rstrip("<")
    offsets = {"last_name": 5, "first_name": 5 + len(surname) + 2,
               "middle_name": 5 + len(surname) + 2 + len(first) + 1}
    read = {"last_name": surname, "first_name": first, "middle_name": middle}
    a = app.applicant
    typed = {"last_name": a.last_name, "first_name": a.first_name, "middle_name": a.middle_name or ""}
    out = []
    uncertain = set(r.uncertain)
    for key in ("last_name", "first_name", "middle_name"):
        t = _mrz_name(typed[key])
        status = name_agrees(t, read[key], uncertain, offsets[key])
        shown = r.mrz
        doc_value = getattr(shown, key) if shown else None
        out.append({"field": key, "typed": typed[key], "document": doc_value, "mrz": read[key], "typed_mrz": t,
                    "source": "mrz", "status": status})
    return out


def _digits(text: str | None) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())


def _cmp(key: str, typed: Any, doc: Any, equal: bool) -> dict[str, Any]:
    def show(v: Any) -> Any:
        return v.isoformat() if isinstance(v, date) else v

    return {"field": key, "typed": show(typed), "document": show(doc), "source": "mrz",
            "status": MATCH if equal else MISMATCH}


def _moved(day: date | None, days: int) -> date | None:
    return day + timedelta(days=days) if day is not None else None


def _line2_fields(app: Application, r: DocumentReading) -> list[dict[str, Any]]:
    m = r.mrz
    assert m is not None
    a = app.applicant
    p = a.passport
    # A sample pack whose dates were moved to the day of the demo/training (policy.sample_dates): its passport
    # image still shows the dates it was drawn with; they move by the same days.
    shift = app.raw.get(DOCUMENT_SHIFT)
    moved: dict[str, Any] = shift if isinstance(shift, dict) else {}
    birth = _moved(m.birth_date, int(moved.get("birth_date_days", 0)))
    issued = _moved(m.issued_on, int(moved.get("issued_on_days", 0)))
    out = [_cmp("birth_date", a.birth_date, birth, a.birth_date == birth)]
    if p is not None:
        out += [
            _cmp("series", p.series, m.series, _digits(p.series) == m.series),
            _cmp("number", p.number, m.number, _digits(p.number) == m.number),
            _cmp("issued_on", p.issued_on, issued, p.issued_on == issued),
            _cmp("division_code", p.division_code, m.division_code,
                 _digits(p.division_code) == _digits(m.division_code)),
        ]
    return out


def _registry_fields(app: Application, registry: Any) -> list[dict[str, Any]]:
    c = app.child
    bc = c.birth_certificate if c else None
    if c is None or bc is None or registry is None:
        return []
    rec = registry.find_birth_record(bc.series, bc.number)
    if rec is None:
        return []
    out = []
    for key, typed, doc in (("child_last_name", c.last_name, rec.child.last_name),
                            ("child_first_name", c.first_name, rec.child.first_name),
                            ("child_middle_name", c.middle_name, rec.child.middle_name)):
        out.append({"field": key, "typed": typed, "document": doc, "source": "registry",
                    "status": MATCH if normalise_name(typed) == normalise_name(doc) else MISMATCH})
    dates: tuple[tuple[str, date | None, date | None], ...] = (
        ("child_birth_date", c.birth_date, rec.child.birth_date),
        ("certificate_issued_on", bc.issued_on, rec.issued_on))
    for key, typed_on, doc_on in dates:
        item = _cmp(key, typed_on, doc_on, typed_on == doc_on)
        item["source"] = "registry"
        out.append(item)
    return out


def _summary(readings: tuple[DocumentReading, ...]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in readings]


def document_data(app: Application, on: date, t: RuleTable, inp: Any) -> CheckResult:
    readings: tuple[DocumentReading, ...] = inp.documents or ()
    registry_fields = _registry_fields(app, inp.registry)
    base = {"readings": _summary(readings)}
    if not readings:
        if app.applicant.account_confirmed_at_mfc:
            return _r(PASS, "Учётная запись подтверждена в МФЦ: документ сверен там",
                      "Account confirmed at an MFC: the document was checked there", t,
                      fields=registry_fields, **base)
        return _r(MANUAL, "Нет изображения паспорта: сверьте данные вручную",
                  "No passport image: compare the data by hand", t, fields=registry_fields, **base)
    valid = [r for r in readings if r.status == READ]
    line2 = [(r.lines or ("", ""))[1] for r in valid]  # a READ reading has its two lines
    if len(valid) >= 2 and valid[0].lines != valid[1].lines and \
            (line2[0] != line2[1] or (valid[0].names_reliable and valid[1].names_reliable)):
        return _r(FAIL, "На скане и на фото с паспортом разные паспорта (разная машиночитаемая зона)",
                  "The scan and the selfie show different passports (different machine-readable zones)", t,
                  fields=registry_fields, problem="different_documents", **base)
    if not valid:
        invalid = [r for r in readings if r.status == INVALID]
        if len(invalid) >= 2 and invalid[0].lines == invalid[1].lines:
            bad = invalid[0].reason or ""
            return _r(FAIL, "Машиночитаемая зона паспорта с неверной контрольной цифрой (одинаково на скане и фото)"
                      ": документ повреждён или подделан",
                      "The passport's machine-readable zone has a wrong check digit (read the same on the scan and"
                      " the selfie): damaged or forged document", t, fields=registry_fields,
                      problem="check_digit", failed=bad, **base)
        reasons = "; ".join(f"{r.source}: {r.reason}" for r in readings)
        return _r(MANUAL, f"Машиночитаемая зона не прочитана надёжно ({reasons}): сверьте данные на глаз",
                  f"The machine-readable zone could not be read reliably ({reasons}): compare by eye", t,
                  fields=registry_fields, problem="unreadable", **base)
    best = max(valid, key=lambda r: (r.names_reliable, r.source == "passport_scan"))
    fields = _name_fields(app, best) + _line2_fields(app, best) + registry_fields
    mismatched = [f for f in fields if f["status"] == MISMATCH]
    unread = [f for f in fields if f["status"] == NOT_READ]
    facts = {"source": best.source, "fields": fields, **base}
    if app.raw.get(DOCUMENT_SHIFT):
        facts["sample_dates_moved"] = app.raw[DOCUMENT_SHIFT]
    if mismatched:
        ru = ", ".join(FIELD_NAMES[f["field"]][0] for f in mismatched)
        en = ", ".join(FIELD_NAMES[f["field"]][1] for f in mismatched)
        return _r(FAIL, f"Не совпадает с документом: {ru}", f"Does not match the document: {en}", t,
                  problem="mismatch", **facts)
    if unread:
        ru = ", ".join(FIELD_NAMES[f["field"]][0] for f in unread)
        en = ", ".join(FIELD_NAMES[f["field"]][1] for f in unread)
        return _r(MANUAL, f"Зона прочитана, контрольные цифры верны; не прочитано уверенно: {ru}",
                  f"Zone read, check digits hold; not read with confidence: {en}", t, problem="uncertain", **facts)
    return _r(PASS, "Данные заявления совпадают с машиночитаемой зоной паспорта (контрольные цифры верны)",
              "The application data match the passport's machine-readable zone (check digits hold)", t, **facts)
