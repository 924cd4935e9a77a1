"""What counts as an answer, a did-you-mean, an out-of-scope message, a red flag and a vote,
and which topic a vote is for, on event lists as the store holds them."""

from rasa.shared.core.events import ActionExecuted, Restarted, SessionStarted, UserUttered

from tools.insights_counts import DID_YOU_MEAN, NO_TOPIC, OUT_OF_SCOPE, ConversationWalk, Counts, Unplaced
from tests.unit.tools.test_insights import did_you_mean, reply, said, session, topic_turn, user, vote, when

START, END = when(11, 1, 0), when(12, 1, 0)
TOPICS = {"coffee", "diet", "sleep", "alcohol"}


def counted(*conversations):
    counts = Counts()
    for events in conversations:
        ConversationWalk(counts, START, END, TOPICS).walk(events)
    return counts


def test_a_vote_is_for_the_topic_slot_else_the_last_answer_else_no_topic():
    at = when(11, 5)
    slot = topic_turn("coffee?", "coffee", at) + vote(True, at + 1)
    # An answer whose slot was not set (a stored conversation from before the mapping).
    answer_only = [user("diet?", "diet", at)] + reply("utter_answer_diet", at) + vote(False, at + 1)
    # A new session resets the slot (domain.yml: no slot carries over) but not the last answer.
    new_session = topic_turn("sleep?", "sleep", at) + session(at + 3600) + vote(True, at + 3601)
    restarted = [Restarted(timestamp=at)] + vote(False, at + 1)
    with_entity = topic_turn("coffee?", "coffee", at) + [
        UserUttered("/helpful", {"name": "helpful"}, [{"entity": "topic", "value": "alcohol"}], timestamp=at + 1)]

    counts = counted(slot, answer_only, new_session, restarted, with_entity)

    assert {topic: dict(votes) for topic, votes in counts.votes.items()} == {
        "coffee": {"helpful": 1}, "diet": {"not_helpful": 1}, "sleep": {"helpful": 1},
        NO_TOPIC: {"not_helpful": 1}, "alcohol": {"helpful": 1},
    }


def test_a_misunderstood_message_counts_once_and_button_presses_are_not_typed():
    at = when(11, 5)
    # The intent nlu_fallback and the fallback action for the same message: one did-you-mean.
    both = did_you_mean("bananas?", at, ["diet"])
    # Another intent, but Rasa's core fallback ran the did-you-mean action.
    core_fallback = [user("hmm coffee maybe", "coffee", at), ActionExecuted("action_default_fallback", timestamp=at)]
    out_of_scope = said("weather?", "out_of_scope", "utter_out_of_scope", at)
    payload = topic_turn("/diet", "diet", at) + [user("/nlu_fallback", "nlu_fallback", at)]

    counts = counted(both, core_fallback, out_of_scope, payload)

    assert (counts.user_messages, counts.typed_messages) == (5, 3)
    assert (counts.did_you_mean, counts.out_of_scope) == (2, 1)
    assert counts.unplaced == [Unplaced("bananas?", DID_YOU_MEAN, "diet"),
                               Unplaced("hmm coffee maybe", DID_YOU_MEAN, "coffee"),
                               Unplaced("weather?", OUT_OF_SCOPE, None)]
    assert counts.rate(counts.did_you_mean) == 2 / 3


def test_only_events_in_the_range_count_and_a_conversation_counts_once():
    before, inside, after = when(10, 31, 23, 59), when(11, 15), END
    events = (session(before) + topic_turn("coffee?", "coffee", before) + said("chest pain", "emergency", "utter_emergency", inside)
              + said("I want to die and I am vomiting blood", "crisis_and_emergency", "utter_emergency_crisis", inside)
              + topic_turn("diet?", "diet", inside) + topic_turn("sleep?", "sleep", after))

    counts = counted(events, session(inside))

    assert counts.conversations == 1, "a conversation with no user message in the range is not counted"
    assert dict(counts.answers) == {"diet": 1}
    assert dict(counts.red_flags) == {"emergency": 1, "crisis_and_emergency": 1}
    assert (counts.user_messages, counts.bot_messages) == (3, 3)


def test_nothing_in_the_range_gives_zero_rates():
    counts = counted(session(when(10, 1)) + [SessionStarted(timestamp=when(12, 2))])
    assert (counts.conversations, counts.rate(counts.did_you_mean)) == (0, 0.0)
