"""Names both servers must agree on: actions and responses that one side sends and the
other side recognises."""

from __future__ import annotations

# "Forget me": the action confirms, the Rasa server deletes (server/store/forget.py).
FORGET_ACTION = "action_forget_me"
FORGET_CONFIRMATION = "utter_conversation_deleted"
