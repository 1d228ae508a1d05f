"""`reviewer-app portal push --service URL --name NAME PATH...`: the portal's side of the pack push, for a portal
without its own integration (or to try one): each pack (a folder, a .zip, or a folder of packs) is sent to the
reviewer service as one request under the portal's system account (`staff add NAME --role portal --service`),
the password from REVIEWER_PORTAL_PASSWORD or asked. Needs no database and no keys, only the service's address.
Prints what became of each pack; exit code 0 when none was refused, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys

from reviewer_app.cli.auth import ask_secret
from reviewer_app.cli.terminal import printable

ENV_PASSWORD = "REVIEWER_PORTAL_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("portal", help="act as the portal: push packs to a reviewer service",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    psub = p.add_subparsers(dest="portal_command", required=True)
    push = psub.add_parser("push", help="push packs to the reviewer service")
    push.add_argument("paths", nargs="+", metavar="PATH", help="a pack folder, a .zip, or a folder of packs")
    push.add_argument("--service", required=True, metavar="URL", help="the reviewer service, https://HOST:PORT")
    push.add_argument("--name", required=True, help="the portal's system account")
    push.add_argument("--ca-file", metavar="PEM", help="CA certificate of the service (default: the system's)")
    push.set_defaults(handler=push_packs)


def push_packs(args: argparse.Namespace, _app) -> int:
    from reviewer_app.client.partners import PartnerClient

    password = os.environ.get(ENV_PASSWORD) or ask_secret(f"password for {args.name}: ",
                                                          hint=f"set {ENV_PASSWORD}")
    with PartnerClient(args.service, verify=args.ca_file or True) as portal:
        portal.sign_in(args.name, password)
        outcomes = portal.push_paths(args.paths)
    for o in outcomes:
        if o.status == "refused":
            print(printable(f"refused  {o.pack}: {o.reason}"))
        else:
            print(printable(f"{o.status:<8} {o.pack}: {o.application_id}"))
    refused = sum(o.status == "refused" for o in outcomes)
    print(f"imported {sum(o.status == 'imported' for o in outcomes)}, skipped "
          f"{sum(o.status == 'skipped' for o in outcomes)}, refused {refused}", file=sys.stderr)
    return 1 if refused else 0
