"""One real assistant for all channel tests, its outbound API calls sent to a recorder.

scripts/run.sh starts it as `make run` does, with CREDENTIALS pointing at a copy of the
messaging entries of credentials.yml filled with test secrets and with each channel's
api_base_url set to the recorder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List

import pytest
import requests
import yaml

from tests.conftest import ROOT
from tests.system.e2e.conftest import TOKEN
from tests.channel_settings import CHANNEL_ENTRIES, PUBLIC_URL, SECRETS  # noqa: F401
from tests.processes import free_port, launch_run_sh, stop_group, wait_for_run_sh
from tests.unit.server.channels.recorder import Recorder

# Loading the model took 110-215 s on the shared 2-core machine while others trained.
START_TIMEOUT_S = 420
def filled_credentials(recorder: Recorder) -> Dict[str, Dict[str, Any]]:
    """The messaging entries of credentials.yml, filled in as a deployment would fill them."""
    entries = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    filled = {}
    for channel, entry in CHANNEL_ENTRIES.items():
        fields = dict(entries[entry])
        unknown = set(SECRETS[channel]) - set(fields) - {"max_message_chars"}
        assert not unknown, f"{entry} in credentials.yml lacks {unknown}"
        fields.update(SECRETS[channel])
        fields["api_base_url"] = recorder.api_base_url(channel)
        filled[entry] = fields
    # REST too, as in credentials.yml: the tests check it cannot name these conversations.
    filled["server.channels.rest.CheckedRestInput"] = None
    return filled


def channel_endpoints(actions_port: int, folder: Path) -> Dict[str, Any]:
    """endpoints.yml with the test's action server, and its SQLite tracker store in `folder`.

    Numbered replies are read back from the tracker store: test them on the project's own.
    """
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    chosen = {"action_endpoint": {"url": f"http://127.0.0.1:{actions_port}/webhook"}}
    store = endpoints.get("tracker_store")
    if isinstance(store, dict) and store.get("dialect") == "sqlite":
        chosen["tracker_store"] = {**store, "db": str(folder / "conversations.db")}
    return chosen


@dataclass
class ChannelServer:
    url: str
    recorder: Recorder
    log_path: Path

    def tracker(self, sender: str) -> Dict[str, Any]:
        response = requests.get(
            f"{self.url}/conversations/{sender}/tracker", params={"token": TOKEN}, timeout=30
        )
        assert response.status_code == 200, response.text
        return response.json()

    def rest(self, sender: str, message: str) -> requests.Response:
        """A REST client's message, as any web page could send it."""
        return requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
            timeout=60,
        )

    def user_texts(self, sender: str) -> List[str]:
        return [
            event.get("text")
            for event in self.tracker(sender)["events"]
            if event["event"] == "user"
        ]


@pytest.fixture(scope="session")
def recorder():
    recorder = Recorder().start()
    yield recorder
    recorder.stop()


@pytest.fixture(scope="session")
def channel_server(trained_model, recorder, tmp_path_factory) -> ChannelServer:
    rasa_port, actions_port, web_port = free_port(), free_port(), free_port()
    folder = tmp_path_factory.mktemp("channels")
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump(channel_endpoints(actions_port, folder), sort_keys=False))
    credentials = folder / "credentials.yml"
    credentials.write_text(yaml.safe_dump(filled_credentials(recorder), sort_keys=False))
    log_path = folder / "assistant.log"
    process = launch_run_sh(
        log_path, RASA_PORT=str(rasa_port), ACTIONS_PORT=str(actions_port), WEB_PORT=str(web_port),
        ENDPOINTS=str(endpoints), CREDENTIALS=str(credentials), RASA_AUTH_TOKEN=TOKEN,
    )
    try:
        wait_for_run_sh(process, log_path, START_TIMEOUT_S)
        yield ChannelServer(f"http://127.0.0.1:{rasa_port}", recorder, log_path)
    finally:
        stop_group(process, (rasa_port, actions_port))
