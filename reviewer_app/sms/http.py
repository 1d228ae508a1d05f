"""An HTTP SMS gateway: JSON POST with a bearer token and an Idempotency-Key header (standard library only).

Request:  POST <url>  {"to": "+79161234567", "text": "..."}
Answer:   2xx with JSON {"id": "..."} (also accepted: "message_id"); anything else is an SmsSendError.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from reviewer_app.sms.base import SmsSendError


class HttpSmsGateway:
    def __init__(self, url: str, token: str | None = None, *, timeout: float = 10.0) -> None:
        if not url.startswith(("http://", "https://")):
            raise SmsSendError(f"setting 'sms_gateway_url': {url!r} is not an http(s) URL")
        self.url = url
        self.token = token
        self.timeout = timeout

    def send(self, phone: str, body: str, idempotency_key: str) -> str:
        data = json.dumps({"to": phone, "text": body}, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": idempotency_key,
                   "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read(65536)
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip()
            raise SmsSendError(f"SMS gateway answered HTTP {exc.code}: {detail or exc.reason}") from None
        except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SmsSendError(f"SMS gateway {self.url} unreachable: {reason}") from None
        try:
            answer = json.loads(raw.decode("utf-8"))
            gateway_id = answer.get("id") or answer.get("message_id")
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
            gateway_id = None
        if not gateway_id:
            raise SmsSendError(f"SMS gateway answered without a message id: {raw[:200]!r}")
        return str(gateway_id)
