"""A demo and training SMS gateway: messages appended to a local file instead of sent (`sms_gateway_url =
"file:PATH"`). It stands where the real gateway stands, so a one-time code stays readable only by the sender: on a
demo or training installation the person trying `access login` reads it from this file. Refused on any other
database (services/sms_dispatch.gateway_from_settings).

The file is created owner-only (0600) and refused if it exists with wider permissions or is not a regular file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reviewer_app.sms.base import SmsSendError

PREFIX = "file:"


class FileSmsGateway:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()

    def send(self, phone: str, body: str, idempotency_key: str) -> str:
        line = f"#{idempotency_key}\t{phone}\t{' '.join(body.split())}\n"
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        except OSError as exc:
            raise SmsSendError(f"demo SMS file {self.path}: cannot write it: {exc.strerror or exc}") from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077:
                raise SmsSendError(f"demo SMS file {self.path} is not a private file (mode "
                                   f"{stat.S_IMODE(info.st_mode):04o}): remove it or make it 0600")
            os.write(fd, line.encode("utf-8"))
        except OSError as exc:
            raise SmsSendError(f"demo SMS file {self.path}: cannot write it: {exc.strerror or exc}") from None
        finally:
            os.close(fd)
        return f"file-{idempotency_key}"
