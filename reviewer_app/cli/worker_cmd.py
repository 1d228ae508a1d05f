"""`reviewer-app worker [--once] [--batch N]`: the background face pre-scorer.

Runs until Ctrl-C or SIGTERM (the item being computed is finished, the rest of its batch given back), or with
--once until one batch is done. Run as many workers as you like, on as many machines: on PostgreSQL they share
the work without doing any twice. Exit code 0.

`reviewer-app worker --reindex-faces [--limit N]`, once after an upgrade that changes the identity descriptor:
describes the live face of every earlier application again (`services/face_reindex.py`), so the face-duplicate
search compares new applications with them too; then exits. Safe beside running workers. Exit code 0, or 1 when
an image could not be read (listed; tried again by the next run).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from reviewer_app.cli.terminal import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("worker", help="compute face pre-scores for queued applications in the background",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--once", action="store_true", help="process one batch and exit")
    p.add_argument("--batch", type=int, default=1, metavar="N", help="applications leased at a time (default 1)")
    p.add_argument("--poll", type=float, default=2.0, metavar="SECONDS", help="wait between empty polls")
    p.add_argument("-v", "--verbose", action="store_true", help="log every item")
    p.add_argument("--reindex-faces", action="store_true",
                   help="describe earlier applications' live faces under the current descriptor version, then exit")
    p.add_argument("--limit", type=int, metavar="N", help="with --reindex-faces: at most N applications")
    p.set_defaults(handler=worker)


def install_stop_handlers(stop: threading.Event) -> None:
    """SIGTERM and SIGINT set `stop` instead of killing the process mid-write."""
    def _handler(signum, _frame):
        print(f"worker: signal {signum}: finishing the current item, then stopping", file=sys.stderr)
        stop.set()

    signal.signal(signal.SIGTERM, _handler)
    signal.signal(signal.SIGINT, _handler)


def worker(args: argparse.Namespace, app) -> int:
    from reviewer_app.services.prescore_worker import run_worker

    if args.batch < 1:
        print("worker: --batch must be at least 1", file=sys.stderr)
        return 2
    if args.limit is not None and (args.limit < 1 or not args.reindex_faces):
        print("worker: --limit N needs --reindex-faces and N of at least 1", file=sys.stderr)
        return 2
    # Fail at once on a missing key or an outdated schema, not once per application.
    app.engine  # noqa: B018
    app.store  # noqa: B018
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(message)s")
    stop = threading.Event()
    install_stop_handlers(stop)
    if args.reindex_faces:
        return _reindex(app, args.limit, stop)
    stats = run_worker(app, once=args.once, batch=args.batch, stop=stop, poll_seconds=args.poll)
    print(f"worker {stats.worker}: {stats.done} done, {stats.failed} failed, {stats.lost} lost to another worker, "
          f"{stats.given_back} given back", file=sys.stderr)
    for e in stats.errors:
        print(f"  error: {printable(e)}", file=sys.stderr)  # errors quote pack file names
    return 0


def _reindex(app, limit: int | None, stop: threading.Event) -> int:
    from reviewer_app.matching import identity
    from reviewer_app.services.face_reindex import reindex_faces

    stats = reindex_faces(app, limit=limit, stop=stop)
    print(f"worker --reindex-faces ({identity.VERSION}): {stats.described} described, {stats.no_face} without a "
          f"live face, {stats.failed} failed", file=sys.stderr)
    for e in stats.errors:
        print(f"  error: {e}", file=sys.stderr)
    return 1 if stats.failed else 0
