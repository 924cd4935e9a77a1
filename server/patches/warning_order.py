"""The project's warning filters (PYTHONWARNINGS, which the Makefile exports) kept in front of
the ones Rasa's command line sets, so a known third-party deprecation stays quiet.

Rasa 3.6's command line shows every UserWarning once (rasa.utils.common._filter_warnings),
and pyparsing's deprecations are UserWarnings, so PYTHONWARNINGS alone filters nothing in a
Rasa process. This wraps that function: Rasa's filters, then PYTHONWARNINGS again in front.
Installed by scripts/run_module.py alone, before Rasa's command line runs; it only reorders
filters, so a warning that no PYTHONWARNINGS entry names shows as before, and it puts the
filter of log_privacy (no message text in the logs) in front of all. Written for Rasa
3.6.21; the guard checks _filter_warnings(log_level, warn_only_once=True).
"""

from __future__ import annotations

import sys
import warnings

import rasa.utils.common as rasa_common

from server.patches import log_privacy
from server.patches.guard import Patch

PATCH = Patch(__name__, written_for="3.6.21")
FILTER_PARAMETERS = "(log_level, warn_only_once=True)"


def apply_pythonwarnings() -> None:
    """PYTHONWARNINGS and -W again, in front of every filter set since start-up, as Python
    applies them at start-up."""
    warnings._processoptions(sys.warnoptions)  # type: ignore[attr-defined]


def install() -> None:
    PATCH.require_version()
    if getattr(rasa_common._filter_warnings, "keeps_ours_in_front", False):
        return
    rasa_filters = PATCH.require_signature(rasa_common, "_filter_warnings", FILTER_PARAMETERS)

    def rasa_filters_then_ours(*args, **kwargs):
        rasa_filters(*args, **kwargs)
        apply_pythonwarnings()
        # Installed before Rasa's filters ran (server/__init__.py): back in front, first of
        # all, or the warning that quotes a user's message would print once.
        log_privacy.put_filter_first()

    rasa_filters_then_ours.keeps_ours_in_front = True  # type: ignore[attr-defined]
    rasa_common._filter_warnings = rasa_filters_then_ours
