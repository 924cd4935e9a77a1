"""`rasa run` with the HTTP API token read from the environment (server/launch.py).

Rasa 3.6 takes the token only as `--auth-token` on the command line, where `ps` and
/proc/<pid>/cmdline show it to every user of the machine, and has no setting for it. So
this replaces the function `rasa run` dispatches to, rasa.cli.run.run(args), with one that
sets `args.enable_api` and `args.auth_token` from RASA_AUTH_TOKEN (API on only when it is
set, for that token only) before calling Rasa's. Rasa's parser looks the function up by
name when it is built, so this must be installed before Rasa parses the command line:
server/launch.py does it, and nothing else needs it (server.patches.install() leaves it out).
Written for Rasa 3.6.21; the guard checks run(args) and, once installed, that the parser
Rasa builds dispatches `rasa run` to the replacement.
"""

from __future__ import annotations

import argparse
import os
from typing import Callable

import rasa.cli.run

from server.patches.guard import Patch

PATCH = Patch(__name__, written_for="3.6.21")
RUN_PARAMETERS = "(args)"
TOKEN_ENV = "RASA_AUTH_TOKEN"


def with_token_from_environment(run: Callable[[argparse.Namespace], None]) -> Callable:
    def run_with_token(args: argparse.Namespace) -> None:
        token = os.environ.get(TOKEN_ENV, "").strip()
        args.enable_api = bool(token)
        args.auth_token = token or None
        run(args)

    run_with_token.reads_token_from_environment = True  # type: ignore[attr-defined]
    return run_with_token


def dispatched_run() -> Callable:
    """What `rasa run` calls, in a parser built as Rasa builds its own."""
    parser = argparse.ArgumentParser()
    rasa.cli.run.add_subparser(parser.add_subparsers(), parents=[])
    return parser.parse_args(["run"]).func


def install() -> None:
    PATCH.require_version()
    if getattr(rasa.cli.run.run, "reads_token_from_environment", False):
        return
    original = PATCH.require_signature(rasa.cli.run, "run", RUN_PARAMETERS)
    rasa.cli.run.run = with_token_from_environment(original)
    PATCH.require(
        dispatched_run() is rasa.cli.run.run, "`rasa run` dispatched to rasa.cli.run.run",
        "a parser bound to another function",
    )
