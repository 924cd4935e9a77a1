"""Runs a module as `python -m MODULE ARGS...` does, with the warning filters of
PYTHONWARNINGS (the Makefile exports them) applied again after two libraries put their own
in front of them:

- Sanic 21.12, the web server of Rasa and of rasa-sdk, turns every DeprecationWarning on
  when it is first imported (sanic/app.py: filterwarnings("once", category=DeprecationWarning));
- Rasa's command line shows every UserWarning once (rasa.utils.common._filter_warnings),
  and pyparsing's deprecation warnings are UserWarnings as well: server/patches/warning_order.py.

Without this, PYTHONWARNINGS filters nothing in a Rasa process. It only reorders filters:
a warning that no PYTHONWARNINGS entry names shows as before. From the repository root:

    python scripts/run_module.py rasa train
    python scripts/run_module.py server.launch --port 5005
    python scripts/run_module.py rasa_sdk --actions actions --port 5055
"""

from __future__ import annotations

import importlib.util
import os
import runpy
import sys
import warnings


def apply_pythonwarnings() -> None:
    """PYTHONWARNINGS and -W again, in front of every filter set since start-up (what Python
    itself runs at start-up)."""
    warnings._processoptions(sys.warnoptions)


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit("usage: python scripts/run_module.py MODULE [ARGS...]")
    module = sys.argv[1]
    del sys.argv[0]
    # As `python -m`: the current directory's packages come first, not this script's folder.
    sys.path[0] = os.getcwd()
    if importlib.util.find_spec("sanic"):
        import sanic.app  # noqa: F401  (its filter first, so that ours go in front of it)
    apply_pythonwarnings()
    if module.partition(".")[0] != "rasa_sdk" and importlib.util.find_spec("rasa"):
        # The one change to Rasa this needs lives, guarded, with the other patches.
        from server.patches import warning_order

        warning_order.install()
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
