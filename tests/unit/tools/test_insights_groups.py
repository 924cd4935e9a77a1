"""Grouping the questions it could not place: alike wordings together, masked, counted."""

from tools.insights_counts import DID_YOU_MEAN, OUT_OF_SCOPE, Unplaced
from tools.insights_groups import group, wording


def asked(*texts, kind=DID_YOU_MEAN, nearest=None):
    return [Unplaced(text, kind, nearest) for text in texts]


QUESTIONS = (
    asked("Can I eat bananas?", "can i eat bananas", "are bananas ok to eat", "is banana bad for the liver", nearest="diet")
    + asked("what about turmeric", "does turmeric help the liver", "Turmeric supplements for fatty liver?", nearest="supplements_and_herbs")
    + asked("what is the weather today", "whats the weather like", kind=OUT_OF_SCOPE)
    + asked("tell me a joke", kind=OUT_OF_SCOPE)
)


def test_alike_questions_form_one_group_each_largest_first():
    found = group(QUESTIONS)
    assert [(g.messages, g.label, g.nearest_topic) for g in found.groups] == [
        (4, "can i eat bananas", "diet"),
        (3, "does turmeric help the liver", "supplements_and_herbs"),
        (2, "what is the weather today", None),
        (1, "tell me a joke", None),
    ]
    bananas = found.groups[0]
    assert bananas.examples == (("can i eat bananas", 2), ("are bananas ok to eat", 1), ("is banana bad for the liver", 1))
    assert found.groups[2].kinds == ((OUT_OF_SCOPE, 2),)
    assert found.ungrouped == 0


def test_the_same_questions_in_another_order_give_the_same_groups():
    assert group(QUESTIONS) == group(list(reversed(QUESTIONS)))


def test_wordings_are_masked_and_only_numbers_are_not_grouped():
    found = group(asked("I weigh 220, how much to lose?", "i weigh 180 how much to lose", "555-010-9999", "42", "?!"))
    assert [(g.messages, g.examples) for g in found.groups] == [
        (2, (("i weigh [number] how much to lose", 1), ("i weigh [number], how much to lose", 1)))]
    assert found.ungrouped == 3
    assert wording("  Call me: +1 555 010 9999!! ") == "call me: [phone]"


def test_no_questions_no_groups():
    found = group([])
    assert found.groups == () and found.ungrouped == 0
    assert group(asked("one lonely question")).groups[0].examples == (("one lonely question", 1),)


def test_past_the_cap_the_rarest_wordings_are_only_counted(monkeypatch):
    monkeypatch.setattr("tools.insights_groups.MAX_WORDINGS", 2)
    found = group(asked("can i eat bananas", "can i eat bananas", "can I eat bananas?", "is wine ok", "tell me a joke"))
    assert [(g.messages, g.label) for g in found.groups] == [(3, "can i eat bananas"), (1, "is wine ok")]
    assert found.ungrouped == 1
