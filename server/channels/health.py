"""GET /health/store: whether the Rasa server can reach its tracker store right now.

An input channel only in name: Rasa 3.6 adds routes to its server only through channels
(listed in credentials.yml). It answers 200 {"tracker_store": "ok"} when the database
answers, 503 {"tracker_store": "unavailable"} when it does not, and 503 "loading" while
the model loads; it never names the database. A store without a check (the in-memory one)
is reported as such.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from server.store.conversation_store import unwrap


def store_health(agent: Any) -> HTTPResponse:
    # Ok or not, nothing more: the store's name, host and error stay in the server's log
    # (the ERROR line of server/store/conversation_store.py), not with whoever asks.
    if agent is None or agent.tracker_store is None:
        return response.json({"tracker_store": "loading"}, status=503)
    store = unwrap(agent.tracker_store)
    if not hasattr(store, "check"):
        return response.json({"tracker_store": "not checked"})
    ok, _ = store.check()
    if ok:
        return response.json({"tracker_store": "ok"})
    return response.json({"tracker_store": "unavailable"}, status=503)


class HealthInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "health"

    def url_prefix(self) -> Text:
        # Rasa joins this to "/webhooks/"; an absolute path puts the routes at /health.
        return "/health"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        health = Blueprint("store_health", __name__)

        @health.route("/store", methods=["GET"])
        async def store(request: Request) -> HTTPResponse:
            return store_health(getattr(request.app.ctx, "agent", None))

        return health
