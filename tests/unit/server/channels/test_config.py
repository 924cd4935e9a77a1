"""Ready-to-fill entries: empty means off (503), partly filled stops the start-up."""

from __future__ import annotations

import pytest
import yaml
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.utils.common import class_from_module_path

from server.channels.config import is_configured, not_configured_blueprint
from tests.channel_settings import CHANNEL_ENTRIES, SECRETS
from tests.conftest import ROOT


def entries():
    return yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("channel", sorted(CHANNEL_ENTRIES))
def test_the_shipped_entries_are_empty_and_start_as_not_configured(channel):
    path = CHANNEL_ENTRIES[channel]
    entry = entries()[path]
    assert all(value in ("", None) for value in entry.values()), f"{path} ships a secret"
    input_channel = class_from_module_path(path).from_credentials(entry)
    assert input_channel.name() == channel and input_channel.configured is False
    blueprint = input_channel.blueprint(on_new_message=None)
    assert blueprint.name == f"{channel}_not_configured"


@pytest.mark.parametrize("channel", sorted(CHANNEL_ENTRIES))
def test_a_partly_filled_entry_names_the_empty_fields(channel):
    entry = dict(entries()[CHANNEL_ENTRIES[channel]])
    filled_first, *_ = [key for key in SECRETS[channel] if key in entry]
    entry[filled_first] = SECRETS[channel][filled_first]
    with pytest.raises(InvalidConfigException) as error:
        class_from_module_path(CHANNEL_ENTRIES[channel]).from_credentials(entry)
    assert (
        "partly filled" in str(error.value)
        and filled_first not in str(error.value).split("empty")[0]
    )


def test_is_configured_needs_every_field_or_none():
    assert is_configured("x", {"a": "1", "b": "2"}, ("a", "b")) is True
    assert is_configured("x", {"a": "", "b": None}, ("a", "b")) is False
    assert is_configured("x", None, ("a", "b")) is False
    with pytest.raises(InvalidConfigException, match="b is empty"):
        is_configured("x", {"a": "1", "b": "  "}, ("a", "b"))


async def test_the_not_configured_webhook_answers_503_with_what_to_fill():
    blueprint = not_configured_blueprint("telegram", ("access_token", "secret_token"))
    [route] = [route for route in blueprint._future_routes if route.uri == "/webhook"]
    assert set(route.methods) == {"GET", "POST"}
    reply = await route.handler(None)
    assert reply.status == 503
    assert b"fill in access_token, secret_token" in reply.body
