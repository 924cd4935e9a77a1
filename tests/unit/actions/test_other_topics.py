"""action_offer_other_topics on real trackers: the last question's other topics."""

from actions.other_topics import ActionOfferOtherTopics
from tests.unit.actions.conftest import tracker_after


def after_answer(ranking, topic="what_is_nash"):
    tracker = tracker_after("repair_wrong_topic", "that's not what i asked", slots={"topic": topic})
    question = {"event": "user", "text": "what is nash about",
                "parse_data": {"intent_ranking": [{"name": n, "confidence": c} for n, c in ranking]}}
    tracker.events[3:3] = [question, {"event": "action", "name": "utter_answer_what_is_nash"},
                           {"event": "action", "name": "action_listen"}]
    return tracker


async def test_offers_the_last_questions_other_topics_without_the_one_answered(dispatcher, domain):
    ranking = [("what_is_nash", 0.6), ("greet", 0.2), ("fibrosis_and_complications", 0.1),
               ("what_is_fatty_liver", 0.05), ("reversibility", 0.03), ("sleep", 0.01)]
    events = await ActionOfferOtherTopics().run(dispatcher, after_answer(ranking), domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_other_topics_offer"
    assert [b["payload"] for b in message["buttons"]] == [
        "/fibrosis_and_complications", "/what_is_fatty_liver", "/reversibility", "/help"]
    assert events == []


async def test_with_no_earlier_question_it_shows_the_menu(dispatcher, domain):
    tracker = tracker_after("repair_wrong_topic", "wrong topic")
    await ActionOfferOtherTopics().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_topic_menu"
    assert message["buttons"][0]["payload"] == "/menu_basics"


def test_the_apology_is_a_response(domain):
    assert domain["responses"]["utter_sorry_wrong_topic"][0]["text"].startswith("Sorry")
