"""The `reviewer-app` command line.

Every module in this package that defines `register(subparsers)` adds its own subcommand(s), so command groups
live in small modules and are discovered here. A handler has the signature `handler(args, app) -> int`, where
`app` is the lazily built application context. Commands that open a window find the workstation starter in
`args.workstation` (given by `reviewer_app.entry`, the layer above; None when the CLI runs without it).

Every error ends as one sentence on standard error and a non-zero exit, never a traceback: a `ReviewerError` with
its own message, a usage error with argparse's, anything unforeseen (a bug, a full disk) with what it was and where
the details went (`cli-errors.log` in the data folder, owner-only). Messages echo at most a short part of a bad
value (`domain.errors.brief`) and are cut at `MAX_MESSAGE` characters, control characters shown, not sent.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reviewer_app.cli import remote
from reviewer_app.cli.terminal import printable
from reviewer_app.domain.errors import ReviewerError

MAX_MESSAGE = 600  # characters of an error message on the terminal


def short_message(message: object) -> str:
    """An error message fit for the terminal: control characters shown as escapes, at most MAX_MESSAGE long."""
    text = printable(message)
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + f"… ({len(text)} characters)"


class _Parser(argparse.ArgumentParser):
    """argparse, with its error messages (which quote the bad value whole: a 1 MB argument) cut short."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {short_message(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reviewer-app",
        description="Identity-verification review workstation for EMK access applications.",
    )
    parser.add_argument("--config", type=Path, help="TOML config file (default: the user config dir)")
    parser.add_argument("--db-url", dest="db_url", help="database URL (overrides REVIEWER_DB_URL)")
    parser.add_argument("--data-dir", dest="data_dir", type=Path, help="data folder (overrides REVIEWER_DATA_DIR)")
    parser.add_argument("--key-file", dest="key_file", type=Path, help="document-store key file")
    parser.add_argument("--lang", choices=("ru", "en"), help="language of messages")
    parser.add_argument("--service", dest="service_url", metavar="URL", help=remote.OPTION_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, workstation: Any = None) -> int:
    from reviewer_app.services.bootstrap import build_app

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse has already printed in one line
        return exc.code if isinstance(exc.code, int) else 2
    args.workstation = workstation
    overrides = {k: getattr(args, k, None) for k in ("db_url", "data_dir", "key_file", "lang")}
    app = None
    try:
        remote.refuse_unsupported(args)
        app = build_app(config_file=args.config, overrides=overrides)
        return int(args.handler(args, app) or 0)
    except ReviewerError as exc:
        print(f"reviewer-app: error: {short_message(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("reviewer-app: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug or an unforeseen failure: one sentence, the details in a private log
        print(f"reviewer-app: error: {short_message(_unexpected(exc, args, app))}", file=sys.stderr)
        return 1
    finally:
        if app is not None:
            with contextlib.suppress(Exception):  # closing after an error must not turn it into a traceback
                app.close()


def _unexpected(exc: Exception, args: argparse.Namespace, app) -> str:
    """One sentence for an exception no command foresaw; its traceback goes to the data folder's private
    cli-errors.log (beside the data it may quote), never to the terminal."""
    command = " ".join(str(getattr(args, k)) for k in ("command", *_action_keys(args)) if getattr(args, k, None))
    if isinstance(exc, OSError) and exc.strerror:
        what = f"the system refused: {exc.strerror}" + (f" ({exc.filename})" if exc.filename else "")
    else:
        what = f"an unexpected internal error ({type(exc).__name__})"
    where = _log_traceback(exc, app)
    tail = f"; the details are in {where}" if where else ""
    return f"`{command or 'reviewer-app'}` stopped: {what}; nothing more was done{tail}"


def _action_keys(args: argparse.Namespace) -> list[str]:
    return [k for k in vars(args) if k.endswith("_command")]


def _log_traceback(exc: Exception, app) -> str | None:
    import traceback

    from reviewer_app.store.private import private_dir

    try:
        folder = private_dir(app.settings.data_dir / "logs")
        path = folder / "cli-errors.log"
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8", errors="replace") as out:
            out.write("".join(traceback.format_exception(exc)) + "\n")
        return str(path)
    except Exception:  # no data folder yet, or it cannot be written: the sentence alone
        return None


def run() -> None:
    """The command line without the workstation (`reviewer-app` itself is `reviewer_app.entry.run`)."""
    sys.exit(main())
