"""The SMS gateway interface. Implementations send one message and return the gateway's message id."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from reviewer_app.domain.errors import ReviewerError


class SmsSendError(ReviewerError):
    """The gateway did not accept the message; the outbox retries it later."""


@runtime_checkable
class SmsGateway(Protocol):
    def send(self, phone: str, body: str, idempotency_key: str) -> str:
        """Send `body` to `phone` (E.164). The same `idempotency_key` must never produce a second SMS.

        Returns the gateway's id for the message; raises SmsSendError when it was not accepted.
        """
        ...
