"""Socket.IO session ids the server signs, and the secret it signs them with.

How the channel uses them over a real socket: test_socketio.py.
"""

import hashlib
import hmac
import logging
import re

import pytest
from rasa.shared.exceptions import InvalidConfigException

from server.channels.socket_sessions import (
    CONTEXT,
    MIN_SECRET_CHARS,
    SECRET_ENV,
    Session,
    SessionSigner,
    session_secret,
)

SECRET = "socket-test-secret-0123456789-0123456789"
OTHER_SECRET = "another-replica-secret-0123456789-0123"


@pytest.fixture
def no_secret_in_environment(monkeypatch):
    monkeypatch.delenv(SECRET_ENV, raising=False)


def test_signed_ids_verify_only_with_their_secret():
    signer = SessionSigner(SECRET)
    session = signer.issue()
    assert session.key.startswith("socketio:") and session.key[9:] in session.signed_id
    assert signer.verify(session.signed_id) == session
    assert SessionSigner(SECRET + "x").verify(session.signed_id) is None
    nonce, signature = session.signed_id.split(".")
    forged = f"{nonce}.{'0' * 32 if signature != '0' * 32 else '1' * 32}"
    for bad in (forged, nonce, session.key, "", None, 7, session.signed_id.upper()):
        assert signer.verify(bad) is None


def test_an_issued_id_is_a_fresh_nonce_and_its_signature_and_the_key_holds_the_nonce_only():
    sessions = [SessionSigner(SECRET).issue() for _ in range(50)]

    assert len({session.signed_id for session in sessions}) == 50
    for session in sessions:
        nonce, signature = re.fullmatch(r"([0-9a-f]{32})\.([0-9a-f]{32})", session.signed_id).groups()
        assert session.key == f"socketio:{nonce}"
        assert signature not in session.key, "the stored key never gives the signature away"


def test_the_signature_is_the_hmac_of_the_nonce_in_the_sessions_context():
    session = SessionSigner(SECRET).issue()
    nonce, signature = session.signed_id.split(".")

    expected = hmac.new(SECRET.encode(), CONTEXT + nonce.encode(), hashlib.sha256).hexdigest()[:32]
    assert signature == expected
    # The same secret used elsewhere without the context signs differently.
    assert signature != hmac.new(SECRET.encode(), nonce.encode(), hashlib.sha256).hexdigest()[:32]


def test_every_replica_with_the_same_secret_accepts_the_id_and_finds_the_same_conversation():
    session = SessionSigner(SECRET).issue()

    assert SessionSigner(SECRET).verify(session.signed_id) == session
    assert SessionSigner(OTHER_SECRET).verify(session.signed_id) is None


def test_a_signature_of_one_nonce_does_not_verify_another():
    signer = SessionSigner(SECRET)
    first, second = signer.issue(), signer.issue()
    swapped = f"{first.signed_id.split('.')[0]}.{second.signed_id.split('.')[1]}"

    assert signer.verify(swapped) is None


@pytest.mark.parametrize("change", [
    lambda signed: f" {signed}",
    lambda signed: f"{signed}\n",
    lambda signed: f"{signed}0",
    lambda signed: signed[1:],
    lambda signed: signed.replace(".", ":"),
    lambda signed: f"socketio:{signed}",
    lambda signed: signed.encode(),
    lambda signed: [signed],
    lambda signed: {"session_id": signed},
], ids=["leading-space", "trailing-newline", "extra-digit", "short-nonce", "other-separator",
        "key-prefix", "bytes", "list", "object"])
def test_anything_but_the_exact_id_is_refused(change):
    signer = SessionSigner(SECRET)
    signed = signer.issue().signed_id

    assert signer.verify(change(signed)) is None


def test_a_session_is_a_value():
    assert Session("a.b", "socketio:a") == Session("a.b", "socketio:a")
    with pytest.raises(AttributeError):
        Session("a.b", "socketio:a").key = "socketio:other"


def test_a_short_secret_stops_the_server_and_none_gives_a_random_one(monkeypatch):
    monkeypatch.delenv(SECRET_ENV, raising=False)
    with pytest.raises(InvalidConfigException, match="at least"):
        session_secret("x" * (MIN_SECRET_CHARS - 1))
    assert len(session_secret(None)) >= MIN_SECRET_CHARS
    monkeypatch.setenv(SECRET_ENV, SECRET)
    assert session_secret(None) == SECRET


def test_the_credentials_secret_wins_over_the_environments(monkeypatch):
    monkeypatch.setenv(SECRET_ENV, OTHER_SECRET)

    assert session_secret(SECRET) == SECRET
    assert session_secret(f"  {SECRET}\n") == SECRET, "spaces a YAML file or a secret store adds"
    assert session_secret("") == OTHER_SECRET, "an empty entry in credentials.yml"
    assert session_secret("   ") == OTHER_SECRET, "an entry of blanks is as good as empty"


def test_the_environments_secret_is_stripped(monkeypatch):
    monkeypatch.setenv(SECRET_ENV, f"{SECRET}\n")

    assert session_secret(None) == SECRET


def test_a_number_in_credentials_is_read_as_its_digits(no_secret_in_environment):
    digits = 10 ** (MIN_SECRET_CHARS + 1)

    assert session_secret(digits) == str(digits)


def test_a_secret_of_the_minimum_length_is_accepted(no_secret_in_environment):
    assert session_secret("s" * MIN_SECRET_CHARS) == "s" * MIN_SECRET_CHARS


@pytest.mark.parametrize("where", ["credentials", "environment"])
def test_a_short_secret_is_refused_without_repeating_it(where, monkeypatch):
    short = "short-secret-" + "7" * (MIN_SECRET_CHARS - 14)
    monkeypatch.setenv(SECRET_ENV, short if where == "environment" else "")

    with pytest.raises(InvalidConfigException) as refused:
        session_secret(short if where == "credentials" else None)

    message = str(refused.value)
    assert SECRET_ENV in message and str(MIN_SECRET_CHARS) in message and "openssl rand" in message
    assert short not in message


def test_without_a_secret_each_process_makes_its_own_and_warns(no_secret_in_environment, caplog):
    caplog.set_level(logging.WARNING, logger="server.channels.socket_sessions")

    first, second = session_secret(None), session_secret("   ")

    assert re.fullmatch(r"[0-9a-f]{64}", first) and re.fullmatch(r"[0-9a-f]{64}", second)
    assert first != second
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 2 and all(SECRET_ENV in warning and "random" in warning for warning in warnings)
    # Sessions signed with one process's secret are not accepted by another's.
    assert SessionSigner(second).verify(SessionSigner(first).issue().signed_id) is None
