"""docs/benchmarks.md: the newest run on top, earlier runs kept below, a chart beside it."""

import json
from pathlib import Path

from bench import report


def fake_results(date: str, our_p50: float) -> dict:
    level = lambda users, p50: {  # noqa: E731
        "users": users, "messages": 10, "errors": 0, "p50_ms": p50, "p95_ms": p50 * 1.5,
        "p99_ms": p50 * 2, "messages_per_s": 1000 / p50, "wall_s": 1.0,
    }
    one_set = {"questions": 2, "top1": 0.98, "top3": 1.0, "per_topic": {"diet": 1.0, "sleep": 0.0},
               "confused": [{"topic": "sleep", "predicted": "diet", "count": 1}]}
    ours = {"heldout": {**one_set, "answered_right": 0.97}, "faq": {**one_set, "answered_right": 0.9},
            "follow_ups": {"questions": 4, "top1": 0.9, "wrong": [{"say": "why?", "topic": "diet", "got": None}]},
            "load_s": 3.0}
    baseline = {"seconds": 1.0, "heldout": {**one_set, "top1": 0.9}, "faq": {**one_set, "top1": 0.98},
                "follow_ups": {**one_set, "top1": 0.25}}
    length = lambda ratio: {  # noqa: E731
        "sets": 1, "turns": 100, "p50_ms": {"turns 1-10": 100.0, "turns 41-50": 120.0, "turns 91-100": 100.0 * ratio},
        "ratio_to_first": {"turns 1-10": 1.0, "turns 41-50": 1.2, "turns 91-100": ratio}, "replies": [],
    }
    return {
        "machine": {"date": date, "cores": 2, "memory_gib": 24.0, "cpu": "test cpu", "os": "Linux",
                    "python": "3.10", "rasa": "3.6.21", "rasa_sdk": "3.6.2", "tensorflow": "2.12.0",
                    "commit": "abc", "load_average_start": "0.1 0.1 0.1", "load_average_end": "0.2 0.2 0.2"},
        "sizes": {"quick": False, "turns": 100},
        "tracker_store": "ConversationStore (sqlite, recent_turns: 8)",
        "whole_session_tracker_store": "ConversationStore (sqlite, recent_turns: 0 = whole session)",
        "accuracy_ours": ours,
        "accuracy_alternatives": {"training_questions": 4, "versions": {"torch": "2.13.0"},
                                  "systems": {"minilm_nn": baseline}},
        "latency": {key: [level(u, p50 * u) for u in (1, 8, 32)]
                    for key, p50 in (("ours", our_p50), ("whole_session", our_p50 * 2), ("floor", 20.0))},
        "conversation_length": {"ours": {**length(1.4), "same_replies": "3 of 3 turns"},
                                "whole_session": length(2.5), "floor": length(1.9)},
        "cost": {"ours": {"model_mib": 44.0, "train_s": 100.0, "train_source": "measured", "stale_inputs": ""},
                 "floor": {"model_mib": 18.0, "train_s": 30.0}},
        "startup_s": {"ours": 60.0, "whole_session": 61.0, "floor": 40.0},
        "memory_mib": {key: {"rasa_server": 1000.0, "action_server": 100.0} for key in ("ours", "whole_session", "floor")},
        "action_validation": {"runs": 10, "stock_ms": 19.0, "built_once_ms": 0.3},
        "first_run": {"first_answer_s": 300.0, "commit": "abc", "note": "fresh clone"},
        "profile": {"seconds": 30, "messages": 600, "shares": {"NLU: TensorFlow (DIET)": 0.25, "tracker store: save": 0.1}},
    }


def test_a_new_run_goes_on_top_and_the_old_one_stays_below(tmp_path: Path):
    doc = tmp_path / "benchmarks.md"
    report.write(fake_results("2026-01-01 00:00 UTC", 300.0), doc)
    report.write(fake_results("2026-02-01 00:00 UTC", 200.0), doc)
    text = doc.read_text()
    newest, older = text.index("Run of 2026-02-01"), text.index("Run of 2026-01-01")
    assert newest < older
    assert text.count("| 1 | our bot | 10 | 200 ms |") == 1 and text.count("| 1 | our bot | 10 | 300 ms |") == 1
    # Only the newest run shows the chart, which is written beside the report.
    assert text.count("![Latency by concurrency") == 1
    assert (tmp_path / "benchmarks-latency.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_targets_are_judged_from_the_figures(tmp_path: Path):
    doc = report.write(fake_results("2026-01-01 00:00 UTC", 300.0), tmp_path / "b.md")
    text = doc.read_text()
    assert "held-out topic questions 98.0% (target 97.0%: **met**)" in text
    assert "follow-up turns 90.0% (target 95.0%: **NOT met**)" in text
    assert "**not ahead of every baseline**: matched or beaten on medical-FAQ style: all-MiniLM-L6-v2" in text
    assert "`make train` from scratch: 100 s (target 2.5 min: **met**)" in text
    assert "first `make run`, to the first answer: 300 s (5.0 min) (target 4.0 min: **NOT met**)" in text
    assert "\"why?\" -> None (want diet)" in text
    assert "our bot **NOT met** (worst 15.00x)" in text
    assert "within 1.5x of turns 1-10: **met** (1.40x; loading the whole session: 2.50x)" in text
    assert "Same replies as when the whole session is loaded, turn by turn: 3 of 3 turns." in text
    assert "19.0 ms per response in this run, 0.30 ms built once" in text
    assert "| NLU: TensorFlow (DIET) | 25% |" in text


def test_the_readme_summary_is_rewritten_between_its_markers(tmp_path: Path):
    readme = tmp_path / "README.md"
    readme.write_text("intro\n<!-- bench summary -->\nold figures\n<!-- /bench summary -->\nafter\n")
    report.write(fake_results("2026-01-01 00:00 UTC", 300.0), tmp_path / "b.md", readme=readme)
    report.write(fake_results("2026-02-01 00:00 UTC", 300.0), tmp_path / "b.md", readme=readme)
    text = readme.read_text()
    assert "old figures" not in text and "2026-01-01" not in text
    assert text.startswith("intro\n") and text.endswith("<!-- /bench summary -->\nafter\n")
    assert "| **Our bot** (TF-IDF + LinearSVC, `models/`) | 98.0% | 98.0% | 90.0% |" in text
    assert "| all-MiniLM-L6-v2, nearest neighbour | 90.0% | 98.0% | 25.0% |" in text


def test_profile_samples_are_sorted_into_parts():
    from bench.profile import shares

    raw = "\n".join([
        "main (x.py:1);parse_message (rasa/core/processor.py:2);transform (sklearn/feature_extraction/text.py:3) 6",
        "main (x.py:1);parse_message (rasa/core/processor.py:2);find_spans (server/nlu/red_flags.py:4) 2",
        "main (x.py:1);save (rasa/core/tracker_store.py:5);commit (sqlalchemy/orm/session.py:6) 2",
    ])
    assert shares(raw) == {
        "NLU: intent classifier (TF-IDF, linear SVM)": 0.6,
        "NLU: other components (tokenizer, red flags, skills, follow-ups)": 0.2,
        "tracker store: save": 0.2,
    }


def test_the_skills_section_gives_each_class_and_the_target():
    from bench.report import skills_section

    skills = {"handled": 96, "total": 100, "share": 0.96,
              "classes": {"repair": {"handled": 10, "total": 10, "share": 1.0}}}
    lines = skills_section({"skills": skills})
    assert "| repair | 10 of 10 | 100.0% |" in lines and any("**met**" in line for line in lines)
    assert skills_section({}) == []
