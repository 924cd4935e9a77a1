"""`rasa run` with the HTTP API token read from the environment, never the command line.

A token passed as `--auth-token` shows in `ps` and /proc/<pid>/cmdline to every user of
the machine. This starts the same server (Rasa's own command-line entry, so every other
`rasa run` flag works) and turns the HTTP API on only when RASA_AUTH_TOKEN is set, for
that token only (server/patches/api_token_from_environment.py). Flags that would turn the
API on without it are refused.

    python -m server.launch --port 5005 --interface 127.0.0.1 --credentials credentials.yml
"""

from __future__ import annotations

import sys
from typing import List

from rasa.__main__ import main as rasa_main

from server.patches import api_token_from_environment

REFUSED_FLAGS = ("--auth-token", "--enable-api", "--jwt-secret", "--jwt-private-key")


def refused_flags(argv: List[str]) -> List[str]:
    """The arguments that name a refused flag, abbreviations included: Rasa's parser reads
    `--jwt-sec` as `--jwt-secret`."""
    def refused(name: str) -> bool:
        return name.startswith("--") and len(name) > 2 and any(flag.startswith(name) for flag in REFUSED_FLAGS)

    return [arg for arg in argv if refused(arg.split("=", 1)[0])]


def main() -> None:
    refused = refused_flags(sys.argv[1:])
    if refused:
        sys.exit(f"error: {', '.join(refused)}: set {api_token_from_environment.TOKEN_ENV} "
                 "in the environment instead (a token on the command line shows in ps)")
    # Before Rasa builds its parser, which binds `rasa run` to the function it replaces.
    api_token_from_environment.install()
    sys.argv = ["rasa", "run", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
