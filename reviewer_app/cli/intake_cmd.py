"""`reviewer-app intake PATH... [--watch DIR]`: import application packs into the queue.

PATH is a pack (a folder with application.json, or a .zip of it) or a folder of packs. Each pack is validated,
checked and queued in its own transaction: a refused pack leaves nothing behind and does not stop the others.
Re-importing the same pack is reported and skipped; a different pack under a known id is refused.

--watch DIR polls DIR for new packs and imports each. An imported (or skipped) pack is deleted, leaving
DIR/processed/NAME.receipt.txt (no personal data); a refused one moves to DIR/refused/ with NAME.reason.txt beside
it, owner-only, and is deleted once older than retention_days. No symbolic link is followed: a linked pack is
refused, and a linked processed/ or refused/ stops the watcher at start. Stops cleanly on Ctrl-C or SIGTERM.

Exit code: 0 when nothing was refused, 1 when some pack was refused.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from pathlib import Path

from reviewer_app.cli.terminal import printable
from reviewer_app.domain.errors import ReviewerError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("intake", help="import application packs (folders, .zip, or folders of packs)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", type=Path, help="pack folder, .zip, or folder of packs")
    p.add_argument("--watch", type=Path, metavar="DIR", help="keep importing new packs that appear in DIR")
    p.add_argument("--interval", type=float, default=2.0, metavar="SECONDS", help="--watch poll interval")
    p.add_argument("--settle", type=float, default=2.0, metavar="SECONDS",
                   help="--watch: leave packs modified in the last SECONDS alone (still being copied)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(handler=intake)


class Progress:
    """A plain-text progress bar on stderr, redrawn in place on a terminal, one line per 10% otherwise."""

    def __init__(self, *, enabled: bool = True, stream=None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.tty = getattr(self.stream, "isatty", lambda: False)()
        self.started = time.monotonic()
        self.last_decile = -1

    def __call__(self, done: int, total: int, outcome) -> None:
        if not self.enabled or total <= 1:  # one pack needs no bar
            return
        rate = done / max(time.monotonic() - self.started, 1e-6)
        width = 30
        filled = int(width * done / total)
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} packs, {rate:.1f}/s"
        if self.tty:
            self.stream.write("\r" + line + ("\n" if done == total else ""))
            self.stream.flush()
        elif (decile := done * 10 // total) != self.last_decile:
            self.last_decile = decile
            print(line, file=self.stream)


def print_summary(summary, stream=None) -> None:
    out = stream or sys.stdout
    print(f"imported {summary.imported}, skipped {summary.skipped}, refused {summary.refused}", file=out)
    for o in summary.outcomes:
        if o.status == "skipped":
            print(printable(f"  skipped  {o.source}: {o.application_id}: {o.reason}"), file=out)
    for o in summary.outcomes:
        if o.status == "refused":
            print(printable(f"  refused  {o.source}: {o.reason}"), file=out)


def intake(args: argparse.Namespace, app) -> int:
    from reviewer_app.services.intake import import_paths

    if not args.paths and not args.watch:
        raise ReviewerError("intake: give at least one PATH, or --watch DIR")
    # A missing key or an outdated schema stops the whole import with one message, not a refusal per pack.
    app.engine  # noqa: B018
    app.store  # noqa: B018
    warning = app.rules_warning()  # also checks the rule file before any pack
    if warning:
        print(f"intake: warning: {warning}", file=sys.stderr)
    code = 0
    if args.paths:
        summary = import_paths(app, args.paths, progress=Progress(enabled=not args.quiet))
        print_summary(summary)
        code = 1 if summary.refused else 0
    if args.watch:
        stop = threading.Event()

        def _handler(signum, _frame):
            print(f"intake: signal {signum}: stopping after the current pack", file=sys.stderr)
            stop.set()

        signal.signal(signal.SIGTERM, _handler)
        signal.signal(signal.SIGINT, _handler)
        watch(app, args.watch, stop=stop, interval=args.interval, settle=args.settle)
    return code


def _newest_mtime(path: Path) -> float:
    if path.is_file():
        return path.stat().st_mtime
    return max([path.stat().st_mtime] + [c.lstat().st_mtime for c in path.rglob("*")])


def watch(app, folder: Path, *, stop: threading.Event, interval: float = 2.0, settle: float = 2.0,
          max_rounds: int | None = None) -> int:
    """Poll `folder` until `stop` is set; returns how many packs were handled (services.drop_folder says what
    becomes of each: no link followed, no processed copy kept, refused packs owner-only until retention)."""
    from datetime import timedelta

    from reviewer_app.packs.paths import is_pack
    from reviewer_app.services import drop_folder
    from reviewer_app.services.intake import import_pack

    drop = drop_folder.prepare(folder)
    handled = rounds = 0
    print(f"intake: watching {folder} (Ctrl-C to stop)", file=sys.stderr)
    while not stop.is_set():
        now = time.time()
        for entry in sorted(folder.iterdir()):
            if stop.is_set():
                break
            if entry.name in (drop_folder.PROCESSED, drop_folder.REFUSED) or entry.name.startswith("."):
                continue
            link = entry.is_symlink()
            if not link and (not is_pack(entry) or now - _newest_mtime(entry) < settle):
                continue
            if link:  # never read through: refused as it stands
                outcome = None
                reason = f"{entry.name}: {drop_folder.LINK_REASON}"
            else:
                outcome = import_pack(app, entry)  # never raises for a bad pack
                reason = outcome.reason
            handled += 1
            try:
                if outcome is None or outcome.status == "refused":
                    drop_folder.refuse(drop, entry, reason, app.clock.now())
                    print(printable(f"refused  {entry.name}: {reason}"), file=sys.stderr)
                else:
                    drop_folder.done(drop, entry, status=outcome.status, application_id=outcome.application_id,
                                     now=app.clock.now())
                    print(printable(f"{outcome.status:<8} {entry.name}: {outcome.application_id}"), file=sys.stderr)
            except OSError as exc:  # a full disk or a read-only folder: say so and keep watching the others
                print(f"intake: cannot move {entry.name} aside ({exc.strerror or type(exc).__name__})",
                      file=sys.stderr)
        try:  # refused packs hold personal data: gone once past the retention period
            drop_folder.purge(folder, application_ids=(),
                              cutoff=app.clock.now() - timedelta(days=app.settings.retention_days))
        except OSError as exc:
            print(f"intake: cannot delete old refused packs ({exc.strerror or type(exc).__name__})", file=sys.stderr)
        rounds += 1
        if max_rounds is not None and rounds >= max_rounds:
            break
        stop.wait(interval)
    return handled
