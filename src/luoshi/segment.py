"""Blocks (lines) of canonical text with their heading path, and sentence/clause boundaries.

Reports mark structure with numbered headings (一、 （一） 1.), press articles with short title
lines, ■ and >>>> markers or **bold** lines; the patterns live in ``data/zh/cues.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi.grammar.tables import load

SENTENCE_END = "。！？!?；;"
CLAUSE_END = SENTENCE_END + "，,：:"
_LIST_MARK = re.compile(r"^\s*(?:[-•·●◆◇○▪]|[①-⑳]|\(\d+\)|（\d+）)\s*")


@dataclass(frozen=True, slots=True)
class Block:
    start: int
    end: int
    text: str
    heading_level: int | None  # None for body text
    section: tuple[str, ...]  # headings above this block (and itself when it is a heading)
    is_list_item: bool


@lru_cache(maxsize=1)
def _break_rules() -> tuple[re.Pattern, re.Pattern, int]:
    """Where a line is cut into paragraphs it lost: run-in headings always, openers in flattened lines."""
    cues = load("cues")
    lead = r"(?<=[。！？!?；;])[ \u3000\t]*"
    heads = re.compile(lead + "(?=" + "|".join(cues["run_in_headings"]) + ")")
    openers = re.compile(lead + "(?=" + "|".join([*cues["paragraph_openers"], cues["target_intro"]]) + ")")
    return heads, openers, cues["flattened_line_chars"]


def _pieces(raw: str) -> list[tuple[int, str]]:
    """A physical line as the paragraphs it holds: (offset in the line, text) each.

    A clean report has one paragraph per line; a page that lost its line breaks has a heading run on
    after a sentence (…加以解决。二、2024年工作安排…) or the whole report in one line. Cutting there
    gives the part tracker the headings and paragraph openings it reads in clean text.
    """
    heads, openers, flat = _break_rules()
    cuts = {m.end() for m in heads.finditer(raw)}
    if len(raw) > flat:
        cuts.update(m.end() for m in openers.finditer(raw))
    cuts.discard(0)
    if not cuts:
        return [(0, raw)]
    bounds = [0, *sorted(cuts), len(raw)]
    return [(a, raw[a:b]) for a, b in zip(bounds, bounds[1:], strict=False) if a < b]


@lru_cache(maxsize=1)
def _heading_rules() -> tuple[list[tuple[int, re.Pattern]], int, int, tuple[str, ...]]:
    cues = load("cues")
    rules = [(h["level"], re.compile(h["pattern"])) for h in cues["headings"]]
    return rules, cues["short_title_level"], cues["short_title_max_chars"], tuple(cues["furniture"])


def heading_level(line: str) -> int | None:
    """The heading level of a stripped line, or None when it is body text."""
    rules, short_level, short_max, _ = _heading_rules()
    for level, rx in rules:
        if rx.search(line):
            # a numbered line that goes on into a long paragraph is a lead-in, still a heading
            # for the section path, but only its first clause names the section
            return level
    if len(line) <= short_max and not any(p in line for p in "。；;，,：:！？") and not _LIST_MARK.match(line):
        return short_level
    return None


def heading_title(line: str) -> str:
    """What a heading line contributes to the section path: its first clause, without markers."""
    title = line.strip().strip("*#■ ").replace(">>>>", "").strip()
    title = re.split(r"[。；;：:]", title, maxsplit=1)[0]
    return title[:40]


def is_page_counter(line: str) -> bool:
    """访问量：11910次 and the like: a web page's own figures."""
    s = line.strip()
    return len(s) <= 40 and s.startswith(tuple(load("cues")["page_counters"]))


def is_furniture(line: str) -> bool:
    _, _, _, furniture = _heading_rules()
    s = line.strip()
    return len(s) <= 40 and any(s.startswith(f) or s == f for f in furniture)


def blocks(text: str) -> list[Block]:
    """Split canonical text into non-empty lines carrying their section path."""
    out: list[Block] = []
    stack: list[tuple[int, str]] = []
    short_level = _heading_rules()[1]
    pos = 0
    for physical in text.split("\n"):
        line_start = pos
        pos += len(physical) + 1
        for offset, raw in _pieces(physical):
            _add_block(out, stack, short_level, line_start + offset, raw)
    return out


def _add_block(out: list[Block], stack: list[tuple[int, str]], short_level: int, start: int, raw: str) -> None:
    line = raw.strip()
    if not line:
        return
    lead = len(raw) - len(raw.lstrip())
    level = None if is_furniture(line) else heading_level(line)
    if level is not None and level >= short_level and out and (out[-1].heading_level or 0) >= short_level:
        level = out[-1].heading_level + 1  # a title under a topic label: 城市 / 改造提升老旧小区3150个
    if level is not None:
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, heading_title(line)))
    out.append(Block(start + lead, start + lead + len(line), line, level, tuple(t for _, t in stack),
                     bool(_LIST_MARK.match(line))))


def sentence_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around ``pos`` within ``[lo, hi)``."""
    s = pos
    while s > lo and text[s - 1] not in SENTENCE_END:
        s -= 1
    e = pos
    while e < hi and text[e] not in SENTENCE_END:
        e += 1
    return s, e
