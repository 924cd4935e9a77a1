"""action_offer_general_facts on real trackers."""

from actions.personal_advice import ActionOfferGeneralFacts
from tests.unit.actions.conftest import tracker_after


def ranked(tracker, *ranking):
    tracker.latest_message["intent_ranking"] = [
        {"name": name, "confidence": confidence} for name, confidence in ranking
    ]
    return tracker


async def test_declines_and_offers_the_closest_topic(dispatcher, domain):
    tracker = ranked(
        tracker_after("personal_medical_advice", "should i stop my metformin"),
        ("personal_medical_advice", 0.9), ("greet", 0.05), ("medications", 0.04),
    )

    events = await ActionOfferGeneralFacts().run(dispatcher, tracker, domain)

    messages = dispatcher.messages
    assert [message["response"] for message in messages] == ["utter_general_facts_offer"]
    assert [button["payload"] for button in messages[0]["buttons"]] == ["/medications"]
    assert events == []


async def test_without_a_plausible_topic_it_offers_nothing(dispatcher, domain):
    tracker = ranked(
        tracker_after("personal_medical_advice", "do i have it"), ("personal_medical_advice", 0.99)
    )
    await ActionOfferGeneralFacts().run(dispatcher, tracker, domain)
    assert dispatcher.messages == []


def test_the_reply_points_to_a_clinician(domain):
    text = domain["responses"]["utter_personal_advice"][0]["text"]
    assert "doctor or healthcare provider" in text


async def test_when_the_classifier_ranks_no_topic_the_words_choose_one(dispatcher, domain):
    # A dose question: the classifier is certain it is personal and ranks topics near zero.
    tracker = ranked(
        tracker_after("personal_medical_advice", "how many mg of metformin should i take"),
        ("personal_medical_advice", 1.0), ("thank", 0.0), ("diet", 0.0),
    )
    await ActionOfferGeneralFacts().run(dispatcher, tracker, domain)
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/medications"]
