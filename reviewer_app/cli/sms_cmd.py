"""`reviewer-app sms outbox|send`: the operator's view of the SMS outbox, and dispatch to a configured gateway."""

from __future__ import annotations

import argparse
from datetime import timedelta

from reviewer_app.cli import auth
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.enums import SmsStatus
from reviewer_app.domain.errors import ConfigError
from reviewer_app.domain.permissions import Permission


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sms", help="the SMS outbox: show it, or send due messages through the gateway")
    acts = p.add_subparsers(dest="sms_command", metavar="ACTION", required=True)
    ob = acts.add_parser("outbox", help="list outbox messages, newest first")
    ob.add_argument("--status", choices=[s.value for s in SmsStatus])
    ob.add_argument("--limit", type=int, default=50)
    ob.add_argument("--show-codes", action="store_true",
                    help="open the sealed texts and show one-time codes in clear (demo and test installations "
                         "only; needs the key)")
    auth.add_login_options(ob)
    ob.set_defaults(handler=cmd_outbox)
    sd = acts.add_parser("send", help="send due messages through settings.sms_gateway_url")
    sd.add_argument("--requeue-stuck", type=int, metavar="MINUTES",
                    help="first put back messages stuck in 'sending' for longer than MINUTES (a crashed sender)")
    sd.set_defaults(handler=cmd_send)


def cmd_outbox(args: argparse.Namespace, app) -> int:
    from reviewer_app.policy.validators import display_phone
    from reviewer_app.services import audit, authz, sms_dispatch

    actor = authz.require(app, auth.staff_actor(app, args, "sms outbox"), Permission.AUDIT)
    rows = sms_dispatch.list_outbox(app, status=args.status, limit=args.limit)
    with app.uow() as s:  # who looked at the outbox (phone numbers, message texts) is on record
        audit.record(s, at=app.clock.now(), actor=actor.name, action="sms.outbox_read", target_type="sms",
                     target_id=args.status or "*",
                     details={"messages": len(rows), "codes_shown": args.show_codes})
    if args.show_codes:
        print("NOTE: one-time codes are shown in clear (--show-codes): for demo and test installations only; the "
              "outbox itself stores them sealed for the SMS sender.")
    if not rows:
        print("outbox empty" + (f" (status {args.status})" if args.status else ""))
    for m in rows:
        created = m.created_at.astimezone(MOSCOW).strftime("%d.%m.%Y %H:%M:%S")
        print(f"#{m.id:<6} {m.status:<8} {display_phone(m.phone_e164):<17} {created}  {m.purpose:<8} "
              f"tries {m.attempts}  {sms_dispatch.text_to_send(app, m) if args.show_codes else m.body}")
        if m.last_error:
            print(f"        last error: {m.last_error}")
    return 0


def cmd_send(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import sms_dispatch

    gateway = sms_dispatch.gateway_from_settings(app.settings)
    if gateway is None:
        raise ConfigError("no SMS gateway configured: set 'sms_gateway_url' (and 'sms_gateway_token'); "
                          "until then messages stay in the outbox (`reviewer-app sms outbox`)")
    if args.requeue_stuck is not None:
        n = sms_dispatch.requeue_stuck(app, older_than=timedelta(minutes=args.requeue_stuck))
        print(f"requeued {n} message(s) stuck in 'sending'")
    report = sms_dispatch.dispatch_due(app, gateway)
    print(f"sent {report.sent}, failed {report.failed} (will be retried), skipped {report.skipped}")
    return 1 if report.failed else 0
