"""`reviewer-app mfc record|pending|confirm|refuse`: MFC kinship confirmations under four eyes (issue 22).

record:  an MFC operator (role `mfc`) records that the parent showed the documents at the office; it counts at
         once. Recorded by desk staff it waits for another supervisor's verification.
pending: the desk-recorded confirmations waiting for a supervisor.
confirm: a supervisor other than the recorder verifies one; the application waiting for the MFC goes back to
         the queue.
refuse:  a supervisor other than the recorder refuses one, saying why; it never counts.
"""

from __future__ import annotations

import argparse

from reviewer_app.cli import auth
from reviewer_app.cli.terminal import printable
from reviewer_app.domain.clock import MOSCOW


def register(sub: argparse._SubParsersAction) -> None:
    m = sub.add_parser("mfc", help="MFC kinship confirmations: record, list pending, confirm, refuse",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    acts = m.add_subparsers(dest="mfc_command", metavar="ACTION", required=True)
    rec = acts.add_parser("record", help="record an MFC kinship confirmation for a child_access application")
    rec.add_argument("application_id", metavar="APPLICATION")
    rec.add_argument("--confirmed-by", required=True, metavar="NAME", help="the MFC officer")
    rec.add_argument("--office", required=True, metavar="OFFICE", help="the MFC office")
    rec.add_argument("--on", required=True, metavar="YYYY-MM-DD", help="the day the documents were shown")
    rec.add_argument("--document-ref", required=True, metavar="REF", help="the MFC's document reference")
    auth.add_login_options(rec)
    rec.set_defaults(handler=cmd_record)
    pend = acts.add_parser("pending", help="desk-recorded confirmations waiting for a supervisor")
    auth.add_login_options(pend)
    pend.set_defaults(handler=cmd_pending)
    ok = acts.add_parser("confirm", help="verify a pending confirmation (a supervisor, not its recorder)")
    ok.add_argument("confirmation_id", type=int, metavar="ID")
    ok.add_argument("--comment", metavar="TEXT")
    auth.add_login_options(ok)
    ok.set_defaults(handler=cmd_confirm)
    no = acts.add_parser("refuse", help="refuse a pending confirmation (a supervisor, not its recorder)")
    no.add_argument("confirmation_id", type=int, metavar="ID")
    no.add_argument("--comment", required=True, metavar="TEXT", help="why it is refused")
    auth.add_login_options(no)
    no.set_defaults(handler=cmd_refuse)


def cmd_record(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import mfc

    r = mfc.record_confirmation(app, auth.staff_actor(app, args, "mfc record"), args.application_id,
                                confirmed_by=args.confirmed_by, mfc_office=args.office, confirmed_on=args.on,
                                document_ref=args.document_ref)
    if r.state == "pending":
        print(f"confirmation {r.confirmation_id} for {r.application_id} recorded; it counts once another "
              f"supervisor confirms it (mfc confirm {r.confirmation_id})")
    else:
        print(f"confirmation {r.confirmation_id} for {r.application_id} recorded"
              + ("; the application is back in the queue" if r.requeued else ""))
    return 0


def cmd_pending(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import mfc

    rows = mfc.pending_confirmations(app, auth.staff_actor(app, args, "mfc pending"))
    if not rows:
        print("no confirmations waiting")
        return 0
    print(f"{'ID':>5}  {'APPLICATION':<18} {'RECORDED BY':<14} {'RECORDED':<17} {'OFFICE':<28} {'ON':<10} REF")
    for r in rows:
        print(f"{r.id:>5}  {r.application_id or '-':<18} {printable(r.recorded_by):<14} "
              f"{r.recorded_at.astimezone(MOSCOW):%Y-%m-%d %H:%M}  {printable(r.mfc_office)[:28]:<28} "
              f"{r.confirmed_on.isoformat():<10} {printable(r.document_ref)}")
    return 0


def cmd_confirm(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import mfc

    r = mfc.verify_confirmation(app, auth.staff_actor(app, args, "mfc confirm"), args.confirmation_id,
                                args.comment)
    print(f"confirmation {r.confirmation_id} confirmed" + (f"; {r.application_id} is back in the queue"
                                                           if r.requeued else ""))
    return 0


def cmd_refuse(args: argparse.Namespace, app) -> int:
    from reviewer_app.services import mfc

    r = mfc.refuse_confirmation(app, auth.staff_actor(app, args, "mfc refuse"), args.confirmation_id,
                                args.comment)
    print(f"confirmation {r.confirmation_id} refused")
    return 0
