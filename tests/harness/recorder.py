"""A local HTTP server standing in for the Telegram, Slack, Graph and Twilio APIs.

The channels' real HTTP clients (aiogram, slack_sdk, fbmessenger, twilio) send to it
through each channel's `api_base_url`; it records every call and answers as the service
would, so the clients parse a real response. Only the remote service is replaced.
Used by the in-process protocol tests here and by the live smoke tests
(tests/system/channels/).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

SERVICES = ("telegram", "slack", "facebook", "twilio")


@dataclass
class Call:
    service: str
    method: str
    path: str
    query: Dict[str, str]
    headers: Dict[str, str]
    body: Dict[str, Any]


def _parse_body(content_type: str, raw: bytes) -> Dict[str, Any]:
    if not raw:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(raw)
    if content_type.startswith("application/x-www-form-urlencoded"):
        return {key: values[0] for key, values in parse_qs(raw.decode("utf-8")).items()}
    return {"raw": raw.decode("utf-8", "replace")}


def _answer(call: Call) -> Tuple[int, Any]:
    """What the real service answers to this call (the parts the clients read)."""
    now = int(time.time())
    if call.service == "telegram":
        method = call.path.rsplit("/", 1)[-1].lower()
        if method == "sendmessage":
            chat_id = int(call.body.get("chat_id", 0))
            message = {
                "message_id": now % 100000,
                "date": now,
                "chat": {"id": chat_id, "type": "private"},
                "from": {"id": 1, "is_bot": True, "first_name": "Liver Insight"},
                "text": call.body.get("text", ""),
            }
            return 200, {"ok": True, "result": message}
        return 200, {"ok": True, "result": True}
    if call.service == "slack":
        channel = call.body.get("channel", "")
        return 200, {
            "ok": True,
            "channel": channel,
            "ts": f"{now}.000100",
            "message": {"text": call.body.get("text", "")},
        }
    if call.service == "facebook":
        recipient = (call.body.get("recipient") or {}).get("id", "")
        if "message" in call.body:
            return 200, {"recipient_id": recipient, "message_id": f"m_{now}"}
        return 200, {"recipient_id": recipient}
    if call.service == "twilio":
        return 201, {
            "sid": f"SM{now:032d}"[:34],
            "account_sid": call.path.split("/")[3] if call.path.count("/") >= 3 else "",
            "to": call.body.get("To"),
            "from": call.body.get("From"),
            "body": call.body.get("Body"),
            "status": "queued",
            "num_segments": "1",
            "direction": "outbound-api",
            "api_version": "2010-04-01",
        }
    return 404, {"error": "unknown service"}


class Recorder:
    def __init__(self) -> None:
        self._calls: List[Call] = []
        self._lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                url = urlsplit(self.path)
                service, _, rest = url.path.lstrip("/").partition("/")
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                call = Call(
                    service=service,
                    method=self.command,
                    path="/" + rest,
                    query={key: values[0] for key, values in parse_qs(url.query).items()},
                    headers={key.lower(): value for key, value in self.headers.items()},
                    body=_parse_body(self.headers.get("Content-Type", ""), raw),
                )
                status, answer = _answer(call)
                with recorder._lock:
                    recorder._calls.append(call)
                body = json.dumps(answer).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _handle

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "Recorder":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/{service}"

    def api_base_url(self, service: str) -> str:
        """The channel's `api_base_url` that sends to this recorder (Slack's API is /api/)."""
        return self.url(service) + ("/api/" if service == "slack" else "")

    def forget(self) -> None:
        """Drops the calls recorded so far, so the next test sees only its own."""
        with self._lock:
            self._calls.clear()

    def calls(self, service: Optional[str] = None) -> List[Call]:
        with self._lock:
            return [call for call in self._calls if service in (None, call.service)]

    def wait_for(
        self, matching: Callable[[List[Call]], bool], service: str, timeout: float = 60
    ) -> List[Call]:
        """The calls to `service` once `matching` holds for them (Slack answers in the background)."""
        deadline = time.monotonic() + timeout
        while True:
            calls = self.calls(service)
            if matching(calls):
                return calls
            if time.monotonic() > deadline:
                raise AssertionError(f"no matching {service} calls in {timeout} s: {calls}")
            time.sleep(0.2)
