"""Service refusals reach a Russian reviewer in Russian: a permission refusal and a conflict, through the real
dialog path (TaskRunner.report -> plain.show_message), with the service's English message only in the log.
And every error code a service raises has words in the interface, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import reviewer_app
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import ConflictError, PermissionDenied, ReviewerError
from reviewer_app.domain.permissions import Permission, require
from reviewer_app.ui import app as ui_app
from reviewer_app.ui import errors as ui_errors
from reviewer_app.ui import tasks
from reviewer_app.ui.i18n.ru import RU
from tests.ui.conftest import login

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


@pytest.fixture
def russian(qapp):
    assert ui_app.install_translations("ru")
    yield
    ui_app.install_translations("en")


@pytest.fixture
def dialogs(monkeypatch):
    """The warning boxes the runner would show (a modal box would hang the test): (title, text)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(tasks, "show_message", lambda parent, title, text, **kw: shown.append((title, text)))
    return shown


def _russian_only(text: str) -> None:
    assert CYRILLIC.search(text), text
    assert not LATIN_WORD.search(text.replace("EMK", "")), f"English words in {text!r}"


def test_permission_refusal_is_shown_in_russian(qtbot, make_window, fake_desk, russian, dialogs, caplog):
    def refused(actor, application_id):
        # The domain's own refusal, as the service raises it: a reviewer may not audit.
        require(Actor(staff_id=1, name=actor.name, role=StaffRole.REVIEWER), Permission.AUDIT, training_db=False)

    fake_desk.open_application = refused  # type: ignore[method-assign]
    w = make_window(fake_desk, lang="ru")
    w.runner.show_errors = True
    login(qtbot, w)
    w.next_application()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=3000)
    title, text = dialogs[0]
    assert title == "Не удалось открыть заявление"
    assert text == "Ваша роль не позволяет выполнить это действие."
    _russian_only(text)
    assert "may not audit" in caplog.text  # the developer's message: in the log for the administrator


def test_conflict_on_saving_is_shown_in_russian(qtbot, make_window, fake_desk, russian, dialogs, caplog):
    w = make_window(fake_desk, lang="ru")
    w.runner.show_errors = True
    login(qtbot, w)
    with qtbot.waitSignal(w.application_shown, timeout=5000) as shown:
        w.next_application()
    app_id = shown.args[0]
    fake_desk.rows[app_id].version += 1  # someone changed it meanwhile: the service refuses with a conflict
    w.actions_by_id["approve"].trigger()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=3000)
    title, text = dialogs[0]
    assert title == f"Решение по заявлению {app_id} не сохранено"
    assert text == ("Заявление тем временем изменил другой сотрудник. Откройте его заново, чтобы увидеть текущее "
                    "состояние.")
    _russian_only(title)
    _russian_only(text)
    assert "changed since you opened it" in caplog.text and "changed since" not in text
    assert fake_desk.decisions == []


def test_lost_lease_and_locked_account_in_russian(qapp, russian, caplog):
    lost = ConflictError("application X is held by another reviewer (staff #7); nothing was saved",
                         code="not_claimed")
    _russian_only(ui_errors.user_message(lost))
    from datetime import UTC, datetime
    locked = PermissionDenied("too many failed logins", code="account_locked",
                              until=datetime(2026, 11, 27, 6, 45, tzinfo=UTC))
    text = ui_errors.user_message(locked)
    assert "до 09:45 (по московскому времени)" in text
    _russian_only(text)
    # A code the interface has no words for yet: a general Russian message, the details in the log.
    odd = ReviewerError("some new refusal", code="brand_new")
    assert ui_errors.user_message(odd).startswith("Действие не выполнено")
    assert "some new refusal" in caplog.text


def test_a_blocked_decision_is_worded_by_the_rule_in_the_interface_language(qapp):
    blocked = ReviewerError("approve: the child is 18 or older", code="decision_blocked",
                            en="approve: the child is 18 or older", ru="одобрение: ребёнку уже 18 лет")
    assert ui_app.install_translations("ru")
    try:
        assert ui_errors.user_message(blocked) == "одобрение: ребёнку уже 18 лет"
    finally:
        ui_app.install_translations("en")
    assert ui_errors.user_message(blocked) == "approve: the child is 18 or older"


def _codes_raised() -> set[str]:
    """Every error code named in the product's code: `code="..."` at a raise site, `code = "..."` on a class."""
    root = Path(reviewer_app.__file__).parent
    found: set[str] = set()
    for path in root.rglob("*.py"):
        if "i18n" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "Error" not in text and "Denied" not in text and "NotFound" not in text:
            continue
        found |= set(re.findall(r'\bcode\s*=\s*"([a-z_]+)"', text))
    return found


def test_every_error_code_has_words_in_both_languages(qapp) -> None:
    codes = _codes_raised()
    assert {"permission_denied", "conflict", "changed", "not_claimed", "four_eyes", "account_locked"} <= codes
    words = ui_errors._messages()  # English: the source texts
    missing = sorted(codes - set(words))
    assert missing == [], f"no user message for error codes {missing}: add them to reviewer_app/ui/errors.py"
    for code in codes:
        assert ("ServiceErrors", words[code]) in RU, f"{code}: no Russian translation"
