"""Golden tests: the dev gold of ../shared/gold/dev and the project's own silver set, scored by the
shared scorer.

The dev bars are the issue's acceptance figures. ``tests/silver`` holds reports annotated for the
project by hand from the text alone (never from extractor output), on documents the extractor was
not tuned on: it is the project's own check that rules generalise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import scoring

SILVER = Path(__file__).parent / "silver"
# dev: the issue-12 floor (strict >= 0.97); silver (104 reports): a little under today's 0.958 / 0.989
BARS = {"dev": {"strict": 0.97, "quantity": 0.99, "project": 0.95},
        "silver": {"strict": 0.945, "quantity": 0.98, "project": 0.95}}


def _score(shared: Path, gold_dir: Path, pred_dir: Path) -> dict:
    return scoring.score(shared, gold_dir, shared, pred_dir)


@pytest.fixture(scope="module", params=["dev", "silver"])
def scores(request, shared, tmp_path_factory):
    gold_dir = shared / "gold" / "dev" if request.param == "dev" else SILVER
    return request.param, _score(shared, gold_dir, tmp_path_factory.mktemp(request.param))


def test_strict_f1_meets_the_bar(scores):
    name, s = scores
    assert s["strict"]["f1"] >= BARS[name]["strict"], "\n".join(s["errors"])


def test_quantity_f1_meets_the_bar(scores):
    name, s = scores
    assert s["quantity"]["f1"] >= BARS[name]["quantity"], "\n".join(s["errors"])


def test_project_f1_meets_the_bar(scores):
    name, s = scores
    assert s["project"]["f1"] >= BARS[name]["project"]


def test_every_document_scores_on_its_own(scores):
    """No single document may collapse while the average hides it."""
    _, s = scores
    weak = {doc: d["strict"]["f1"] for doc, d in s["documents"].items() if d["strict"]["gold"] and d["strict"]["f1"] < 0.75}
    assert not weak, weak
