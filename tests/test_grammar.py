"""Table-driven tests for the number and quantity grammar (cases in tests/cases/*.yaml)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from luoshi import extract_text
from luoshi.grammar.numbers import parse_number
from luoshi.grammar.tables import validate
from luoshi.normalize import canonicalize

CASES = Path(__file__).parent / "cases"


def _load(name: str) -> list[dict]:
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


def test_grammar_data_files_match_their_schema():
    assert validate() == []


@pytest.mark.parametrize("case", _load("numbers.yaml"), ids=lambda c: c["text"])
def test_number_reads_as_value(case):
    assert parse_number(canonicalize(case["text"]).text) == Decimal(case["value"])


QUANTITY_CASES = _load("quantities.yaml")


@pytest.mark.parametrize("case", QUANTITY_CASES, ids=[c["text"][:30] for c in QUANTITY_CASES])
def test_sentence_gives_exactly_these_items(case):
    items = [i for i in extract_text(case["text"], year=case.get("year")).items if i.kind != "task"]
    expected = case["items"]
    got = [(float(i.value), i.unit) for i in items]
    assert got == [(float(e["value"]), e["unit"]) for e in expected], [i.to_dict() for i in items]
    for item, exp in zip(items, expected, strict=True):
        d = item.to_dict()
        assert d["text"] == case["text"][item.start:item.end]
        for key in ("comparator", "qualifier", "kind", "year", "indicator"):
            if key in exp:
                assert d[key] == exp[key], (key, d)
        if "value_max" in exp:
            assert float(d["value_max"]) == float(exp["value_max"])
        else:
            assert d["value_max"] is None
