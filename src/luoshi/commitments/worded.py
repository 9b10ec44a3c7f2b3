"""Targets the targets paragraph states in words: 国际收支基本平衡, 居民收入增长和经济增长同步.

A report's 主要预期目标 paragraph is the list a deputy checks a year later, and about a third of it
has no figure. Those clauses become targets without a value, so the reconciliation can ask the next
report about them too (the scorer ignores value-less items, so extraction scores are unaffected).
Only the targets paragraph is read: anywhere else a clause without a figure is a task or prose.
The words that mark a clause as a qualification or an explanation rather than a target live in
``data/zh/wording.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from luoshi.commitments.build import SENTENCE
from luoshi.commitments.lexicon import lexicon
from luoshi.commitments.tasks import NUMBERING
from luoshi.grammar.tables import load
from luoshi.segment import Block

_CLAUSE = re.compile(r"[^，,；;：:。！？!?]+")
_DIGIT = re.compile(r"[0-9０-９]")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
_EDGE = " \u3000\t\r\n—-●■*#>"
# a paragraph of the list ending in one of these runs on into the next; a comma is a sentence cut
# by a line break (单位国内生产总值能耗和主要污染物排放量继续下降， / 努力完成“十三五”规划目标任务。, national 2020)
_RUNS_ON = ("；", ";", "：", ":", "，", ",")


@dataclass
class ListState:
    """Whether the targets list runs on into the next block (an intro ending in ：, items ending in ；)."""

    open: bool = False
    year: int | None = None
    tentative: bool = False  # opened by an intro that ends its paragraph: the next one must look like a list
    spans: list[tuple[int, int]] = field(default_factory=list)  # the sentences read as the list
    years: list[int | None] = field(default_factory=list)  # the year of each span's list


@lru_cache(maxsize=1)
def _words() -> dict:
    w = load("wording")
    goal_words = sorted({t for g in w["goals"].values() for t in g["target"]}, key=len, reverse=True)
    return {**w, "goal_words": tuple(goal_words)}


def plan_end(before: str) -> int | None:
    """The last year of the five-year plan a targets list is for, from the words before its intro.

    >>> plan_end("“十五五”时期经济社会发展的"), plan_end("今年经济社会发展")
    (2030, None)
    >>> plan_end("兼顾“十五”计划和2020年奋斗目标，今年我市经济和社会发展的") is None
    True
    """
    sentence = re.split(r"[。！？!?]", before)[-1]
    sentence = sentence[sentence.rfind("今年") + 1:]  # 兼顾“十五”计划…，今年我市…的 (驻马店 2003): this year's
    for name, end in _words()["five_year_plans"].items():
        if f"{name}”" in sentence or f"{name}\"" in sentence or f"{name}时期" in sentence or f"{name}规划" in sentence:
            return int(end)
    return None


def outline_year(paragraph: str, report_year: int | None) -> int | None:
    """The last year of a five-year plan whose goals a paragraph introduces (…实化量化“十四五”时期经济
    社会发展主要目标和重大任务…这里概述几个方面), when that plan is still ahead of the report.

    >>> outline_year("《纲要草案》实化量化“十四五”时期经济社会发展主要目标和重大任务，这里概述几个方面。", 2021)
    2025
    >>> outline_year("“十三五”时期主要目标任务胜利完成。", 2021) is None
    True
    """
    if report_year is None:
        return None
    for name, end in _words()["five_year_plans"].items():
        if int(end) < report_year:
            continue
        for m in re.finditer(f"{name}(?:”|时期)", paragraph):
            window = paragraph[m.start():m.start() + 40]
            before = paragraph[max(0, m.start() - 6):m.start()]
            # 实现“十四五”规划目标任务的关键一年 speaks of reaching the plan, not of setting its goals
            if "今年" in window:
                continue  # 兼顾“十五”计划和2020年奋斗目标，今年我市…主要预期目标是 (驻马店 2003): the year's own list
            if re.search(r"(?:主要|奋斗)目标", window) and not re.search(r"(?:完成|实现|胜利|成就)", window) \
                    and not re.search(r"(?:实现|完成|确保|收官|开局|蓄势)", before + window[:12]):
                return int(end)
    return None


def is_target_clause(clause: str) -> bool:
    """A clause without a figure in the targets paragraph sets a target unless it qualifies or explains one.

    >>> is_target_clause("国际收支保持基本平衡"), is_target_clause("在实际工作中争取更好结果")
    (True, False)
    >>> is_target_clause("在优化结构、提高效益、降低消耗、保护环境的基础上")
    False
    """
    w = _words()
    if not w["min_clause_chars"] <= len(clause) <= w["max_clause_chars"] or _DIGIT.search(clause):
        return False
    if clause.startswith(tuple(w["not_target_prefixes"])) or clause.endswith(tuple(w["not_target_suffixes"])):
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in clause)


def ends_with_goal(sentence: str) -> bool:
    """Whether a sentence without a figure closes on a goal, each of its clauses short enough to be a
    target: 同时，要在…等方面取得新进展，城乡居民收入实际增长和经济增长保持同步 (national 2012) is read
    like 反映…的预期性指标增长高于经济增速 (山西 2026) and …等任务全面完成 (宁夏 2025), whatever its length.

    >>> ends_with_goal("同时，要在产业结构调整、自主创新、节能减排等方面取得新进展，城乡居民收入实际增长和经济增长保持同步。")
    True
    >>> ends_with_goal("我们要坚决落实稳中求进的工作要求，持续推动经济实现质的有效提升和量的合理增长。")
    False
    """
    w = _words()
    clauses = [c for c in re.split(r"[，,；;]", sentence.strip(_EDGE).rstrip("。！？!?；;")) if c]
    return bool(clauses) and clauses[-1].endswith(w["goal_words"]) \
        and all(len(c) <= w["max_clause_chars"] for c in clauses)


def subject_of(clause: str) -> str:
    """What a worded target is about, without fillers: 努力实现居民收入增长和经济增长同步 -> 居民收入增长和经济增长同步."""
    w = _words()
    out = clause
    changed = True
    while changed:
        changed = False
        for f in sorted(w["target_fillers"], key=len, reverse=True):
            if out.startswith(f) and len(out) - len(f) >= w["min_clause_chars"]:
                out, changed = out[len(f):], True
    return out


def worded_targets(block: Block, figures: list[tuple[int, int]], state: ListState,
                   report_year: int | None) -> Iterator[tuple[int, int, str, int | None]]:
    """(canonical start, end, indicator, year) of each worded target in ``block``; ``figures`` are the
    spans of the block's items with a figure. ``state`` carries an open list into the next block."""
    text = block.text
    intros = list(lexicon().target_intro.finditer(text))
    # a numbered heading that runs on into its paragraph (三、2021年重点工作今年是…。今年经济社会发展的主要预期
    # 目标是：…, 27 city reports of the corpus lose the break) holds the list like body text does
    if block.heading_level is not None and not intros:
        state.open = False
        return
    if state.open and state.tentative:
        state.tentative = False
        # after an intro that ends its paragraph, only a paragraph of figures or one that runs on
        # (；) is the list: 提出…主要目标和重大举措。 followed by prose is not one
        looks_listed = (any(block.start <= a < block.end for a, _ in figures) if figures else bool(_DIGIT.search(text)))
        state.open = looks_listed or text.rstrip(_EDGE).endswith(_RUNS_ON)
    if state.open:  # the list of the block before runs on up to this block's first intro
        yield from _read_list(block, 0, intros[0].start() if intros else len(text), figures, state)
    for k, m in enumerate(intros):
        stop = intros[k + 1].start() if k + 1 < len(intros) else len(text)
        body_start = m.end()
        while text.startswith(("：", ":"), body_start):
            body_start += 1
        intro = m.group(0)
        if "主要" not in intro and not intro.endswith(("是", "：", ":")):
            continue  # 经济增长预期目标为5%左右，考虑了…: one target explained, not the list
        plan = plan_end(text[:m.end()])  # with the intro: 今年…主要预期目标是 after a plan named is the year's
        if "预期" not in intro and plan is None and not (any(block.start + body_start <= a < block.start + stop for a, _ in figures)
                                          or (not figures and _DIGIT.search(text, body_start, stop))):
            state.open = False  # 主要目标是：改革政府对企业投资的管理制度…: a task list, not the year's targets
            continue
        state.year = intro_year(intro) or plan or report_year
        state.open = True
        yield from _read_list(block, body_start, stop, figures, state)
    if not intros and not state.open:
        closing = closing_intro(text, report_year)
        if closing is not None:
            state.open, state.tentative, state.year = True, True, closing


def intro_year(intro: str) -> int | None:
    """The year a targets intro names, the one nearest the targets: 兼顾“十五”计划和2020年奋斗目标，今年我市
    …主要预期目标是 (驻马店 2003) is this year's list, not 2020's.

    >>> intro_year("2024年经济社会发展主要预期目标是"), intro_year("2020年奋斗目标，今年我市经济和社会发展的主要预期目标是")
    (2024, None)
    """
    years = list(_YEAR.finditer(intro))
    if not years or "今年" in intro[years[-1].end():]:
        return None
    return int(years[-1].group(1))


def closing_intro(text: str, report_year: int | None) -> int | None:
    """The year of the list a paragraph's last sentence introduces without 是/为/： (我们对疫情前考虑的
    预期目标作了适当调整。), the list following in the next paragraphs; None when it introduces none.

    >>> closing_intro("综合研判形势，我们对疫情前考虑的预期目标作了适当调整。", 2020)
    2020
    >>> closing_intro("“十五五”时期要努力实现以下主要目标。", 2026)
    2030
    >>> closing_intro("三是坚决打好三大攻坚战，主要目标任务如期完成。", 2021) is None
    True
    """
    w = _words()
    sentences = [s.strip(_EDGE) for s in SENTENCE.findall(text)]
    sentences = [s for s in sentences if s]
    if not sentences or _DIGIT.search(sentences[-1]):
        return None
    last = sentences[-1]
    m = re.search(w["closing_intro"], last)
    if m is None:
        return None
    clause = re.split(r"[，,；;]", last[:m.end()])[-1]
    if re.search(w["closing_intro_veto"], clause):
        return None
    plan = plan_end(last.rstrip("。：:"))
    if "预期" not in m.group(0) and plan is None:
        return None  # 主要目标 without 预期 or a plan: as after 主要目标是, it may be a list of tasks
    return plan or report_year


def _read_list(block: Block, body_start: int, stop: int, figures: list[tuple[int, int]],
               state: ListState) -> Iterator[tuple[int, int, str, int | None]]:
    """The worded targets of one list, from ``body_start`` to ``stop`` in the block's text."""
    text = block.text
    body = text[body_start:stop]
    if not body.strip(" \u3000\t\r\n"):
        return  # the intro ends the block: the list is in the next one (state stays open)
    w = _words()
    state.open = stop == len(text) and body.rstrip(" \u3000\t\r\n").endswith(_RUNS_ON)
    for n, s in enumerate(SENTENCE.finditer(text[:stop], body_start)):
        sentence = s.group(0).strip(_EDGE)
        if not sentence:
            continue
        s_start, s_end = block.start + s.start(), block.start + s.end()
        # the extractor knows the figures; a caller without them (report_parts) goes by digits
        has_figure = (any(s_start <= a < s_end for a, _ in figures) if figures else bool(_DIGIT.search(sentence)))
        if n > 0:
            if sentence.startswith(tuple(w["explanation_openers"])):
                state.open = False
                return
            # after the first sentence, only a sentence of figures, a short one naming a goal, or one
            # whose predicate is a goal (…城乡居民收入实际增长和经济增长保持同步, national 2012) is the list
            if not has_figure and not (len(sentence) <= 40 and any(g in sentence for g in w["goal_words"])) \
                    and not ends_with_goal(sentence):
                state.open = False
                return
        state.spans.append((s_start, s_end))
        state.years.append(state.year)
        for c in _CLAUSE.finditer(text, s.start(), s.end()):
            raw = c.group(0)
            lead = len(raw) - len(raw.lstrip(_EDGE))
            clause = raw.strip(_EDGE)
            numbering = NUMBERING.match(clause)
            if numbering:
                clause, lead = clause[numbering.end():].lstrip(_EDGE), lead + numbering.end()
                lead = len(raw) - len(raw[lead:].lstrip(_EDGE))
            start = block.start + c.start() + lead
            end = start + len(clause)
            if any(a < end and start < b for a, b in figures) or not is_target_clause(clause):
                continue
            yield start, end, subject_of(clause), state.year
