"""Real examples of every rule of the verdict convention, found in a folder of reports.

``python -m luoshi.reconcile.examples FOLDER...`` reconciles every report N with report N+1 found
in the folders (named as ``luoshi compare`` pairs them: ``REGION-YEAR.txt``, national ``YEAR.txt``),
sorts each row under the rule of the convention that decided it, and prints, for every rule, the
first example found as a Markdown table row: the rules table of docs/reconcile.md is this output.
A rule with no example in the folders is listed with none, so a reader sees what the corpus lacks.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from luoshi.reconcile.catalogue import Catalogue, load_catalogue
from luoshi.reconcile.render import format_delta, format_quantity
from luoshi.reconcile.table import Row, reconcile
from luoshi.reconcile.units import unit_info
from luoshi.reconcile.verdict import ACHIEVED, EXCEEDED, MISSED, SILENT, UNKNOWN, effective_comparator

# (key, the rule in words); the order of docs/reconcile.md
RULES: tuple[tuple[str, str], ...] = (
    ("approx-rate-below", "左右, rate: met down to 0.5 point under"),
    ("approx-rate-above", "左右, rate: met up to just under +1 point"),
    ("approx-rate-missed", "左右, rate: missed more than 0.5 point under"),
    ("approx-rate-exceeded", "左右, rate: 超额 at +1 point or more"),
    ("approx-level-met", "左右, level: met within ±5% (and up to just under +10%)"),
    ("approx-level-exceeded", "左右, level: 超额 at +10% or more"),
    ("exact-rate-met", "no qualifier: met at or above, under +1 point"),
    ("exact-rate-missed", "no qualifier: missed below the figure (no leeway)"),
    ("exact-level-exceeded", "no qualifier, level: 超额 at +10% or more"),
    ("min-met", "以上/不低于: met at or above the figure"),
    ("min-missed", "以上/不低于: missed below it"),
    ("min-exceeded", "以上/不低于: 超额 at +1 point / +10% or more"),
    ("max-met", "以内/以下/控制在: met at or below the figure, never 超额"),
    ("max-missed", "以内/以下/控制在: missed above it"),
    ("ceiling-met", "ceiling by nature (prices, unemployment, deficit), 左右 or not: met at or below"),
    ("ceiling-missed", "ceiling by nature: missed above the figure, 左右 or not"),
    ("floor-met", "floor by nature (a cut in energy intensity): met at or above the cut"),
    ("floor-missed", "floor by nature: missed below the cut, 左右 or not"),
    ("range-met", "range: met inside it"),
    ("range-exceeded", "range: 超额 past its upper end"),
    ("range-missed", "range: missed below its lower end"),
    ("qualified", "a qualified result (年末…, 同口径…) answers the target"),
    ("rank", "a rank (居全国第N位) answers a rank target"),
    ("restated", "a target restated in the same report is one row with both spans"),
    ("stretch", "a stretch figure (…以上、力争…) is judged in the note, the row on the target"),
    ("unknown", "无法判断: units do not compare, a bound straddles the target, or a multi-year total"),
    ("fall", "a fall in % (…下降3.3%) answers a growth target as a negative growth"),
    ("statement-ceiling", "a numbered ceiling answered in words (保持较低水平, 持平, 得到有效控制): met"),
    ("statement-unknown", "a numbered target answered in words that settle nothing (创历史新高): 无法判断"),
    ("statement-missed", "a numbered target answered in words that say it was missed (目标未能实现, 没有实现…目标)"),
    ("part", "a figure for a part of the target only (工业投资 for 固定资产投资, 出口 for 进出口): 无法判断, not the blanket"),
    ("level", "a growth answered only by the year's level (社会消费品零售总额达4.64万亿元): 无法判断, not the blanket"),
    ("worded-met", "a target in words, answered by the next report's words about its subject: met"),
    ("worded-missed", "a target in words, answered by words that say it was not met"),
    ("worded-sync", "居民收入增长和经济增长同步: the income and GDP growth figures decide"),
    ("worded-direction", "a worded goal of direction (改善, 提质) against a change in % about its subject"),
    ("worded-positive", "保持正增长: a floor at 0%, the growth figure decides (超额 at +1 point)"),
    ("worded-national", "增速高于全国平均水平 against the region's own growth only: 无法判断"),
    ("blanket", "nothing about the target: a blanket sentence (主要目标任务全面完成), shown as such"),
)
_HEADLINE = ("gdp_growth", "cpi", "urban_new_jobs", "surveyed_unemployment", "registered_unemployment",
             "fiscal_revenue_growth", "grain_output", "industrial_growth", "deficit_ratio",
             "energy_intensity_reduction", "retail_sales_growth", "fixed_investment_growth")


def rules_of(row: Row, catalogue: Catalogue) -> list[str]:
    """The keys of the rules in ``RULES`` that ``row`` shows (none for 沉默 and for a shortfall of a
    左右 level, a case the table does not list apart)."""
    t = row.target
    if t is None:
        return []
    if row.evidence == "blanket":
        return ["blanket"]
    if row.match in ("part", "level"):
        return [row.match]
    if t.value is None:
        worded = {"sync": "worded-sync", "direction": "worded-direction", "positive": "worded-positive",
                  "national": "worded-national"}.get(row.match)
        if worded:
            return [worded]
        return {ACHIEVED: ["worded-met"], MISSED: ["worded-missed"]}.get(row.verdict, [])
    if row.evidence == "statement":
        return {ACHIEVED: ["statement-ceiling"], UNKNOWN: ["statement-unknown"],
                MISSED: ["statement-missed"]}.get(row.verdict, [])
    keys = ["restated"] if row.restated else []
    if row.result is not None and row.result.value is not None and row.result.value < 0 \
            and any(w in row.result.text for w in ("下降", "减少", "回落")) and "下降" not in (row.result.indicator or ""):
        keys.append("fall")
    if row.verdict == SILENT:
        return keys
    if row.stretch is not None:
        keys.append("stretch")
    if row.match in ("qualified", "rank"):
        keys.append(row.match)
    if row.verdict == UNKNOWN:
        return [*keys, "unknown"]
    outcome = {ACHIEVED: "met", MISSED: "missed", EXCEEDED: "exceeded"}[row.verdict]
    ind = catalogue.get(row.indicator_id) if row.indicator_id else None
    direction = ind.direction if ind else None
    if t.value_max is not None:
        return [*keys, f"range-{outcome}"]
    if direction in ("ceiling", "floor") and t.comparator != {"ceiling": "max", "floor": "min"}[direction]:
        return [*keys, f"{direction}-{outcome}"]
    comparator = effective_comparator(t.comparator or "exact", direction)
    if comparator in ("min", "max"):
        return [*keys, f"{comparator}-{outcome}"]
    info = unit_info(t.unit)
    kind = "rate" if info is not None and info.dimension in ("percent", "points") else "level"
    if comparator == "approx" and kind == "rate" and outcome == "met":
        return [*keys, "approx-rate-below" if (row.delta or 0) < 0 else "approx-rate-above"]
    return [*keys, f"{comparator}-{kind}-{outcome}"]


@dataclass(frozen=True)
class Example:
    key: str
    rule: str
    row: Row | None
    where: str = ""


def _preference(key: str, row: Row, order: int, catalogue: Catalogue) -> tuple:
    qualified_result = row.result is not None and any(
        w in catalogue.normalise(row.result.indicator) for w in catalogue.qualifier_words)
    return (key != "unknown" and row.verdict == UNKNOWN, key == "qualified" and not qualified_result,
            row.indicator_id is None, row.indicator_id not in _HEADLINE, order)


def find_examples(rows: Iterable[tuple[str, Row]], catalogue: Catalogue | None = None) -> list[Example]:
    """For each rule, the preferred example among ``(where, row)``: a catalogue indicator before one
    it does not know, a headline indicator (GDP, CPI, jobs…) before others, then the first found."""
    catalogue = catalogue or load_catalogue()
    best: dict[str, tuple[tuple, str, Row]] = {}
    for order, (where, row) in enumerate(rows):
        for key in rules_of(row, catalogue):
            pref = _preference(key, row, order, catalogue)
            if key not in best or pref < best[key][0]:
                best[key] = (pref, where, row)
    return [Example(key, rule, best[key][2] if key in best else None, best[key][1] if key in best else "")
            for key, rule in RULES]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def markdown(examples: Sequence[Example]) -> str:
    """The rules table: rule | target | result | verdict | gap | report."""
    lines = ["| rule | target (report N) | result (report N+1) | verdict | gap | reports |",
             "| --- | --- | --- | --- | --- | --- |"]
    for ex in examples:
        r = ex.row
        if r is None:
            lines.append(f"| {ex.rule} | (no example in the corpus) | | | | |")
            continue
        target = _cell(r.target.text) if r.target else ""
        shown = format_quantity(r.target) if r.target is not None and r.target.value is not None else "文字目标"
        if r.restated and ex.key == "restated":
            target += " ⟂ " + " ⟂ ".join(f"[{it.start},{it.end}) {_cell(it.text)}" for it in r.restated)
            target = f"[{r.target.start},{r.target.end}) " + target
        if r.stretch is not None and ex.key == "stretch":
            target += f" (力争 {_cell(r.stretch.text)})"
        result = _cell(r.result.text) if r.result else ""
        stretch = next((n for n in r.note.split("; ") if n.startswith("力争")), "")
        verdict = r.verdict + (f" ({_cell(stretch)})" if ex.key == "stretch" and stretch else "")
        if ex.key == "unknown" and r.note:
            verdict += f" ({_cell(r.note.split(' (')[0])})"
        if r.evidence:
            result += f" ({'整体表述 blanket' if r.evidence == 'blanket' else '文字表述 in words'})"
        lines.append(f"| {ex.rule} | {target} [{shown}] | {result} | {verdict} | "
                     f"{format_delta(r)} | {ex.where} |")
    return "\n".join(lines) + "\n"


def corpus_rows(folders: Sequence[str]) -> list[tuple[str, Row]]:
    """Every reconciliation row of every report pair in ``folders``, with where it comes from."""
    from pathlib import Path

    from luoshi.reconcile.sources import ReportCache, discover, iter_pairs

    cache = ReportCache()
    out: list[tuple[str, Row]] = []
    for folder in folders:
        for region, year, path, next_path in iter_pairs(discover(folder)):
            if next_path is None:
                continue
            first, second = cache.get(path), cache.get(next_path)
            where = f"{Path(path).name} → {Path(next_path).name}"
            out.extend((where, row) for row in reconcile(first.items, second.items, year=year, region=region,
                                                         targets_text=first.text, results_text=second.text))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m luoshi.reconcile.examples", description=__doc__.splitlines()[0])
    p.add_argument("folders", nargs="+", metavar="FOLDER", help="folders of reports named REGION-YEAR or YEAR")
    args = p.parse_args(argv)
    sys.stdout.write(markdown(find_examples(corpus_rows(args.folders))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
