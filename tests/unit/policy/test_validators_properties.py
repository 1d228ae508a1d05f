"""Property-based tests: the validators never crash and agree with their definitions."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from reviewer_app.domain.dates import age_on
from reviewer_app.policy.validators import (
    check_birth_certificate,
    check_phone,
    check_snils,
    classify_oms,
    passport_format_problems,
    snils_check_number,
)

text = st.text(max_size=40)


@settings(deadline=None)
@given(text)
def test_validators_never_crash(s):
    assert check_snils(s) in ("ok", "format", "checksum")
    assert classify_oms(s) in ("enp", "enp_checksum", "temporary", "old_style", "format")
    assert check_phone(s).reason in ("ok", "unparseable", "invalid", "not_ru", "not_mobile")
    check_birth_certificate(s, s)
    passport_format_problems(s, s, s)


@settings(deadline=None)
@given(st.from_regex(r"\A[0-9]{15}\Z"))
def test_enp_with_luhn_digit_is_valid_and_others_are_not(body):
    good = body + luhn.calc_check_digit(body)
    assert classify_oms(good) == "enp"
    bad = body + str((int(good[-1]) + 1) % 10)
    assert classify_oms(bad) == "enp_checksum"


@settings(deadline=None)
@given(st.integers(min_value=1001999, max_value=999999999))
def test_snils_round_trip(n):
    first9 = f"{n:09d}"
    check = snils_check_number(first9)
    assert 0 <= check <= 99
    formatted = f"{first9[:3]}-{first9[3:6]}-{first9[6:]} {check:02d}"
    assert check_snils(formatted) == "ok"
    assert check_snils(f"{first9[:3]}-{first9[3:6]}-{first9[6:]} {(check + 1) % 100:02d}") == "checksum"


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=99_999_999))
def test_ru_mobiles_normalise_to_e164(n):
    number = f"9{(n % 100):02d}{n:07d}"[:10]
    r = check_phone("8" + number)
    if r.ok:
        assert r.e164 == "+7" + number and r.display.startswith("+7 9")


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1)), st.dates(min_value=date(1900, 1, 1)))
def test_age_is_monotonic_and_matches_year_difference(birth, day):
    a = age_on(birth, day)
    assert day.year - birth.year - 1 <= a <= day.year - birth.year
    if day < date.max:
        assert age_on(birth, date.fromordinal(day.toordinal() + 1)) >= a


@settings(deadline=None)
@given(st.sampled_from("IVXLC"), st.integers(min_value=0, max_value=999999))
def test_roman_single_letters_with_6_digit_numbers(numeral, n):
    assert check_birth_certificate(f"{numeral}-АБ", f"{n:06d}").ok


@settings(deadline=None, max_examples=300)
@given(st.sampled_from(["+7", "8", "7", "+7 ", "8 (", ""]), st.from_regex(r"\A[0-9]{10}\Z"))
def test_phone_fast_path_agrees_with_phonenumbers_parse(prefix, digits):
    import phonenumbers

    from reviewer_app.policy.validators import _parse_phone

    raw = prefix + digits[:3] + (") " if prefix.endswith("(") else " ") + digits[3:6] + "-" + digits[6:]
    try:
        expected = phonenumbers.parse(raw, "RU")
    except phonenumbers.NumberParseException:
        return
    got = _parse_phone(raw)
    assert (got.country_code, got.national_number) == (expected.country_code, expected.national_number)
