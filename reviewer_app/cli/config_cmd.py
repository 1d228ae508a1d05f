"""`reviewer-app config show`: the effective settings, secrets masked, with where each came from."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    cfg = sub.add_parser("config", help="show the effective configuration")
    cfg_sub = cfg.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    show = cfg_sub.add_parser("show", help="print every setting, its value (secrets masked) and its source")
    show.set_defaults(handler=show_config)


def show_config(args: argparse.Namespace, app) -> int:
    settings = app.settings
    print(f"config file: {settings.config_file or '(none)'}")
    rows = settings.masked()
    width = max(len(name) for name, _, _ in rows)
    vwidth = min(60, max(len(value) for _, value, _ in rows))
    for name, value, source in rows:
        print(f"{name:<{width}}  {value:<{vwidth}}  [{source}]")
    return 0
