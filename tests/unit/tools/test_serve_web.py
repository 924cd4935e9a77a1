"""The demo page server (tools/serve_web.py): what it serves, and its security headers."""

from __future__ import annotations

import importlib.util
import threading
from http.server import ThreadingHTTPServer

import jwt
import pytest
import requests

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("serve_web", ROOT / "tools" / "serve_web.py")
serve_web = importlib.util.module_from_spec(spec)
spec.loader.exec_module(serve_web)

KEY = "serve-web-test-key-0123456789-0123456789"


@pytest.fixture
def demo_server(monkeypatch):
    monkeypatch.setenv("RASA_PORT", "5999")
    monkeypatch.delenv("WIDGET_SERVER_URL", raising=False)
    monkeypatch.delenv("WEB_JWT_KEY", raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), serve_web.DemoHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_page_points_the_widget_at_the_rasa_server_under_a_strict_csp(demo_server):
    page = requests.get(demo_server + "/", timeout=10)
    assert page.status_code == 200
    assert '<script src="/widget.js" data-server-url="http://127.0.0.1:5999"></script>' in page.text
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "connect-src http://127.0.0.1:5999 ws://127.0.0.1:5999" in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Cache-Control"] == "no-store"
    assert "data-token" not in page.text


def test_the_rasa_host_follows_the_host_the_browser_used(demo_server):
    port = demo_server.rsplit(":", 1)[1]
    page = requests.get(demo_server + "/", headers={"Host": f"localhost:{port}"}, timeout=10)
    assert 'data-server-url="http://localhost:5999"' in page.text


def test_the_bundle_is_served_as_javascript(demo_server):
    assert (ROOT / "web" / "dist" / "widget.js").is_file(), "run `make web` (make test does it first)"
    bundle = requests.get(demo_server + "/widget.js", timeout=10)
    assert bundle.status_code == 200
    assert bundle.headers["Content-Type"].startswith("text/javascript")


@pytest.mark.parametrize(
    "path",
    ["/credentials.yml", "/../credentials.yml", "/web/src/index.js", "/dist/widget.js", "/%2e%2e/Makefile"],
)
def test_nothing_else_is_served(demo_server, path):
    response = requests.get(demo_server + path, timeout=10)
    assert response.status_code == 404
    assert response.text == "Not found\n"


def test_with_a_jwt_key_each_page_gets_a_short_lived_token(demo_server, monkeypatch):
    monkeypatch.setenv("WEB_JWT_KEY", KEY)
    text = requests.get(demo_server + "/", timeout=10).text
    token = text.split('data-token="', 1)[1].split('"', 1)[0]
    claims = jwt.decode(token, KEY, algorithms=["HS256"])
    assert 0 < claims["exp"] - claims["iat"] <= serve_web.TOKEN_LIFETIME_S
