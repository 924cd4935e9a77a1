"""A channel served in-process on a real port, with a stand-in bot behind it.

The channel's own blueprint runs in a real Sanic server, with its start-up and shut-down
listeners, so clients speak real HTTP and Socket.IO to it; only the assistant is
replaced, by default by a bot that echoes each message through the channel's output
(and confirms "/confirm_forget_me" as the real one does).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import uuid
from typing import Any, Awaitable, Callable, Iterator, List, Optional
from urllib.parse import urljoin

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Sanic

from common.names import FORGET_CONFIRMATION as CONFIRMATION

DELETED_TEXT = "Done: I deleted this conversation."


class StandInBot:
    def __init__(self) -> None:
        self.messages: List[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.messages.append(message)
        if message.text == "/confirm_forget_me":
            reply = {"text": DELETED_TEXT, "utter_action": CONFIRMATION}
        else:
            reply = {"text": f"echo: {message.text}"}
        await message.output_channel.send_response(message.sender_id, reply)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(
    channel: InputChannel,
    agent: Any = None,
    bot: Optional[Callable[[UserMessage], Awaitable[Any]]] = None,
) -> Iterator[Any]:
    """Yields (base URL, bot) while the channel answers on 127.0.0.1, served from a
    thread of its own so that the test can use blocking clients. `bot` handles each
    message (a StandInBot unless given); `agent` is what the routes find as Rasa's agent."""
    # Sanic 21 rewrites its HTTP class per app ("touchup"); test mode rewrites from the
    # original each time, so several apps can run in one process.
    Sanic.test_mode = True
    app = Sanic(f"channel-{uuid.uuid4().hex[:8]}")
    bot = bot or StandInBot()
    # As Rasa registers channels: an absolute url_prefix (/health) replaces /webhooks/.
    app.blueprint(channel.blueprint(bot), url_prefix=urljoin("/webhooks/", channel.url_prefix()))
    app.ctx.agent = agent
    port = free_port()
    loop = asyncio.new_event_loop()
    started, stop = threading.Event(), None

    async def run() -> None:
        nonlocal stop
        server = await app.create_server(host="127.0.0.1", port=port,
                                         return_asyncio_server=True, access_log=False)
        await server.startup()
        await server.before_start()
        await server.after_start()
        stop = asyncio.Event()
        started.set()
        await stop.wait()
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()
        # Engine.IO's pings of sockets that are gone: end them before the loop closes.
        for task in asyncio.all_tasks() - {asyncio.current_task()}:
            task.cancel()

    thread = threading.Thread(target=loop.run_until_complete, args=(run(),), daemon=True)
    thread.start()
    assert started.wait(30), "the channel's server did not start"
    try:
        yield f"http://127.0.0.1:{port}", bot
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(30)
        loop.close()
