"""The content check: every topic file of content/ against the rules and the outline."""

import warnings

from common.content import (
    MAX_ANSWER_SENTENCES,
    MAX_READING_GRADE,
    MIN_QUESTIONS,
    content_problems,
    load_topics,
    reading_grade,
    review_warnings,
    sentences,
)
from tests.conftest import heldout_examples, outline_topic_ids

# The 15 topics of content-outline-part2.md.
NEW_TOPICS = (
    "treatment_overview", "prediabetes_and_type2", "who_should_get_checked",
    "fibrosis_scores_explained", "lean_masld", "children_and_teens", "pregnancy_and_pcos",
    "sugary_drinks_fructose", "coffee", "popular_diets", "supplements_and_herbs",
    "statins_and_heart", "metald", "bariatric_surgery", "living_with_cirrhosis",
)


def test_content_has_no_problems():
    problems = content_problems()
    assert not problems, "content/ breaks these rules:\n" + "\n".join(problems)


def test_every_outline_topic_has_a_file_and_no_other_topic_exists():
    assert sorted(load_topics()) == sorted(outline_topic_ids())


def test_outline_lists_all_46_topics():
    # Guards the outline parser: an empty list would make the test above pass vacuously.
    assert len(outline_topic_ids()) == 46


def test_answers_use_new_and_old_disease_names():
    answers = {topic.id: topic.answer for topic in load_topics().values()}
    assert "MASLD" in answers["what_is_fatty_liver"] and "NAFLD" in answers["what_is_fatty_liver"]
    assert "MASH" in answers["what_is_nash"] and "NASH" in answers["what_is_nash"]


def test_every_topic_has_enough_questions_sources_and_a_review_date():
    for topic in load_topics().values():
        assert len(topic.questions) >= MIN_QUESTIONS, topic.id
        assert topic.sources, topic.id
        assert topic.reviewed.year >= 2024, topic.id


def test_about_sources_carries_the_full_disclaimer():
    details = load_topics()["about_sources"].details
    assert "does not replace professional medical advice" in details
    assert "Consult a qualified healthcare provider" in details


def test_every_topic_has_two_layers_at_the_reading_level_and_a_review_due_date():
    for topic in load_topics().values():
        assert len(sentences(topic.answer)) <= MAX_ANSWER_SENTENCES, topic.id
        assert reading_grade(topic.answer) <= MAX_READING_GRADE, topic.id
        assert reading_grade(topic.details) <= MAX_READING_GRADE, topic.id
        assert topic.review_due > topic.reviewed, topic.id
        assert any(source.url for source in topic.sources), topic.id


def test_no_review_is_overdue():
    """A warning for the content team: `make validate` prints it too."""
    overdue = review_warnings(list(load_topics().values()))
    if overdue:
        warnings.warn("\n".join(overdue))


def test_the_new_topics_have_enough_training_and_heldout_questions():
    heldout = heldout_examples()
    for topic_id in NEW_TOPICS:
        assert len(load_topics()[topic_id].questions) >= 25, topic_id
        assert len(heldout.get(topic_id, [])) >= 5, topic_id
