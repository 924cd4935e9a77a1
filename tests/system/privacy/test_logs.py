"""No message text in the servers' logs at INFO level (the default), as `make run` logs."""

import uuid


def test_no_message_text_in_the_server_logs(privacy_stack):
    marker = f"mk{uuid.uuid4().hex[:10]}"
    sender = f"logs-{uuid.uuid4().hex[:12]}"
    for message in (
        f"hello {marker}",
        f"what is fatty liver disease {marker}",
        f"/what_is_nash {marker}",
        f"{marker}",
        f"i vomited blood {marker}",  # the red-flag path
        f"<b>{marker}</b> how much should i weigh",
    ):
        assert privacy_stack.say(sender, message)

    logs = privacy_stack.logs()
    assert "INFO" in logs and "Rasa server is up and running" in logs, "logs are at INFO level"
    assert marker not in logs
