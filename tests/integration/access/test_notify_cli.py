"""`reviewer-app notify` end to end (the system clock: only what does not depend on the date is asserted)."""

from reviewer_app.cli import main


def test_notify_commands_run_as_the_system_and_say_what_they_did(db_url, data_dir, capsys) -> None:
    def run(*argv: str) -> int:
        return main(["--db-url", db_url, "--data-dir", str(data_dir), *argv])

    assert run("notify", "all") == 0
    out = capsys.readouterr().out
    assert "notify child-access: 0 parent(s) told, 0 without a login phone" in out
    assert "notify waiting: 0 case(s) expired, 0 without a mobile number" in out
    assert run("notify", "child-access", "--days", "0") == 2
    assert "--days: give a number of days of at least 1" in capsys.readouterr().err
