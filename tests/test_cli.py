"""The luoshi CLI as a user runs it: formats, year inference, errors and documentation."""

from __future__ import annotations

import csv
import importlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from luoshi.cli import build_parser, commands

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "src" / "luoshi" / "examples" / "hunan-2024-sample.txt"


def run(*args: str, text: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "luoshi.cli", *args], capture_output=True, text=text, cwd=REPO)


def small_reports(shared: Path, folder: Path, n: int = 4) -> list[Path]:
    """The ``n`` smallest city reports of the corpus, copied into ``folder`` (a real batch, quickly run)."""
    folder.mkdir()
    picked = sorted((shared / "corpus" / "city").glob("*.txt"), key=lambda f: (f.stat().st_size, f.name))[:n]
    for f in picked:
        (folder / f.name).write_bytes(f.read_bytes())
    return sorted(folder / f.name for f in picked)


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
    assert rows and rows[0]["doc"] == str(EXAMPLE)
    assert proc.stdout.startswith("doc,kind,")
    table = run("extract", str(EXAMPLE), "--format", "table").stdout
    assert "指标" in table.splitlines()[1] and "城镇新增就业" in table


def test_missing_file_is_a_one_line_error_and_exit_2(tmp_path):
    proc = run("extract", str(tmp_path / "nope.txt"), str(EXAMPLE), "--format", "jsonl")
    assert proc.returncode == 2
    assert "nope.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout.strip()  # the good file still gave its items


def test_every_row_of_a_directory_run_names_its_document(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("2024年政府工作报告\n今年城镇新增就业70万人。", encoding="utf-8")
    (folder / "b.txt").write_bytes(EXAMPLE.read_bytes())
    expected = {str(folder / "a.txt"), str(folder / "b.txt")}
    proc = run("extract", str(folder), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert all(isinstance(r["doc"], str) for r in rows) and {r["doc"] for r in rows} == expected
    assert [r["doc"] for r in rows] == sorted(r["doc"] for r in rows)  # files in sorted order
    proc = run("extract", str(folder), "--format", "csv")
    table = list(csv.reader(io.StringIO(proc.stdout)))
    assert table[0][0] == "doc" and "file" not in table[0]
    assert {row[0] for row in table[1:]} == expected and len(table) - 1 == len(rows)


def test_doc_field_keeps_single_file_jsonl_in_the_item_contract():
    from luoshi.reconcile.sources import item_from_dict

    rows = [json.loads(line) for line in run("extract", str(EXAMPLE), "--format", "jsonl").stdout.splitlines()]
    assert {r["doc"] for r in rows} == {str(EXAMPLE)}
    assert item_from_dict(rows[0]).text == rows[0]["text"]  # readers of the contract ignore the extra field


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_jobs_2_gives_the_same_bytes_as_jobs_1(shared, tmp_path, fmt):
    folder = tmp_path / "batch"
    small_reports(shared, folder)
    one = run("extract", str(folder), "--format", fmt, "--jobs", "1", text=False)
    two = run("extract", str(folder), "--format", fmt, "--jobs", "2", text=False)
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout and one.stdout == two.stdout
    assert one.stderr == two.stderr  # warnings in file order, the same summary


def test_a_bad_file_among_good_ones_in_a_pool_fails_alone(shared, tmp_path):
    folder = tmp_path / "batch"
    good = small_reports(shared, folder, 3)
    bad = folder / "b-broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "c-empty.txt").write_bytes(b"")
    proc = run("extract", str(folder), "--format", "jsonl", "--jobs", "2")
    assert proc.returncode == 2
    assert "b-broken.docx" in proc.stderr and "c-empty.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert "failed: 2" in proc.stderr
    docs = [json.loads(line)["doc"] for line in proc.stdout.splitlines()]
    assert set(docs) == {str(f) for f in good}
    assert proc.stdout == run("extract", str(folder), "--format", "jsonl", "--jobs", "1").stdout


def test_jobs_must_be_a_positive_number():
    proc = run("extract", str(EXAMPLE), "--jobs", "0")
    assert proc.returncode == 2 and "--jobs" in proc.stderr


@pytest.mark.parametrize("name", sorted(commands()))
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


def test_csv_never_hands_a_spreadsheet_a_formula(tmp_path):
    """An indicator taken from hostile text (=HYPERLINK…, @SUM, -2+3) reaches the CSV as inert text."""
    report = tmp_path / "hostile.txt"
    report.write_text("过去一年，\n=HYPERLINK(\"http://x\")总量达到5万亿元。\n@SUM(A1)增长5%。\n", encoding="utf-8")
    proc = run("extract", str(report), "--format", "csv", "--year", "2024")
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows, proc.stderr
    for row in rows:
        for key in ("indicator", "text"):
            assert not row[key].startswith(("=", "+", "-", "@")), row
    assert any(row["indicator"].startswith("'") for row in rows)


def test_the_web_commands_come_from_the_web_package_through_entry_points():
    """The library lists its own commands; serve, worker… are registered by luoshi_web (pyproject)."""
    found = commands()
    assert {"extract", "reconcile", "compare"} <= set(found)
    web = {name: module for name, module in found.items() if module.startswith("luoshi_web.")}
    assert set(web) == {"serve", "worker", "import", "remind", "backup", "restore", "export-all"}
    assert "serve" in run("--help").stdout and "worker" in run("--help").stdout


def test_nothing_in_the_library_imports_the_web_application():
    """The library stays below the web app (issue 11): no module of src/luoshi names luoshi_web in code."""
    import ast

    offenders = []
    for path in sorted((REPO / "src" / "luoshi").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            calls = ([node.args[0].value] if isinstance(node, ast.Call) and node.args
                     and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                     and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")
                     else [])
            offenders += [f"{path.relative_to(REPO)}:{node.lineno}" for n in names + calls
                          if n.split(".")[0] == "luoshi_web"]
    assert offenders == []


@pytest.mark.parametrize("name", ["serve", "worker", "import", "remind"])
def test_a_web_command_without_django_says_what_to_install(name, monkeypatch, capsys):
    import argparse

    monkeypatch.setitem(sys.modules, "django", None)  # import django -> ImportError
    module = importlib.import_module(commands()[name])
    assert module.run(argparse.Namespace(data_dir=None)) == 2
    assert f"luoshi {name} needs the web extra: pip install 'luoshi[web]'" in capsys.readouterr().err
