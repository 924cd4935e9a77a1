"""The messaging channels' entries and test secrets, shared by the in-process protocol
tests (tests/unit/server/channels/) and the live smoke tests (tests/system/channels/)."""

from __future__ import annotations

from typing import Any, Dict

CHANNEL_ENTRIES = {
    "telegram": "server.channels.telegram.TelegramChannel",
    "slack": "server.channels.slack.SlackChannel",
    "facebook": "server.channels.facebook.FacebookChannel",
    "twilio": "server.channels.twilio.TwilioChannel",
}
PUBLIC_URL = "https://bot.example.org"
SECRETS: Dict[str, Dict[str, Any]] = {
    "telegram": {
        "access_token": "123456789:TEST-telegram-token",
        "webhook_url": f"{PUBLIC_URL}/webhooks/telegram/webhook",
        "secret_token": "telegram-test-secret",
    },
    "slack": {
        "slack_token": "xoxb-test-token",
        "slack_signing_secret": "slack-test-signing-secret",
    },
    "facebook": {
        "verify": "fb-test-verify-token",
        "secret": "fb-test-app-secret",
        "page-access-token": "fb-test-page-token",
    },
    "twilio": {
        "account_sid": "AC00000000000000000000000000000000",
        "auth_token": "twilio-test-auth-token",
        "twilio_number": "+14155238886",
        # Twilio signs the public URL; the server behind the proxy sees another one.
        "webhook_url": f"{PUBLIC_URL}/webhooks/twilio/webhook",
        # Lower than Twilio's 1600 so the tests see a long answer split.
        "max_message_chars": 700,
    },
}
