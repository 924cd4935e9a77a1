"""action_default_fallback on a real tracker."""

from rasa_sdk.events import UserUtteranceReverted

from actions.fallback import ActionDefaultFallback
from tests.actions.conftest import tracker_after


async def test_says_what_it_covers_and_forgets_the_message(dispatcher, domain):
    tracker = tracker_after("nlu_fallback", "qwertyuiop")

    events = await ActionDefaultFallback().run(dispatcher, tracker, domain)

    assert dispatcher.messages[0]["response"] == "utter_default"
    assert len(dispatcher.messages[0]["buttons"]) >= 3
    assert events == [UserUtteranceReverted()]
