"""Screenshots of every screen of every role, in Russian, at 1366x768: `uv run python tools/screenshots.py [DIR]`.

Builds the demo database (sample_data/, demo accounts) and a training database in a throwaway folder, logs in
through the login screen as the reviewer, the supervisor, the administrator and the trainer, and writes each screen
and dialog to DIR (default docs/screenshots) as <role>-<screen>.png. `--lang en` for the English screens,
`--screen 1920x1080` for a large screen. Without a display it renders offscreen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("ru", "en"), default="ru")
    parser.add_argument("--screen", choices=("1366x768", "1920x1080"), default="1366x768",
                        help="the screen size to render at (default 1366x768, the smallest desk screen)")
    parser.add_argument("--sample-data", type=Path, default=ROOT / "sample_data")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from sqlalchemy import select

    from reviewer_app.cli.gui_cmd import build_demo
    from reviewer_app.db.models import Staff
    from reviewer_app.domain.actor import Actor
    from reviewer_app.domain.enums import StaffRole
    from reviewer_app.services import staff, training
    from reviewer_app.ui.screenshots import tour

    folder = Path(tempfile.mkdtemp(prefix="reviewer-screenshots-"))
    ctx = training_ctx = None
    try:
        ctx, accounts = build_demo(folder, sample_data=args.sample_data, lang=args.lang, log=lambda *_: None)
        with ctx.sessions() as s:
            rows = s.execute(select(Staff.id, Staff.name, Staff.role)).all()
        actors = {role: Actor(staff_id=i, name=name, role=StaffRole(role)) for i, name, role in rows}
        training_ctx = training.open_training(ctx.settings)
        training.load_packs(training_ctx, args.sample_data)
        admin = staff.add_staff(training_ctx, None, name="admin", role="admin", password="admin-demo-pass")
        admin_actor = Actor(staff_id=admin.staff_id, name="admin", role=StaffRole.ADMIN)
        trainer = staff.add_staff(training_ctx, admin_actor, name="trainer", role="trainer", password="trainer-demo")
        training_accounts = [("trainer", "trainer", "trainer-demo", trainer.secret)]
        for old in args.out.glob("*.png") if args.out.is_dir() else ():
            old.unlink()  # screens that no longer exist must not linger
        return tour(ctx, accounts, actors, args.out, lang=args.lang, training_ctx=training_ctx,
                    training_accounts=training_accounts,
                    size=tuple(int(n) for n in args.screen.split("x")))
    finally:
        for c in (training_ctx, ctx):
            if c is not None:
                c.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
