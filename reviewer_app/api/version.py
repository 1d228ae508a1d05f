"""The API version: in the path (`/v1/...`) and in a header on every request and answer, so that a desk and a
service of different versions say so in words instead of misreading each other."""

from __future__ import annotations

API_VERSION = "1"
PREFIX = f"/v{API_VERSION}"
HEADER = "X-Reviewer-API"
#: The one-time key of a workstation's own in-process service (api.embedded), sent by its desk on every request.
EMBEDDED_KEY_HEADER = "X-Reviewer-Desk-Key"


def mismatch_message(client: str, service: str) -> str:
    return (f"this desk speaks version {client} of the reviewer service's interface and the service speaks "
            f"version {service}; install the same release of reviewer-app on the desk and the service")
