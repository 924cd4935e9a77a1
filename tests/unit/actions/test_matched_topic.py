"""action_offer_matched_topic on real trackers: a clear topic in another language's message."""

from actions.matched_topic import ActionOfferMatchedTopic
from tests.unit.actions.conftest import tracker_after


def parsed(*ranking):
    tracker = tracker_after("other_language", "¿es bueno para mí?", slots={"language": "es"})
    tracker.latest_message["intent_ranking"] = [{"name": n, "confidence": c} for n, c in ranking]
    return tracker


async def test_a_clear_topic_is_offered(dispatcher, domain):
    await ActionOfferMatchedTopic().run(dispatcher, parsed(("other_language", 1.0), ("coffee", 0.8)), domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_matched_topic_offer"
    assert message["buttons"] == [{"title": "Coffee and the liver", "payload": "/coffee"}]


async def test_key_terms_in_the_message_name_up_to_two_topics(dispatcher, domain):
    tracker = tracker_after("other_language", "¿Qué es el hígado graso y cómo se trata?", slots={"language": "es"})
    await ActionOfferMatchedTopic().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert [b["payload"] for b in message["buttons"]] == ["/what_is_fatty_liver", "/treatment_overview"]


async def test_an_unsure_guess_is_not(dispatcher, domain):
    await ActionOfferMatchedTopic().run(dispatcher, parsed(("other_language", 1.0), ("coffee", 0.2), ("sleep", 0.7)), domain)
    assert dispatcher.messages == []


def test_each_language_has_its_words_and_english_is_the_default(domain):
    variations = domain["responses"]["utter_other_language"]
    languages = [v["condition"][0]["value"] for v in variations if "condition" in v]
    assert languages == ["es", "pt", "fr", "hi", "zh"] and "condition" not in variations[-1]
    assert "English" in variations[-1]["text"]
