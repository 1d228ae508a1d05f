"""A fake HTTP SMS gateway on 127.0.0.1, served from a thread."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeGateway:
    """A local HTTP SMS gateway: records requests, answers from a script, de-duplicates idempotency keys."""

    def __init__(self, script: list[int] | None = None) -> None:
        self.script = list(script or [])
        self.requests: list[dict] = []
        self.delivered: dict[str, dict] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                req = {"body": body, "auth": self.headers.get("Authorization"),
                       "key": self.headers.get("Idempotency-Key")}
                fake.requests.append(req)
                status = fake.script.pop(0) if fake.script else 200
                if status == 200:
                    fake.delivered.setdefault(req["key"], body)
                    payload = json.dumps({"id": f"gw-{req['key']}"}).encode()
                else:
                    payload = b'{"error": "try later"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
