"""The one place that builds the application: the context (settings, database, store, clock) and the desk.

The command line (`reviewer_app.cli.main`), the fast GUI launcher (`python -m reviewer_app.ui`), the `gui`,
`demo` and `train` commands and the benchmarks all build through these two functions, so a setting read by one
is read by all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reviewer_app.config import Settings, load_settings
from reviewer_app.domain.clock import Clock
from reviewer_app.services.context import AppContext


def build_app(*, config_file: Path | None = None, overrides: dict[str, Any] | None = None,
              settings: Settings | None = None, clock: Clock | None = None) -> AppContext:
    """The application context from `settings`, or from the config file, REVIEWER_* environment and
    `overrides` (the command line's flags). Nothing is connected yet: the database opens on first use."""
    if settings is None:
        settings = load_settings(config_file=config_file, overrides=overrides or {})
    return AppContext(settings, clock=clock)


def build_desk(app: AppContext, *, matcher_factory: Callable[[], Any] | None = None):
    """The reviewer's desk (`DeskService`) on this context. Imported here, not at the top: the desk pulls in
    SQLAlchemy, which the GUI's login window does not wait for."""
    from reviewer_app.services.desk_service import DbDeskService

    return DbDeskService(app, matcher_factory=matcher_factory)
