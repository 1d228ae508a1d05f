from datetime import UTC, date, datetime

import pyotp
import pytest

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.reasons import REASON_BY_CODE, REASONS, applicant_message, get_reason
from reviewer_app.services.grants import child_valid_until
from reviewer_app.services.staff import _matching_step

REQUIRED = {"photo_unclear", "face_mismatch", "document_expired", "data_mismatch", "not_moscow_policy", "underage",
            "child_too_old", "kinship_not_confirmed", "duplicate", "opted_out", "other",
            # one for every check that can fail (issue 12)
            "photo_not_colour", "photo_missing", "passport_invalid", "phone_not_mobile", "snils_invalid",
            "oms_number_invalid", "certificate_invalid",
            # issue 22: the mos.ru account, one person across passports, guardians and other representatives
            "account_simplified", "account_not_confirmed", "identity_unclear", "representative_not_confirmed",
            # one phone, one citizen (issue 22)
            "phone_in_use"}


def test_every_required_reason_with_both_languages() -> None:
    assert set(REASON_BY_CODE) == REQUIRED and len(REASONS) == len(REQUIRED)
    for r in REASONS:
        assert r.applicant_text_ru and r.applicant_text_en and r.label_ru and r.label_en
        assert any("а" <= ch <= "я" for ch in r.applicant_text_ru.lower()), r.code  # Russian text is Cyrillic
        assert r.applicant_text_en.isascii(), r.code


def test_retry_and_final_types() -> None:
    assert not get_reason("photo_unclear").final and not get_reason("face_mismatch").final
    assert get_reason("underage").final and get_reason("opted_out").final and get_reason("child_too_old").final


def test_unknown_reason_names_the_known_ones() -> None:
    with pytest.raises(ReviewerError, match=r"unknown reason 'blurry'.*photo_unclear"):
        get_reason("blurry")


def test_applicant_message_appends_comment() -> None:
    # 'other' has no text of its own: the officer's comment is the message (never "cannot be approved").
    assert applicant_message("other", "  нужен скан страницы 5 ") == "нужен скан страницы 5"
    assert applicant_message("photo_unclear", " без бликов ").endswith("хорошем освещении. без бликов")
    assert applicant_message("face_mismatch", lang="en").startswith("the face in the photo does not match the "
                                                                   "passport photo")


@pytest.mark.parametrize(("birth", "last_day"), [
    (date(2019, 2, 11), date(2034, 2, 10)),
    (date(2016, 2, 29), date(2031, 2, 28)),  # 15th birthday in a common year counts as 1 March
    (date(2012, 2, 29), date(2027, 2, 28)),
    (date(2020, 3, 1), date(2035, 2, 28)),
    (date(2011, 1, 1), date(2025, 12, 31)),
])
def test_child_access_ends_the_day_before_15th_birthday(birth, last_day) -> None:
    assert child_valid_until(birth) == last_day


def test_totp_window_is_one_step_each_side() -> None:
    secret = pyotp.random_base32()
    now = datetime(2026, 11, 27, 9, 0, 10, tzinfo=UTC)
    step = int(now.timestamp()) // 30
    for offset in (-1, 0, 1):
        code = pyotp.TOTP(secret).at((step + offset) * 30)
        assert _matching_step(secret, code, now) == step + offset
    for offset in (-2, 2):
        code = pyotp.TOTP(secret).at((step + offset) * 30)
        if all(code != pyotp.TOTP(secret).at((step + o) * 30) for o in (-1, 0, 1)):
            assert _matching_step(secret, code, now) is None
