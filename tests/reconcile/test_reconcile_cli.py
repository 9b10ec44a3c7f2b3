"""``luoshi reconcile`` and ``luoshi compare`` end to end, on JSONL item files."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

from luoshi.cli import build_parser, main

DOCS = Path(__file__).resolve().parents[2] / "docs" / "reconcile.md"


def line(kind: str, indicator: str, value, unit: str = "%", comparator: str = "exact", year: int = 2025,
         start: int = 0, qualifier: str | None = None) -> str:
    return json.dumps({"kind": kind, "indicator": indicator, "value": value, "value_max": None, "unit": unit,
                       "comparator": comparator, "qualifier": qualifier, "year": year,
                       "text": f"{indicator}{value}{unit}", "start": start, "end": start + 5}, ensure_ascii=False)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A folder like the corpus: two regions, 2025 and 2026 reports as extractor JSONL."""
    files = {
        "甲省-2025.jsonl": [line("target", "地区生产总值增长", 5.5, comparator="approx", qualifier="左右"),
                           line("target", "城镇新增就业", 700000, unit="人", start=20)],
        "甲省-2026.jsonl": [line("result", "地区生产总值增长", 4.8, start=3),
                           line("target", "地区生产总值增长", 5, comparator="approx", year=2026, start=50)],
        "乙省-2025.jsonl": [line("target", "经济增长", 5, comparator="min", qualifier="以上")],
        "乙省-2026.jsonl": [line("result", "生产总值增长", 6.1)],
    }
    for name, lines in files.items():
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_reconcile_prints_a_table_with_verdicts_and_silences(reports: Path, capsys) -> None:
    assert main(["reconcile", str(reports / "甲省-2025.jsonl"), str(reports / "甲省-2026.jsonl"),
                 "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 甲省 2025年目标 vs 2026年报告")
    assert "未达成" in out and "沉默" in out
    assert out.rstrip().endswith("共 2 项: 未达成 1, 沉默 1")


def test_reconcile_jsonl_and_csv_carry_the_source_spans(reports: Path, capsys) -> None:
    args = ["reconcile", str(reports / "甲省-2025.jsonl"), str(reports / "甲省-2026.jsonl"), "--matched"]
    assert main([*args, "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["indicator_id"], r["verdict"], r["result_start"], r["result_end"]) for r in rows] == \
        [("gdp_growth", "未达成", 3, 8)]
    assert main([*args, "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert table[0]["result_text"] == "地区生产总值增长4.8%" and table[0]["target_source"].endswith("甲省-2025.jsonl")


def test_reconcile_tolerance_is_an_option(reports: Path, capsys) -> None:
    assert main(["reconcile", str(reports / "甲省-2025.jsonl"), str(reports / "甲省-2026.jsonl"), "--format", "jsonl",
                 "--indicator", "gdp_growth", "--tolerance-points", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "达成"


def test_remember_saves_a_correction_and_uses_it(reports: Path, tmp_path: Path, capsys) -> None:
    memory = tmp_path / "memory.json"
    assert main(["reconcile", str(reports / "甲省-2025.jsonl"), str(reports / "甲省-2026.jsonl"), "--format", "jsonl",
                 "--memory", str(memory), "--remember", "地区生产总值增长=-"]) == 0
    assert json.loads(memory.read_text(encoding="utf-8"))["matches"] == {"生产总值增长": None}
    assert {json.loads(x)["verdict"] for x in capsys.readouterr().out.splitlines()} == {"沉默"}


def test_remember_without_a_memory_file_is_an_error(reports: Path, monkeypatch) -> None:
    monkeypatch.delenv("LUOSHI_MATCH_MEMORY", raising=False)
    with pytest.raises(SystemExit):
        main(["reconcile", str(reports / "甲省-2025.jsonl"), str(reports / "甲省-2026.jsonl"),
              "--remember", "经济增长=gdp_growth"])


def test_reconcile_reports_a_missing_file(tmp_path: Path, capsys) -> None:
    assert main(["reconcile", str(tmp_path / "无-2025.jsonl"), str(tmp_path / "无-2026.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_compare_across_regions(reports: Path, capsys) -> None:
    assert main(["compare", "--indicator", "gdp_growth", "--year", "2025", str(reports), "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["region"], r["year"], r["verdict"]) for r in rows] == [("乙省", 2025, "超额"), ("甲省", 2025, "未达成")]


def test_compare_across_years_marks_the_year_without_a_next_report(reports: Path, capsys) -> None:
    assert main(["compare", "--indicator", "地区生产总值增长", "--region", "甲省", str(reports), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "无下年报告" in out and "未达成" in out


def test_compare_rejects_an_unknown_indicator(reports: Path, capsys) -> None:
    assert main(["compare", "--indicator", "happiness", str(reports)]) == 2
    assert "gdp_growth" in capsys.readouterr().err


@pytest.mark.shared
def test_compare_runs_on_the_gold_folder(gold: Path, capsys) -> None:
    assert main(["compare", "--indicator", "gdp_growth", "--year", "2025", str(gold), "--format", "jsonl"]) == 0
    rows = {json.loads(x)["region"]: json.loads(x)["verdict"] for x in capsys.readouterr().out.splitlines()}
    assert rows == {"湖南省": "未达成", "四川省": "达成", "广东省": "未达成", "浙江省": "达成"}


def _options(command: str) -> list[str]:
    parser = build_parser(command)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return [opt for action in sub.choices[command]._actions for opt in action.option_strings
            if opt.startswith("--") and opt != "--help"]


@pytest.mark.parametrize("command", ["reconcile", "compare"])
def test_every_option_is_documented(command: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert f"luoshi {command}" in text
    missing = [opt for opt in _options(command) if opt not in text]
    assert not missing, f"{DOCS.name} does not mention {missing}"


# --- the convention: defaults and the options that change it -----------------------------------

CONVENTION = [
    # (target value, comparator, result, options, verdict)
    (5, "approx", 5.4, [], "达成"),  # 上海 5%左右 vs 5.4%: not 超额 by default
    (5, "approx", 6.0, [], "超额"),  # +1 point
    (5.5, "approx", 5.0, [], "达成"),  # 吉林: -0.5 is within the leeway
    (5.5, "approx", 5.0, ["--tolerance-points", "0.2"], "未达成"),
    (5, "approx", 5.4, ["--surplus-points", "0.2"], "超额"),
    (5, "approx", 5.4, ["--tolerance-points", "0.2", "--surplus-points", "0.2"], "超额"),  # the earlier default
    (5, "min", 5.6, [], "达成"),  # 河北 5%以上 vs 5.6%
    (5, "min", 5.6, ["--surplus-points", "0.5"], "超额"),
]


@pytest.mark.parametrize(("value", "comparator", "result", "options", "verdict"), CONVENTION)
def test_the_convention_is_the_default_and_options_change_it(tmp_path: Path, capsys, value, comparator, result,
                                                              options, verdict) -> None:
    (tmp_path / "丙省-2025.jsonl").write_text(line("target", "地区生产总值增长", value, comparator=comparator) + "\n",
                                              encoding="utf-8")
    (tmp_path / "丙省-2026.jsonl").write_text(line("result", "地区生产总值增长", result) + "\n", encoding="utf-8")
    assert main(["reconcile", str(tmp_path / "丙省-2025.jsonl"), str(tmp_path / "丙省-2026.jsonl"), "--format", "jsonl",
                 *options]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == verdict


def test_levels_use_the_relative_options(tmp_path: Path, capsys) -> None:
    (tmp_path / "丙省-2025.jsonl").write_text(line("target", "城镇新增就业", 700000, unit="人") + "\n", encoding="utf-8")
    (tmp_path / "丙省-2026.jsonl").write_text(line("result", "城镇新增就业", 760000, unit="人") + "\n", encoding="utf-8")
    args = ["reconcile", str(tmp_path / "丙省-2025.jsonl"), str(tmp_path / "丙省-2026.jsonl"), "--format", "jsonl"]
    assert main(args) == 0 and json.loads(capsys.readouterr().out)["verdict"] == "达成"  # +8.6% < 10%
    assert main([*args, "--surplus-relative", "0.05"]) == 0 and json.loads(capsys.readouterr().out)["verdict"] == "超额"


def test_a_negative_tolerance_is_refused(reports: Path) -> None:
    with pytest.raises(SystemExit):
        main(["reconcile", str(reports / "甲省-2025.jsonl"), str(reports / "甲省-2026.jsonl"), "--surplus-points", "-1"])


def test_the_docs_state_the_convention_and_its_measured_effect() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for needed in ("±0.5 percentage point", "±5%", "+1 point or more", "+10% or more", "past the upper end",
                   "direction: ceiling", "python -m luoshi.reconcile.examples", "What the convention changed"):
        assert needed in text, needed
