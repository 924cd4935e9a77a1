"""The questions our bot trains on, as `rasa train` reads them, for the baselines to learn from.

config.yml's importer (server/training/importer.py) gives the intent examples of data/, the
`questions` of content/*.yml and the questions the subject-and-ask grid generates
(content/phrasing/asks.yml). Exported as [text, intent] pairs, so the baselines, which run
in .bench-venv without Rasa, learn from exactly the same questions.

Usage: .venv/bin/python -m bench.training_data OUT.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Dict

from rasa.shared.importers.importer import TrainingDataImporter

from bench.questions import ROOT


def export(out: Path) -> Dict:
    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / "data")]
    )
    examples = [[m.get("text"), m.get("intent")] for m in importer.get_nlu_data().intent_examples]
    summary = {"examples": len(examples), "intents": len({intent for _, intent in examples})}
    out.write_text(json.dumps({**summary, "examples": examples}), encoding="utf-8")
    return summary


if __name__ == "__main__":
    print(export(Path(sys.argv[1])))
