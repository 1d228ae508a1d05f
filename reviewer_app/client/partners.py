"""`PartnerClient`: another system (the portal, the MFC) on the reviewer service (`api.routes_partners`).

Wraps an `HttpDeskService` for its transport, API-version check and domain errors, but signs in with the system
account's password (`POST /v1/partners/session`) and keeps the token here, in memory. A pack folder is zipped
in memory and pushed as one request; a refused pack comes back as an outcome (status 'refused', the reason naming
the file, field and problem), so pushing a folder of packs goes on with the next one.
"""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reviewer_app.api.schemas import SessionOut
from reviewer_app.api.schemas_partners import PACK_NAME_HEADER, ConfirmationOut, PackOutcomeOut
from reviewer_app.client.desk import HttpDeskService
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied, ReviewerError
from reviewer_app.packs.paths import expand_paths

#: Codes of a refusal of the pack itself (the next pack may be fine): reported as an outcome, not raised.
PACK_REFUSALS = ("pack_refused", "pack_too_large")


@dataclass(frozen=True)
class PushOutcome:
    pack: str
    status: str  # imported | skipped | refused
    application_id: str | None = None
    reason: str = ""
    sla_deadline: str | None = None
    checks: dict[str, str] = field(default_factory=dict)


def zipped(path: Path) -> tuple[str, bytes]:
    """(file name, .zip bytes) of a pack: a .zip as it is, a folder zipped in memory (links not followed)."""
    if path.is_file():
        return path.name, path.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                file = Path(dirpath) / name
                if not file.is_symlink() and not name.startswith("."):
                    zf.write(file, file.relative_to(path).as_posix())
    return f"{path.name}.zip", buffer.getvalue()


class PartnerClient:
    """A portal or MFC system on the service at `base_url` (keyword arguments as `HttpDeskService`'s)."""

    def __init__(self, base_url: str | None = None, *, desk: HttpDeskService | None = None, **kwargs: Any) -> None:
        if desk is None:
            if base_url is None:
                raise ValueError("PartnerClient needs the service's base_url or an HttpDeskService")
            desk = HttpDeskService(base_url, **kwargs)
        self.desk = desk
        self._token: str | None = None
        self.actor: Actor | None = None

    def _send(self, method: str, path: str, **kwargs: Any):
        headers = kwargs.pop("headers", {})
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        return self.desk.send(method, path, headers=headers, **kwargs)

    # --- session ----------------------------------------------------------------------------------------------
    def sign_in(self, name: str, password: str) -> Actor:
        body = SessionOut.model_validate_json(self._send("POST", "/partners/session", json={
            "name": name, "password": password}).content)
        self._token = body.token
        self.actor = Actor(staff_id=body.staff.staff_id, name=body.staff.name, role=StaffRole(body.staff.role))
        return self.actor

    def sign_out(self) -> None:
        if self._token:
            try:
                self._send("DELETE", "/session")
            finally:
                self._token, self.actor = None, None

    def close(self) -> None:
        self.desk.close()

    def __enter__(self) -> PartnerClient:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(ReviewerError):
            self.sign_out()
        self.close()

    def _require_session(self) -> None:
        if not self._token:
            raise PermissionDenied("sign in first (PartnerClient.sign_in)", code="not_signed_in")

    # --- the portal -------------------------------------------------------------------------------------------
    def push_bytes(self, name: str, data: bytes) -> PushOutcome:
        """One pack as the bytes of its .zip. A refusal of the pack is an outcome; other errors are raised."""
        self._require_session()
        try:
            response = self._send("POST", "/intake/packs", content=data, headers={
                "Content-Type": "application/zip", PACK_NAME_HEADER: quote(name, safe="")})
        except ReviewerError as exc:
            if exc.code not in PACK_REFUSALS:
                raise
            return PushOutcome(pack=name, status="refused", application_id=exc.params.get("application_id"),
                               reason=str(exc.params.get("reason") or exc))
        out = PackOutcomeOut.model_validate_json(response.content)
        return PushOutcome(out.pack, out.status, out.application_id, out.reason, out.sla_deadline, out.checks)

    def push_pack(self, path: str | Path) -> PushOutcome:
        name, data = zipped(Path(path))
        return self.push_bytes(name, data)

    def push_paths(self, paths: Iterable[str | Path]) -> list[PushOutcome]:
        """Every pack under `paths`, one request each: a refused pack holds back none of the others."""
        outcomes = []
        for path in expand_paths(paths):
            try:
                outcomes.append(self.push_pack(path))
            except OSError as exc:
                outcomes.append(PushOutcome(pack=path.name, status="refused",
                                            reason=f"{path.name}: cannot be read: {exc.strerror or exc}"))
        return outcomes

    # --- the MFC ----------------------------------------------------------------------------------------------
    def post_confirmation(self, application_id: str, *, confirmed_by: str, mfc_office: str,
                          confirmed_on: date | str, document_ref: str) -> ConfirmationOut:
        self._require_session()
        response = self._send("POST", "/mfc/confirmations", json={
            "application_id": application_id, "confirmed_by": confirmed_by, "mfc_office": mfc_office,
            "confirmed_on": confirmed_on.isoformat() if isinstance(confirmed_on, date) else confirmed_on,
            "document_ref": document_ref})
        return ConfirmationOut.model_validate_json(response.content)
