"""One rule for conversation keys: each channel's prefix, and the ids clients may not use."""

import pytest

from server.channels.conversation_keys import (
    address_of, key_for, refusal, reserved_prefix, twilio_key,
)


@pytest.mark.parametrize("channel, address, key", [
    ("telegram", 7004, "telegram:7004"),
    ("slack", "U0789", "slack:U0789"),
    ("facebook", "fb-user-2", "messenger:fb-user-2"),
    ("socketio", "ab12", "socketio:ab12"),
])
def test_each_channel_keys_its_conversations_with_its_prefix(channel, address, key):
    assert key_for(channel, address) == key
    assert key_for(channel, key) == key, "never prefixed twice"
    assert address_of(key) == str(address), "replies go to the service's own id"


def test_twilio_keys_whatsapp_as_is_and_sms_with_a_prefix():
    assert twilio_key("whatsapp:+15551230003") == "whatsapp:+15551230003"
    assert twilio_key("+15551230002") == "sms:+15551230002"
    assert address_of("whatsapp:+15551230003") == "whatsapp:+15551230003"
    assert address_of("sms:+15551230002") == "+15551230002"


@pytest.mark.parametrize("sender, prefix", [
    ("telegram:1", "telegram:"), (" Telegram:1", "telegram:"), ("WHATSAPP:+1555", "whatsapp:"),
    ("sms:+1555", "sms:"), ("messenger:9", "messenger:"), ("slack:U1", "slack:"),
    ("socketio:abc", "socketio:"), ("user-123", None), ("7004", None), (42, None),
    ("+15551230002", None), ("my telegram:1", None),
])
def test_ids_clients_may_not_choose(sender, prefix):
    assert reserved_prefix(sender) == prefix


def test_the_refusal_names_the_prefix_and_what_to_do():
    assert "'whatsapp:'" in refusal("whatsapp:") and "user-123" in refusal("whatsapp:")
