"""The desk's side of the reviewer service: `HttpDeskService`, the reviewer desk's interface over HTTP(S).

Imports no database code and holds no keys (an import-linter contract says so): a desk built on it needs only
the service's address. The names are loaded on first use: httpx and the schemas take longer to import than the
login window takes to show, and the window does not wait for them (`client.local`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer_app.client.desk import HttpDeskService, ServiceUnreachable

__all__ = ["HttpDeskService", "ServiceUnreachable"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from reviewer_app.client import desk

        return getattr(desk, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
