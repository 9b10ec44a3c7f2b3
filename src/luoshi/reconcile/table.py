"""The reconciliation table: every target of year N beside the result for year N from report N+1.

``reconcile`` and ``compare`` are pure functions over ``Commitment`` items — no files, no
printing — so the CLI, the tests and a web view all call the same thing and get the same ``Row``s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from luoshi.model import Commitment, plain_number
from luoshi.reconcile.answers import (
    Said,
    five_year_changes,
    level_row,
    partial_row,
    urban_and_rural,
    worded_row,
)
from luoshi.reconcile.catalogue import Catalogue, load_catalogue
from luoshi.reconcile.matching import MatchMemory, Resolved, best_result, dice, qualifies, resolve, resolve_items
from luoshi.reconcile.rows import NO_REPORT, NO_TARGET, WORDED, Row, restated_spans  # noqa: F401 - re-exported
from luoshi.reconcile.units import convert, same_scale, unit_info
from luoshi.reconcile.verdict import (
    DEFAULT_TOLERANCE,
    SILENT,
    UNKNOWN,
    Tolerance,
    default_direction,
    judge,
)


def infer_plan_year(items: Iterable[Commitment]) -> int | None:
    """The year most targets are for: the report's plan year (five-year goals are fewer)."""
    years = Counter(it.year for it in items if it.kind == "target" and it.year)
    return years.most_common(1)[0][0] if years else None


def _targets(items: Iterable[Commitment], year: int) -> list[Commitment]:
    """Targets of ``year``: with a figure, or stated in words in the targets paragraph."""
    return [part for it in items if it.kind == "target" and (it.year or year) == year
            and (it.value is not None or it.rule == WORDED) for part in split_joint(it)]


def split_joint(item: Commitment) -> list[Commitment]:
    """A worded target that moves two things one way (单位国内生产总值能耗和主要污染物排放量继续下降,
    national 2020 and 2023) is two targets: the next report answers each apart (主要污染物排放量继续下降
    in words, energy intensity often not at all). Each keeps its own span; the first is named with the
    shared goal word (单位国内生产总值能耗|继续下降).

    >>> from luoshi.model import Commitment as C
    >>> t = "单位国内生产总值能耗和主要污染物排放量继续下降"
    >>> [(p.indicator, p.text, p.start) for p in split_joint(C("target", t, None, None, None, 2023, t, 100, 100 + len(t), rule=WORDED))]
    [('单位国内生产总值能耗继续下降', '单位国内生产总值能耗', 100), ('主要污染物排放量继续下降', '主要污染物排放量继续下降', 111)]
    """
    from luoshi.reconcile import wording

    if item.value is not None or item.rule != WORDED:
        return [item]
    goal = wording.goal_of(item.indicator or item.text)
    if goal.kind not in ("decline", "improve", "steady") or goal.subject.count("和") != 1:
        return [item]
    first, second = goal.subject.split("和")
    at = item.text.find(goal.subject)
    if min(len(first), len(second)) < 4 or at < 0:
        return [item]
    a = item.start + at
    b = a + len(first) + 1
    return [replace(item, indicator=first + goal.word, text=first, start=a, end=a + len(first)),
            replace(item, indicator=second + goal.word, text=item.text[b - item.start:], start=b, end=item.end)]


def _results(items: Iterable[Commitment], year: int) -> list[Commitment]:
    return [it for it in items if it.kind == "result" and it.value is not None and (it.year or year) == year]


def as_growth(item: Commitment, catalogue: Catalogue, memory: MatchMemory | None = None) -> Commitment:
    """固定资产投资下降3.3% as 固定资产投资增长 -3.3%, so it answers 固定资产投资增长5%左右 (and
    居民消费价格下降0.1% is not read as a 0.1% rise); a fall that is itself the indicator
    (单位生产总值能耗下降) stays as it is."""
    from luoshi.grammar.tables import load

    if item.unit != "%" or item.value is None or item.value <= 0:
        return item
    w = load("wording")
    verb = next((v for v in sorted(w["falling_verbs"], key=len, reverse=True) if item.indicator.endswith(v)), None)
    if verb is None:
        return item
    grown = item.indicator[: -len(verb)] + w["rising_verb"]
    unit = unit_info("%")
    as_fall, as_rise = resolve(item.indicator, unit, catalogue, memory), resolve(grown, unit, catalogue, memory)
    if as_fall.method in ("alias", "memory", "qualified", "rejected") or as_rise.id is None:
        return item  # the fall is an indicator of its own (能耗下降), or its rise is unknown
    low = -item.value_max if item.value_max is not None else None
    return replace(item, indicator=grown, value=low if low is not None else -item.value,
                   value_max=-item.value if low is not None else None)


def _same_quantity(a: Commitment, b: Commitment) -> bool:
    """The same figure; a restatement may drop the qualifier (8%左右 restated as 8%)."""
    same_comparator = a.comparator == b.comparator or "exact" in (a.comparator, b.comparator)
    return (a.value, a.value_max, a.unit) == (b.value, b.value_max, b.unit) and same_comparator


def _restates(later: Resolved, first: Resolved, catalogue: Catalogue) -> bool:
    """``later`` states the target ``first`` again: the same figure, and the same indicator — the same
    catalogue id; or a name the catalogue does not know that is the end of the first one's (除了6%左右的
    增长目标 after 地区生产总值增长6%左右: a restatement says less, never more); or, when neither
    is known, names within ``pair_threshold`` with the same distinguishing words, neither narrowing
    the other (as for pairing a result). 提出国内生产总值增长8%左右 in the explanation paragraph
    restates 国内生产总值增长8%左右 of the targets paragraph (提出 is a filler of the normalisation)."""
    if not _same_quantity(later.item, first.item) or later.period != first.period:
        return False
    a, b = later.resolution, first.resolution
    if "rejected" in (a.method, b.method):  # the user said never to match this name
        return a.normalised == b.normalised
    if a.id is not None:
        return a.id == b.id
    if len(a.normalised) >= 2 and b.normalised.endswith(a.normalised):
        return True
    if b.id is not None:
        return False
    marks = catalogue.normalise.marks
    return (marks(a.normalised) == marks(b.normalised) and not qualifies(a.normalised, b.normalised)
            and dice(a.normalised, b.normalised) >= catalogue.pair_threshold)


@dataclass
class _Target:
    """One target of report N: its first statement, its restatements and a stretch figure (力争)."""

    first: Resolved
    restated: list[Commitment]
    stretch: Resolved | None = None


def _stretches(later: Resolved, first: Resolved, catalogue: Catalogue) -> bool:
    """``later`` is the stretch figure of ``first``: a bare figure right after it, of the same indicator
    and unit, further on the better side — 地区生产总值增长7%以上、力争达到8%. One target, judged on
    its floor, with the stretch said in the note."""
    a, b = later.item, first.item
    if first.resolution.id is None or later.resolution.id != first.resolution.id or a.unit != b.unit:
        return False
    if b.comparator not in ("min", "approx") or a.comparator != "exact" or a.value_max is not None:
        return False
    if not 0 <= a.start - b.end <= 8 or len(a.text) > 8 or a.value is None or b.value is None:
        return False
    ind = catalogue.get(first.resolution.id)
    better = ind.better if ind else "higher"
    return a.value > b.value if better == "higher" else a.value < b.value if better == "lower" else False


def _dedupe(resolved: list[Resolved], catalogue: Catalogue) -> list[_Target]:
    """A report often restates a target when explaining it: one target, the first statement with the
    others as its restatements; a stretch figure (力争) right after a target belongs to it."""
    out: list[_Target] = []
    for r in resolved:
        if out and out[-1].stretch is None and _stretches(r, out[-1].first, catalogue):
            out[-1].stretch = r
            continue
        first = next((o for o in out if _restates(r, o.first, catalogue)), None)
        if first is None:
            out.append(_Target(r, []))
        else:
            first.restated.append(r.item)
    return out


def judge_pair(target: Resolved, result: Resolved, catalogue: Catalogue, tolerance: Tolerance) -> tuple[str, str, Decimal | None]:
    """(verdict, note, delta) for a paired target and result, units and direction applied."""
    t, r = target.item, result.item
    if target.unit is None or result.unit is None:
        return UNKNOWN, "缺少单位 (missing unit)", None
    value = convert(r.value, result.unit, target.unit)
    if value is None:
        return UNKNOWN, f"单位不可比 (units do not compare): {t.unit} / {r.unit}", None
    value_max = convert(r.value_max, result.unit, target.unit) if r.value_max is not None else None
    if not same_scale(t.value, target.unit, r.value, result.unit, tolerance.scale):
        times = (value / t.value).quantize(Decimal("0.1")) if t.value else None
        return UNKNOWN, f"结果是目标的{times}倍，可能是多年累计 (scale mismatch: a multi-year total?)", None
    ind = catalogue.get(target.resolution.id) if target.resolution.id else None
    better, surplus = (ind.better, ind.surplus) if ind else default_direction(t.comparator or "exact")
    direction = ind.direction if ind else None
    if target.unit.dimension == "rank":  # 第1位 is better than 第3位, whatever the ranked thing
        better, surplus, direction = "lower", t.comparator != "max", None
    j = judge(comparator=t.comparator or "exact", value=t.value, value_max=t.value_max,
              result_value=value, result_comparator=r.comparator or "exact", result_value_max=value_max,
              better=better, surplus=surplus, dimension=target.unit.dimension, tolerance=tolerance,
              direction=direction)
    note = j.note
    if result.resolution.qualifier and result.resolution.qualifier != target.resolution.qualifier:
        note = "; ".join(x for x in (note, f"结果带限定词 (qualified result): {result.resolution.qualifier}") if x)
    if r.unit != t.unit:
        note = "; ".join(x for x in (note, f"换算 (converted) {r.unit}→{t.unit}") if x)
    return j.verdict, note, j.delta


def reconcile(targets_items: Sequence[Commitment], results_items: Sequence[Commitment], *,
              year: int | None = None, region: str | None = None, catalogue: Catalogue | None = None,
              memory: MatchMemory | None = None, tolerance: Tolerance = DEFAULT_TOLERANCE,
              target_source: str = "", result_source: str = "", targets_text: str | None = None,
              results_text: str | None = None, plan: bool = False) -> list[Row]:
    """Every target of ``year`` in ``targets_items`` (report N) against the results for ``year`` in
    ``results_items`` (report N+1), in the order the targets appear.

    ``year`` defaults to the year most targets are for. Items without a year are taken to be for
    ``year``. Targets no result answers are rows with verdict 沉默. With ``results_text`` (report
    N+1's text) a target no figure answers is looked for in the words of its review (worded targets
    always are), and a blanket 主要目标任务全面完成 answers what is left of the targets paragraph
    (found in ``targets_text``; without it, the worded targets only). ``plan``: report N set the
    goals of a five-year plan ending in ``year`` and report N+1 reviews the plan, so only a blanket
    sentence about the plan answers (and the targets paragraph is not required).
    """
    catalogue = catalogue or load_catalogue()
    year = year or infer_plan_year(targets_items)
    if year is None:
        return []
    targets = _dedupe(resolve_items(_targets(targets_items, year), catalogue, memory), catalogue)
    # report N+1's own targets (a five-year plan's, set out inside its review part) are not statements
    # of how year N went: national 2021's 单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18% is for 2025
    # (a target of year N it quotes, 没有实现年初确定的…降低4%左右…的目标, is a statement about year N)
    ahead = [(it.start, it.end) for it in results_items or ()
             if it.kind == "target" and it.year is not None and it.year > year]
    spoken = Said(results_text, None if plan else targets_text, year, tolerance, catalogue, plan=plan,
                   ahead=ahead)
    results = resolve_items([as_growth(it, catalogue, memory) for it in _results(results_items, year)], catalogue, memory)
    results = five_year_changes(results, spoken.period)
    rows = []
    for group in targets:
        t, restated = group.first, tuple(group.restated)
        ind = catalogue.get(t.resolution.id) if t.resolution.id else None
        name = ind.name if ind else t.item.indicator
        common = dict(region=region, year=year, indicator_id=t.resolution.id, indicator=name, target=t.item,
                      target_source=target_source, result_source=result_source, restated=restated,
                      stretch=group.stretch.item if group.stretch else None)
        if t.item.value is None:
            common["indicator_id"] = None
            rows.append(worded_row(t.item, results, spoken, common))
            continue
        pairing = best_result(t, results, catalogue, tolerance.scale)
        found = pairing.result
        both = urban_and_rural(t.item, results) if found is None else None
        if both is not None:
            verdict, note, delta = judge_pair(t, both, catalogue, tolerance)
            note = "; ".join(x for x in (note, f"城乡分别给出，取较低者 (urban and rural given apart, the lower decides): "
                                                f"{both.item.text}") if x)
            rows.append(Row(**common, result=both.item, verdict=verdict, note=note, match="sides", delta=delta))
            continue
        if found is None:
            ceiling = (ind is not None and ind.direction == "ceiling") or t.item.comparator == "max"
            answer = spoken.numbered(t.item, name, ceiling=ceiling)
            part = None
            if answer is None or answer.statement.rule == "blanket":
                part = (partial_row(t.item, name, results, common)
                        or level_row(t.item, [name, *(ind.aliases if ind else ())], results, common))
            if part is not None:
                rows.append(part)
                continue
            if answer is not None:
                rows.append(Row(**common, result=answer.statement, verdict=answer.verdict, note=answer.note,
                                evidence=answer.statement.rule))
                continue
            rows.append(Row(**common, result=None, verdict=SILENT, note="下年报告未提及 (not mentioned)"))
            continue
        verdict, note, delta = judge_pair(t, found, catalogue, tolerance)
        if group.stretch is not None:
            reach, _, _ = judge_pair(group.stretch, found, catalogue, tolerance)
            said = f"力争 {plain_number(group.stretch.item.value)}{group.stretch.item.unit or ''}: {reach} (stretch goal)"
            note = "; ".join(x for x in (note, said) if x)
        if pairing.others:
            listed = "、".join(f"{o.item.text} [{o.item.start},{o.item.end})" for o in pairing.others[:3])
            note = "; ".join(x for x in (note, f"另有候选 (other candidates): {listed}") if x)
        rows.append(Row(**common, result=found.item, verdict=verdict, note=note, match=pairing.method,
                        score=pairing.score, delta=delta))
    return rows


@dataclass(frozen=True)
class ReportPair:
    """Report N and report N+1 of one region, as items (None when that report is missing)."""

    region: str | None
    year: int
    targets_items: Sequence[Commitment] | None
    results_items: Sequence[Commitment] | None
    target_source: str = ""
    result_source: str = ""


def compare(pairs: Iterable[ReportPair], indicator_id: str, *, catalogue: Catalogue | None = None,
            memory: MatchMemory | None = None, tolerance: Tolerance = DEFAULT_TOLERANCE,
            prefilter: bool = True) -> list[Row]:
    """One indicator across regions or years: the rows of ``reconcile`` for that indicator only.

    Every pair gives at least one row, so a chart has a point for each year: 无目标 when report N
    sets no quantified target (the result is still shown when report N+1 gives one), 无下年报告
    when report N+1 is missing. ``prefilter`` hands ``reconcile`` only the items that can resolve to
    the indicator (same rows, many times faster over a folder of reports).
    """
    from luoshi.reconcile.prefilter import relevant_items

    catalogue = catalogue or load_catalogue()
    ind = catalogue.get(indicator_id)
    name = ind.name if ind else indicator_id
    rows: list[Row] = []
    for p in pairs:
        if prefilter:
            p = replace(p, targets_items=relevant_items(p.targets_items, indicator_id, catalogue, memory),
                        results_items=relevant_items(p.results_items, indicator_id, catalogue, memory))
        common = dict(region=p.region, year=p.year, target_source=p.target_source, result_source=p.result_source)
        found = [r for r in reconcile(p.targets_items or (), p.results_items or (), year=p.year, region=p.region,
                                      catalogue=catalogue, memory=memory, tolerance=tolerance,
                                      target_source=p.target_source, result_source=p.result_source)
                 if r.indicator_id == indicator_id]
        if found:
            if p.results_items is None:
                found = [replace(r, verdict=NO_REPORT, note="") for r in found]
            rows.extend(found)
            continue
        result = None
        if p.results_items is not None:
            candidates = [r for r in resolve_items(_results(p.results_items, p.year), catalogue, memory)
                          if r.resolution.id == indicator_id]
            result = candidates[0].item if candidates else None
        note = "本年报告缺失 (report N missing)" if p.targets_items is None else ""
        rows.append(Row(**common, indicator_id=indicator_id, indicator=name, target=None, result=result,
                        verdict=NO_TARGET, note=note))
    return rows


def summarise(rows: Iterable[Row]) -> Counter[str]:
    """Verdict counts, the one-line summary under every table."""
    return Counter(r.verdict for r in rows)
