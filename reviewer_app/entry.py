"""`reviewer-app`: the command line with the workstation plugged in.

The UI is the top layer and the CLI the one below it, so the CLI never imports the UI. The commands that open a
window (`gui`, `demo`, `train`) receive a `Workstation` from here, the one module above both, which imports the
UI only when one of them starts it (the other commands never load Qt).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from reviewer_app import cli


class Workstation:
    """Starts the PySide6 workstation for the CLI commands. Each method imports the UI when called."""

    def launch(self, app) -> int:
        """`reviewer-app gui`: the login window at once, the service (the database side) started behind it."""
        from reviewer_app.ui.__main__ import main

        return main(app)

    def run(self, desk, **kwargs) -> int:
        """The workstation on a ready desk (`demo`, `gui --screenshot`); see `ui.app.run_workstation`."""
        from reviewer_app.ui.app import run_workstation

        return run_workstation(desk, **kwargs)

    def training(self, ctx, *, desk=None, screenshot: Path | None = None, accounts=None) -> int:
        from reviewer_app.ui.app import run_training_workstation

        return run_training_workstation(ctx, desk=desk, screenshot=screenshot, accounts=accounts)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, workstation=Workstation())


def run() -> None:
    sys.exit(main())
