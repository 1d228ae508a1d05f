"""The desk's side of the reviewer service: `HttpDeskService`, the reviewer desk's interface over HTTP(S).

Imports no database code and holds no keys (an import-linter contract says so): a desk built on it needs only
the service's address.
"""

from reviewer_app.client.desk import HttpDeskService, ServiceUnreachable
from reviewer_app.client.supervision import HttpSupervisorDesk

__all__ = ["HttpDeskService", "HttpSupervisorDesk", "ServiceUnreachable"]
