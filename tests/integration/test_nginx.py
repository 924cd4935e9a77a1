"""What the shipped nginx template lets through from the internet, on the real nginx:
only the chat channels, within limits, with no version and no conversation id in its log."""

from __future__ import annotations

import http.client
import json
import uuid
from typing import List
from urllib.parse import urlencode

import pytest
import requests

from tests.integration.conftest import say
from tests.integration.services import API_TOKEN

pytestmark = pytest.mark.server

API_PATHS = ["/conversations/{sender}/tracker", "/conversations/{sender}/messages", "/model/parse",
             "/status", "/version", "/health/store", "/"]


def test_rasas_http_api_is_not_routed(stack):
    sender = f"nginx-{uuid.uuid4().hex[:8]}"
    with requests.Session() as session:
        assert say(session, stack.nginx.url, sender, "hello").status_code == 200
        for path in API_PATHS:
            url = stack.nginx.url + path.format(sender=sender)
            for method in ("GET", "POST", "PUT", "DELETE"):
                answer = session.request(method, url, params={"token": API_TOKEN}, json={"text": "hi"},
                                         timeout=30)
                assert answer.status_code == 404, (method, path, answer.status_code)
        # The API is there, with its token, on a replica inside the network.
        inside = session.get(f"http://{stack.replicas[0].address}/conversations/{sender}/tracker",
                             params={"token": API_TOKEN}, timeout=30)
        assert inside.status_code == 200


def test_no_version_in_the_server_header_or_error_pages(stack):
    answer = requests.get(f"{stack.nginx.url}/status", timeout=30)
    assert answer.headers["Server"] == "nginx"
    assert "nginx/" not in answer.text


def statuses(source: str, port: int, senders: List[str]) -> List[int]:
    """Quick malformed REST posts (Rasa answers 400 at once) from a given source address."""
    found = []
    for sender in senders:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                                source_address=(source, 0))
        connection.request("POST", f"/webhooks/rest/webhook?sender={sender}", body="not json",
                           headers={"Content-Type": "application/json"})
        found.append(connection.getresponse().status)
        connection.close()
    return found


def test_one_conversation_cannot_flood_its_replica(stack):
    sender = f"flood-{uuid.uuid4().hex[:8]}"
    found = statuses("127.0.0.1", stack.nginx.port, [sender] * 20)
    assert 429 in found and found[0] == 400, found


def test_one_client_cannot_flood_the_service(stack):
    # 127.0.0.2 is another client to nginx (127.0.0.1, this machine, is not limited per client).
    many = [f"client-{uuid.uuid4().hex[:8]}" for _ in range(80)]
    assert 429 in statuses("127.0.0.2", stack.nginx.port, many)
    assert 429 not in statuses("127.0.0.1", stack.nginx.port, many[:60])


def test_the_access_log_holds_a_keyed_hash_not_the_conversation_id(stack):
    sender = f"ann.lee+{uuid.uuid4().hex[:8]}@example.org"
    with requests.Session() as session:
        assert say(session, stack.nginx.url, sender, "hello").status_code == 200
    # nginx routes and hashes the id as the URL carries it (percent-encoded).
    in_url = urlencode({"sender": sender}).split("=", 1)[1]
    log = stack.nginx.access_log_with(f"key={stack.nginx.key_hash(in_url)} ")
    assert sender not in log and in_url not in log and json.dumps(sender) not in log
