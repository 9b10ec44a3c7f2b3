"""The luoshi CLI as a user runs it: formats, year inference, errors and documentation."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from luoshi.cli import COMMANDS, build_parser

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "src" / "luoshi" / "examples" / "hunan-2024-sample.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "luoshi.cli", *args], capture_output=True, text=True, cwd=REPO)


def test_jsonl_output_has_the_contract_fields_and_exact_spans():
    proc = run("extract", str(EXAMPLE), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    text = EXAMPLE.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) > 20
    for row in rows:
        assert {"kind", "indicator", "value", "value_max", "unit", "comparator", "qualifier", "year", "text",
                "start", "end", "section", "raw_value"} <= set(row)
        assert text[row["start"]:row["end"]] == row["text"]
    targets = {r["indicator"]: r for r in rows if r["kind"] == "target"}
    assert targets["城镇新增就业"]["value"] == 700000 and targets["城镇新增就业"]["year"] == 2024


def test_year_is_inferred_from_the_title_when_not_given():
    rows = [json.loads(line) for line in run("extract", str(EXAMPLE), "--format", "jsonl").stdout.splitlines()]
    assert {r["year"] for r in rows if r["kind"] == "target"} == {2024}
    assert {r["year"] for r in rows if r["kind"] == "result"} == {2023}


def test_unknown_year_is_said_not_guessed(tmp_path):
    f = tmp_path / "untitled.txt"
    f.write_text("城镇新增就业70万人。", encoding="utf-8")
    proc = run("extract", str(f), "--format", "jsonl")
    assert proc.returncode == 0
    assert "--year" in proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["year"] is None


def test_csv_and_table_formats():
    proc = run("extract", str(EXAMPLE), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows and rows[0]["file"].endswith("hunan-2024-sample.txt")
    table = run("extract", str(EXAMPLE), "--format", "table").stdout
    assert "指标" in table.splitlines()[1] and "城镇新增就业" in table


def test_missing_file_is_a_one_line_error_and_exit_2(tmp_path):
    proc = run("extract", str(tmp_path / "nope.txt"), str(EXAMPLE), "--format", "jsonl")
    assert proc.returncode == 2
    assert "nope.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout.strip()  # the good file still gave its items


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented_in_the_readme(name):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"luoshi {name}" in readme


def test_every_extract_option_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sub = build_parser("extract")._subparsers._group_actions[0].choices["extract"]
    for action in sub._actions:
        for opt in action.option_strings:
            if opt.startswith("--") and opt != "--help":
                assert opt in readme, opt
