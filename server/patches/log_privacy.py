"""Keeps message text out of the Rasa server's warnings (they print at every log level).

Rasa 3.6 warns "Failed to parse arguments in line '<the message>'" when a message starts
with "/" but is not a known intent payload ("/what_is_nash and more"); the warning quotes
the whole message. It says nothing an operator needs, so it is silenced.
"""

from __future__ import annotations

import warnings


def install() -> None:
    warnings.filterwarnings("ignore", message="Failed to parse arguments in line")
