"""Which conversation a message belongs to: the one rule every channel follows.

The tracker store keys conversations by sender id alone. A REST or Socket.IO client picks
its own id, so if a messaging channel stored its conversations under the service's bare
id (a Telegram chat id, a phone number), anyone could add to, read or delete that
person's conversation by sending the same id. So:

- each messaging channel keys its conversations with its own prefix
  (`telegram:<chat id>`, `slack:<conversation>`, `messenger:<psid>`, `whatsapp:+...`,
  `sms:+...`) and Socket.IO with `socketio:<session>`;
- REST and Socket.IO refuse an id that starts with any of these prefixes;
- a REST conversation stays under the id the client sent (the HTTP API finds it there).

Replies go to the service's own address: `address_of` strips the prefix again.
"""

from __future__ import annotations

from typing import Any, Optional, Text

# channel -> the prefix of its conversation keys
PREFIXES = {
    "telegram": "telegram:",
    "slack": "slack:",
    "facebook": "messenger:",
    "whatsapp": "whatsapp:",
    "sms": "sms:",
    "socketio": "socketio:",
}
# Twilio's own address for a WhatsApp user starts with "whatsapp:": it is its key as is.
KEEPS_PREFIX_IN_ADDRESS = ("whatsapp:",)


def key_for(channel: Text, address: Any) -> Text:
    """The conversation key of `address` (the service's id for the person) on `channel`."""
    prefix = PREFIXES[channel]
    address = str(address)
    return address if address.startswith(prefix) else prefix + address


def twilio_key(sender: Text) -> Text:
    """Twilio's From field: `whatsapp:+1555...` stays, an SMS number gets `sms:`."""
    return sender if sender.startswith(PREFIXES["whatsapp"]) else key_for("sms", sender)


def address_of(key: Text) -> Text:
    """The service's id for the person, from a conversation key (replies go there)."""
    for prefix in PREFIXES.values():
        if key.startswith(prefix) and prefix not in KEEPS_PREFIX_IN_ADDRESS:
            return key[len(prefix):]
    return key


def reserved_prefix(sender: Any) -> Optional[Text]:
    """The channel prefix a client-chosen id starts with, else None.

    Case and leading spaces are ignored: some databases compare ids without them.
    """
    text = str(sender).lstrip().lower()
    for prefix in PREFIXES.values():
        if text.startswith(prefix):
            return prefix
    return None


def refusal(prefix: Text, field: Text = "sender") -> Text:
    """The message a client gets for an id that names another channel's conversation."""
    return (
        f"'{field}' must not start with '{prefix}': ids with that prefix belong to "
        f"conversations on another channel. Use an id of your own, such as 'user-123'."
    )
