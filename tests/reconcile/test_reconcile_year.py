"""The year of report N from its content (or from report N+1), so ``luoshi reconcile`` needs no --year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi.cli import main
from luoshi.reconcile.sources import load_pair, year_from_cues

# text -> the report year its headings give (None: they give none, or disagree)
CUES = [
    ("2023答卷 >>>>\n全年地区生产总值增长4.6%\n奋进2024 >>>>\n", 2024),  # the seed article
    ("2023答卷 >>>>\n", 2024),
    ("奋进2024 >>>>\n", 2024),
    ("二〇二三年成绩单", 2024),
    ("2025年民生实事清单", 2025),
    ("回眸2024 盘点成绩\n2024年盘点", 2025),
    ("锚定2025 再出发", 2025),
    ("到2035年基本实现现代化", None),
    ("2023答卷\n奋进2025", None),  # they disagree: say nothing
    ("上世纪80年代以来", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "year"), CUES, ids=[repr(t[:12]) for t, _ in CUES])
def test_year_from_the_headings_of_a_news_article(text: str, year: int | None) -> None:
    assert year_from_cues(text) == year


ARTICLE = """扫码看视频
省长代表省人民政府作工作报告。
过去一年，全省地区生产总值增长4.6%。
今年地区生产总值增长设定为6%左右，城镇新增就业70万人。
2023答卷 >>>>
●全年地区生产总值增长**4.6%**。
奋进2024 >>>>
"""
NO_YEAR = """过去一年，全省地区生产总值增长4.6%。
今年地区生产总值增长设定为6%左右，城镇新增就业70万人。
"""


def _next_report(folder: Path, name: str = "甲省-2025.jsonl") -> Path:
    rows = [{"kind": "result", "indicator": "地区生产总值增长", "value": 5.2, "unit": "%", "comparator": "exact",
             "year": 2024, "text": "增长5.2%", "start": 3, "end": 9},
            {"kind": "result", "indicator": "城镇新增就业", "value": 798000, "unit": "人", "comparator": "exact",
             "year": 2024, "text": "城镇新增就业79.8万人", "start": 20, "end": 32}]
    path = folder / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_the_year_comes_from_the_articles_headings(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    first, second, year = load_pair(article, _next_report(tmp_path))
    assert year == 2024 and first.year_source == "cues"
    assert {it.year for it in first.items if it.kind == "target"} == {2024}  # extracted again with the year
    assert any("取自正文标题" in w for w in first.warnings)


def test_the_year_comes_from_the_next_report_when_the_text_gives_none(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text(NO_YEAR, encoding="utf-8")
    first, _, year = load_pair(article, _next_report(tmp_path))
    assert year == 2024 and first.year_source == "next report"
    assert any("取自下年报告" in w for w in first.warnings)
    assert not any("未能推断报告年份" in w for w in first.warnings)


def test_a_given_year_wins(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert load_pair(article, _next_report(tmp_path), year=2023)[2] == 2023


def test_reconcile_needs_no_year_when_the_text_says_it(tmp_path: Path, capsys) -> None:
    article = tmp_path / "news.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["reconcile", str(article), str(_next_report(tmp_path)), "--format", "table", "--region", "甲省"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# 甲省 2024年目标 vs 2025年报告")
    assert "城镇新增就业" in captured.out and "超额" in captured.out


def test_reconcile_without_any_year_is_an_error_that_says_what_to_do(tmp_path: Path, capsys) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(NO_YEAR, encoding="utf-8")
    second.write_text("过去一年，全省地区生产总值增长5.2%。\n", encoding="utf-8")
    assert main(["reconcile", str(first), str(second)]) == 2
    assert "pass --year" in capsys.readouterr().err


@pytest.mark.shared
def test_the_seed_article_reconciles_with_the_next_report_without_year(shared: Path, capsys) -> None:
    seed = shared / "seeds" / "hunan-2024-report-news.txt"
    nxt = shared / "corpus" / "province" / "湖南省-2025.txt"
    assert main(["reconcile", str(seed), str(nxt), "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {r["year"] for r in rows} == {2024}
    verdicts = {r["indicator_id"]: r["verdict"] for r in rows if r["indicator_id"]}
    assert verdicts["urban_new_jobs"] == "超额" and verdicts["grain_output"] == "达成"  # 79.8万人, 615.6亿斤
    assert sum(r["indicator_id"] == "gdp_growth" for r in rows) == 1  # 除了6%左右的增长目标 is the same target
