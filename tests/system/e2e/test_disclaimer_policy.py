"""The disclaimer policy, walked over every topic in one conversation.

Every health answer ends with the disclaimer line; the full disclaimer comes once, when
the session starts, and not again while the session lasts.
"""

from actions.topic_library import all_topics
from tests.replies import DISCLAIMER, FULL_DISCLAIMER, answered, texts


def test_every_topic_answer_carries_the_disclaimer_and_the_full_one_comes_once(assistant, sender):
    said = texts(assistant.say(sender, "hello"))
    assert FULL_DISCLAIMER in said[0], "the session opens with the full disclaimer"
    conversation = list(said)

    for topic_id, topic in sorted(all_topics().items()):
        # The payload a menu button sends: the walk does not depend on NLU.
        said = texts(assistant.say(sender, f"/{topic_id}"))
        assert answered(topic, said), (topic_id, said)
        assert DISCLAIMER in said[-1], topic_id
        conversation += said

    said = texts(assistant.say(sender, "my alt is 85, is that bad for me"))
    assert DISCLAIMER in said[-1], "a declined personal question is a health answer too"
    conversation += said

    assert sum(FULL_DISCLAIMER in text for text in conversation) == 1
