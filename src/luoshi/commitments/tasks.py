"""Unquantified commitments (kind ``task``) from the plan part: 积极申办第十六届全运会, 确保零就业家庭动态清零.

They carry no value and are not scored, but the tracking app assigns them like any other commitment.
Two sources only, to stay precise: title lines of plan sections that read as an action, and plan
sentences that carry an aspiration word (力争, 确保) but no figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from luoshi.commitments.indicator import strip_leading
from luoshi.commitments.lexicon import lexicon
from luoshi.segment import Block

_MIN_CHARS, _MAX_CHARS = 6, 60
_DIGIT = re.compile(r"[0-9]")
_ASPIRATION = ("力争", "确保")
# An aspiration word and the rest of its clause: 确保零就业家庭动态清零.
_ASPIRATION_CLAUSE = re.compile(rf"(?:{'|'.join(_ASPIRATION)})[^，,；;。！？!?\n]+")
_LIST_TITLE = re.compile(r"^[一二三四五六七八九十百千\d]+[大项件个条]")


NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.、．](?!\d)|[①-⑳])\s*")


def _clean(s: str) -> str:
    s = s.strip().strip("*#■●-—>。；;，,：: ").replace(">>>>", "").strip()
    return NUMBERING.sub("", s)


def task_spans(block: Block, figures: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """(canonical start, end, indicator) of the tasks in one plan block; ``figures`` are item spans."""
    lx = lexicon()
    if block.heading_level is not None:
        title = _clean(block.text)
        if (_MIN_CHARS <= len(title) <= _MAX_CHARS and not _DIGIT.search(title) and not figures
                and not _LIST_TITLE.match(title)):
            start = block.start + block.text.find(title)
            yield start, start + len(title), strip_leading(title, lx.fillers)[0]
        return
    for m in _ASPIRATION_CLAUSE.finditer(block.text):
        body = _clean(m.group(0))
        if _DIGIT.search(body) or not (_MIN_CHARS <= len(body) <= _MAX_CHARS):
            continue
        start = block.start + m.start() + m.group(0).find(body)
        if any(s < start + len(body) and start < e for s, e in figures):
            continue
        yield start, start + len(body), strip_leading(body, (*_ASPIRATION, *lx.fillers))[0]
