"""The Helm values, read as the chart reads them (no cluster here): Rasa's HTTP API is off
unless a secret the operator made turns it on, no chart default secret can come back on
`helm upgrade`, and the ingress routes only the chat channels."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

VALUES_FILE = ROOT / "deploy" / "helm" / "rasa-values.yaml"
VALUES = yaml.safe_load(VALUES_FILE.read_text(encoding="utf-8"))
API_FLAGS = ("--enable-api", "--auth-token", "--jwt-secret", "--jwt-private-key")


def test_the_http_api_is_off_and_the_charts_token_and_jwt_arguments_are_not_used():
    settings = VALUES["applicationSettings"]
    assert settings["enableAPI"] is False
    assert not settings.get("token")
    # Our own command and arguments: the chart's default ones add --jwt-secret "UNSET".
    assert VALUES["command"] == ["python", "-m", "server.launch"]
    assert VALUES["args"], "without args the chart passes its own, with the UNSET secrets"
    assert not [arg for arg in VALUES["args"] + VALUES.get("extraArgs", []) if arg.split("=")[0] in API_FLAGS]


def test_a_token_can_only_come_from_a_kubernetes_secret():
    for variable in VALUES["extraEnv"]:
        if variable["name"] in ("RASA_AUTH_TOKEN", "SOCKETIO_SESSION_SECRET", "JWT_SECRET"):
            assert "value" not in variable and variable["valueFrom"]["secretKeyRef"]["name"]


def test_no_password_has_a_default_that_helm_upgrade_could_bring_back():
    postgresql, redis = VALUES["global"]["postgresql"], VALUES["redis"]
    assert postgresql["postgresqlPassword"] == "" and postgresql["existingSecret"]
    assert VALUES["global"]["redis"]["password"] == ""
    assert redis["existingSecret"] and redis["auth"]["existingSecret"] and redis["auth"]["password"] == ""
    text = VALUES_FILE.read_text(encoding="utf-8")
    assert not re.search(r"--set(-string)? \S*(password|token|secret)", text, re.IGNORECASE)


def test_the_ingress_routes_only_the_chat_channels():
    ingress = VALUES["ingress"]
    paths = [ingress["path"]] + [extra["path"] for extra in ingress.get("extraPaths", [])]
    assert sorted(paths) == ["/socket.io/", "/webhooks/"]
    assert ingress["pathType"] == "Prefix"
    annotations = ingress["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/limit-rps"]
    assert annotations["nginx.ingress.kubernetes.io/limit-connections"]


def test_the_socket_session_secret_is_required():
    channel = VALUES["applicationSettings"]["credentials"]["additionalChannelCredentials"][
        "server.channels.socketio.CheckedSocketIOInput"]
    assert channel["session_secret"] == "${SOCKETIO_SESSION_SECRET}"


def test_the_stores_are_the_projects_classes_as_in_deploy_endpoints_yml():
    """The chart writes these to endpoints.yml: the same classes as the compose set-up, so
    the lock also serves a retry whose ticket expired (server/store/lock_store.py)."""
    deployed = yaml.safe_load((ROOT / "deploy" / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints = VALUES["applicationSettings"]["endpoints"]
    assert endpoints["trackerStore"]["type"] == deployed["tracker_store"]["type"]
    lock_store = endpoints["lockStore"]
    assert lock_store["enabled"] is True
    assert lock_store["type"] == deployed["lock_store"]["type"] == "server.store.lock_store.RenewingRedisLockStore"
    assert {key: str(value) for key, value in lock_store.items() if key not in ("enabled", "type")} == {
        key: str(value) for key, value in deployed["lock_store"].items() if key != "type"}
