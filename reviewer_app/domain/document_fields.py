"""What the review screen's "Document / registry" column shows, from the `document_data` check's details.

`document_cells(details, lang)` → {desk field key: (text, mismatch)} for the fields the passport's zone
covers, plus the zone itself with its check digits ("mrz_1", "mrz_2", "mrz_checks"). A field the reader was not
sure of says so instead of a value; a zone that could not be read says why.
"""

from __future__ import annotations

from datetime import date
from typing import Any

NOT_READ = {"ru": "не прочитано уверенно", "en": "not read with confidence"}
CHECK_NAMES = {"number": ("серия и номер", "series and number"), "birth_date": ("дата рождения", "birth date"),
               "optional": ("выдача и код", "issue and code"), "composite": ("вся зона", "whole zone")}
READING = {"unreadable": ("не прочитана", "not read"), "invalid": ("контрольная цифра не сходится",
                                                                   "a check digit does not hold")}


def _d(iso: str | None) -> str:
    if not iso:
        return ""
    d = date.fromisoformat(iso)
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def document_cells(details: dict[str, Any] | None, lang: str = "ru") -> dict[str, tuple[str, bool]]:
    if not details:
        return {}
    i = 1 if lang == "en" else 0
    out: dict[str, tuple[str, bool]] = {}
    fields = {f["field"]: f for f in details.get("fields", [])}

    def cell(key: str) -> tuple[str | None, str]:
        f = fields.get(key)
        if f is None:
            return None, ""
        if f["status"] == "not_read":
            return NOT_READ[lang], "not_read"
        value = f.get("document")
        if key.endswith("date") or key.endswith("issued_on"):
            value = _d(value)
        elif isinstance(value, str) and f.get("source") == "mrz":
            value = value.title()
        return ("" if value is None else str(value)), f["status"]

    for key in ("last_name", "first_name", "middle_name", "birth_date"):
        text, status = cell(key)
        if text is not None:
            out[key] = (text, status == "mismatch")
    series, s_status = cell("series")
    number, n_status = cell("number")
    if series is not None and number is not None:
        out["passport"] = (f"{series} {number}", "mismatch" in (s_status, n_status))
    issued, i_status = cell("issued_on")
    code, c_status = cell("division_code")
    if issued is not None and code is not None:
        out["passport_issued"] = (f"{issued} {code}", "mismatch" in (i_status, c_status))
    readings = details.get("readings", [])
    shown = next((r for r in readings if r.get("source") == details.get("source")), None) or next(
        (r for r in readings if r.get("lines")), None)
    if shown and shown.get("lines"):
        out["mrz_1"] = (shown["lines"][0], False)
        out["mrz_2"] = (shown["lines"][1], False)
        checks = (shown.get("mrz") or {}).get("checks", [])
        text = ", ".join(f"{'✓' if c['ok'] else '✗'} {CHECK_NAMES[c['name']][i]} {c['printed']}"
                         + ("" if c["ok"] else f"≠{c['computed']}") for c in checks)
        out["mrz_checks"] = (text, any(not c["ok"] for c in checks))
    elif readings:
        why = "; ".join(f"{r['source']}: {READING.get(r['status'], (r['status'],) * 2)[i]} ({r.get('reason')})"
                        for r in readings)
        out["mrz_checks"] = (why, False)
    return out
