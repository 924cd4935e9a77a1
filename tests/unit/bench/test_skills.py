"""The conversation-skill scorer: what counts as handled, per class."""

from bench.skills import Case, handled, load_cases, score, table

TOPICS = {"what_is_nash", "treatment_overview", "diet"}


def parse(intent, **entities):
    return {"intent": {"name": intent}, "entities": [{"entity": k, "value": v} for k, v in entities.items()]}


def test_an_accepted_intent_or_any_topic_counts():
    assert handled(Case("frustration", "ugh", ("frustration",)), parse("frustration"), TOPICS)
    assert not handled(Case("frustration", "ugh", ("frustration",)), parse("nlu_fallback"), TOPICS)
    assert handled(Case("general", "x", ("topic",)), parse("diet"), TOPICS)
    assert not handled(Case("general", "x", ("topic",)), parse("personal_medical_advice"), TOPICS)


def test_an_items_intent_language_and_second_topic_must_match():
    assert not handled(Case("general", "x", ("topic",), intent="diet"), parse("what_is_nash"), TOPICS)
    lang = Case("other_language", "hola amigos", ("other_language",), language="es")
    assert handled(lang, parse("other_language", language="es"), TOPICS)
    assert not handled(lang, parse("other_language", language="pt"), TOPICS)
    two = Case("two", "x and y", ("topic",), intent="what_is_nash", second_topic="treatment_overview")
    assert handled(two, parse("what_is_nash", second_topic="treatment_overview"), TOPICS)
    assert handled(two, parse("treatment_overview", second_topic="what_is_nash"), TOPICS)
    assert not handled(two, parse("what_is_nash"), TOPICS)


def test_scores_per_class_and_the_held_out_files_load():
    cases = [Case("a", "1", ("x",)), Case("a", "2", ("x",)), Case("b", "3", ("y",))]
    result = score(cases, [parse("x"), parse("z"), parse("y")], TOPICS)
    assert result["classes"]["a"]["handled"] == 1 and result["share"] == 2 / 3
    assert "| all | 2 of 3 |" in table(result)
    assert len(load_cases()) >= 80
