"""common/content.py: a topic file parsed, the problems of broken files, and the button, menu and text helpers."""

import ast
import datetime as dt

import pytest
import yaml

from common import content
from common.content import (
    GROUPS,
    MORE_TOPICS_BUTTON,
    ContentError,
    Source,
    content_problems,
    group_buttons,
    load_topics,
    menu_intent,
    normalise_question,
    parse_topic,
    review_warnings,
    sentences,
    tell_me_more_button,
    topic_button,
    used_groups,
)

QUESTIONS = [f"how does step {number} work" for number in range(15)]


def topic_fields(topic_id, **changes):
    """A small valid topic, written by hand so every parsed value is known."""
    fields = {
        "id": topic_id, "title": f"About {topic_id}", "kind": "knowledge", "group": "basics",
        "section": "A section", "answer": "  The liver stores fat. It can heal.  ",
        "details": "Eat well. Move more. Sleep well.", "related": [],
        "sources": [{"name": "NIDDK", "url": "https://www.niddk.nih.gov/"}, {"name": "An article"}],
        "reviewed": "2025-03-01", "review_due": "2026-03-01", "questions": QUESTIONS,
    }
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def write(directory, topic_id, **changes):
    path = directory / f"{topic_id}.yml"
    path.write_text(yaml.safe_dump(topic_fields(topic_id, **changes)), encoding="utf-8")
    return path


def test_a_topic_file_becomes_a_topic_with_clean_values(tmp_path):
    topic = parse_topic(write(tmp_path, "liver_fat", related=["other_topic"]))

    assert topic.id == "liver_fat" and topic.title == "About liver_fat"
    assert topic.answer == "The liver stores fat. It can heal."
    assert topic.related == ("other_topic",)
    assert topic.sources == (Source("NIDDK", "https://www.niddk.nih.gov/"), Source("An article"))
    assert (topic.reviewed, topic.review_due) == (dt.date(2025, 3, 1), dt.date(2026, 3, 1))
    assert topic.questions == tuple(QUESTIONS)
    assert topic.path == tmp_path / "liver_fat.yml"
    assert topic.helper is None and topic.helper_button is None


def test_a_topic_may_offer_a_guided_helper(tmp_path):
    topic = parse_topic(write(tmp_path, "liver_fat", helper="weight_target"))

    assert topic.helper_button == {"title": "Work out my target", "payload": "/start_weight_target"}


@pytest.mark.parametrize(
    "changes, problem",
    [
        ({"id": "Liver-Fat"}, "field 'id': use lower-case letters"),
        ({"kind": "opinion"}, "field 'kind': 'opinion' is not one of knowledge, mechanism"),
        ({"group": "misc"}, "field 'group': 'misc' is not one of basics, causes"),
        ({"title": "   "}, "field 'title': must be non-empty text"),
        ({"related": "other_topic"}, "field 'related': must be a list of topic ids"),
        ({"related": ["a", "b", "c"]}, "field 'related': lists 3 topics; at most 2"),
        ({"helper": "calorie_counter"}, "field 'helper': 'calorie_counter' is not one of weight_target"),
        ({"sources": []}, "field 'sources': must list at least one source"),
        ({"sources": [{"url": "https://a.org"}]}, "field 'sources': item 1 needs a 'name'"),
        ({"sources": [{"name": "A", "url": "http://a.org"}]}, "item 1 url must start with https://"),
        ({"reviewed": "2025-13-01"}, "field 'reviewed': must be a date written as YYYY-MM-DD"),
        ({"review_due": 2026}, "field 'review_due': must be a date written as YYYY-MM-DD"),
        ({"questions": QUESTIONS + [None]}, "field 'questions': must be a list of non-empty questions"),
        ({"questions": QUESTIONS + ["How does STEP 3 work?"]},
         "'How does STEP 3 work?' repeats 'how does step 3 work'"),
    ],
)
def test_a_broken_field_is_named_with_the_file(tmp_path, changes, problem):
    path = write(tmp_path, "broken", **changes)
    with pytest.raises(ContentError) as error:
        parse_topic(path)
    assert str(error.value).startswith("broken.yml: ")
    assert problem in str(error.value)


def test_a_file_that_is_not_a_mapping_is_named(tmp_path):
    path = tmp_path / "listed.yml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"^listed\.yml: must be a mapping of fields$"):
        parse_topic(path)


def test_dates_may_be_yaml_dates_or_datetimes(tmp_path):
    path = tmp_path / "dated.yml"
    text = yaml.safe_dump(topic_fields("dated", reviewed=None, review_due=None))
    path.write_text(text + "reviewed: 2025-03-01 10:30:00\nreview_due: 2026-03-01\n", encoding="utf-8")
    topic = parse_topic(path)
    assert (topic.reviewed, topic.review_due) == (dt.date(2025, 3, 1), dt.date(2026, 3, 1))


def test_every_broken_file_and_cross_file_rule_is_listed(tmp_path):
    write(tmp_path, "a_topic", related=["a_topic"])
    write(tmp_path, "b_topic", kind="opinion")
    write(tmp_path, "c_topic", questions=[f"another question {n}" for n in range(15)])

    assert content_problems(tmp_path) == [
        "b_topic.yml: field 'kind': 'opinion' is not one of knowledge, mechanism, strategy, faq, about",
        "a_topic.yml: field 'related': a topic cannot suggest itself",
    ]
    with pytest.raises(ContentError, match="b_topic.yml"):
        load_topics(tmp_path)


def test_load_topics_checks_the_cross_file_rules_only_when_asked(tmp_path):
    write(tmp_path, "b_topic", questions=[f"another question {n}" for n in range(15)])
    write(tmp_path, "a_topic", related=["a_topic"])

    assert list(load_topics(tmp_path)) == ["a_topic", "b_topic"]  # by file name
    with pytest.raises(ContentError, match="a topic cannot suggest itself"):
        load_topics(tmp_path, check=True)


def test_an_empty_folder_is_a_problem(tmp_path):
    assert content_problems(tmp_path) == [f"no topic files (*.yml) in {tmp_path}"]
    with pytest.raises(ContentError, match="no topic files"):
        load_topics(tmp_path)


def test_a_source_is_a_markdown_link_when_it_has_a_url():
    assert Source("An unsigned article").markdown == "An unsigned article"
    assert Source("NIDDK", "https://niddk.nih.gov").markdown == "[NIDDK](https://niddk.nih.gov)"
    # Brackets in the name and parentheses in the URL would end the link early.
    tricky = Source("Liver [review]", "https://w.org/Fatty_(liver)")
    assert tricky.markdown == "[Liver (review)](https://w.org/Fatty_%28liver%29)"


def test_the_sources_line_names_every_source_and_the_review_month(tmp_path):
    topic = parse_topic(write(tmp_path, "sourced"))
    assert topic.sources_line == "Sources: [NIDDK](https://www.niddk.nih.gov/); An article. Last reviewed March 2025."


def test_topic_and_more_buttons_carry_their_payloads(tmp_path):
    topic = parse_topic(write(tmp_path, "coffee_facts"))
    assert topic_button(topic) == {"title": "About coffee_facts", "payload": "/coffee_facts"}
    assert tell_me_more_button("coffee") == {"title": "Tell me more", "payload": '/tell_me_more{"topic":"coffee"}'}
    assert MORE_TOPICS_BUTTON["payload"] == "/help"
    assert menu_intent("what_helps") == "menu_what_helps"


def test_the_menu_shows_only_groups_with_topics_in_menu_order(tmp_path):
    write(tmp_path, "z_treatment", group="treatments")
    write(tmp_path, "a_food", group="food_and_drink")
    write(tmp_path, "m_basic", group="basics")
    topics = load_topics(tmp_path)

    assert used_groups(topics) == ["basics", "food_and_drink", "treatments"]
    assert group_buttons(topics) == [
        {"title": GROUPS["basics"], "payload": "/menu_basics"},
        {"title": GROUPS["food_and_drink"], "payload": "/menu_food_and_drink"},
        {"title": GROUPS["treatments"], "payload": "/menu_treatments"},
    ]


def test_sentences_split_after_end_marks_before_a_capital_or_number():
    text = "Fat builds up.  Cells\nstop working!   Why? 2 things help. Levels of 5.5 are fine, e.g. fruit."
    assert sentences(text) == [
        "Fat builds up.", "Cells stop working!", "Why?", "2 things help.",
        "Levels of 5.5 are fine, e.g. fruit.",
    ]
    assert sentences("   ") == []


def test_normalise_question_ignores_case_punctuation_and_spacing_but_keeps_percent():
    assert normalise_question("  What's   NAFLD?! ") == "what s nafld"
    assert normalise_question("Is 5% weight-loss enough?") == "is 5% weight loss enough"
    assert normalise_question("How does step 3 work") == normalise_question("how does STEP 3 work??")


def test_review_warnings_list_only_topics_past_their_review_date(tmp_path):
    due_soon = parse_topic(write(tmp_path, "due_soon", review_due="2026-03-01"))
    overdue = parse_topic(write(tmp_path, "overdue", review_due="2025-06-01"))

    assert review_warnings([due_soon, overdue], today=dt.date(2026, 3, 1)) == [
        "overdue.yml: field 'review_due': the review was due on 2025-06-01"
    ]
    assert review_warnings([due_soon, overdue], today=dt.date(2025, 6, 1)) == []


def test_the_module_imports_nothing_from_rasa():
    tree = ast.parse(open(content.__file__, encoding="utf-8").read())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not [name for name in imported if name.split(".")[0] in ("rasa", "rasa_sdk")]


def test_topic_ids_are_the_topic_files_read_once():
    from common.content import topic_ids

    assert topic_ids() == frozenset(load_topics()) and topic_ids() is topic_ids()
