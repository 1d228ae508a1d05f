"""`reviewer-app sms outbox|send`: the operator's view of the SMS outbox, and dispatch to a configured gateway.

No command shows a one-time code: the outbox listing shows each message as stored, its code masked, with its
delivery state; only the sender (`sms send`, the gateway's side) opens the sealed text. On a demo or training
database `sms_gateway_url = "file:PATH"` makes `sms send` write the messages to a private file instead."""

from __future__ import annotations

import argparse
from datetime import timedelta

from reviewer_app.cli import auth
from reviewer_app.cli.terminal import printable
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
                     details={"messages": len(rows)})
    if not rows:
        print("outbox empty" + (f" (status {args.status})" if args.status else ""))
    for m in rows:
        created = m.created_at.astimezone(MOSCOW).strftime("%d.%m.%Y %H:%M:%S")
        # `body` is the text as stored: a code in it is masked (the real text is sealed for the sender only).
        print(f"#{m.id:<6} {m.status:<8} {display_phone(m.phone_e164):<17} {created}  {m.purpose:<8} "
              f"tries {m.attempts}  {printable(m.body)}")
        if m.sent_at is not None:
            print(f"        handed to the gateway {m.sent_at.astimezone(MOSCOW):%d.%m.%Y %H:%M:%S}"
                  + (f" as {printable(m.gateway_id)}" if m.gateway_id else ""))
        if m.last_error:
            print(f"        last error: {printable(m.last_error)}")
    return 0


def cmd_send(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import sms_dispatch

    gateway = sms_dispatch.gateway_from_settings(app.settings, training_db=app.is_training_db)
    if gateway is None:
        raise ConfigError("no SMS gateway configured: set 'sms_gateway_url' (and 'sms_gateway_token'); "
                          "until then messages stay in the outbox (`reviewer-app sms outbox`)")
    if args.requeue_stuck is not None:
        n = sms_dispatch.requeue_stuck(app, older_than=timedelta(minutes=args.requeue_stuck))
        print(f"requeued {n} message(s) stuck in 'sending'")
    report = sms_dispatch.dispatch_due(app, gateway)
    print(f"sent {report.sent}, failed {report.failed} (will be retried), skipped {report.skipped}")
    return 1 if report.failed else 0
