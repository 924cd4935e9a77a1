"""The Dockerfiles and the compose file, read (no Docker daemon here): no secret on a
command line, the secrets the production set-up needs are required, and the action
server's image holds only what the actions import (no Rasa)."""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

import tomli
import yaml

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def test_the_rasa_image_takes_its_token_from_the_environment():
    command = [line for line in (DEPLOY / "rasa.Dockerfile").read_text().splitlines()
               if line.startswith("CMD")]
    assert len(command) == 1 and "server.launch" in command[0]
    assert "--auth-token" not in command[0] and "--enable-api" not in command[0]


def test_compose_requires_the_session_and_log_secrets_and_passes_no_token_as_an_argument():
    compose = yaml.safe_load((DEPLOY / "compose.yml").read_text())
    rasa, nginx = compose["services"]["rasa"], compose["services"]["nginx"]
    assert rasa["environment"]["SOCKETIO_SESSION_SECRET"].startswith("${SOCKETIO_SESSION_SECRET:?")
    assert nginx["environment"]["NGINX_LOG_HASH_KEY"].startswith("${NGINX_LOG_HASH_KEY:?")
    assert "NGINX_LOG_HASH_KEY" in nginx["environment"]["NGINX_ENVSUBST_FILTER"]
    assert "--auth-token" not in str(rasa.get("command", ""))
    credentials = yaml.safe_load((DEPLOY / "credentials.yml").read_text())
    assert credentials["server.channels.socketio.CheckedSocketIOInput"]["session_secret"] == "${SOCKETIO_SESSION_SECRET}"


# The action server's image: only the `actions` group of pyproject.toml, no Rasa.
ACTIONS_IMAGE = (DEPLOY / "actions.Dockerfile").read_text()
PYPROJECT = tomli.loads((ROOT / "pyproject.toml").read_text())
# What the packages of the `actions` group install, as their top-level import names.
ACTIONS_GROUP_IMPORTS = {"rasa-sdk": "rasa_sdk", "pyyaml": "yaml"}


def instructions(dockerfile: str, keyword: str) -> list:
    """The instructions of one kind, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", dockerfile)
    return [line for line in joined.splitlines() if line.split(" ", 1)[0] == keyword]


def requirement_name(requirement: str) -> str:
    return re.split(r"[=<>!~\[; ]", requirement, 1)[0].lower().replace("_", "-")


def test_the_action_server_image_installs_only_the_actions_group_from_the_lock():
    installs = [line for line in instructions(ACTIONS_IMAGE, "RUN") if "uv sync" in line]
    assert len(installs) == 1
    assert "--frozen" in installs[0] and "--only-group actions" in installs[0]
    assert not [line for line in instructions(ACTIONS_IMAGE, "RUN") if "pip install" in line
                and "uv==" not in line], "everything else comes from uv.lock"


def test_the_action_server_runs_with_rasa_sdk_not_rasas_command_line():
    command = instructions(ACTIONS_IMAGE, "CMD")
    assert len(command) == 1
    assert json.loads(command[0][len("CMD "):]) == ["python", "-m", "rasa_sdk", "--actions", "actions", "--port", "5055"]


def test_the_actions_group_is_rasa_sdk_and_pyyaml_at_the_projects_pins():
    group = PYPROJECT["dependency-groups"]["actions"]
    assert {requirement_name(r) for r in group} == set(ACTIONS_GROUP_IMPORTS)
    project = {requirement_name(r): r for r in PYPROJECT["project"]["dependencies"]}
    for requirement in group:
        assert project[requirement_name(requirement)] == requirement, "one pin for both installs"


def test_the_action_server_image_copies_its_code_and_the_build_context_holds_it():
    copied = {source for line in instructions(ACTIONS_IMAGE, "COPY") if "--from" not in line
              for source in line.split()[1:-1]}
    assert copied == {"pyproject.toml", "uv.lock", "actions/", "common/", "content/"}
    allowed = {line[1:] for line in (DEPLOY / "actions.Dockerfile.dockerignore").read_text().splitlines()
               if line.startswith("!")}
    assert allowed == {"pyproject.toml", "uv.lock", "actions/", "common/", "content/"}


def imported_modules(path: Path, *, top_level_only: bool) -> set:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_actions_and_common_import_only_the_standard_library_and_the_actions_group():
    allowed = set(sys.stdlib_module_names) | set(ACTIONS_GROUP_IMPORTS.values()) | {"actions", "common"}
    for package in ("actions", "common"):
        for path in sorted((ROOT / package).glob("**/*.py")):
            outside = imported_modules(path, top_level_only=True) - allowed
            assert not outside, f"{path.relative_to(ROOT)} imports {sorted(outside)}, which the action server's image lacks"
    # The one import inside a function: the reading-level check of tools/check_content.py.
    lazy = imported_modules(ROOT / "common" / "content.py", top_level_only=False) - allowed
    assert lazy == {"textstat"}


def test_the_action_server_keeps_a_silent_connection_open_past_the_action_timeout():
    # Sanic closes a connection that sends nothing for SANIC_KEEP_ALIVE_TIMEOUT, a fresh
    # one included: a busy Rasa server then wrote its call into a closing connection.
    (keep_alive,) = [int(match) for line in instructions(ACTIONS_IMAGE, "ENV")
                     for match in re.findall(r"SANIC_KEEP_ALIVE_TIMEOUT=(\d+)", line)]
    for endpoints in (ROOT / "endpoints.yml", DEPLOY / "endpoints.yml"):
        timeout = yaml.safe_load(endpoints.read_text())["action_endpoint"]["timeout"]
        assert keep_alive > timeout, endpoints
    for script in ("run.sh", "shell.sh"):
        assert f"SANIC_KEEP_ALIVE_TIMEOUT={keep_alive}" in (ROOT / "scripts" / script).read_text()
