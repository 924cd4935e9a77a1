"""Safety over the REST channel: red flags on any turn, and the chat goes on."""

from tests.e2e.replies import DISCLAIMER, texts


def test_a_red_flag_mid_conversation_gets_urgent_care_first_and_the_chat_goes_on(assistant, sender):
    assistant.say(sender, "what is insulin resistance")

    replies = texts(assistant.say(sender, "i have masld and my poop is black, is that normal"))

    assert "emergency" in replies[0]
    assert "911" in replies[0]
    assert assistant.tracker(sender)["latest_message"]["intent"]["name"] == "emergency"
    after = texts(assistant.say(sender, "ok. what is nash?"))
    assert DISCLAIMER in after[-1]
    assert assistant.tracker(sender)["slots"]["topic"] == "what_is_nash"


def test_a_red_flag_wins_over_a_topic_question_in_the_same_message(assistant, sender):
    assistant.say(sender, "hi")
    replies = texts(assistant.say(sender, "what does insulin do? also i threw up blood today"))
    assert "emergency" in replies[0]


def test_self_harm_gets_the_crisis_line(assistant, sender):
    assistant.say(sender, "hello")
    replies = texts(assistant.say(sender, "i don't want to live anymore"))
    assert "988" in replies[0] and "emergency" in replies[0]


def test_a_negated_symptom_is_answered_normally(assistant, sender):
    assistant.say(sender, "hi")
    replies = texts(assistant.say(sender, "i have never vomited blood, but what is fatty liver"))
    assert not any("emergency" in text for text in replies)



def test_in_a_new_session_the_reply_to_a_red_flag_starts_with_the_emergency(assistant, sender):
    replies = texts(assistant.say(sender, "my skin and eyes turned yellow"))

    # Rasa starts the session (full disclaimer) before it reads the message; the reply to
    # the message itself comes next, and its first message is the emergency advice.
    events = assistant.tracker(sender)["events"]
    user_at = next(i for i, event in enumerate(events) if event["event"] == "user")
    first_reply = next(event for event in events[user_at:] if event["event"] == "bot")
    assert "emergency" in first_reply["text"] and "911" in first_reply["text"]
    assert replies.index(first_reply["text"]) == 1


PERSONAL_QUESTIONS = [
    "how many mg of metformin should i take",
    "my alt came back at 92, is that bad",
    "should i stop my ozempic",
    "do i have nash",
]


def test_personal_medical_questions_get_no_advice_but_a_provider_and_general_facts(assistant, sender):
    assistant.say(sender, "hi")
    for question in PERSONAL_QUESTIONS:
        replies = assistant.say(sender, question)
        said = " ".join(texts(replies))
        assert "doctor or healthcare provider" in said, (question, said)
        assert DISCLAIMER in texts(replies)[-1]
        # The general facts it can give: a button to the closest topic.
        assert any(reply.get("buttons") for reply in replies), (question, replies)
        assert not any(unit in said.lower() for unit in (" mg ", "units a day", "your alt is")), said
