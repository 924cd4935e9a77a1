"""The system tier's end-to-end conversation tests, run again on PostgreSQL through a
replica of the production profile: a conversation past the store's window, and "forget me"
(asked, confirmed, every event deleted; "forget it" and "no" delete nothing)."""

import pytest

from tests.system.persistence.test_long_conversation import (  # noqa: F401 (collected here too)
    test_a_conversation_past_the_window_is_answered_and_stored_whole,
    test_forget_me_after_a_long_conversation_deletes_the_early_turns_too,
)
from tests.system.privacy.test_forget_me import (  # noqa: F401
    test_forget_it_never_deletes_the_conversation,
    test_forget_me_end_to_end,
    test_saying_no_to_the_question_keeps_the_conversation,
)


@pytest.fixture
def live(replica):
    return replica


@pytest.fixture
def privacy_stack(replica):
    return replica
