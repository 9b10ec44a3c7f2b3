"""The shared scorer and the extractor's predictions for a gold folder, for the golden and variant tests."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from luoshi import extract_text


def load_scorer(shared: Path):
    """``../shared/tools/score_extraction.py`` as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("score_extraction", shared / "tools" / "score_extraction.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer


def predict(gold_dir: Path, source_root: Path, pred_dir: Path) -> None:
    """Write the extractor's items for every gold file's document; every span must be exact."""
    for gpath in sorted(gold_dir.glob("*.jsonl")):
        head = json.loads(gpath.read_text(encoding="utf-8").splitlines()[0])
        text = (source_root / head["doc"]).read_text(encoding="utf-8")
        result = extract_text(text, year=head["report_year"], region=head["region"])
        for item in result.items:
            assert text[item.start:item.end] == item.text
        lines = [json.dumps(i.to_dict(), ensure_ascii=False) for i in result.items]
        (pred_dir / gpath.name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def score(shared: Path, gold_dir: Path, source_root: Path, pred_dir: Path) -> dict:
    predict(gold_dir, source_root, pred_dir)
    return load_scorer(shared).score(gold_dir, pred_dir, show_errors=40)
