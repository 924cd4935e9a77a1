"""A client for a running assistant: the REST channel, and the HTTP API with its token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List

import requests

TOKEN = "test-api-token-5f2c9a"


@dataclass
class Assistant:
    rasa_url: str
    token: str = TOKEN

    def post(self, sender: str, message: Any, timeout_s: float = 120) -> requests.Response:
        return requests.post(f"{self.rasa_url}/webhooks/rest/webhook",
                             json={"sender": sender, "message": message}, timeout=timeout_s)

    def say(self, sender: str, message: Any) -> List[Dict[str, Any]]:
        """The replies, as the REST channel returns them."""
        response = self.post(sender, message)
        assert response.status_code == 200, response.text
        return response.json()

    def say_texts(self, sender: str, message: Any) -> List[str]:
        return [reply.get("text", "") for reply in self.say(sender, message)]

    def parse(self, text: str) -> Dict[str, Any]:
        response = requests.post(f"{self.rasa_url}/model/parse", params={"token": self.token},
                                 json={"text": text}, timeout=60)
        assert response.status_code == 200, response.text
        return response.json()

    def tracker(self, sender: str) -> Dict[str, Any]:
        """The conversation through Rasa's HTTP API (which starts a session if it has none)."""
        response = requests.get(f"{self.rasa_url}/conversations/{sender}/tracker",
                                params={"token": self.token, "include_events": "ALL"}, timeout=60)
        assert response.status_code == 200, response.text
        return response.json()

    def user_texts(self, sender: str) -> List[str]:
        return [event.get("text") for event in self.tracker(sender)["events"] if event["event"] == "user"]

    def store_health(self) -> requests.Response:
        return requests.get(f"{self.rasa_url}/health/store", timeout=30)

    def is_up(self) -> bool:
        try:
            return requests.get(self.rasa_url, timeout=10).status_code == 200
        except requests.RequestException:
            return False
