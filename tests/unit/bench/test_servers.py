"""Which process of a running bot is its Rasa server (for memory and the profile)."""

from bench.servers import is_rasa_server


def test_our_server_launch_and_a_bare_rasa_run_are_rasa_servers():
    assert is_rasa_server(".venv/bin/python scripts/run_module.py server.launch --port 5005")
    assert is_rasa_server(".venv/bin/rasa run --model floor.tar.gz --port 5006")


def test_the_action_server_is_not():
    assert not is_rasa_server(".venv/bin/python scripts/run_module.py rasa_sdk --actions actions --port 5055")
    assert not is_rasa_server(".venv/bin/rasa run actions")
