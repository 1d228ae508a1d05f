"""`reviewer-app --service URL staff ...|audit ...`: the administrator's commands as calls to the reviewer service.

From elsewhere than the service's machine the CLI holds no database URL and no key: it signs in to the service with
a staff name, password and TOTP code (prompted, or REVIEWER_STAFF_NAME / REVIEWER_STAFF_PASSWORD /
REVIEWER_STAFF_TOTP) and calls the API, as the desk does; the session ends when the command does. Without
--service these commands run beside the service with its settings, as before (`DbAdminDesk` on the context).
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator

from reviewer_app.cli import auth
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.admin_desk import AdminDesk

OPTION_HELP = ("work through the reviewer service at URL (reviewer-app serve) under a staff login instead of the "
               "database: for `staff` and `audit` commands; setting service_ca_file names the CA of its "
               "certificate")


def url(args: argparse.Namespace) -> str | None:
    return getattr(args, "service_url", None)


def refuse_unsupported(args: argparse.Namespace) -> None:
    """--service with a command that only runs beside the service's data: say so instead of using the database."""
    if url(args) and not getattr(args, "remote", False):
        command = " ".join(str(getattr(args, k)) for k in ("command", *sorted(k for k in vars(args)
                                                                              if k.endswith("_command")))
                           if getattr(args, k, None))
        hint = " (a desk on the service: `reviewer-app gui --service URL`)" if args.command == "gui" else ""
        raise ReviewerError(f"--service: `{command}` runs beside the service with its settings, not through it; "
                            f"only the staff and audit commands work through the service{hint}")


def _sign_in(service_url: str, settings, name: str | None, totp: str | None):
    from reviewer_app.client.desk import HttpDeskService

    if not service_url.startswith(("http://", "https://")):
        raise ReviewerError(f"--service: {service_url[:80]!r} is not an address; give it as https://HOST:PORT (or "
                            "http://127.0.0.1:PORT for a service on this machine)")
    name = name or os.environ.get(auth.ENV_NAME) or auth.ask_line(
        "staff name: ", hint=f"give --as NAME or set {auth.ENV_NAME}")
    password = os.environ.get(auth.ENV_PASSWORD) or auth.ask_secret(
        f"password for {name}: ", hint=f"set {auth.ENV_PASSWORD} for scripts")
    code = totp or os.environ.get(auth.ENV_TOTP) or auth.ask_line(
        f"TOTP code for {name}: ", hint=f"give --totp CODE or set {auth.ENV_TOTP}")
    desk = HttpDeskService(service_url, verify=settings.service_ca_file or True)
    try:
        desk.login(name, password, code)
    except BaseException:
        desk.close()
        raise
    return desk


@contextlib.contextmanager
def admin_desk(args: argparse.Namespace, app) -> Iterator[tuple[AdminDesk, Actor]]:
    """The AdminDesk this command works through and the signed-in staff member: over the service with
    --service (signed out at the end), else in process beside the database."""
    name, totp = getattr(args, "as_name", None), getattr(args, "totp", None)
    service_url = url(args)
    if service_url:
        from reviewer_app.client.admin import HttpAdminDesk

        desk = _sign_in(service_url, app.settings, name, totp)
        actor = desk.signed_in
        if actor is None:  # _sign_in returns a signed-in desk or raises
            raise ReviewerError("--service: the sign-in did not complete; try again")
        try:
            yield HttpAdminDesk(desk), actor
        finally:
            with contextlib.suppress(ReviewerError):
                desk.logout()
            desk.close()
        return
    from reviewer_app.services.admin_desk import DbAdminDesk

    yield DbAdminDesk(app), auth.staff_actor(app, args, f"{args.command} {_action(args)}")


def _action(args: argparse.Namespace) -> str:
    return next((str(v) for k, v in vars(args).items() if k.endswith("_command") and v), "")
