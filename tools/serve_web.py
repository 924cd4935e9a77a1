"""Serves the chat widget's demo page and bundle (`make run`, port WEB_PORT, 8000 by default).

Only four files are served: the demo page, its stylesheet and the built widget (with its
source map and licence notes). The page gets a strict Content-Security-Policy that allows
scripts from this server only and connections to the Rasa server only. When WEB_JWT_KEY is
set (a site whose socket channel requires a JWT), each page load gets a fresh short-lived
token, as a site's own backend would hand one out.
"""

from __future__ import annotations

import html
import os
import sys
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Optional, Tuple
from urllib.parse import urlsplit

WEB = Path(__file__).resolve().parent.parent / "web"
TOKEN_LIFETIME_S = 3600

STATIC = {
    "/demo.css": (WEB / "demo.css", "text/css; charset=utf-8"),
    "/widget.js": (WEB / "dist" / "widget.js", "text/javascript; charset=utf-8"),
    "/widget.js.map": (WEB / "dist" / "widget.js.map", "application/json"),
    "/widget.js.LEGAL.txt": (WEB / "dist" / "widget.js.LEGAL.txt", "text/plain; charset=utf-8"),
}

COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def content_security_policy(server_url: str) -> str:
    parts = urlsplit(server_url)
    socket_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    return "; ".join([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' https: data:",
        f"connect-src {parts.scheme}://{parts.netloc} {socket_url}",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])


def mint_token(key: str, method: str) -> str:
    import jwt  # PyJWT, installed with Rasa; needed only when a JWT is configured

    now = int(time.time())
    return jwt.encode({"sub": "demo-visitor", "iat": now, "exp": now + TOKEN_LIFETIME_S}, key, algorithm=method)


class DemoHandler(BaseHTTPRequestHandler):
    server_version = "LiverInsightDemo"
    sys_version = ""

    def server_url(self) -> str:
        configured = os.environ.get("WIDGET_SERVER_URL")
        if configured:
            return configured.rstrip("/")
        # The Rasa server on the same host name the browser used, so CORS sees that origin.
        host = urlsplit(f"//{self.headers.get('Host') or 'localhost'}").hostname or "localhost"
        return f"http://{host}:{os.environ.get('RASA_PORT', '5005')}"

    def page(self) -> Tuple[bytes, Dict[str, str]]:
        server_url = self.server_url()
        token_attribute = ""
        key = os.environ.get("WEB_JWT_KEY")
        if key:
            token = mint_token(key, os.environ.get("WEB_JWT_METHOD", "HS256"))
            token_attribute = f' data-token="{html.escape(token)}"'
        text = (WEB / "index.html").read_text(encoding="utf-8")
        text = text.replace("{{SERVER_URL}}", html.escape(server_url)).replace("{{TOKEN_ATTRIBUTE}}", token_attribute)
        headers = {
            "Content-Type": "text/html; charset=utf-8",
            "Content-Security-Policy": content_security_policy(server_url),
            "Cache-Control": "no-store",
        }
        return text.encode("utf-8"), headers

    def respond(self, include_body: bool) -> None:
        path = urlsplit(self.path).path
        body: Optional[bytes] = None
        headers: Dict[str, str] = {}
        if path in ("/", "/index.html"):
            body, headers = self.page()
        elif path in STATIC and STATIC[path][0].is_file():
            file, content_type = STATIC[path]
            body = file.read_bytes()
            headers = {"Content-Type": content_type, "Cache-Control": "no-cache"}
        if body is None:
            body = b"Not found\n"
            status = HTTPStatus.NOT_FOUND
            headers = {"Content-Type": "text/plain; charset=utf-8"}
        else:
            status = HTTPStatus.OK
        self.send_response(status)
        for name, value in {**COMMON_HEADERS, **headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        if include_body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self.respond(include_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(include_body=False)

    def log_request(self, code="-", size="-") -> None:
        # Paths only, and only for errors: no query strings, no conversation text.
        code = getattr(code, "value", code)
        if str(code)[:1] in ("4", "5"):
            sys.stderr.write(f"web: {self.command} {urlsplit(self.path).path} -> {code}\n")


def main() -> None:
    if not STATIC["/widget.js"][0].is_file():
        sys.exit("error: web/dist/widget.js is missing: run `make web` (npm ci and the build)")
    port = int(os.environ.get("WEB_PORT", "8000"))
    host = os.environ.get("WEB_HOST", "127.0.0.1")
    server = ThreadingHTTPServer((host, port), DemoHandler)
    server.daemon_threads = True
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
