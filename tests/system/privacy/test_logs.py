"""No message text in the logs at INFO level (the default), on SQLite and PostgreSQL."""

import logging
import uuid

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered

from server.store.conversation_store import ConversationStore
from tests.conftest import ROOT
from tests.system.persistence.stack import new_sender


def test_no_message_text_in_the_server_logs(privacy_stack):
    marker = f"mk{uuid.uuid4().hex[:10]}"
    sender = new_sender()
    for message in (
        f"hello {marker}",
        f"what is fatty liver disease {marker}",
        f"/what_is_nash {marker}",
        f"{marker}",
        f"i vomited blood {marker}",  # the red-flag path
        f"<b>{marker}</b> how much should i weigh",
    ):
        assert privacy_stack.say(sender, message)

    logs = privacy_stack.logs()
    assert "INFO" in logs and "Rasa server is up and running" in logs, "logs are at INFO level"
    assert marker not in logs


async def test_the_store_logs_no_text_even_when_debugging(new_database, caplog):
    settings = new_database()
    fields = {("host" if key == "url" else key): value for key, value in settings.items()}
    marker = f"mk{uuid.uuid4().hex[:10]}"
    with caplog.at_level(logging.DEBUG, logger="addons"):
        store = ConversationStore(domain=Domain.load(str(ROOT / "domain.yml")), **fields)
        tracker = await store.get_or_create_tracker(new_sender())
        tracker.update(UserUttered(f"my secret {marker}", {"name": "greet"}))
        tracker.update(ActionExecuted("utter_greet"))
        await store.save(tracker)
        await store.retrieve(tracker.sender_id)
        store.check()
    store.engine.dispose()
    ours = [record.getMessage() for record in caplog.records if record.name.startswith("addons")]
    assert ours, "the store logged something to check"
    assert not any(marker in line for line in ours)
