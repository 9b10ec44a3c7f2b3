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
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        line = raw.strip()
        if not line:
            continue
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
    return out


def sentence_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around ``pos`` within ``[lo, hi)``."""
    s = pos
    while s > lo and text[s - 1] not in SENTENCE_END:
        s -= 1
    e = pos
    while e < hi and text[e] not in SENTENCE_END:
        e += 1
    return s, e
