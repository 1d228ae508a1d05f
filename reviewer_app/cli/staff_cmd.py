"""`reviewer-app staff add|list|disable|enable|unlock|reset-totp|role|login`: staff accounts with password and TOTP.

Administrative actions name the acting administrator with `--as NAME` (password and code are prompted). The
very first account is added without `--as` and must be an administrator. With `reviewer-app --service URL`
they are calls to the reviewer service under that login (`cli.remote`), not to the database.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reviewer_app.cli import auth, remote
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import ReviewerError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("staff", help="staff accounts: add, list, disable, enable, unlock, reset TOTP, test a login")
    acts = p.add_subparsers(dest="staff_command", metavar="ACTION", required=True)

    add = acts.add_parser("add", help="add an account (the first one: an administrator, without --as)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=[r.value for r in StaffRole])
    add.add_argument("--password-stdin", action="store_true", help="read the new password from standard input")
    add.add_argument("--qr-png", type=Path, metavar="PATH", help="also write the TOTP QR code as a PNG file")
    add.add_argument("--service", action="store_true",
                     help="a service account for scripts (password only, from settings; never at a desk)")
    _identity_options(add)
    _as(add, required=False)
    add.set_defaults(handler=cmd_add, remote=True)

    ident = acts.add_parser("identity", help="record or correct whose account it is (for recusal)")
    ident.add_argument("name", metavar="NAME")
    _identity_options(ident)
    _as(ident)
    ident.set_defaults(handler=cmd_identity)

    for name, helptext, handler in (("disable", "disable an account", cmd_disable),
                                    ("enable", "enable a disabled account", cmd_enable),
                                    ("unlock", "lift a lockout after failed logins", cmd_unlock)):
        a = acts.add_parser(name, help=helptext)
        a.add_argument("name", metavar="NAME")
        _as(a)
        a.set_defaults(handler=handler, remote=True)

    rt = acts.add_parser("reset-totp", help="new TOTP secret for a lost phone (old codes stop working)")
    rt.add_argument("name", metavar="NAME")
    rt.add_argument("--qr-png", type=Path, metavar="PATH", help="also write the TOTP QR code as a PNG file")
    _as(rt)
    rt.set_defaults(handler=cmd_reset_totp, remote=True)

    ro = acts.add_parser("role", help="give an account another role (its sessions carry it from their next call)")
    ro.add_argument("name", metavar="NAME")
    ro.add_argument("role", metavar="ROLE", choices=[r.value for r in StaffRole])
    _as(ro)
    ro.set_defaults(handler=cmd_role, remote=True)

    ls = acts.add_parser("list", help="list accounts")
    _as(ls)
    ls.set_defaults(handler=cmd_list, remote=True)

    lg = acts.add_parser("login", help="check a name, password and TOTP code (prompted)")
    lg.add_argument("name", metavar="NAME")
    lg.set_defaults(handler=cmd_login, remote=True)


def _identity_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("the staff member's identity (nobody reviews their own or a relative's "
                                  "application)")
    g.add_argument("--last-name", metavar="TEXT")
    g.add_argument("--first-name", metavar="TEXT")
    g.add_argument("--middle-name", metavar="TEXT")
    g.add_argument("--birth-date", metavar="YYYY-MM-DD")
    g.add_argument("--snils", metavar="XXX-XXX-XXX YY", help="optional")


def _identity(args: argparse.Namespace, app):
    from reviewer_app.domain.clock import moscow_date
    from reviewer_app.services import staff_identity

    return staff_identity.check_identity(args.last_name, args.first_name, args.middle_name, args.birth_date,
                                         args.snils, today=moscow_date(app.clock.now()))


def _as(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument("--as", dest="as_name", metavar="ADMIN", required=required,
                        help="the administrator doing this (password and TOTP code are prompted)")


def cli_login(app, name: str) -> Actor:
    """Log a staff member in from the terminal (or REVIEWER_STAFF_PASSWORD / REVIEWER_STAFF_TOTP)."""
    return auth.cli_login(app, name)


def _new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise ReviewerError("--password-stdin: standard input held no password")
        return password
    hint = "use --password-stdin"
    first = auth.ask_secret(f"new password for {args.name}: ", hint=hint)
    if auth.ask_secret("repeat it: ", hint=hint) != first:
        raise ReviewerError("the two passwords differ; nothing was changed")
    return first


def _show_enrollment(enr, qr_png: Path | None) -> None:
    import segno

    qr = segno.make(enr.uri, error="m")
    print(f"Scan this code with an authenticator app (or enter the key {enr.secret} by hand):")
    qr.terminal(out=sys.stdout, compact=True)
    if qr_png is not None:
        _write_private_png(qr, qr_png)
        print(f"QR code written to {qr_png} (owner-only; delete it once the code is scanned)")


def _write_private_png(qr, path: Path) -> None:
    """The QR code carries the TOTP seed: written owner-only (0600), never through a symlink, and never into a
    file that others may read (an existing file is replaced only if it is already private)."""
    import io
    import os
    import stat

    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=6, border=4)
    try:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077 or info.st_uid != os.getuid():
                raise ReviewerError(f"--qr-png: {path} exists and others may read it (or it is not a plain file "
                                    "of yours); remove it or give another path") from None
            fd = os.open(path, os.O_WRONLY | os.O_TRUNC | os.O_NOFOLLOW)
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), 0o600)
            out.write(buffer.getvalue())
    except OSError as exc:
        raise ReviewerError(f"--qr-png: cannot write {path}: {exc.strerror or exc}") from None


def cmd_add(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import staff

    if remote.url(args):
        return _add_through_service(args, app)
    identity = _identity(args, app)  # a typo is said before any password is asked
    actor = cli_login(app, args.as_name) if args.as_name else None
    password = _new_password(args)
    enr = staff.add_staff(app, actor, name=args.name, role=args.role, password=password, service=args.service,
                          identity=identity)
    if args.service:
        print(f"added service account {enr.name} ({enr.role}); set service_account = {enr.name!r} and "
              "service_password in the settings of the scripts that use it")
        return 0
    print(f"added {enr.name} ({enr.role})")
    _show_enrollment(enr, args.qr_png)
    return 0


def _add_through_service(args: argparse.Namespace, app) -> int:
    if args.service or any(getattr(args, k) for k in ("last_name", "first_name", "middle_name", "birth_date",
                                                       "snils")):
        raise ReviewerError("--service: service accounts and the staff member's identity are recorded beside the "
                            "service (`staff add` without --service, or `staff identity`); through the service "
                            "give NAME, --role and the password only")
    if not args.as_name:
        raise ReviewerError("--as: through the service an administrator adds staff; the first administrator is "
                            "added beside the service, without --service")
    with remote.admin_desk(args, app) as (desk, actor):
        enr = desk.add_staff(actor, name=args.name, role=args.role, password=_new_password(args))
    print(f"added {enr.name} ({enr.role})")
    _show_enrollment(enr, args.qr_png)
    return 0


def _change(args: argparse.Namespace, app, what: str) -> None:
    with remote.admin_desk(args, app) as (desk, actor):
        getattr(desk, what)(actor, args.name)


def cmd_disable(args: argparse.Namespace, app) -> int:
    _change(args, app, "disable")
    print(f"{args.name}: disabled")
    return 0


def cmd_enable(args: argparse.Namespace, app) -> int:
    _change(args, app, "enable")
    print(f"{args.name}: enabled")
    return 0


def cmd_unlock(args: argparse.Namespace, app) -> int:
    _change(args, app, "unlock")
    print(f"{args.name}: unlocked")
    return 0


def cmd_reset_totp(args: argparse.Namespace, app) -> int:
    with remote.admin_desk(args, app) as (desk, actor):
        enr = desk.reset_totp(actor, args.name)
    print(f"{args.name}: new TOTP secret; the old codes no longer work")
    _show_enrollment(enr, args.qr_png)
    return 0


def cmd_role(args: argparse.Namespace, app) -> int:
    with remote.admin_desk(args, app) as (desk, actor):
        desk.change_role(actor, args.name, args.role)
    print(f"{args.name}: role {args.role}")
    return 0


def cmd_identity(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import staff_identity

    identity = _identity(args, app)
    if identity is None:
        raise ReviewerError("staff identity: give --last-name, --first-name, --birth-date (and --middle-name, "
                            "--snils when there are)")
    staff_identity.set_identity(app, cli_login(app, args.as_name), args.name, identity)
    print(f"{args.name}: identity recorded ({staff_identity.describe(identity)})")
    return 0


def _state(locked_until, disabled: bool) -> str:
    return "disabled" if disabled else (
        f"locked until {locked_until.astimezone(MOSCOW):%H:%M}" if locked_until else "active")


def cmd_list(args: argparse.Namespace, app) -> int:
    from reviewer_app.cli.terminal import printable

    if remote.url(args):
        with remote.admin_desk(args, app) as (desk, actor):
            members = desk.list_staff(actor)
        print(f"{'NAME':<20} {'ROLE':<11} {'STATE':<22} {'TOTP':<5} FULL NAME")
        for m in members:
            print(f"{m.name:<20} {m.role:<11} {_state(m.locked_until, m.disabled):<22} "
                  f"{'yes' if m.has_totp else 'no':<5} {printable(m.full_name or '—')}")
        return 0
    from reviewer_app.services import staff, staff_identity

    actor = cli_login(app, args.as_name)
    rows = staff.list_staff(app, actor)
    who = staff_identity.identities(app, actor)
    print(f"{'NAME':<20} {'ROLE':<11} {'STATE':<22} {'TOTP':<5} IDENTITY")
    for r in rows:
        print(f"{r.name:<20} {r.role:<11} {_state(r.locked_until, r.disabled):<22} {'yes' if r.has_totp else 'no':<5} "
              f"{printable(staff_identity.describe(who.get(r.name)))}")
    return 0


def cmd_login(args: argparse.Namespace, app) -> int:
    if remote.url(args):
        args.as_name = args.name
        with remote.admin_desk(args, app) as (_desk, actor):
            pass
        print(f"ok: {actor.name} ({actor.role.value if actor.role else 'system'}) on {remote.url(args)}")
        return 0
    actor = cli_login(app, args.name)
    print(f"ok: {actor.name} ({actor.role.value if actor.role else 'system'})")
    return 0
