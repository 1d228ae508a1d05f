"""`reviewer-app serve [--bind HOST:PORT]`: the reviewer service, the one process holding the database URL and
the keys; desks connect with `reviewer-app gui --service URL`.

Listens on the setting service_bind (default 127.0.0.1:8765). Plain HTTP only on a loopback address; elsewhere
name a certificate and key (settings service_tls_cert, service_tls_key). The API is under /v1; its OpenAPI
document is /openapi.json. Runs until Ctrl-C or SIGTERM. Exit code 0, or 2 for a setting that is wrong.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run the reviewer service that desks connect to",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bind", metavar="HOST:PORT", help="where to listen (overrides the setting service_bind)")
    p.add_argument("-v", "--verbose", action="store_true", help="log every request")
    p.set_defaults(handler=serve)


def serve(args: argparse.Namespace, app) -> int:
    from reviewer_app.api.app import create_app
    from reviewer_app.api.server import listen_from
    from reviewer_app.api.server import serve as run

    listen = listen_from(app.settings, args.bind)  # refuses plain HTTP off loopback before touching anything
    # Fail at once on an outdated schema or a wrong key, not at the first desk's call.
    app.engine  # noqa: B018
    app.checked_key  # noqa: B018
    asgi = create_app(app)
    print(f"reviewer service on {listen.url}/v1 (OpenAPI: {listen.url}/openapi.json)", file=sys.stderr)
    run(asgi, listen, log_level="info" if args.verbose else "warning")
    return 0
