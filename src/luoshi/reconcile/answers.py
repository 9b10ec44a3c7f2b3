"""How a target that no figure of report N+1 pairs is answered: a statement about it, a figure that
settles a worded goal (同步, 正增长, a direction), a figure for a part or the whole only, the year's
level only, the blanket sentence, or nothing (沉默).

``luoshi.reconcile.table`` pairs figures with figures; whatever it cannot pair comes here, so the
rules of words and wholes change apart from the rules of pairing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from luoshi.model import Commitment, plain_number
from luoshi.reconcile.catalogue import Catalogue, load_catalogue
from luoshi.reconcile.matching import Resolved, resolve
from luoshi.reconcile.rows import WORDED, Row
from luoshi.reconcile.units import unit_info
from luoshi.reconcile.verdict import ACHIEVED, DEFAULT_TOLERANCE, EXCEEDED, MISSED, SILENT, UNKNOWN, Tolerance


def five_year_changes(results: list[Resolved], period: Sequence[tuple[int, int]]) -> list[Resolved]:
    """A change in % stated in the review's five-year part (``period``, as ``Said`` reads it) is over
    the five years (——人民生活水平实现新跃升。…居民人均可支配收入增长34.3%, 山东 2026), never the
    year's; a level there is the plan's last year's and stays usable."""
    if not period:
        return results
    return [replace(r, period=r.period | {"五年"})
            if r.item.unit == "%" and _changes(r.item) and any(a <= r.item.start < b for a, b in period) else r
            for r in results]


class Said:
    """What report N+1 says in words, read once per reconciliation: the clauses of its review, and
    which targets of report N stand in its targets paragraph (the ones a blanket sentence answers)."""

    def __init__(self, results_text: str | None, targets_text: str | None, year: int,
                 tolerance: Tolerance = DEFAULT_TOLERANCE, catalogue: Catalogue | None = None, *,
                 plan: bool = False, ahead: Sequence[tuple[int, int]] = ()) -> None:
        from luoshi.pipeline import report_parts
        from luoshi.reconcile import wording

        self.year, self.tolerance, self.catalogue = year, tolerance, catalogue or load_catalogue()
        self.clauses: list = []
        self.period: list[tuple[int, int]] = []  # the review's five-year part (wording.period_spans)
        self.listed: list[tuple[int, int]] | None = None
        if results_text:
            review, _ = report_parts(results_text, year + 1)
            self.period = wording.period_spans(results_text, review)
            self.clauses = [c for c in wording.clauses(results_text, review, self.period)
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


def worded_row(target: Commitment, results: Sequence[Resolved], said: Said, common: dict) -> Row:
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
    part = partial_row(target, goal.subject, results, common)
    if part is not None:
        return part
    level = level_row(target, _growth_names(goal, said.catalogue), results, common, worded=True)
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


def level_row(target: Commitment, names: Sequence[str], results: Sequence[Resolved], common: dict, *,
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


def partial_row(target: Commitment, name: str, results: Sequence[Resolved], common: dict) -> Row | None:
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


def urban_and_rural(target: Commitment, results: Sequence[Resolved]) -> Resolved | None:
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
    if value > 0 and item.indicator.endswith(_FALLING):
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
