"""The Russian internal passport's machine-readable zone: composing, parsing, check digits, transliteration."""

from __future__ import annotations

from datetime import date

import pytest

from reviewer_app.domain import mrz


def lines():
    return mrz.compose(last_name="Фёдорова", first_name="Юлия", middle_name="Алексеевна", sex="F",
                       birth_date=date(1991, 9, 9), series="4511", number="100010", issued_on=date(2011, 10, 1),
                       division_code="770-001")


def test_check_digit_is_icao():
    # ICAO 9303 part 3 worked example: the document number L898902C3 has check digit 6
    assert mrz.check_digit("L898902C3") == "6"
    assert mrz.check_digit("740812") == "2"
    assert mrz.check_digit("<<<<") == "0"


def test_compose_russian_layout():
    l1, l2 = lines()
    assert l1 == "PNRUSF2DOROVA<<7LI8<ALEKSEEVNA<<<<<<<<<<<<<<"
    assert len(l2) == 44
    assert l2.startswith("451100010") and l2[10:13] == "RUS" and l2[13:19] == "910909" and l2[20] == "F"
    assert l2[21:28] == "<<<<<<<"
    assert l2[28:42] == "1111001770001<"  # last series digit, issue date, division code, filler


def test_parse_round_trip_and_every_check_holds():
    m = mrz.parse(*lines())
    assert m.valid
    assert (m.last_name, m.first_name, m.middle_name) == ("ФЁДОРОВА", "ЮЛИЯ", "АЛЕКСЕЕВНА")
    assert (m.series, m.number, m.division_code) == ("4511", "100010", "770-001")
    assert m.birth_date == date(1991, 9, 9) and m.issued_on == date(2011, 10, 1)
    assert [c.name for c in m.checks] == ["number", "birth_date", "optional", "composite"]


@pytest.mark.parametrize(("pos", "breaks"), [(4, {"number", "composite"}), (15, {"birth_date", "composite"}),
                                              (33, {"optional", "composite"}), (43, {"composite"})])
def test_any_changed_digit_breaks_its_check_digits(pos, breaks):
    l1, l2 = lines()
    changed = l2[:pos] + str((int(l2[pos]) + 1) % 10) + l2[pos + 1:]
    m = mrz.parse(l1, changed)
    assert {c.name for c in m.checks if not c.ok} == breaks


def test_transliteration_table_is_one_letter_per_letter_and_reversible():
    word = "ЁЖЙЧШЩЪЫЬЭЮЯ"
    assert mrz.transliterate(word) == "2JQ34WXY9678"
    assert mrz.untransliterate(mrz.transliterate("ЩЕРБАКОВ")) == "ЩЕРБАКОВ"
    assert mrz.transliterate("Григорьев-Осипов") == "GRIGOR9EV<OSIPOV"


def test_bad_values_are_refused_with_the_field_named():
    with pytest.raises(mrz.MrzFormatError, match="passport number"):
        mrz.compose(last_name="А", first_name="Б", middle_name=None, sex="M", birth_date=date(1990, 1, 1),
                    series="4511", number="12345", issued_on=date(2010, 1, 1), division_code="770-001")
    with pytest.raises(mrz.MrzFormatError, match="44"):
        mrz.parse("P", "Q")
