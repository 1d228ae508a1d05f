"""The document_data check: typed data against the passport's zone as read from the scan and the selfie."""

from __future__ import annotations

from datetime import date

import pytest

from reviewer_app.domain.documents import INVALID, READ, UNREADABLE, DocumentReading
from reviewer_app.domain.mrz import compose
from reviewer_app.policy import run_all_checks

PASSPORT = dict(last_name="Иванова", first_name="Мария", middle_name="Петровна", sex="F",
                birth_date=date(1990, 5, 17), series="4502", number="573482", issued_on=date(2010, 6, 1),
                division_code="770-001")


def reading(source="passport_scan", status=READ, **changes):
    lines = compose(**{**PASSPORT, **changes})
    return DocumentReading(source, status, None, lines, names_reliable=True, runner_up=lines[0])


def check(app, documents, **kw):
    r = run_all_checks(app, documents=documents, **kw).by_id("document_data")
    assert r is not None
    return r


def fields(result):
    return {f["field"]: f["status"] for f in result.details["fields"]}


def test_not_run_when_the_caller_did_not_read(make_app):
    assert run_all_checks(make_app()).by_id("document_data") is None


def test_everything_matches(make_app):
    r = check(make_app(), (reading(), reading("selfie_with_passport")))
    assert str(r.status) == "pass"
    assert set(fields(r).values()) == {"match"}
    assert r.details["readings"][0]["mrz"]["valid"] is True


def test_typed_number_differs_from_the_page(make_app):
    r = check(make_app(**{"applicant.passport.number": "573483"}), (reading(),))
    assert str(r.status) == "fail"
    assert fields(r)["number"] == "mismatch" and fields(r)["series"] == "match"
    assert "номер паспорта" in r.message_ru


def test_yo_and_ye_and_case_are_the_same_letter(make_app):
    app = make_app(**{"applicant.last_name": "фёдорова"})
    r = check(app, (reading(last_name="Федорова"),))
    assert str(r.status) == "pass", r.details


def test_a_clearly_read_different_name_fails(make_app):
    r = check(make_app(**{"applicant.first_name": "Марина"}), (reading(),))
    assert str(r.status) == "fail" and fields(r)["first_name"] == "mismatch"


def test_an_unsure_cell_never_confirms_a_letter_it_did_not_read_first(make_app):
    lines = compose(**{**PASSPORT, "last_name": "Ивднова"})  # the reader saw D where the page has A
    pos = 5 + 2  # I V [D] N O V A
    runner = lines[0][:pos] + "A" + lines[0][pos + 1:]
    # The typed A was the reader's runner-up: the image does not tell A from D, so the reviewer looks.
    for runner_up in (runner, lines[0]):
        unsure = DocumentReading("passport_scan", READ, None, lines, names_reliable=False, uncertain=(pos,),
                                 runner_up=runner_up)
        r = check(make_app(), (unsure,))
        assert str(r.status) == "manual" and fields(r)["last_name"] == "not_read", r.details


def test_an_unsure_cell_agreeing_with_the_typed_letter_confirms_it(make_app):
    lines = compose(**PASSPORT)
    unsure = DocumentReading("passport_scan", READ, None, lines, names_reliable=False, uncertain=(5 + 2,),
                             runner_up=lines[0][:7] + "D" + lines[0][8:])
    assert str(check(make_app(), (unsure,)).status) == "pass"


def test_a_clear_contradiction_is_a_mismatch_even_after_an_unsure_cell(make_app):
    lines = compose(**{**PASSPORT, "last_name": "Ивднова"})
    lines = (lines[0][:10] + "Z" + lines[0][11:], lines[1])  # I V [D] N O V Z: the unsure D, then a clear Z
    unsure = DocumentReading("passport_scan", READ, None, lines, names_reliable=False, uncertain=(5 + 2,),
                             runner_up=lines[0])
    r = check(make_app(), (unsure,))
    assert str(r.status) == "fail" and fields(r)["last_name"] == "mismatch", r.details


def test_two_valid_zones_of_different_passports_fail(make_app):
    r = check(make_app(), (reading(), reading("selfie_with_passport", number="100001")))
    assert str(r.status) == "fail" and r.details["problem"] == "different_documents"


def test_same_wrong_check_digit_on_both_images_fails_but_one_alone_is_manual(make_app):
    l1, l2 = compose(**PASSPORT)
    broken = (l1, l2[:9] + str((int(l2[9]) + 1) % 10) + l2[10:])
    bad = [DocumentReading(src, INVALID, "check_digit_failed:number,composite", broken)
           for src in ("passport_scan", "selfie_with_passport")]
    r = check(make_app(), tuple(bad))
    assert str(r.status) == "fail" and r.details["problem"] == "check_digit"
    assert str(check(make_app(), (bad[0],)).status) == "manual"


@pytest.mark.parametrize("reason", ["no_zone_found", "not_an_image"])
def test_unreadable_is_manual_with_the_reason_never_a_guess(make_app, reason):
    r = check(make_app(), (DocumentReading("selfie_with_passport", UNREADABLE, reason),))
    assert str(r.status) == "manual" and reason in r.message_en
    assert r.details["readings"][0]["mrz"] is None


def test_no_images_mfc_confirmed_passes_otherwise_manual(make_app):
    assert str(check(make_app(**{"applicant.account_confirmed_at_mfc": True}), ()).status) == "pass"
    assert str(check(make_app(), ()).status) == "manual"


def test_sample_pack_moved_to_another_day_reads_its_passport_dates_moved_too(make_app):
    from reviewer_app.policy.ruletable import DEFAULT_TABLE
    from reviewer_app.policy.sample_dates import Shift, shift_pack

    app = make_app()
    moved = shift_pack(app.raw, Shift(date(2026, 11, 27), date(2026, 12, 9), DEFAULT_TABLE))
    assert moved["applicant"]["birth_date"] == "1990-05-29"
    assert moved["sample_dates_moved"] == {"birth_date_days": 12, "issued_on_days": 12}
    from reviewer_app.domain.application import Application

    r = check(Application.from_dict(moved), (reading(),))  # the image still says 17.05.1990
    assert str(r.status) == "pass", r.details
    assert fields(r)["birth_date"] == "match"
    # a pack that merely claims a shift it does not have is still compared: the typed dates must agree
    claimed = Application.from_dict({**app.raw, "sample_dates_moved": {"birth_date_days": 12}})
    assert fields(check(claimed, (reading(),)))["birth_date"] == "mismatch"


def _strings(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


def test_document_numbers_are_masked_in_the_details(make_app):
    """Like the passport check (series region, last 2 digits of the number), wherever the number appears: typed,
    read, the zone's lines and what each check digit covers; the mismatch and the check digits stay visible."""
    app = make_app(**{"applicant.passport.series": "4502", "applicant.passport.number": "573483"})
    r = check(app, (reading(), reading("selfie_with_passport")))
    passport = run_all_checks(app, documents=(reading(),)).by_id("passport_number")
    by_field = {f["field"]: f for f in r.details["fields"]}
    assert by_field["number"]["status"] == "mismatch" and by_field["series"]["status"] == "match"
    assert (by_field["number"]["typed"], by_field["number"]["document"]) == ("****83", "****82")
    assert (by_field["series"]["typed"], by_field["series"]["document"]) == ("45**", "45**")
    assert passport.details["number"] == "****83" and passport.details["series_region"] == "45"
    texts = list(_strings(r.details))
    for secret in ("573482", "573483", "4502", "0257348", "5734"):
        assert not [t for t in texts if secret in t], secret
    zone = r.details["readings"][0]["mrz"]
    assert zone["lines"][1].startswith("45*****82") and zone["lines"][1][28] == "*"
    assert all(c["ok"] for c in zone["checks"]) and zone["checks"][0]["field"] == "45*****82"
    assert r.details["readings"][0]["lines"] == zone["lines"]
