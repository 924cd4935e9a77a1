"""Print every problem in content/ (topic files and the ask grid) and each topic's reading grade.

Usage: python -m tools.check_content   (exit status 1 when a rule is broken)
"""

import sys

from common.asks import grid_problems, load_grid
from common.content import CONTENT_DIR, content_problems, parse_topic, reading_grade, review_warnings


def main() -> int:
    topics = []
    for path in sorted(CONTENT_DIR.glob("*.yml")):
        try:
            topic = parse_topic(path)
        except Exception:  # reported below with the other problems
            continue
        topics.append(topic)
        print(
            f"{topic.id:42} {len(topic.questions):3} questions  grade answer "
            f"{reading_grade(topic.answer):4.1f}  details {reading_grade(topic.details):4.1f}"
        )
    for warning in review_warnings(topics):
        print(f"WARNING {warning}")
    problems = content_problems()
    problems += [f"phrasing/asks.yml: {p}" for p in grid_problems(load_grid(), [t.id for t in topics])]
    for problem in problems:
        print(f"PROBLEM {problem}")
    print("content OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
