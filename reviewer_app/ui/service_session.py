"""Ending the desk's session on the reviewer service when the person logs out or closes the window.

Only a desk on the service (`HttpDeskService`) has a session to end (`logout`); the in-process desk has none. The
session ends after the work already under way (the held decision being written, the applications given back):
ending it first would refuse them.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import wait

log = logging.getLogger(__name__)


def end_after_pending(desk, runner, *, timeout: float = 60.0, block: bool = False) -> None:
    """Call `desk.logout()` once the runner's tasks running now have finished (in a thread of its own, or here
    with `block`)."""
    logout = getattr(desk, "logout", None)
    if logout is None:
        return
    pending = list(getattr(runner, "_futures", ()))

    def end() -> None:
        wait(pending, timeout=timeout)
        try:
            logout()
        except Exception as exc:  # the service gone: the session ends by itself after its idle time
            log.warning("the service session could not be ended: %s", exc)

    if block:
        end()
    else:
        threading.Thread(target=end, name="service-logout", daemon=True).start()
