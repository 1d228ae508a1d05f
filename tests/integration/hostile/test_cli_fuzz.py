"""Issue 23, item 9: every CLI command that takes input, driven in-process through `reviewer_app.cli.main` with random
text, hostile strings (LIKE wildcards, markup, SQL, terminal escapes, undecodable bytes, a 200 000-character phone)
and random files. Whatever comes in, the command ends with an exit code and words: no exception escapes, no
"Traceback" is printed, and no failure is one the command did not foresee ("unexpected internal error"). Bounded
(a few examples per command, no deadline) so it runs in well under a minute; SQLite only (the commands' input
handling is the same on PostgreSQL)."""

from __future__ import annotations

import builtins
import contextlib
import getpass
import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer_app.cli import main
from reviewer_app.config import load_settings
from reviewer_app.services.context import AppContext
from tests.cli_login import service_account

HOSTILE = ["%", "%%%%%%%%", "________", "a%b_c\\", "<img src=\"/dev/zero\">", "<b>bold</b>", "' OR 1=1 --",
           "\"; DROP TABLE staff; --", "\x1b]0;pwned\x07", "\x1b[2J", "\u202e", "\udcff\udc80", "\ufeff", "😀",
           "-1", "0", "99999999999999999999999", "1e309", "nan", "2026-02-30", "9999-12-31", "30d", "-5d",
           "../../etc/passwd", "/dev/zero", "", " ", "self", "+79161234567", "8 (916) 123-45-67",
           "+7" + "9" * 200_000, "x" * 5000]
TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40),
                 st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE), st.text(max_size=8)))


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _bad_utf8_name_zip() -> bytes:
    data = bytearray(_zip({"application.json": b"{}"}).replace(b"application.json", b"applicati\xff\xfe.json"))
    data[data.find(b"PK\x03\x04") + 7] |= 0x08
    data[data.find(b"PK\x01\x02") + 9] |= 0x08
    return bytes(data)


FILE_BYTES = st.one_of(
    st.binary(max_size=300),
    st.just(_bad_utf8_name_zip()),
    st.builds(lambda s: _zip({"application.json": s.encode("utf-8", "surrogatepass")}), TEXT),
    st.builds(lambda s: _zip({"../evil": b"x", "application.json": s.encode("utf-8", "surrogatepass")}), TEXT),
    st.builds(lambda s: ('{"id": "' + s + '", "applicant": {"last_name": "<img src=/dev/zero>"}}')
              .encode("utf-8", "surrogatepass"), TEXT),
    st.just(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    st.just(b"\xff\xd8\xff\xe0" + b"\x00" * 64),
)

# Each command that takes input, as argv built from (text, another text, a file path).
COMMANDS = {
    "check file": lambda t, u, f: ["check", f],
    "check path": lambda t, u, f: ["check", t, "--today", u],
    "check --json --registry": lambda t, u, f: ["check", f, "--json", "--registry", f],
    "match": lambda t, u, f: ["match", f, "--passport", f, "--json"],
    "intake": lambda t, u, f: ["intake", "-q", f],
    "intake path": lambda t, u, f: ["intake", "-q", t],
    "access login code": lambda t, u, f: ["access", "login", t, "--code", u],
    "access login record": lambda t, u, f: ["access", "login", "+79161234567", "--record", t, "--code", u],
    "access login prompt": lambda t, u, f: ["access", "login", t, "--record", u],
    "access grants": lambda t, u, f: ["access", "grants", t],
    "access unlock": lambda t, u, f: ["access", "unlock", t, "--as", u],
    "queue list": lambda t, u, f: ["queue", "list", "--limit", t],
    "queue status": lambda t, u, f: ["queue", "status", "--as", t],
    "staff add": lambda t, u, f: ["staff", "add", t, "--role", "reviewer", "--password-stdin", "--qr-png", f + ".png"],
    "staff login": lambda t, u, f: ["staff", "login", t],
    "staff disable": lambda t, u, f: ["staff", "disable", t, "--as", u],
    "staff list": lambda t, u, f: ["staff", "list", "--as", t],
    "audit show": lambda t, u, f: ["audit", "show", "--target", t, "--actor", u, "--action", t, "--json"],
    "audit show since": lambda t, u, f: ["audit", "show", "--since", t, "--limit", u],
    "sms outbox": lambda t, u, f: ["sms", "outbox", "--status", t, "--limit", u],
    "sms outbox limit": lambda t, u, f: ["sms", "outbox", "--limit", t],
    "stats": lambda t, u, f: ["stats", "--from", t, "--to", u],
    "stats export": lambda t, u, f: ["stats", "--csv", f + ".csv", "--pdf", t],
    "retention": lambda t, u, f: ["retention", "purge", "--older-than", t, "--dry-run"],
    "registry load": lambda t, u, f: ["registry", "load", f],
    "train report": lambda t, u, f: ["train", "report", "--trainee", t],
}

FUZZ = settings(max_examples=8, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def installation(sqlite_template, tmp_path, monkeypatch):
    """A migrated SQLite database with keys, an administrator service account, and prompts that find no terminal."""
    from argon2 import PasswordHasher

    from reviewer_app.services import staff
    from reviewer_app.store.crypto import create_keys

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # the behaviour, not the hashing cost
    monkeypatch.setattr(staff, "_hasher", cheap)
    monkeypatch.setattr(staff, "_DUMMY_HASH", cheap.hash("not a password of anyone"))

    data_dir = tmp_path / "data"
    create_keys(data_dir / "keys" / "store.key")
    db = tmp_path / "fuzz.db"
    shutil.copyfile(sqlite_template, db)
    url = f"sqlite:///{db}"
    ctx = AppContext(load_settings(env={}, overrides={"db_url": url, "data_dir": data_dir}))
    service_account(ctx, monkeypatch, role="admin")
    ctx.close()
    monkeypatch.setenv("REVIEWER_STAFF_PASSWORD", "a wrong password")  # `--as NAME` reaches the login itself
    monkeypatch.setenv("REVIEWER_STAFF_TOTP", "000000")
    for name in ("REVIEWER_SMS_GATEWAY_URL", "REVIEWER_STAFF_NAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # a relative output path (`stats --pdf TEXT`) lands here, not in the checkout

    def no_terminal(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(builtins, "input", no_terminal)
    monkeypatch.setattr(getpass, "getpass", no_terminal)
    return ["--db-url", url, "--data-dir", str(data_dir)], tmp_path


def _run(argv: list[str], stdin: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)  # an exception escaping here fails the test with its traceback
    finally:
        sys.stdin = old_stdin
    text = out.getvalue() + err.getvalue()
    assert isinstance(code, int), (argv, code)
    assert "Traceback" not in text, text[-2000:]
    assert "unexpected internal error" not in text and "the system refused" not in text, text[-2000:]
    return text


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_input_makes_a_command_print_a_traceback(installation, command):
    base, folder = installation
    build = COMMANDS[command]
    counter = iter(range(10**6))

    @FUZZ
    @given(t=TEXT, u=TEXT, content=FILE_BYTES)
    def attempt(t: str, u: str, content: bytes) -> None:
        path = Path(folder) / f"input-{next(counter)}.zip"
        path.write_bytes(content)
        _run([*base, *build(t.replace("\x00", ""), u.replace("\x00", ""), str(path))], stdin=t + "\n")

    attempt()
