"""Which part of a report a figure sits in, and so its kind and year.

A report first reviews the past year (results of year N-1), then plans the report year (targets
of year N). Headings and paragraph openers switch the part; words in the figure's own sentence
(今年, 力争, 年度任务 / 过去一年, 2023年) override it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi.commitments.lexicon import lexicon

REVIEW, PLAN = "review", "plan"
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)年")
_BASE_YEAR = re.compile(r"(?:比|较|由|从|与|同)((?:19|20)\d\d)年")
# 由上年下降2.3%转为增长8.5%: the old value of a change, with its base word and verb
_FROM_CHANGE = re.compile(r"(?:从|由)(?:上年|去年|(?:19|20)\d\d年(?:的)?)?(?P<verb>下降|增长|减少|增加|上涨|回落)?$")


@lru_cache(maxsize=256)
def _fill(words: tuple[str, ...], year: int | None) -> tuple[str, ...]:
    if year is None:
        return tuple(w for w in words if "{" not in w)
    return tuple(w.replace("{year}", str(year)).replace("{prev}", str(year - 1)) for w in words)


@dataclass
class PartTracker:
    """The running part (review/plan) as the reader walks down the blocks."""

    year: int | None
    part: str = REVIEW
    review_top_seen: bool = False
    chapter: str | None = None  # the part the last top-level heading opened

    def see_heading(self, title: str, level: int | None = None) -> None:
        part = heading_part(title, self.year)
        if level == 1:
            self.chapter = part
        elif part is not None and self.chapter not in (None, part) and heading_part(title, self.year, strong=True) != part:
            # （一）坚持…承压奋进，经济恢复持续向好 under 一、2023年工作回顾, （九）…提升开放招商成效
            # under 二、2020年重点工作: a section whose title merely sounds like the other part; only a
            # year or a word that names the part (今年, 过去一年, 回顾) switches inside a chapter
            part = None
        if part == REVIEW:
            self.part = REVIEW
            self.review_top_seen = self.review_top_seen or level == 1
        elif part == PLAN:
            self.part = PLAN
        elif level == 1 and self.review_top_seen and self.part == REVIEW:
            self.part = PLAN  # reports review first, then plan: the next chapter after the review

    def see_paragraph(self, text: str) -> None:
        lx = lexicon()
        opening = text[:12]
        if any(opening.startswith(w) for w in _fill(lx.result_openers, self.year)):
            self.part = REVIEW
        elif (opening.startswith(_fill(lx.plan_openers, self.year)) or "主要预期目标" in text[:40]
              or lx.target_intro.search(text)):
            self.part = PLAN


def heading_part(title: str, year: int | None, *, strong: bool = False) -> str | None:
    """The part a heading opens, from the cue that comes first in it.

    The first cue wins because a heading that lost its line break runs on into its paragraph
    (二、2024年工作安排2024年是…，2023年…): what follows the heading must not outvote it.
    """
    lx = lexicon()
    review = [*_fill(lx.result_openers, year), *lx.strong_review_headings]
    plan = [*_fill(lx.plan_openers, year), f"{year}年"] if year else list(_fill(lx.plan_openers, year))
    if not strong:
        review += lx.review_headings
        plan += _fill(lx.plan_headings, year)
    first_review = min((i for w in review if (i := title.find(w)) >= 0), default=None)
    first_plan = min((i for w in plan if (i := title.find(w)) >= 0), default=None)
    if first_review is not None and (first_plan is None or first_review <= first_plan):
        return REVIEW
    return PLAN if first_plan is not None else None


def sentence_part(part: str, sentence: str, report_year: int | None) -> str | None:
    """The part a sentence's opening puts the rest of its paragraph in (过去一年… / 今年…), or None."""
    lx = lexicon()
    opening = sentence.lstrip("—-●■ \u3000")[:12]
    if any(opening.startswith(w) for w in _fill(lx.result_openers, report_year)):
        return REVIEW
    if opening.startswith(_fill(lx.plan_openers, report_year)) or lx.target_intro.search(sentence):
        return PLAN
    return None


def kind_and_year(part: str, sentence_before: str, report_year: int | None, *, is_from_value: bool,
                  sentence: str, clause_before: str | None = None, paragraph_before: str = "",
                  is_to_value: bool = False) -> tuple[str, int | None]:
    """Kind and year of a figure from its part and the words of its sentence before it."""
    lx = lexicon()
    prev = report_year - 1 if report_year else None
    openers = _fill(lx.result_openers, report_year)
    if any(sentence.lstrip("—-●■ ").startswith(w) for w in openers):
        part = REVIEW
    if is_from_value:
        if not _BASE_YEAR.search(sentence_before) and "上年" not in sentence_before and part == REVIEW:
            # 国家外汇储备从1399亿美元…: the base year of a parallel clause earlier in the paragraph,
            # or the year before a five-year review (这五年 -> report year - 6)
            bases = _BASE_YEAR.findall(paragraph_before)
            if bases:
                return "result", int(bases[-1])
            if prev is not None and "五年" in paragraph_before:
                return "result", prev - 5
        return "result", _explicit_year(sentence_before, prev, base=True, step_back=part == REVIEW)
    # in the review part only a marker in the figure's own clause makes it a target
    # (超额完成国家下达的110万人年度任务), not one earlier in the sentence (全面实现主要目标，…增长7.8%)
    scope = sentence_before if part != REVIEW or clause_before is None else clause_before
    if any(w in scope for w in lx.target_markers) or sentence_before.startswith("今年"):
        this_year = "今年" in scope or sentence_before.startswith("今年")
        # the nearest time word decides: 兼顾…2020年奋斗目标，今年我市…主要预期目标是… (驻马店 2003) is this
        # year's; 今年…力争到2030年… is 2030's
        horizon = _explicit_year(sentence_before[sentence_before.rfind("今年") + 1:], None)
        if horizon and report_year and horizon > report_year:
            return "target", horizon  # 力争…到2030年…
        return "target", (prev if part == REVIEW and not this_year else report_year)
    if part == REVIEW:
        if is_to_value:  # 从2007年底的8.4%提升到去年底的13.3%: the new level is of its own clause's year
            return "result", _explicit_year(clause_before or "", prev)
        return "result", _explicit_year(sentence_before, prev)
    explicit = _explicit_year(sentence_before, None)
    if explicit is not None and prev is not None and explicit < report_year:
        return "result", explicit
    return "target", explicit or report_year


def _explicit_year(before: str, default: int | None, *, base: bool = False, step_back: bool = False) -> int | None:
    """The year a result is for: the nearest "YYYY年" before it that is not a comparison base.

    For the old value of 从X提高到Y (``base``), the last comparison base (比2002年, 由2002年) or 上年.
    """
    if base:
        bases = _BASE_YEAR.findall(before)
        if bases:
            return int(bases[-1])
        if "上年" in before and default is not None:
            return default - 1
        years = [int(y) for y in _YEAR.findall(before)]
        if years and (default is None or years[-1] <= default):
            return years[-1]
        return default - 1 if default and step_back else default
    last = None
    for m in _YEAR.finditer(before):
        lead = before[max(0, m.start() - 1): m.start()]
        if lead in ("比", "较", "同", "与", "由", "从", "是"):
            continue  # 比2019年, 由2021年的30.3亿元, 是2017年的1.8倍: a base, not the figure's year
        if lead == "在" and re.search(r"[，,；;]", before[m.end():]):
            continue  # 在2021年突破千亿元，预计达1100亿元: that event's year stays in its clause
        last = int(m.group(1))
    if last is not None and (default is None or last <= default + 1):
        return last
    return default
