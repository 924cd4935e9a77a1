"""The private names of Rasa the store and channels use are checked at start-up."""

import pytest
import rasa
from rasa.core.channels.slack import SlackInput
from rasa.core.tracker_store import AwaitableTrackerStore

from server.patches import private_api
from server.patches.guard import RasaMismatch


def test_this_rasa_has_all_of_them():
    private_api.check()


def test_a_changed_method_is_named_with_its_user(monkeypatch):
    monkeypatch.setattr(SlackInput, "_is_user_message", staticmethod(lambda slack_event, strict: True))

    with pytest.raises(RasaMismatch, match=r"server/channels/slack.py.*_is_user_message\(slack_event\)"):
        private_api.check()


def test_a_moved_store_attribute_is_refused(monkeypatch):
    def keeps_it_elsewhere(self, tracker_store):
        self.inner = tracker_store

    monkeypatch.setattr(AwaitableTrackerStore, "__init__", keeps_it_elsewhere)

    with pytest.raises(RasaMismatch, match="rasa_wrappers.py.*AwaitableTrackerStore._tracker_store"):
        private_api.check()


def test_another_events_table_is_refused(monkeypatch):
    monkeypatch.setattr(private_api, "SQL_EVENT_COLUMNS", private_api.SQL_EVENT_COLUMNS + ("model_id",))

    with pytest.raises(RasaMismatch, match="recent_window.py.*SQLEvent columns"):
        private_api.check()


def test_another_rasa_version_is_refused(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "4.0.0")

    with pytest.raises(RasaMismatch, match="4.0.0"):
        private_api.check()

