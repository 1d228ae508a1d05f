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

#: Each name and the module that defines it.
_HOMES = {"HttpDeskService": "desk", "ServiceUnreachable": "desk", "HttpSupervisorDesk": "supervision",
          "HttpTrainingDesk": "training", "HttpAdminDesk": "admin"}
__all__ = ["HttpAdminDesk", "HttpDeskService", "HttpSupervisorDesk", "HttpTrainingDesk", "ServiceUnreachable"]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(f"reviewer_app.client.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
