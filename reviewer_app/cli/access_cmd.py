"""`reviewer-app access login|grants|unlock PHONE`: the citizen's side of the access database.

`login` sends a one-time code by SMS (the outbox) and asks for it; with `--code` it only checks a code already
sent. `unlock` (an administrator, `--as NAME`) lifts a lockout after wrong codes.
"""

from __future__ import annotations

import argparse

from reviewer_app.cli import auth
from reviewer_app.cli.terminal import printable
from reviewer_app.domain.clock import MOSCOW


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("access", help="citizen access: log in with an SMS code, list grants, unlock a login")
    acts = p.add_subparsers(dest="access_command", metavar="ACTION", required=True)
    lg = acts.add_parser("login", help="open a medical record with a one-time code sent by SMS")
    lg.add_argument("phone", metavar="PHONE")
    lg.add_argument("--record", default="self", metavar="self|CHILD_KEY",
                    help="whose record: 'self' (default) or a child's record key (8+ hexadecimal characters, "
                         "see `grants`)")
    lg.add_argument("--code", help="a code already received (otherwise a new one is sent and asked for)")
    lg.set_defaults(handler=cmd_login)
    gr = acts.add_parser("grants", help="list the records this phone's holder may open")
    gr.add_argument("phone", metavar="PHONE")
    auth.add_login_options(gr)
    gr.set_defaults(handler=cmd_grants)
    un = acts.add_parser("unlock", help="lift a login lock after wrong codes (administrator)")
    un.add_argument("phone", metavar="PHONE")
    un.add_argument("--as", dest="as_name", metavar="ADMIN", required=True,
                    help="the administrator doing this (password and TOTP code are prompted)")
    un.set_defaults(handler=cmd_unlock)


def cmd_login(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import citizen_login

    code = args.code
    if code is None:
        sent = citizen_login.request_code(app, args.phone, record=args.record)
        # The same words for every phone: whether it has a login is not for the asker to learn.
        print(f"if {sent.phone_display} may open this record, a code was sent to it by SMS; it is valid until "
              f"{sent.expires_at.astimezone(MOSCOW):%H:%M} (Moscow time)")
        code = auth.ask_line("code: ", hint="give the code with --code")
    try:
        opened = citizen_login.verify_code(app, args.phone, code, record=args.record)
    except citizen_login.LoginRefused as exc:
        if app.settings.lang == "ru" and exc.params.get("ru"):  # the citizen's own words, as in their SMS
            raise citizen_login.LoginRefused(exc.params["ru"]) from None
        raise
    whose = "own record" if opened.subject_kind == "self" else f"record of {opened.subject_name}"
    until = f" (until {opened.valid_until:%d.%m.%Y})" if opened.valid_until else ""
    print(f"access granted: {opened.holder_name}, {whose}{until}")
    return 0


def cmd_grants(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import grants

    actor = auth.staff_actor(app, args, "access grants")
    view = grants.list_grants(app, args.phone, actor)
    print(f"{printable(view.citizen_name)}, {view.phone_display}" + (" — opted out of EMK" if view.opted_out else ""))
    if view.locked_until:
        print(f"login locked until {view.locked_until.astimezone(MOSCOW):%H:%M} (Moscow time)")
    if not view.grants:
        print("no grants")
    for gv in view.grants:
        until = f"{gv.valid_until:%d.%m.%Y}" if gv.valid_until else "—"
        record = "self" if gv.subject_kind == "self" else gv.subject_key[:12]
        extra = f" ({gv.revoke_reason})" if gv.revoke_reason else ""
        print(f"{record:<13} {printable(gv.subject_name):<36} {gv.status:<8} until {until:<10} "
              f"application {gv.application_id}{extra}")
    return 0


def cmd_unlock(args: argparse.Namespace, app) -> int:
    from reviewer_app.cli.staff_cmd import cli_login
    from reviewer_app.services import citizen_login

    citizen_login.unlock(app, cli_login(app, args.as_name), args.phone)
    print(f"{args.phone}: login unlocked")
    return 0
