"""Ready-to-fill channel entries in credentials.yml.

An entry whose secrets are all empty is a channel not set up yet: the server starts, and
the channel's webhook answers 503 with what to fill in. An entry with only some secrets
filled is a mistake and stops the server at start-up with the names of the empty fields,
so a half-configured channel never runs (for Slack, one without its signing secret).
"""

from __future__ import annotations

import logging
from typing import Any, Dict, Optional, Sequence

from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

DOCS = "docs/channels.md"


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def is_configured(
    channel: str, credentials: Optional[Dict[str, Any]], required: Sequence[str]
) -> bool:
    """True if every required field is filled, False if none is; raises if only some are."""
    credentials = credentials or {}
    empty = [field for field in required if not _filled(credentials.get(field))]
    if not empty:
        return True
    if len(empty) == len(required):
        logger.warning(
            "The %s channel is not configured; its webhook answers 503 until %s are "
            "filled in (see %s).",
            channel,
            ", ".join(required),
            DOCS,
        )
        return False
    raise InvalidConfigException(
        f"The {channel} entry in the credentials file is only partly filled in: "
        f"{', '.join(empty)} {'is' if len(empty) == 1 else 'are'} empty. Fill in "
        f"{', '.join(required)}, or leave all of them empty to keep the channel off. "
        f"See {DOCS}."
    )


def not_configured_blueprint(channel: str, required: Sequence[str]) -> Blueprint:
    """The channel's URLs, answering that the channel still needs its credentials."""
    blueprint = Blueprint(f"{channel}_not_configured", __name__)
    message = (
        f"The {channel} channel is not configured: fill in {', '.join(required)} under "
        f"its entry in credentials.yml and restart the server (see {DOCS})."
    )

    @blueprint.route("/", methods=["GET"])
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "not configured", "error": message}, status=503)

    @blueprint.route("/webhook", methods=["GET", "POST"])
    async def webhook(_: Request) -> HTTPResponse:
        return response.json({"error": message}, status=503)

    return blueprint


def optional_text(credentials: Optional[Dict[str, Any]], field: str) -> Optional[str]:
    value = (credentials or {}).get(field)
    return str(value).strip() if _filled(value) else None
