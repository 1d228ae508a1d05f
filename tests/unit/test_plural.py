"""Russian plural forms in the rules' messages: 1 год, 2 года, 5 лет, 21 год, 11 лет."""


import pytest

from reviewer_app.domain.plural import ru_form, ru_years


@pytest.mark.parametrize(("n", "text"), [(0, "0 лет"), (1, "1 год"), (2, "2 года"), (4, "4 года"), (5, "5 лет"),
                                         (7, "7 лет"), (11, "11 лет"), (12, "12 лет"), (14, "14 лет"),
                                         (21, "21 год"), (22, "22 года"), (34, "34 года"), (51, "51 год"),
                                         (111, "111 лет"), (101, "101 год")])
def test_years(n, text):
    assert ru_years(n) == text


def test_forms_of_other_words():
    assert [ru_form(n, "день", "дня", "дней") for n in (1, 3, 10, 23)] == ["день", "дня", "дней", "дня"]


