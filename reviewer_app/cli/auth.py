"""Who runs a command: commands that read personal data or act as staff need a staff login.

Either a person: `--as NAME` (or REVIEWER_STAFF_NAME), the password from REVIEWER_STAFF_PASSWORD or a hidden
prompt, the TOTP code from `--totp`, REVIEWER_STAFF_TOTP or a prompt; or, for scripts and cron, the service
account named in the settings (`service_account`, `service_password`; created with `staff add NAME --role ROLE
--service`). Either way the account's role and state are the database's, re-read by every service call.
With no terminal to ask on (closed stdin), the command stops with a message instead of a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.errors import ConfigError, PermissionDenied, ReviewerError

ENV_NAME = "REVIEWER_STAFF_NAME"
ENV_PASSWORD = "REVIEWER_STAFF_PASSWORD"
ENV_TOTP = "REVIEWER_STAFF_TOTP"


def add_login_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("staff login (this command reads personal data or acts as staff)")
    group.add_argument("--as", dest="as_name", metavar="NAME",
                       help=f"staff name (or {ENV_NAME}); password from {ENV_PASSWORD} or prompted. Without it: "
                            "the service account of the settings (service_account, service_password)")
    group.add_argument("--totp", metavar="CODE", help=f"TOTP code (or {ENV_TOTP}; otherwise prompted)")


def ask_secret(prompt: str, *, hint: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise ReviewerError(f"no terminal to ask for {prompt.rstrip(': ')} (standard input is closed); "
                            f"{hint}") from None


def ask_line(prompt: str, *, hint: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        raise ReviewerError(f"no terminal to ask for {prompt.rstrip(': ')} (standard input is closed); "
                            f"{hint}") from None


def cli_login(app, name: str, *, totp: str | None = None) -> Actor:
    """Log a person in from the terminal or a script: password and TOTP code from the environment or prompts."""
    from reviewer_app.services import staff

    password = os.environ.get(ENV_PASSWORD) or ask_secret(f"password for {name}: ",
                                                          hint=f"set {ENV_PASSWORD} for scripts")
    code = totp or os.environ.get(ENV_TOTP) or ask_line(f"TOTP code for {name}: ",
                                                        hint=f"give --totp CODE or set {ENV_TOTP}")
    return staff.login(app, name, password, code, source=cli_source())


def cli_source() -> str:
    """Where a command-line login comes from, for the login throttle (a desk passes "desk:HOST")."""
    import socket

    return f"cli:{socket.gethostname()}"[:64]


def staff_actor(app, args: argparse.Namespace, what: str) -> Actor:
    """The staff member (or service account) running this command; refuses when there is none."""
    from reviewer_app.services import staff

    name = getattr(args, "as_name", None) or os.environ.get(ENV_NAME)
    if name:
        return cli_login(app, name, totp=getattr(args, "totp", None))
    account = app.settings.service_account
    if account:
        if not app.settings.service_password:
            raise ConfigError(f"setting service_account is {account!r} but service_password is empty")
        return staff.service_login(app, account, app.settings.service_password, source=cli_source())
    raise PermissionDenied(f"{what} reads personal data or acts as staff: log in with --as NAME (password and "
                           f"TOTP code prompted, or {ENV_PASSWORD} and --totp/{ENV_TOTP}), or configure a "
                           "service account (settings service_account and service_password)")
