"""The machine-readable zone of the Russian internal passport: compose, parse and check it (pure Python).

The internal passport (образец 2011) carries an ICAO 9303 TD3 zone, two lines of 44 characters, with Russia's
own conventions:

    line 1: PN RUS SURNAME<<NAME<PATRONYMIC<<<...      (document code "PN", names in the table below)
    line 2: [9] series (first 3 digits) + number (6)   [1] check digit
            [3] RUS  [6] birth date YYMMDD  [1] check  [1] sex M/F
            [7] <<<<<<< (no expiry date, no check digit)
            [14] optional data: last digit of the series, issue date YYMMDD, division code (6 digits), <
            [1] check digit of the optional data  [1] composite check digit

Names are transliterated letter by letter with the table Russia uses for this zone (ё → 2, ч → 3, ш → 4,
э → 6, ю → 7, я → 8, ь → 9, й → Q, щ → W, ъ → X): one Cyrillic letter is one character, so the zone can be
turned back into Cyrillic exactly. Check digits are ICAO's (weights 7, 3, 1; digits as themselves, A-Z as
10-35, '<' as 0). The names have no check digit: a reader must be sure of them another way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewer_app.domain.errors import brief

LINE_LENGTH = 44
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"

_CYR = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_LAT = "ABVGDE2JZIQKLMNOPRSTUFHC34WXY9678"
TO_MRZ = dict(zip(_CYR, _LAT, strict=True))
FROM_MRZ = {v: k for k, v in TO_MRZ.items()}


class MrzFormatError(ValueError):
    """A value cannot be written into the zone (e.g. a passport number that is not digits)."""


def char_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise MrzFormatError(f"character {ch!r} is not allowed in a machine-readable zone")


def check_digit(field: str) -> str:
    """ICAO 9303 check digit of `field` (weights 7, 3, 1 repeating)."""
    return str(sum(char_value(c) * (7, 3, 1)[i % 3] for i, c in enumerate(field)) % 10)


def transliterate(name: str | None) -> str:
    """A Cyrillic name as the zone writes it: 'Фёдорова' → 'F2DOROVA'; spaces and hyphens become '<'."""
    out = []
    for ch in (name or "").upper().strip():
        if ch in TO_MRZ:
            out.append(TO_MRZ[ch])
        elif ch in " -‐":
            out.append("<")
        elif ch in ALPHABET:
            out.append(ch)
        # anything else (apostrophes, dots) is left out, as passport offices do
    return "".join(out)


def untransliterate(text: str) -> str:
    """The zone's name characters back to Cyrillic ('<' between words becomes a space)."""
    return "".join(FROM_MRZ.get(ch, " " if ch == "<" else ch) for ch in text).strip()


def _yymmdd(day: date) -> str:
    return f"{day.year % 100:02d}{day.month:02d}{day.day:02d}"


def _digits(text: str, n: int, what: str) -> str:
    t = "".join(text.split()).replace("-", "")
    if len(t) != n or not t.isdigit():
        raise MrzFormatError(f"{what} {brief(text)} is not {n} digits")
    return t


def compose(*, last_name: str, first_name: str, middle_name: str | None, sex: str, birth_date: date,
            series: str, number: str, issued_on: date, division_code: str) -> tuple[str, str]:
    """The two lines of the zone for these passport data."""
    names = transliterate(last_name) + "<<" + transliterate(first_name)
    if middle_name:
        names += "<" + transliterate(middle_name)
    line1 = ("PNRUS" + names)[:LINE_LENGTH].ljust(LINE_LENGTH, "<")
    s = _digits(series, 4, "passport series")
    doc = s[:3] + _digits(number, 6, "passport number")
    birth = _yymmdd(birth_date)
    if sex not in ("M", "F"):
        raise MrzFormatError(f"sex {brief(sex)} is not M or F")
    optional = s[3] + _yymmdd(issued_on) + _digits(division_code, 6, "division code") + "<"
    composite = doc + check_digit(doc) + birth + check_digit(birth) + "<<<<<<<" + optional + check_digit(optional)
    line2 = (doc + check_digit(doc) + "RUS" + birth + check_digit(birth) + sex + "<<<<<<<" + optional
             + check_digit(optional) + check_digit(composite))
    assert len(line2) == LINE_LENGTH
    return line1, line2


@dataclass(frozen=True)
class CheckDigit:
    """One check digit of the zone: what it covers, the digit printed and the digit computed."""

    name: str  # "number", "birth_date", "optional", "composite"
    field: str
    printed: str
    computed: str

    @property
    def ok(self) -> bool:
        return self.printed == self.computed

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "field": self.field, "printed": self.printed, "computed": self.computed,
                "ok": self.ok}


def _date6(text: str, latest_year: int) -> date | None:
    """YYMMDD to a date in the latest century that keeps the year at or before `latest_year`."""
    if len(text) != 6 or not text.isdigit():
        return None
    yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
    year = 2000 + yy if 2000 + yy <= latest_year else 1900 + yy
    try:
        return date(year, mm, dd)
    except ValueError:
        return None


@dataclass(frozen=True)
class MrzData:
    """A parsed zone: the fields and every check digit (nothing here says how sure the reader was)."""

    line1: str
    line2: str
    document_code: str
    country: str
    last_name: str  # Cyrillic, upper case
    first_name: str
    middle_name: str
    series: str
    number: str
    birth_date: date | None
    sex: str
    issued_on: date | None
    division_code: str  # XXX-XXX
    checks: tuple[CheckDigit, ...]

    @property
    def valid(self) -> bool:
        return all(c.ok for c in self.checks)

    def check(self, name: str) -> CheckDigit:
        return next(c for c in self.checks if c.name == name)

    def to_dict(self) -> dict[str, object]:
        return {
            "lines": [self.line1, self.line2], "document_code": self.document_code, "country": self.country,
            "last_name": self.last_name, "first_name": self.first_name, "middle_name": self.middle_name,
            "series": self.series, "number": self.number,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None, "sex": self.sex,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "division_code": self.division_code, "checks": [c.to_dict() for c in self.checks], "valid": self.valid,
        }


def parse(line1: str, line2: str, *, reference_year: int = 2099) -> MrzData:
    """Parse two 44-character lines (any characters; bad dates become None and fail no check by themselves).

    Two-digit years: this passport form exists since 1997, so an issue year 97-99 is 19xx, else 20xx; the holder
    was at least 14 at issue, which fixes the birth century (`reference_year` bounds it when the issue date is
    unreadable).
    """
    if len(line1) != LINE_LENGTH or len(line2) != LINE_LENGTH:
        raise MrzFormatError(f"zone lines must be {LINE_LENGTH} characters, got {len(line1)} and {len(line2)}")
    names = line1[5:].rstrip("<")
    surname, _, given = names.partition("<<")
    first, _, middle = given.partition("<")
    doc, birth, optional = line2[0:9], line2[13:19], line2[28:42]
    composite = line2[0:10] + line2[13:20] + line2[21:28] + line2[28:43]
    checks = (
        CheckDigit("number", doc, line2[9], check_digit(doc)),
        CheckDigit("birth_date", birth, line2[19], check_digit(birth)),
        CheckDigit("optional", optional, line2[42], check_digit(optional)),
        CheckDigit("composite", composite, line2[43], check_digit(composite)),
    )
    div = optional[7:13]
    issued = _date6(optional[1:7], 1996 + 100 if optional[1:3].isdigit() and int(optional[1:3]) < 97 else 1999)
    birth_date = _date6(birth, (issued.year - 14) if issued else reference_year)
    return MrzData(
        line1=line1, line2=line2, document_code=line1[0:2], country=line1[2:5],
        last_name=untransliterate(surname), first_name=untransliterate(first),
        middle_name=untransliterate(middle.replace("<", " ")),
        series=doc[:3] + optional[0], number=doc[3:9],
        birth_date=birth_date, sex=line2[20], issued_on=issued,
        division_code=f"{div[:3]}-{div[3:]}", checks=checks,
    )
