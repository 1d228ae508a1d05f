"""Two transactions at the same moment, for tests of what they must see of each other."""

from __future__ import annotations

import threading

from reviewer_app.services import audit


def two_at_once(monkeypatch, action: str, attempt) -> dict[str, BaseException | None]:
    """Runs `attempt` twice: the second starts once the first has written its `action` audit entry and holds its
    transaction open (up to 2 s, or until the second ends). Returns what each raised (None: nothing)."""
    first_written, second_done = threading.Event(), threading.Event()
    real_record = audit.record

    def record(session, **kw):
        entry = real_record(session, **kw)
        if kw.get("action") == action and not first_written.is_set():
            first_written.set()
            second_done.wait(2.0)  # the first transaction stays open meanwhile
        return entry

    monkeypatch.setattr(audit, "record", record)
    outcome: dict[str, BaseException | None] = {}

    def run(name: str) -> None:
        try:
            attempt()
            outcome[name] = None
        except Exception as exc:  # the refusal is the result under test
            outcome[name] = exc

    def second() -> None:
        first_written.wait(10)
        run("second")
        second_done.set()

    threads = [threading.Thread(target=run, args=("first",)), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcome
