"""The content check: every topic file of content/ against the rules and the outline."""

from addons.content import MIN_QUESTIONS, content_problems, load_topics
from tests.conftest import outline_topic_ids


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
    answer = load_topics()["about_sources"].answer
    assert "does not replace professional medical advice" in answer
    assert "Consult a qualified healthcare provider" in answer
