"""action_session_start on a real tracker."""

from rasa_sdk.events import ActionExecuted, SessionStarted

from actions.session_start import ActionSessionStart
from tests.actions.conftest import tracker_after


async def test_opens_with_the_full_disclaimer(dispatcher, domain):
    events = await ActionSessionStart().run(dispatcher, tracker_after(None), domain)

    assert dispatcher.messages[0]["response"] == "utter_full_disclaimer"
    assert events == [SessionStarted(), ActionExecuted("action_listen")]


def test_full_disclaimer_is_the_articles_own(domain):
    text = domain["responses"]["utter_full_disclaimer"][0]["text"]
    assert "educational purposes only and does not replace professional medical advice" in text
    assert "Consult a qualified healthcare provider" in text
