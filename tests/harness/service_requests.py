"""Webhook requests as each service sends them: real payload shapes, signed as the
service signs them with the test secrets of tests/channel_settings.py.

`base_url` is the Rasa server's (in-process here, the live one in tests/system/channels).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any, Dict, Optional, Tuple
from urllib.parse import urlencode

import requests
from twilio.request_validator import RequestValidator

from tests.channel_settings import SECRETS

TIMEOUT_S = 60


def webhook(base_url: str, channel: str) -> str:
    return f"{base_url}/webhooks/{channel}/webhook"


# Telegram: an Update object, with the secret token registered by setWebhook.

TELEGRAM_SECRET = SECRETS["telegram"]["secret_token"]


def telegram_user(chat_id: int) -> Dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Ann", "language_code": "en"}


def text_update(chat_id: int, text: str) -> Dict[str, Any]:
    return {
        "update_id": chat_id * 10 + 1,
        "message": {
            "message_id": 11,
            "from": telegram_user(chat_id),
            "chat": {"id": chat_id, "first_name": "Ann", "type": "private"},
            "date": int(time.time()),
            "text": text,
        },
    }


def button_update(chat_id: int, data: str) -> Dict[str, Any]:
    return {
        "update_id": chat_id * 10 + 2,
        "callback_query": {
            "id": f"cb-{chat_id}",
            "from": telegram_user(chat_id),
            "message": {
                "message_id": 12,
                "from": {"id": 1, "is_bot": True, "first_name": "Liver Insight"},
                "chat": {"id": chat_id, "type": "private"},
                "date": int(time.time()),
                "text": "You may also want to read:",
            },
            "chat_instance": "-4242",
            "data": data,
        },
    }


def post_telegram(
    base_url: str, update: Dict[str, Any], secret: str = TELEGRAM_SECRET
) -> requests.Response:
    return requests.post(
        webhook(base_url, "telegram"),
        json=update,
        headers={"X-Telegram-Bot-Api-Secret-Token": secret},
        timeout=TIMEOUT_S,
    )


# Slack: Events API callbacks (JSON) and interactions (a form with a JSON payload).

SLACK_SIGNING_SECRET = SECRETS["slack"]["slack_signing_secret"]
SLACK_BOT_USER = "U0BOT"


def slack_headers(
    body: bytes, content_type: str, secret: str = SLACK_SIGNING_SECRET, age_s: int = 0
) -> Dict[str, str]:
    """X-Slack-Signature: v0= HMAC-SHA256 of "v0:<timestamp>:<body>" with the signing secret."""
    timestamp = str(int(time.time()) - age_s)
    digest = hmac.new(
        secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256
    ).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
    }


def message_event(user: str, channel: str, text: str, **event: Any) -> Dict[str, Any]:
    now = time.time()
    return {
        "token": "legacy-verification-token",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "event": {
            "type": "message",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": f"{now:.6f}",
            "event_ts": f"{now:.6f}",
            "channel_type": "im",
            **event,
        },
        "type": "event_callback",
        "event_id": f"Ev{int(now * 1000)}",
        "event_time": int(now),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": "T0001",
                "user_id": SLACK_BOT_USER,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
    }


def button_click(user: str, channel: str, value: str, title: str) -> Dict[str, Any]:
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "ann", "team_id": "T0001"},
        "api_app_id": "A0001",
        "token": "legacy-verification-token",
        "trigger_id": "1.2.3",
        "team": {"id": "T0001", "domain": "example"},
        "channel": {"id": channel, "name": "directmessage"},
        "message": {
            "type": "message",
            "ts": "1700000000.000100",
            "text": "You may also want to read:",
        },
        "actions": [
            {
                "action_id": "a1",
                "block_id": "b1",
                "text": {"type": "plain_text", "text": title},
                "value": value,
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }


def post_slack_event(
    base_url: str, body: Dict[str, Any], headers: Optional[Dict[str, str]] = None, **signing: Any
) -> requests.Response:
    raw = json.dumps(body).encode()
    return requests.post(
        webhook(base_url, "slack"),
        data=raw,
        headers={**slack_headers(raw, "application/json", **signing), **(headers or {})},
        timeout=TIMEOUT_S,
    )


def post_slack_click(base_url: str, payload: Dict[str, Any]) -> requests.Response:
    raw = urlencode({"payload": json.dumps(payload)}).encode()
    return requests.post(
        webhook(base_url, "slack"),
        data=raw,
        headers=slack_headers(raw, "application/x-www-form-urlencoded"),
        timeout=TIMEOUT_S,
    )


# Messenger: a page delivery of one or more messaging events.

MESSENGER_APP_SECRET = SECRETS["facebook"]["secret"]
PAGE_ID = "1234567890"


def messenger_headers(
    raw: bytes, secret: str = MESSENGER_APP_SECRET, sha256: bool = True
) -> Dict[str, str]:
    """What Meta sends: X-Hub-Signature-256 (and the older SHA-1 X-Hub-Signature)."""
    headers = {
        "Content-Type": "application/json",
        "X-Hub-Signature": "sha1=" + hmac.new(secret.encode(), raw, hashlib.sha1).hexdigest(),
    }
    if sha256:
        headers["X-Hub-Signature-256"] = (
            "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
        )
    return headers


def delivery(*messages: Tuple[str, Dict[str, Any]]) -> Dict[str, Any]:
    """A delivery of (sender, message object) events."""
    now = int(time.time() * 1000)
    return {
        "object": "page",
        "entry": [
            {
                "id": PAGE_ID,
                "time": now,
                "messaging": [
                    {
                        "sender": {"id": sender},
                        "recipient": {"id": PAGE_ID},
                        "timestamp": now,
                        "message": message,
                    }
                    for sender, message in messages
                ],
            }
        ],
    }


def text_message(text: str) -> Dict[str, Any]:
    return {"mid": f"m_{time.time_ns()}", "text": text}


def post_messenger(base_url: str, body: Dict[str, Any], **signing: Any) -> requests.Response:
    raw = json.dumps(body).encode()
    return requests.post(
        webhook(base_url, "facebook"),
        data=raw,
        headers=messenger_headers(raw, **signing),
        timeout=TIMEOUT_S,
    )


# Twilio: the form of an incoming WhatsApp or SMS message, signed for the public URL.

TWILIO = SECRETS["twilio"]


def twilio_form(sender: str, body: str, **extra: str) -> Dict[str, str]:
    """The fields Twilio posts for an incoming WhatsApp or SMS message."""
    whatsapp = sender.startswith("whatsapp:")
    sid = f"SM{time.time_ns():032d}"[:34]
    fields = {
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "SmsSid": sid,
        "SmsStatus": "received",
        "Body": body,
        "To": ("whatsapp:" if whatsapp else "") + TWILIO["twilio_number"],
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": TWILIO["account_sid"],
        "From": sender,
        "ApiVersion": "2010-04-01",
    }
    if whatsapp:
        fields.update({"ProfileName": "Ann", "WaId": sender.split("+")[1]})
    fields.update(extra)
    return fields


def post_twilio(
    base_url: str,
    fields: Dict[str, str],
    signed_url: str = TWILIO["webhook_url"],
    token: str = TWILIO["auth_token"],
) -> requests.Response:
    """Signed for the public webhook URL, posted to the server behind the 'proxy'."""
    signature = RequestValidator(token).compute_signature(signed_url, fields)
    return requests.post(
        webhook(base_url, "twilio"),
        data=fields,
        headers={"X-Twilio-Signature": signature},
        timeout=TIMEOUT_S,
    )
