"""The rules table of docs/reconcile.md is generated: every rule finds its example, and the docs hold it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from luoshi.model import Commitment
from luoshi.reconcile import load_catalogue, reconcile
from luoshi.reconcile.examples import RULES, find_examples, markdown, rules_of

DOCS = Path(__file__).resolve().parents[2] / "docs" / "reconcile.md"


def _item(kind: str, indicator: str, value, unit: str = "%", comparator: str = "exact", start: int = 0,
          value_max=None) -> Commitment:
    text = f"{indicator}{value}{unit}"
    return Commitment(kind, indicator, Decimal(str(value)), unit, comparator, 2025, text, start, start + len(text),
                      value_max=None if value_max is None else Decimal(str(value_max)))


# (rule key, target, result)
CASES = [
    ("approx-rate-below", _item("target", "地区生产总值增长", 5.5, comparator="approx"), _item("result", "地区生产总值增长", 5)),
    ("approx-rate-above", _item("target", "地区生产总值增长", 5, comparator="approx"), _item("result", "地区生产总值增长", 5.4)),
    ("approx-rate-missed", _item("target", "地区生产总值增长", 5, comparator="approx"), _item("result", "地区生产总值增长", 4.1)),
    ("approx-rate-exceeded", _item("target", "地区生产总值增长", 5, comparator="approx"), _item("result", "地区生产总值增长", 6)),
    ("approx-level-met", _item("target", "城镇新增就业", 700000, "人", "approx"), _item("result", "城镇新增就业", 680000, "人")),
    ("min-met", _item("target", "地区生产总值增长", 5, comparator="min"), _item("result", "地区生产总值增长", 5.6)),
    ("max-missed", _item("target", "城镇调查失业率", 5, comparator="max"), _item("result", "城镇调查失业率", 5.2)),
    ("ceiling-missed", _item("target", "居民消费价格涨幅", 3, comparator="approx"), _item("result", "居民消费价格涨幅", 3.3)),
    ("floor-missed", _item("target", "单位GDP能耗降低", 3, comparator="approx"), _item("result", "单位GDP能耗降低", 2.8)),
    ("range-exceeded", _item("target", "地区生产总值增长", 5, value_max=5.5), _item("result", "地区生产总值增长", 5.6)),
    ("qualified", _item("target", "城镇登记失业率", 4.5, comparator="max"), _item("result", "年末城镇登记失业率", 4.02)),
    ("unknown", _item("target", "城镇新增就业", 500000, "人"), _item("result", "城镇新增就业", 2616000, "人")),
]


@pytest.mark.parametrize(("key", "target", "result"), CASES, ids=[c[0] for c in CASES])
def test_each_row_is_filed_under_its_rule(key: str, target: Commitment, result: Commitment) -> None:
    row = reconcile([target], [result], year=2025)[0]
    assert key in rules_of(row, load_catalogue())


def test_every_rule_key_is_listed_once() -> None:
    keys = [k for k, _ in RULES]
    assert len(keys) == len(set(keys)) and {c[0] for c in CASES} <= set(keys)


def test_the_table_has_a_line_per_rule_and_says_when_the_corpus_has_none() -> None:
    rows = [("甲省-2025 → 甲省-2026", r) for t, res in [(c[1], c[2]) for c in CASES]
            for r in reconcile([t], [res], year=2025)]
    table = markdown(find_examples(rows))
    lines = table.splitlines()
    assert len(lines) == 2 + len(RULES)
    assert "| 左右, rate: met up to just under +1 point | 地区生产总值增长5%" in table
    assert "(no example in the corpus)" in table  # e.g. no rank among these rows


@pytest.mark.shared
def test_the_docs_hold_the_generated_table(shared: Path) -> None:
    """Run ``python -m luoshi.reconcile.examples ../shared/corpus/province ../shared/corpus/national`` and
    paste its output into docs/reconcile.md when this fails (the extractor changed what it finds)."""
    from luoshi.reconcile.examples import corpus_rows

    table = markdown(find_examples(corpus_rows([str(shared / "corpus" / "province"), str(shared / "corpus" / "national")])))
    text = DOCS.read_text(encoding="utf-8")
    core = [line for line in table.splitlines() if line.startswith(("| 左右, rate", "| 以上/不低于", "| ceiling by nature"))]
    assert core and all(line in text for line in core), "docs/reconcile.md: regenerate the rules table"
