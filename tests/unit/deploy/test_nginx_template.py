"""The shipped nginx template, read; tests/integration/test_nginx.py runs it on nginx."""

from __future__ import annotations

import re

from tests.conftest import ROOT

TEMPLATE = (ROOT / "deploy" / "nginx" / "rasa.conf.template").read_text(encoding="utf-8")


def locations():
    """{path: body} of each location block."""
    return dict(re.findall(r"location\s+(\S+)\s*\{(.*?)\n    \}", TEMPLATE, re.DOTALL))


def test_only_the_chat_channels_are_proxied():
    found = locations()
    proxied = sorted(path for path, body in found.items() if "proxy_pass" in body)
    assert proxied == ["/socket.io/", "/webhooks/"]
    assert "return 404" in found["/"]
    assert "/conversations" not in "".join(found)


def test_limits_per_client_and_per_conversation():
    for directive in ("limit_req_zone $client_limit_key", "limit_req_zone $conversation_key",
                      "limit_conn_zone $client_limit_key", "limit_conn_zone $conversation_key",
                      "limit_req zone=per_client", "limit_req zone=per_conversation",
                      "limit_conn client_connections", "limit_conn conversation_connections"):
        assert directive in TEMPLATE, directive


def test_no_version_and_no_conversation_id_in_the_log():
    assert re.search(r"^server_tokens off;", TEMPLATE, re.MULTILINE)
    log_format = TEMPLATE[TEMPLATE.index("log_format"):TEMPLATE.index(";", TEMPLATE.index("log_format"))]
    assert "key=$conversation_key_hash" in log_format
    assert not re.search(r"\$(conversation_key|arg_sender|arg_session_id|request|args|request_uri)\b(?!_hash)", log_format)
