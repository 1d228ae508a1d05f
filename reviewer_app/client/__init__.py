"""The desk's side of the reviewer service: `HttpDeskService`, the reviewer desk's interface over HTTP(S).

Imports no database code and holds no keys (an import-linter contract says so): a desk built on it needs only
the service's address. The names are loaded on first use: httpx and the schemas take longer to import than the
login window takes to show, and the window does not wait for them (`client.local`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer_app.client.admin import HttpAdminDesk
    from reviewer_app.client.desk import HttpDeskService, ServiceUnreachable
    from reviewer_app.client.supervision import HttpSupervisorDesk
    from reviewer_app.client.training import HttpTrainingDesk

__all__ = ["HttpAdminDesk", "HttpDeskService", "HttpSupervisorDesk", "HttpTrainingDesk", "ServiceUnreachable"]


def __getattr__(name: str) -> Any:
    # Static imports, one per module, so the import-linter contracts still see them.
    if name in ("HttpDeskService", "ServiceUnreachable"):
        from reviewer_app.client import desk as home
    elif name == "HttpSupervisorDesk":
        from reviewer_app.client import supervision as home  # type: ignore[no-redef]
    elif name == "HttpTrainingDesk":
        from reviewer_app.client import training as home  # type: ignore[no-redef]
    elif name == "HttpAdminDesk":
        from reviewer_app.client import admin as home  # type: ignore[no-redef]
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(home, name)
