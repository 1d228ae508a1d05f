"""The shared work queue: claims with leases (claims), pre-score work leases (prescore), read views (views).

Functions take the caller's SQLAlchemy session and never commit: the service's unit of work does.
"""

from reviewer_app.queue.claims import (
    FINISH_STATES,
    ClaimedItem,
    claim_next,
    current_holder,
    expire_leases,
    finish,
    reassign,
    release,
    renew,
)
from reviewer_app.queue.views import QueueCount, QueueRow, counts, list_rows, mask_passport

__all__ = [
    "FINISH_STATES",
    "ClaimedItem",
    "QueueCount",
    "QueueRow",
    "claim_next",
    "counts",
    "current_holder",
    "expire_leases",
    "finish",
    "list_rows",
    "mask_passport",
    "reassign",
    "release",
    "renew",
]
