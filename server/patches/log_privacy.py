"""Keeps message text out of the Rasa server's warnings (they print at every log level).

Rasa 3.6 warns "Failed to parse arguments in line '<the message>'" when a message starts
with "/" but is not a known intent payload ("/what_is_nash and more"); the warning quotes
the whole message. It says nothing an operator needs, so it is silenced. Written for Rasa
3.6.21, where rasa/shared/core/training_data/story_reader/yaml_story_reader.py raises it;
the guard checks that it still does, since a reworded warning would slip past the filter.
"""

from __future__ import annotations

import inspect
import warnings

from rasa.shared.core.training_data.story_reader import yaml_story_reader

from server.patches.guard import Patch

PATCH = Patch(__name__, written_for="3.6.21")
QUOTING_WARNING = "Failed to parse arguments in line"


def install() -> None:
    PATCH.require_version()
    PATCH.require(
        QUOTING_WARNING in inspect.getsource(yaml_story_reader),
        f"the warning '{QUOTING_WARNING} ...' in {yaml_story_reader.__name__}",
        "no such warning there",
    )
    put_filter_first()


def put_filter_first() -> None:
    """The filter, first of all (again, after others were added in front of it). Idempotent:
    filterwarnings replaces an identical filter instead of adding another."""
    warnings.filterwarnings("ignore", message=QUOTING_WARNING)
