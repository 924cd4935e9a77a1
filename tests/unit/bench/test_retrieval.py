"""Scoring shared by the bot and the alternative retrievers."""

from bench.retrieval import rank_topics_by_best_match, score


def test_a_topic_ranks_by_its_closest_question():
    ranked = rank_topics_by_best_match([0.2, 0.9, 0.5, 0.4], ["diet", "sleep", "diet", "alcohol"])
    assert ranked == ["sleep", "diet", "alcohol"]


def test_ties_break_by_topic_id_so_runs_repeat():
    assert rank_topics_by_best_match([0.5, 0.5], ["sleep", "diet"]) == ["diet", "sleep"]


def test_top1_top3_per_topic_and_confused_pairs():
    result = score(
        [
            ("diet", ["diet", "sleep"]),
            ("diet", ["alcohol", "sleep", "diet"]),
            ("sleep", ["alcohol", "diet", "exercise", "sleep"]),
            ("sleep", ["alcohol"]),
        ]
    )
    assert result["questions"] == 4
    assert result["top1"] == 0.25
    assert result["top3"] == 0.5
    assert result["per_topic"] == {"diet": 0.5, "sleep": 0.0}
    assert result["confused"][0] == {"topic": "sleep", "predicted": "alcohol", "count": 2}
    assert {"topic": "diet", "predicted": "alcohol", "count": 1} in result["confused"]


def test_any_listed_topic_is_right_and_the_first_names_the_question():
    result = score([(["diet", "exercise"], ["exercise", "diet"]), (["diet", "exercise"], ["sleep", "alcohol", "exercise"])])
    assert result["top1"] == 0.5
    assert result["top3"] == 1.0
    assert result["per_topic"] == {"diet": 0.5}
    assert result["confused"] == [{"topic": "diet", "predicted": "sleep", "count": 1}]
