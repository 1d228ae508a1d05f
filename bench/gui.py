"""Workstation timings.

1. Decision → next application fully shown (images, checks, pre-score), with the next one prefetched:
   a real SQLite demo database, the real DbDeskService and FaceMatcher; before each decision the bench waits
   until the prefetch is ready (a reviewer looks at an application far longer than the prefetch takes), then
   times from the Approve action to the next application's `application_shown`. Target ≤ 150 ms.
2. Process start → login window shown: `reviewer-app gui` in a fresh process (offscreen), timed to the moment
   the window is shown (the process is then ended). Target ≤ 1 s (issue 21). `--before DIR` times another
   checkout in turn with this one and prints the ratio pair by pair.

With undo on (the default: a decision is held 10 s for undo and written when the next decision starts), the next
application is shown without waiting for the write; `--undo-seconds 0` writes first and then shows (the old loop).

Run: `uv run python bench/gui.py [--decisions 10] [--starts 3] [--undo-seconds 0] [--before DIR]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Running as a script puts bench/ first on sys.path, where bench/queue.py would shadow the standard `queue`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]


class StubMatcher:
    """--stub-matcher: a fixed pre-score (the face matcher's own speed is bench/face_accuracy.py's business;
    here it is hidden by the prefetch anyway)."""

    def prescore(self, selfie, scan=None, *, consent: bool, selfie_name: str = "", scan_name: str = ""):
        from reviewer_app.domain.prescore import FaceBox, PreScore

        time.sleep(0.5)
        return PreScore(band="match", score=90.0, faces=(FaceBox("selfie", "live", 300, 900, 700, 500),
                                                         FaceBox("selfie", "document", 500, 1300, 600, 1200)),
                        model="stub", consent=consent)


def bench_decisions(n: int, stub: bool, undo_seconds: float) -> list[float]:
    import pyotp
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from reviewer_app.cli.gui_cmd import build_demo
    from reviewer_app.domain.views import DecisionRequest
    from reviewer_app.services.bootstrap import build_desk
    from reviewer_app.ui.app import ensure_qapp, install_translations
    from reviewer_app.ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    ctx, accounts = build_demo(folder, sample_data=folder / "none", lang="ru", log=lambda *_: None,
                               demo_packs=n + 2)
    ensure_qapp()
    install_translations("ru")
    desk = build_desk(ctx, matcher_factory=StubMatcher if stub else None)
    w = MainWindow(desk, lang="ru", app_context=ctx, undo_seconds=undo_seconds,
                   settings=QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    w.runner.show_errors = False
    # Approving a mismatching pair asks for a comment: answer the dialog as a reviewer would.
    w.ask = lambda view, outcome, reasons: DecisionRequest(view.id, view.version, outcome,
                                                           comment_internal="bench: looked again, same person")
    w.resize(1440, 900)
    w.show()

    def wait_until(cond, timeout=120.0) -> None:
        end = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > end:
                raise SystemExit(f"timed out; last error: {w.runner.last_error}")
            loop = QEventLoop()
            QTimer.singleShot(5, loop.quit)
            loop.exec()

    name, _role, password, secret = next(a for a in accounts if a[1] == "reviewer")
    w.login_page.name.setText(name)
    w.login_page.password.setText(password)
    w.login_page.code.setText(pyotp.TOTP(secret).now())
    w.login_page.button.click()
    wait_until(lambda: w.actor is not None)
    shown: list[tuple[str, float]] = []
    w.application_shown.connect(lambda app_id: shown.append((app_id, time.perf_counter())))
    w.next_application()
    wait_until(lambda: shown)
    times = []
    for _ in range(n):
        # as a reviewer: decide once the faces are compared and the application has settled (a key pressed
        # earlier is refused, and nobody presses it again here)
        wait_until(lambda: w.prefetched is not None and not w.saving and w.session.can_decide
                   and not w.session.settling and w.session.current.prescore_ready)
        current = w.current.id
        before = len(shown)
        if w.session.needs_acknowledgement():  # a "check by hand" result: the reviewer acknowledges it (K)
            w.actions_by_id["acknowledge"].trigger()
        t0 = time.perf_counter()
        w.actions_by_id["approve"].trigger()
        wait_until(lambda b=before: len(shown) > b)
        app_id, t1 = shown[-1]
        assert app_id != current
        times.append((t1 - t0) * 1000)
    w.runner.wait(10000)
    w.close()
    ctx.close()
    return times


def bench_start(n: int, command: list[str] | None, before: Path | None = None) -> tuple[list[float], list[float]]:
    """`command`: reviewer-app arguments, or None for the fast launcher `python -m reviewer_app.ui`. Each start is
    timed to the `shown_at=` line and the process is then ended (its service is still starting behind the window:
    how long the exit takes is not what is measured). `before`: another checkout of the code (`git archive`),
    started in turn with this one (A B A B ...) so a comparison holds when a shared machine's speed drifts; its
    times are the second list."""
    folder = Path(tempfile.mkdtemp(prefix="bench-start-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REVIEWER_GUI_EXIT_WHEN_SHOWN="1",
               REVIEWER_DATA_DIR=str(folder))
    subprocess.run([sys.executable, "-m", "reviewer_app", "keys", "init"], env=env, capture_output=True)
    subprocess.run([sys.executable, "-m", "reviewer_app", "db", "upgrade"], env=env, check=True,
                   capture_output=True)
    argv = ["-m", "reviewer_app", *command] if command else ["-m", "reviewer_app.ui"]
    times: list[float] = []
    times_before: list[float] = []
    here = Path(__file__).resolve().parents[1]
    for _ in range(n):
        times.append(_time_to_window(argv, env, here))
        if before is not None:  # `-m` puts the working folder first on sys.path: run it from that checkout
            times_before.append(_time_to_window(argv, dict(env, PYTHONPATH=str(before)), before))
    return times, times_before


def _time_to_window(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, *argv], env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.startswith("shown_at="):
                return (float(line.split("=", 1)[1]) - t0) * 1000
        raise SystemExit(f"{' '.join(argv)} exited with {proc.wait()} before showing its window")
    finally:
        proc.kill()
        proc.wait()


def _summary(label: str, values: list[float], target: float) -> None:
    p = sorted(values)
    print(f"{label}: n={len(values)} median {statistics.median(p):.0f} ms, max {p[-1]:.0f} ms "
          f"(target ≤ {target:.0f} ms) {'OK' if p[-1] <= target else 'OVER'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=10)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--stub-matcher", action="store_true", help="a fixed pre-score instead of dlib")
    parser.add_argument("--before", type=Path, metavar="DIR",
                        help="another checkout of the code (e.g. `git archive REV | tar -x -C DIR`) whose starts are "
                             "timed in turn with this one's, for a before/after ratio on a noisy machine")
    parser.add_argument("--undo-seconds", type=float, default=10.0,
                        help="how long a decision is held for undo (0: written before the next one is shown)")
    args = parser.parse_args()
    if args.starts:
        for label, command in (("`reviewer-app gui`", ["gui"]), ("`python -m reviewer_app.ui`", None)):
            start, start_before = bench_start(args.starts, command, args.before)
            _summary(f"{label}: process start → login window shown", start, 1000)
            if start_before:
                _summary(f"{label}, before ({args.before}): process start → login window shown", start_before,
                         1000)
                ratios = sorted(a / b for a, b in zip(start, start_before, strict=True))
                print(f"  ratio now/before, pair by pair: median {statistics.median(ratios):.2f} "
                      f"(min {ratios[0]:.2f}, max {ratios[-1]:.2f})")
    if not args.decisions:
        return
    decisions = bench_decisions(args.decisions, args.stub_matcher, args.undo_seconds)
    _summary(f"decision → next application shown (prefetched, undo {args.undo_seconds:g} s)", decisions, 150)


if __name__ == "__main__":
    main()
