"""Choosing the general topic of a personal question by its words."""

import pytest

from actions.topic_words import closest_topic_by_words, stem


@pytest.mark.parametrize(
    "text, topic_id",
    [
        ("should i stop my ozempic", "medications"),
        ("my alt came back at 92, is that bad", "evaluation_tests"),
        ("do i have mash", "what_is_nash"),
        ("do i have nash", "what_is_nash"),
        ("is my liver scarred", "fibrosis_and_complications"),
        ("can i have wine with my f2 fibrosis", "alcohol"),
    ],
)
def test_telling_words_point_to_the_topic(text, topic_id):
    assert closest_topic_by_words(text) == topic_id


@pytest.mark.parametrize("text", ["", "do i have it", "🙂🙂", "is that bad for me"])
def test_no_telling_word_means_no_topic(text):
    assert closest_topic_by_words(text) is None


def test_stemming_meets_word_forms_and_leaves_short_words_alone():
    assert stem("scarring") == stem("scarred")
    assert stem("tests") == "test"
    assert stem("alt") == "alt" and stem("gas") == "gas"
