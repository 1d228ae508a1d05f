"""Pure validators for document numbers and phones. Each returns a small result; none raises on bad input."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from stdnum import luhn

from reviewer_app.domain.registry import normalise_certificate_number, normalise_certificate_series

# --- phone -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhoneCheck:
    ok: bool
    e164: str | None
    display: str | None
    reason: str  # "ok", "unparseable", "invalid", "not_ru", "not_mobile"
    region: str | None = None


_MOBILE_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


_PHONE_JUNK = re.compile(r"[\s()\-.]+")
_PHONE_SIMPLE = re.compile(r"(?:\+7|8|7)(9[0-9]{9})")


def _parse_phone(raw: str) -> phonenumbers.PhoneNumber:
    # The common spellings of a 9XX number (+7 9.., 8 9.., 7 9..) are built directly: phonenumbers.parse gives
    # the same PhoneNumber for them, at a fifth of the cost. Everything else goes through parse().
    m = _PHONE_SIMPLE.fullmatch(_PHONE_JUNK.sub("", raw))
    if m:
        return phonenumbers.PhoneNumber(country_code=7, national_number=int(m.group(1)))
    return phonenumbers.parse(raw, "RU")


@lru_cache(maxsize=65536)
def check_phone(raw: str) -> PhoneCheck:
    """A Russian mobile number: +7 9XX XXX-XX-XX, accepted as typed (8..., +7..., spaces, brackets)."""
    try:
        num = _parse_phone(raw)
    except phonenumbers.NumberParseException:
        return PhoneCheck(False, None, None, "unparseable")
    e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    region = phonenumbers.region_code_for_number(num)  # None when no region's pattern matches
    if region is None:
        return PhoneCheck(False, e164, None, "invalid")
    if region != "RU":
        return PhoneCheck(False, e164, None, "not_ru", region)
    kind = phonenumbers.number_type(num)
    if kind == phonenumbers.PhoneNumberType.UNKNOWN:
        return PhoneCheck(False, e164, None, "invalid", region)
    if kind not in _MOBILE_TYPES:
        return PhoneCheck(False, e164, None, "not_mobile", region)
    return PhoneCheck(True, e164, display_phone(e164), "ok", region)


def normalise_phone(raw: str) -> str | None:
    """E.164 of a Russian mobile number, or None."""
    r = check_phone(raw)
    return r.e164 if r.ok else None


def display_phone(e164: str) -> str:
    """'+79161234567' → '+7 916 123-45-67'."""
    d = e164[2:]
    return f"+7 {d[0:3]} {d[3:6]}-{d[6:8]}-{d[8:10]}" if e164.startswith("+7") and len(d) == 10 else e164


# --- SNILS -------------------------------------------------------------------------------------------------

_SNILS_RE = re.compile(r"^[0-9]{3}-?[0-9]{3}-?[0-9]{3}[ -]?[0-9]{2}\Z")


def snils_check_number(first9: str) -> int:
    total = sum(int(ch) * w for ch, w in zip(first9, range(9, 0, -1), strict=True))
    while total > 101:
        total %= 101
    return 0 if total in (100, 101) else total


def check_snils(raw: str) -> str:
    """'ok', 'format' (not 11 digits) or 'checksum'. Numbers up to 001-001-998 are not checksummed."""
    s = raw.strip()
    if not _SNILS_RE.match(s):
        return "format"
    digits = "".join(ch for ch in s if ch.isdigit())
    if int(digits[:9]) <= 1001998:
        return "ok"
    return "ok" if snils_check_number(digits[:9]) == int(digits[9:]) else "checksum"


# --- OMS policy --------------------------------------------------------------------------------------------

_OMS_SEPARATORS = re.compile(r"[\s-]+")
_OLD_STYLE_RE = re.compile(r"^[0-9A-ZА-ЯЁ]{1,10}[\s№-]*[0-9]{6,12}\Z")


def classify_oms(raw: str) -> str:
    """'enp' (16 digits, Luhn ok), 'enp_checksum' (16 digits, bad check digit), 'temporary' (9-digit temporary
    certificate), 'old_style' (series + number: cannot be checked by digit) or 'format'."""
    s = raw.strip().upper()
    compact = _OMS_SEPARATORS.sub("", s)
    if compact.isdigit() and compact.isascii():
        if len(compact) == 16:
            return "enp" if luhn.is_valid(compact) else "enp_checksum"
        if len(compact) == 9:
            return "temporary"
        return "old_style" if 6 <= len(compact) <= 15 else "format"
    return "old_style" if _OLD_STYLE_RE.match(s) else "format"


# --- passport ----------------------------------------------------------------------------------------------

_SERIES_RE = re.compile(r"^[0-9]{4}\Z")
_NUMBER_RE = re.compile(r"^[0-9]{6}\Z")
_DIVISION_RE = re.compile(r"^[0-9]{3}-[0-9]{3}\Z")


def normalise_passport_series(series: str) -> str:
    return "".join(series.split())


def passport_format_problems(series: str, number: str, division_code: str | None) -> list[str]:
    """Names of the fields in a wrong format: 'series', 'number', 'division_code'."""
    bad = []
    if not _SERIES_RE.match(normalise_passport_series(series)):
        bad.append("series")
    if not _NUMBER_RE.match(number.strip()):
        bad.append("number")
    if division_code is not None and not _DIVISION_RE.match(division_code.strip()):
        bad.append("division_code")
    return bad


def blank_year(series: str) -> int | None:
    """The year the blank was printed (last two digits of the series: 97-99 → 19xx, else 20xx)."""
    s = normalise_passport_series(series)
    if not _SERIES_RE.match(s):
        return None
    yy = int(s[2:])
    return 1900 + yy if yy >= 97 else 2000 + yy


# --- birth certificate -------------------------------------------------------------------------------------

_ROMAN_RE = re.compile(r"^(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\Z")
_LETTERS_RE = re.compile(r"^[А-ЯЁ]{2}\Z")
_CERT_NUMBER_RE = re.compile(r"^[0-9]{6}\Z")


@dataclass(frozen=True)
class CertificateCheck:
    series: str
    number: str
    problems: tuple[str, ...]  # 'series_numeral', 'series_letters', 'series_format', 'number'

    @property
    def ok(self) -> bool:
        return not self.problems


@lru_cache(maxsize=4096)
def check_birth_certificate(series: str, number: str) -> CertificateCheck:
    s = normalise_certificate_series(series)
    n = normalise_certificate_number(number)
    problems: list[str] = []
    if s.count("-") != 1:
        problems.append("series_format")
    else:
        numeral, letters = s.split("-")
        if not _ROMAN_RE.match(numeral):
            problems.append("series_numeral")
        if not _LETTERS_RE.match(letters):
            problems.append("series_letters")
    if not _CERT_NUMBER_RE.match(n):
        problems.append("number")
    return CertificateCheck(s, n, tuple(problems))
