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
from luoshi.reconcile.catalogue import Catalogue, load_catalogue
from luoshi.reconcile.matching import MatchMemory, Resolved, best_result, dice, qualifies, resolve, resolve_items
from luoshi.reconcile.units import convert, same_scale, unit_info
from luoshi.reconcile.verdict import (
    ACHIEVED,
    DEFAULT_TOLERANCE,
    EXCEEDED,
    MISSED,
    SILENT,
    UNKNOWN,
    Tolerance,
    default_direction,
    judge,
)

WORDED = "worded-target"  # the extractor's rule for a target stated in words
NO_TARGET = "无目标"  # compare only: report N states no quantified target for the indicator
NO_REPORT = "无下年报告"  # compare only: report N+1 is not available (yet)


@dataclass(frozen=True)
class Row:
    """One line of a reconciliation: a target, the result that answers it (or None) and the verdict."""

    region: str | None
    year: int | None
    indicator_id: str | None
    indicator: str  # canonical name when the catalogue knows it, else the target's own name
    target: Commitment | None
    result: Commitment | None
    verdict: str
    note: str = ""
    match: str = ""  # how the result was paired: alias | memory | fuzzy | name
    score: float = 0.0
    delta: Decimal | None = None  # result minus the nearest edge of the target, in the target unit
    target_source: str = ""
    result_source: str = ""
    restated: tuple[Commitment, ...] = ()  # the same target stated again elsewhere in report N
    stretch: Commitment | None = None  # the figure it strives for beyond the target (…7%以上、力争8%)
    evidence: str = ""  # how the result speaks: "" a figure, "statement" words about it, "blank" a blanket sentence

    @property
    def worded(self) -> bool:
        """The target is stated in words only (国际收支基本平衡)."""
        return self.target is not None and self.target.value is None

    def to_dict(self) -> dict:
        """The JSONL/CSV record (flat, so a spreadsheet can read it)."""
        d: dict = {"region": self.region, "year": self.year, "indicator_id": self.indicator_id,
                   "indicator": self.indicator, "verdict": self.verdict, "note": self.note,
                   "match": self.match, "score": self.score, "delta": plain_number(self.delta),
                   "target_restated": restated_spans(self.restated) or None,
                   "target_stretch": restated_spans([self.stretch]) if self.stretch else None,
                   "target_worded": self.worded, "result_evidence": self.evidence or ("figure" if self.result else None)}
        for side, item, source in (("target", self.target, self.target_source),
                                   ("result", self.result, self.result_source)):
            d.update({f"{side}_{k}": None for k in ("indicator", "value", "value_max", "unit", "comparator",
                                                      "qualifier", "year", "text", "start", "end")})
            d[f"{side}_source"] = source or None
            if item is not None:
                full = item.to_dict()
                d.update({f"{side}_{k}": full[k] for k in ("indicator", "value", "value_max", "unit", "comparator",
                                                           "qualifier", "year", "text", "start", "end")})
        return d


def restated_spans(items: Iterable[Commitment]) -> str:
    """Where a target is stated again, as ``[start,end) text`` joined by ``; `` (one flat field)."""
    return "; ".join(f"[{it.start},{it.end}) {it.text}".replace("\n", " ") for it in items)


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
    from luoshi.reconcile.units import unit_info

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
    results = resolve_items([as_growth(it, catalogue, memory) for it in _results(results_items, year)], catalogue, memory)
    if results_text:
        results = _five_year_changes(results, results_text, year)
    # report N+1's own targets (a five-year plan's, set out inside its review part) are not statements
    # of how year N went: national 2021's 单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18% is for 2025
    # (a target of year N it quotes, 没有实现年初确定的…降低4%左右…的目标, is a statement about year N)
    ahead = [(it.start, it.end) for it in results_items or ()
             if it.kind == "target" and it.year is not None and it.year > year]
    spoken = _Said(results_text, None if plan else targets_text, year, tolerance, catalogue, plan=plan,
                   ahead=ahead)
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
            rows.append(_worded_row(t.item, results, spoken, common))
            continue
        pairing = best_result(t, results, catalogue, tolerance.scale)
        found = pairing.result
        both = _urban_and_rural(t.item, results) if found is None else None
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
                part = (_partial_row(t.item, name, results, common)
                        or _level_row(t.item, [name, *(ind.aliases if ind else ())], results, common))
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


def _five_year_changes(results: list[Resolved], results_text: str, year: int) -> list[Resolved]:
    """A change in % stated in the review's five-year paragraphs is over the five years (——人民生活水平
    实现新跃升。…居民人均可支配收入增长34.3%, 山东 2026), never the year's; a level there is the
    plan's last year's and stays usable."""
    from luoshi.pipeline import report_parts
    from luoshi.reconcile import wording

    review, _ = report_parts(results_text, year + 1)
    spans = wording.period_spans(results_text, review)
    if not spans:
        return results
    return [replace(r, period=r.period | {"五年"})
            if r.item.unit == "%" and _changes(r.item) and any(a <= r.item.start < b for a, b in spans) else r
            for r in results]


class _Said:
    """What report N+1 says in words, read once per reconciliation: the clauses of its review, and
    which targets of report N stand in its targets paragraph (the ones a blanket sentence answers)."""

    def __init__(self, results_text: str | None, targets_text: str | None, year: int,
                 tolerance: Tolerance = DEFAULT_TOLERANCE, catalogue: Catalogue | None = None, *,
                 plan: bool = False, ahead: Sequence[tuple[int, int]] = ()) -> None:
        from luoshi.pipeline import report_parts
        from luoshi.reconcile import wording

        self.year, self.tolerance, self.catalogue = year, tolerance, catalogue or load_catalogue()
        self.clauses: list = []
        self.listed: list[tuple[int, int]] | None = None
        if results_text:
            review, _ = report_parts(results_text, year + 1)
            self.clauses = [c for c in wording.clauses(results_text, review)
                            if not any(a < c.end and c.start < b for a, b in ahead)]
        if targets_text:
            self.listed = report_parts(targets_text, year)[1]
        self._blanket = wording.blanket(self.clauses, year, plan=plan) if self.clauses else None
        self.plan = plan

    def in_list(self, target: Commitment) -> bool:
        if self.plan:
            return True  # every goal of the plan: the plan's review speaks for all of them
        if self.listed is None:
            return target.rule == WORDED
        return any(a <= target.start < b for a, b in self.listed)

    def worded(self, target: Commitment):
        from luoshi.reconcile import wording

        if not self.clauses:
            return None
        return wording.answer_worded(target, self.clauses, self.year, settled_only=self.blanket(target) is not None)

    def numbered(self, target: Commitment, name: str, *, ceiling: bool):
        from luoshi.reconcile import wording

        if not self.clauses:
            return None
        for subject in dict.fromkeys((name, target.indicator)):
            if len(subject) >= 2:
                found = wording.answer_numbered(target, subject, self.clauses, self.year, ceiling=ceiling)
                # words that settle nothing answer only a target of the targets paragraph
                if found is not None and (found.verdict != UNKNOWN or self.in_list(target)):
                    return found
        # the review may call the indicator by another of its catalogue names (物价总水平涨幅得到控制,
        # 物价调控目标没有完成 for a CPI target): such a statement counts only when its words settle it
        ind = self.catalogue.find(name) or self.catalogue.find(target.indicator or "")
        for alias in sorted(ind.aliases if ind else (), key=len, reverse=True):
            if len(alias) >= 2 and alias not in (name, target.indicator):
                found = wording.answer_numbered(target, alias, self.clauses, self.year, ceiling=ceiling)
                if found is not None and found.verdict != UNKNOWN:
                    return found
        return self.blanket(target)

    def blanket(self, target: Commitment):
        return self._blanket if self._blanket is not None and self.in_list(target) else None


def _worded_row(target: Commitment, results: Sequence[Resolved], said: _Said, common: dict) -> Row:
    """A target stated in words: a statement about its subject, else a figure about it whose sign
    settles the goal (进出口稳中提质 against 进出口总额增长5%), else the blanket sentence, else 沉默."""
    from luoshi.reconcile import wording

    goal = wording.goal_of(target.indicator or target.text)
    if goal.kind == "sync":  # two growth figures settle 同步 better than any wording
        row = _sync_row(goal, results, common, said.tolerance)
        if row is not None:
            return row
    if goal.kind == "positive":  # 保持正增长: the growth figure settles it as a floor at 0%
        figure = _figure_for(goal, results, said.catalogue)
        if figure is not None:
            return _positive_row(figure, common, said.tolerance)
    answer = said.worded(target)
    if answer is not None and answer.verdict != UNKNOWN:
        return Row(**common, result=answer.statement, verdict=answer.verdict, note=answer.note,
                   evidence=answer.statement.rule, match="words")
    figure = _figure_for(goal, results, said.catalogue)
    if figure is not None:
        return figure_row(goal, figure, common)
    own = _own_growth(goal, results, said.catalogue) if goal.kind == "national" else None
    if own is not None:  # 增速高于全国平均水平 against the region's growth alone: the country's is not given
        note = f"只有本地增速，未与全国比较 (the region's growth only, not the country's): {own.item.text}"
        return Row(**common, result=own.item, verdict=UNKNOWN, note=note, match="national")
    if answer is not None:
        return Row(**common, result=answer.statement, verdict=answer.verdict, note=answer.note,
                   evidence=answer.statement.rule, match="words")
    part = _partial_row(target, goal.subject, results, common)
    if part is not None:
        return part
    level = _level_row(target, _growth_names(goal, said.catalogue), results, common, worded=True)
    if level is not None:
        return level
    named = wording.mention(goal.subject, said.clauses)
    if named is not None:
        st = Commitment(kind="result", indicator=goal.subject, value=None, unit=None, comparator=None, year=said.year,
                        text=named.text, start=named.start, end=named.end, rule="statement")
        return Row(**common, result=st, verdict=UNKNOWN, note="提及但未说明结果 (named, outcome not said)",
                   evidence="statement", match="words")
    blanket = said.blanket(target)
    if blanket is not None:
        return Row(**common, result=blanket.statement, verdict=blanket.verdict, note=blanket.note,
                   evidence=blanket.statement.rule, match="blanket")
    return Row(**common, result=None, verdict=SILENT, note="下年报告未提及 (not mentioned)")


_GROWTH_WORDS = ("增长", "增速", "增幅")


def _growth_names(goal, catalogue: Catalogue) -> list[str]:
    """The growth a worded goal asks about, by its names: 进出口稳中向好 -> 进出口增长; 居民收入增长和经济
    增长同步 -> the income growth's catalogue names (居民人均可支配收入增长…)."""
    if goal.kind == "sync":
        ind = catalogue.get("income_growth")
        return [ind.name, *ind.aliases] if ind else []
    if goal.kind not in ("improve", "steady") or len(goal.subject) < 2:
        return []
    return [goal.subject.removesuffix("增长") + "增长"]


def _level_row(target: Commitment, names: Sequence[str], results: Sequence[Resolved], common: dict, *,
               worded: bool = False) -> Row | None:
    """A growth target the review answers only with the year's level (社会消费品零售总额达4.64万亿元 for
    社会消费品零售总额增长5.5%左右, 全体居民人均可支配收入达到41580元 for its growth): the subject is
    spoken of but the growth is not given, 无法判断 (a blanket sentence does not settle it)."""
    from luoshi.reconcile import wording

    if target.unit != "%" and not worded:
        return None
    bases = {n[: -len(w)] for n in names for w in _GROWTH_WORDS if n.endswith(w) and len(n) - len(w) >= 3}
    for r in results:
        item = r.item
        info = unit_info(item.unit) if item.unit else None
        if info is None or info.dimension in ("percent", "points", "rank") or r.period \
                or any(w in item.indicator for w in _GROWTH_WORDS) or _changes(item):
            continue  # a level in its own unit (元, 美元, 吨), not a rate, a place or an increase (增加1000亿元)
        if any(wording.coverage(base, item.indicator) >= 0.99 for base in bases):
            note = f"只有总量，未给增速 (a level only, no growth): {item.text}"
            return Row(**common, result=item, verdict=UNKNOWN, note=note, match="level")
    return None


def _partial_row(target: Commitment, name: str, results: Sequence[Resolved], common: dict) -> Row | None:
    """工业投资增长13.3% for a 固定资产投资 target: the review speaks of a part only, 无法判断 (a blanket
    sentence does not settle what the review itself answers in part)."""
    from luoshi.reconcile import wording

    # a change of the part (民间投资增长4.6%), not its share (民间投资占比34%)
    figures = [r.item for r in results if r.item.unit == "%" and not r.period and _changes(r.item)]
    part = None
    for subject in dict.fromkeys((name, target.indicator or "")):
        part = part or wording.partial_figure(subject, figures)
    if part is None:
        return None
    note = f"只有部分或总体的数字 (a figure for a part, or for the whole it belongs to, only): {part.text}"
    return Row(**common, result=part, verdict=UNKNOWN, note=note, match="part")


def _sync_row(goal, results: Sequence[Resolved], common: dict, tolerance: Tolerance) -> Row | None:
    """居民收入增长和经济增长同步 against the two growth figures the next report gives: met when income
    grew at least as fast as the economy, less the leeway of a 左右 rate."""
    if "收入" not in goal.subject:
        return None
    by_id: dict[str, Resolved] = {}
    for r in results:
        if r.item.unit == "%" and not r.period and r.resolution.id not in by_id:
            by_id[r.resolution.id or ""] = r
    gdp = by_id.get("gdp_growth")
    if gdp is None or gdp.item.value is None:
        return None
    income = by_id.get("income_growth_real") or by_id.get("income_growth")
    # only urban and rural incomes given: both in step is in step, both behind is behind
    parts = [income] if income is not None else [by_id.get("urban_income_growth"), by_id.get("rural_income_growth")]
    if any(p is None or p.item.value is None for p in parts):
        return None
    gaps = [p.item.value - gdp.item.value for p in parts]
    ok = [g >= -tolerance.points for g in gaps]
    verdict = ACHIEVED if all(ok) else MISSED if not any(ok) else UNKNOWN
    grew = "、".join(f"{plain_number(p.item.value)}%" for p in parts)
    note = (f"收入增长{grew}，经济增长{plain_number(gdp.item.value)}% "
            f"(income grew {grew}, the economy {plain_number(gdp.item.value)}%)")
    return Row(**common, result=parts[0].item, verdict=verdict, note=note, match="sync", delta=min(gaps))


def _figure_for(goal, results: Sequence[Resolved], catalogue: Catalogue) -> Resolved | None:
    from luoshi.reconcile import wording

    # 稳中提质: a rise shows it as well; 保持正增长: a growth of either sign answers it
    kind = "improve" if goal.kind in ("steady", "positive") else goal.kind
    if kind not in ("improve", "decline") or len(goal.subject) < 2:
        return None
    # the catalogue knows 居民收入 as 居民人均可支配收入: ask it what the subject's change is called
    from luoshi.reconcile.units import unit_info

    verb = "增长" if kind == "improve" else "下降"
    wanted = resolve(goal.subject + verb, unit_info("%"), catalogue).id
    if wanted is not None:
        named = [r for r in results if r.resolution.id == wanted and r.item.unit == "%" and not r.period]
        if named:
            return named[0]
    if "城乡" in goal.subject and "收入" in goal.subject:
        # 城乡居民收入稳定增长 answered by the urban and the rural growth (as _sync_row reads them): both
        # must have moved the goal's way, so the weaker of the two is the figure that decides
        parts = [next((r for r in results if r.resolution.id == f"{side}_income_growth" and r.item.unit == "%"
                       and not r.period and r.item.value is not None), None) for side in ("urban", "rural")]
        if all(parts):
            return min(parts, key=lambda r: r.item.value if kind == "improve" else -r.item.value)
    ways = ("improve", "decline") if goal.kind == "positive" else (kind,)
    scored = [(wording.coverage(goal.subject, r.item.indicator), -r.item.start, r) for r in results
              if r.item.unit == "%" and not r.period and _changes(r.item) in ways]
    scored = [t for t in scored if t[0] >= 0.99]
    return max(scored, key=lambda t: (t[0], t[1]))[2] if scored else None


def _urban_and_rural(target: Commitment, results: Sequence[Resolved]) -> Resolved | None:
    """城乡居民收入增长9%以上 answered by the urban and the rural growth apart (分别增长10%和12.7%: 驻马店
    2013–2015; national 2009's worded 城乡居民收入稳定增长 is read the same way): both must reach the
    target, so the lower of the two is the result that decides."""
    if "城乡" not in (target.indicator or "") or "收入" not in (target.indicator or "") or target.unit != "%":
        return None
    sides = [next((r for r in results if r.resolution.id == f"{side}_income_growth" and r.item.unit == "%"
                   and not r.period and r.item.value is not None), None) for side in ("urban", "rural")]
    return min(sides, key=lambda r: r.item.value) if all(sides) else None


def _own_growth(goal, results: Sequence[Resolved], catalogue: Catalogue) -> Resolved | None:
    """The region's growth of a subject whose goal is to outgrow the country (收入增速高于全国平均水平)."""
    from luoshi.reconcile import wording
    from luoshi.reconcile.units import unit_info

    base = wording.measured(goal.subject)
    wanted = resolve(base + "增长", unit_info("%"), catalogue).id
    for r in results:
        if r.item.unit == "%" and not r.period and _changes(r.item) and (
                (wanted is not None and r.resolution.id == wanted)
                or wording.coverage(base, r.item.indicator) >= 0.99):
            return r
    return None


_FALLING = ("下降", "降低", "减少", "回落")
_RISING = ("增长", "提高", "提升", "增加", "上升")


def _changes(item: Commitment) -> str | None:
    """Which way a figure in % says its subject moved: improve (增长) or decline (下降), else None."""
    words = item.indicator + item.text
    if any(w in words for w in _FALLING):
        return "decline"
    return "improve" if any(w in words for w in _RISING) else None


def _positive_row(figure: Resolved, common: dict, tolerance: Tolerance) -> Row:
    """保持正增长 against the year's growth: a floor at 0%, judged as 0%以上 is (超额 from the surplus
    margin of a rate up)."""
    item = figure.item
    value = item.value or 0
    if item.text and any(w in item.indicator + item.text for w in _FALLING) and value > 0:
        value = -value  # 进出口下降3% that as_growth left as it was
    verdict = MISSED if value <= 0 else EXCEEDED if value >= tolerance.surplus_points else ACHIEVED
    note = f"正增长即增速高于0 (positive growth: above 0%): {item.text}"
    return Row(**common, result=item, verdict=verdict, note=note, match="positive")


def figure_row(goal, figure: Resolved, common: dict) -> Row:
    """A worded goal of direction (改善, 下降) against a change in % about its subject: the sign decides."""
    item = figure.item
    ok = (item.value or 0) > 0  # _figure_for chose a change in the goal's direction: it moved that way
    note = f"据数字的方向 (from the direction of the figure): {item.text}"
    return Row(**common, result=item, verdict=ACHIEVED if ok else MISSED, note=note, match="direction")


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
