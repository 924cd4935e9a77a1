"""action_default_fallback on real trackers."""

from rasa_sdk.events import UserUtteranceReverted

from actions.fallback import ActionDefaultFallback
from actions.topic_library import group_buttons
from tests.unit.actions.conftest import tracker_after


def unsure(text, *ranking):
    tracker = tracker_after("nlu_fallback", text)
    tracker.latest_message["intent_ranking"] = [
        {"name": name, "confidence": confidence} for name, confidence in ranking
    ]
    return tracker


UNSURE_RANKING = (
    ("nlu_fallback", 0.4), ("what_is_nash", 0.3), ("greet", 0.2),
    ("what_is_fatty_liver", 0.25), ("reversibility", 0.1), ("diet", 0.05),
)


async def test_first_miss_offers_the_three_likeliest_topics(dispatcher, domain):
    events = await ActionDefaultFallback().run(dispatcher, unsure("nash thing?", *UNSURE_RANKING), domain)

    (message,) = dispatcher.messages
    assert message["response"] == "utter_did_you_mean"
    assert [b["payload"] for b in message["buttons"]] == [
        "/what_is_nash", "/what_is_fatty_liver", "/reversibility", "/help",
    ]
    assert message["buttons"][-1]["title"] == "Something else"
    assert events == [UserUtteranceReverted()]


def second_miss():
    """A tracker whose previous message already got did-you-mean (then was undone)."""
    tracker = unsure("still not it", *UNSURE_RANKING)
    user_event = tracker.events.pop()
    tracker.events += [
        {"event": "user", "text": "nash thing?", "parse_data": tracker.latest_message},
        {"event": "action", "name": "action_default_fallback"},
        {"event": "rewind"},
        {"event": "action", "name": "action_listen"},
        user_event,
    ]
    return tracker


async def test_second_miss_in_a_row_offers_the_menu_and_a_provider(dispatcher, domain, monkeypatch):
    monkeypatch.delenv("CARE_TEAM_PHONE", raising=False)
    monkeypatch.delenv("CARE_TEAM_URL", raising=False)
    await ActionDefaultFallback().run(dispatcher, second_miss(), domain)

    assert [m["response"] for m in dispatcher.messages] == ["utter_default", "utter_ask_a_provider"]
    assert len(dispatcher.messages[0]["buttons"]) == len(group_buttons())


async def test_a_message_with_no_ranking_gets_the_menu(dispatcher, domain):
    await ActionDefaultFallback().run(dispatcher, unsure(""), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_default"]


def test_the_provider_pointer_names_a_clinician(domain):
    assert "healthcare provider" in domain["responses"]["utter_ask_a_provider"][0]["text"]


def test_topic_guesses_skip_non_topics_and_the_one_left_out():
    from actions.fallback import topic_guesses

    ranking = [{"name": "greet"}, {"name": "coffee"}, {"name": "diet"}, {"name": "sleep"}, {"name": "alcohol"}]
    assert topic_guesses(ranking) == ["coffee", "diet", "sleep"]
    assert topic_guesses(ranking, leave_out="diet") == ["coffee", "sleep", "alcohol"]
    assert topic_guesses(None) == []
