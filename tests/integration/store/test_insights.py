"""`make insights` reads the same known report from PostgreSQL as from SQLite.

The counting, masking, grouping and the SQLite-only cases are unit tests:
tests/unit/tools/test_insights.py and its neighbours."""

import asyncio
import csv

from rasa.shared.core.domain import Domain

from server.store.conversation_store import ConversationStore
from tools import insights
from tests.conftest import ROOT
from tests.integration.store.test_purge import endpoints_file
from tests.unit.tools.test_insights import ABSENT, EXPECTED_CSV, FROM, TO, seed_store


async def seed(settings):
    fields = {("host" if key == "url" else key): value for key, value in settings.items()}
    store = ConversationStore(domain=Domain.load(str(ROOT / "domain.yml")), **fields)
    try:
        await seed_store(store)
    finally:
        store.engine.dispose()


async def test_the_known_conversations_give_the_known_report(new_database, tmp_path):
    settings = new_database()
    await seed(settings)
    # The report runs its own event loop, as `make insights` does: in a thread of its own here.
    code = await asyncio.to_thread(insights.main, ["--from", FROM, "--to", TO, "--out", str(tmp_path),
                                                   "--endpoints", str(endpoints_file(tmp_path, settings))])

    assert code == 0
    with (tmp_path / f"insights-{FROM}-to-{TO}.csv").open(encoding="utf-8", newline="") as file:
        assert list(csv.reader(file))[1:] == EXPECTED_CSV
    page = (tmp_path / f"insights-{FROM}-to-{TO}.html").read_text(encoding="utf-8")
    assert "<b>5</b><span>conversations</span>" in page
    assert not any(private in page for private in ABSENT + ("grace@example.org",))
