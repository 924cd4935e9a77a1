"""The tracker store logs no message text, even at DEBUG, on SQLite and PostgreSQL."""

import logging
import uuid

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered

from server.store.conversation_store import ConversationStore
from tests.conftest import ROOT
from tests.integration.conftest import new_sender


async def test_the_store_logs_no_text_even_when_debugging(new_database, caplog):
    settings = new_database()
    fields = {("host" if key == "url" else key): value for key, value in settings.items()}
    marker = f"mk{uuid.uuid4().hex[:10]}"
    with caplog.at_level(logging.DEBUG, logger="server"):
        store = ConversationStore(domain=Domain.load(str(ROOT / "domain.yml")), **fields)
        tracker = await store.get_or_create_tracker(new_sender())
        tracker.update(UserUttered(f"my secret {marker}", {"name": "greet"}))
        tracker.update(ActionExecuted("utter_greet"))
        await store.save(tracker)
        await store.retrieve(tracker.sender_id)
        store.check()
    store.engine.dispose()
    ours = [record.getMessage() for record in caplog.records if record.name.startswith("server")]
    assert ours, "the store logged something to check"
    assert not any(marker in line for line in ours)
