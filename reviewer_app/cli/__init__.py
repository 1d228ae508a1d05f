"""The `reviewer-app` command line.

Every module in this package that defines `register(subparsers)` adds its own subcommand(s), so command groups
live in small modules and are discovered here. A handler has the signature `handler(args, app) -> int`, where
`app` is the lazily built application context. Commands that open a window find the workstation starter in
`args.workstation` (given by `reviewer_app.entry`, the layer above; None when the CLI runs without it).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reviewer_app.domain.errors import ReviewerError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer-app",
        description="Identity-verification review workstation for EMK access applications.",
    )
    parser.add_argument("--config", type=Path, help="TOML config file (default: the user config dir)")
    parser.add_argument("--db-url", dest="db_url", help="database URL (overrides REVIEWER_DB_URL)")
    parser.add_argument("--data-dir", dest="data_dir", type=Path, help="data folder (overrides REVIEWER_DATA_DIR)")
    parser.add_argument("--key-file", dest="key_file", type=Path, help="document-store key file")
    parser.add_argument("--lang", choices=("ru", "en"), help="language of messages")
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
    args = parser.parse_args(argv)
    args.workstation = workstation
    overrides = {k: getattr(args, k, None) for k in ("db_url", "data_dir", "key_file", "lang")}
    app = None
    try:
        app = build_app(config_file=args.config, overrides=overrides)
        return int(args.handler(args, app) or 0)
    except ReviewerError as exc:
        print(f"reviewer-app: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("reviewer-app: interrupted", file=sys.stderr)
        return 130
    finally:
        if app is not None:
            app.close()


def run() -> None:
    """The command line without the workstation (`reviewer-app` itself is `reviewer_app.entry.run`)."""
    sys.exit(main())
