"""`reviewer-app keys init`: create the document-store key with owner-only permissions."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    keys = sub.add_parser("keys", help="manage the encryption key for documents and secrets")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    init = keys_sub.add_parser("init", help="create a new key file (never overwrites an existing one)")
    init.set_defaults(handler=init_key)


def init_key(args: argparse.Namespace, app) -> int:
    from reviewer_app.store.crypto import create_key_file, key_id
    path = app.settings.key_file
    key = create_key_file(path)
    print(f"created key {key_id(key)} in {path} (mode 0600). Back it up: documents cannot be read without it.")
    return 0
