"""Golden tests over ../shared/gold/dev, scored by the project's own scorer.

The bars are the issue's acceptance figures; a change that drops strict F1 below them fails here.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from luoshi import extract_text

STRICT_F1, QUANTITY_F1, PROJECT_F1 = 0.90, 0.97, 0.95


@pytest.fixture(scope="module")
def scores(shared, tmp_path_factory):
    spec = importlib.util.spec_from_file_location("score_extraction", shared / "tools" / "score_extraction.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold_dir = shared / "gold" / "dev"
    pred_dir = tmp_path_factory.mktemp("pred")
    for gpath in sorted(gold_dir.glob("*.jsonl")):
        head = json.loads(gpath.read_text(encoding="utf-8").splitlines()[0])
        text = (shared / head["doc"]).read_text(encoding="utf-8")
        result = extract_text(text, year=head["report_year"], region=head["region"])
        for item in result.items:
            assert text[item.start:item.end] == item.text
        lines = [json.dumps(i.to_dict(), ensure_ascii=False) for i in result.items]
        (pred_dir / gpath.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return scorer.score(gold_dir, pred_dir, show_errors=40)


def test_dev_gold_strict_f1_meets_the_bar(scores):
    assert scores["strict"]["f1"] >= STRICT_F1, "\n".join(scores["errors"])


def test_dev_gold_quantity_f1_meets_the_bar(scores):
    assert scores["quantity"]["f1"] >= QUANTITY_F1, "\n".join(scores["errors"])


def test_dev_gold_project_f1_meets_the_bar(scores):
    assert scores["project"]["f1"] >= PROJECT_F1


def test_every_dev_document_scores_on_its_own(scores):
    """No single document may collapse while the average hides it."""
    weak = {doc: s["strict"]["f1"] for doc, s in scores["documents"].items() if s["strict"]["gold"] and s["strict"]["f1"] < 0.75}
    assert not weak, weak
