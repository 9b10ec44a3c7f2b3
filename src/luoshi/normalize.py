"""One canonical text (simplified, half-width, soft breaks joined) with a map back to the original.

The grammar only ever sees canonical text; every span it finds is mapped back through
``Canonical.to_original`` so that items always quote the original characters exactly. This is the
OpenCC approach of normalising once and carrying the offsets, never re-aligning afterwards.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from luoshi.textwidth import display_width

# Characters dropped from canonical text: zero-width marks and the byte-order mark.
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Markdown emphasis that press articles put round figures (**5万亿元**): dropped, not content.
_EMPHASIS = re.compile(r"\*\*")
# Line ends after which a break is a real paragraph end (sentence-final or closing punctuation).
_HARD_END = frozenset("。！？!?；;：:”」』》）)】>.…*")
# Characters a paragraph never starts with: a break before them is a wrapped line.
_CONTINUATION_START = frozenset("，,。、；;：:）)》」』”%％")
# Words a wrapped line ends with (the sentence obviously goes on).
_CONTINUATION_END = frozenset("的和与及在为是（(《「『“")
_SHORT_FRAGMENT = 12
# Line starts that always open a new paragraph (headings, list items, dashes).
_NEW_PARAGRAPH = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}(?:[、．]|\.(?!\d))|——|[■●◆\-•①-⑳]")
# Letter-spaced figures in old typesetting: "1 9 9 7 年", "7 4 7 7 2 亿元", "8 ．8 ％".
_SPACED_DIGIT = re.compile(r"(?<=[0-9０-９．.])(?= [0-9０-９．.％%万亿年月日])")


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a declared dependency
        return None
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> simplified, keeping the length so offsets stay one-to-one.

    OpenCC converts phrases; where a phrase conversion changes the length (rare), the affected
    text is converted character by character instead so that no offset moves.
    """
    cc = _t2s()
    if cc is None or text.isascii():
        return text
    out = cc.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c) == 1 else t for t, c in zip(text, (cc.convert(ch) for ch in text), strict=True))


@dataclass(frozen=True, slots=True)
class Canonical:
    """Canonical text plus, for each of its characters, the offset of the original character."""

    text: str
    original: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a canonical half-open span to the original half-open span it came from."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1


_DROP_TABLE = {ord(c): None for c in _DROP}


_DROP_RX = re.compile("[" + "".join(_DROP) + "]")


def _content(line: str) -> str:
    return (line.translate(_DROP_TABLE) if _DROP_RX.search(line) else line).strip()


def _wrap_width(lines: list[str]) -> tuple[int, int, bool] | None:
    """(width, tolerance, by_cells) when the text is wrapped at a fixed width, else None.

    Text taken from a PDF or a fixed-width page breaks every line at the same width: most lines
    are full and none is longer. The width is counted in characters (a tool that wrapped by count)
    or in display cells (a page that wrapped by width: digits are narrow).
    """
    rows = [line.rstrip() for line in lines if line.strip()]
    if len(rows) < 8:
        return None
    for by_cells, tol in ((False, 1), (True, 3)):
        widths = [display_width(r) if by_cells else len(r) for r in rows]
        top = Counter(widths).most_common(1)[0][0]
        width = max(w for w in widths if w <= top + tol)
        full = sum(width - tol <= w <= width for w in widths)
        if width >= 16 and full >= 0.5 * len(rows) and sum(w > width for w in widths) <= 0.02 * len(rows):
            return width, tol, by_cells
    return None


def _full_line(line: str, wrap: tuple[int, int, bool]) -> bool:
    width, tol, by_cells = wrap
    row = line.rstrip()
    return (display_width(row) if by_cells else len(row)) >= width - tol


def _opens_paragraph(raw_next: str, nxt: str, prev: str) -> bool:
    """An indented line, a heading or list mark, or a line after a sentence end that starts anew."""
    return raw_next[:1] in (" ", "\u3000", "\t") or bool(_NEW_PARAGRAPH.match(nxt)) or (
        prev[-1] in _HARD_END and nxt.startswith(("各位代表", "一年来", "过去", "今年")))


def _soft_breaks(text: str) -> set[int]:
    """Offsets of single line breaks that wrap a sentence rather than end a paragraph.

    Wiki link breaks (``PM\\n2.5\\n）``), a heading broken over lines (``发展的\\n主要预期目标\\n是：``).
    A blank line is always a paragraph break. In a text whose paragraphs are separated by blank
    lines, any single break inside a sentence is a wrap; in a text with one paragraph per line,
    only breaks that obviously split a sentence are.
    """
    soft: set[int] = set()
    lines = text.split("\n")
    contents = [_content(line) for line in lines]
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    singles = sum(1 for i in range(len(lines) - 1) if contents[i] and contents[i + 1])
    blank_separated = text.count("\n\n") > singles
    wrap = _wrap_width(lines)
    i = 0
    while i < len(lines) - 1:
        prev = contents[i]
        j = i + 1
        while j < len(lines) - 1 and not contents[j] and lines[j] and not lines[j].isspace():
            j += 1  # lines holding only zero-width characters
        nxt = contents[j]
        if not prev or not nxt:
            i += 1
            continue
        breaks = [starts[k] + len(lines[k]) for k in range(i, j)]
        if nxt[0] in _CONTINUATION_START or prev[-1] in _CONTINUATION_END:
            soft.update(breaks)
        elif wrap and j == i + 1 and _full_line(lines[i], wrap) and not _opens_paragraph(lines[j], nxt, prev):
            soft.update(breaks)  # a text wrapped at a fixed width: a full line goes on
        elif prev[-1] in _HARD_END or _NEW_PARAGRAPH.match(nxt):
            pass
        elif blank_separated:
            soft.update(breaks)
        else:
            nxt_next = contents[j + 1] if j + 1 < len(lines) else ""
            if len(nxt) <= _SHORT_FRAGMENT and nxt_next and nxt[-1] not in _HARD_END and (
                nxt_next[0] in _CONTINUATION_START or nxt_next.startswith("是")
            ):
                soft.update(breaks)
                soft.add(starts[j] + len(lines[j]))
        i = j
    return soft


# Full-width ASCII (０-９ Ａ-Ｚ ％ ．) folds to half-width; Chinese punctuation that shares the block
# (，：；！？（）) stays, and the ideographic space becomes a space. One character for one.
_FOLD = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F) if chr(o) not in "，：；！？（）"}
_FOLD[0x3000] = 0x20
_FOLDABLE = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")
# A middle dot between digits before a percent sign or a magnitude is an old typeset decimal point
# (national report of 1999: 全年增长19·5％, 实际增长4·3％); read without it, 19·5％ gave "5%".
# Dates in quotes (“4·25”, “7·27”特大暴雨) have no unit after them and keep their dot.
_DOT_DECIMAL = re.compile(r"(?<=\d)·(?=\d+(?:[%万亿元]|个百分点))")
# Letters a scan read for digits inside a percentage (驻马店 2003: 增长1O％, 增长lO.5％; 2005 and 2006:
# 9l.9％, l3.6％): O is 0 and l or I is 1 when the run holds a digit, ends at the percent sign and
# follows no other Latin letter (so a name such as CPI or 5G stays as it is). One character for one.
_SCANNED_DIGITS = re.compile(r"(?<![A-Za-z])(?=[\dOlI.]*\d)[\dOlI]+(?:\.[\dOlI]+)?(?=%)")
_SCANNED = str.maketrans("OlI", "011")


def canonicalize(original: str) -> Canonical:
    """Build the canonical text of ``original`` and its offset map."""
    simplified = to_simplified(original)
    if _FOLDABLE.search(simplified):
        simplified = simplified.translate(_FOLD)
    if "·" in simplified:
        simplified = _DOT_DECIMAL.sub(".", simplified)  # one character for one: offsets stay
    if "%" in simplified and any(c in simplified for c in "OlI"):
        simplified = _SCANNED_DIGITS.sub(lambda m: m.group(0).translate(_SCANNED), simplified)
    removed: set[int] = set()
    if "\n" in simplified:
        removed |= _soft_breaks(simplified)
    for m in _EMPHASIS.finditer(simplified):
        removed.update((m.start(), m.start() + 1))
    removed.update(m.start() for m in _SPACED_DIGIT.finditer(simplified))
    if any(c in simplified for c in _DROP):
        removed.update(i for i, c in enumerate(simplified) if c in _DROP)
    n = len(simplified)
    if not removed:
        return Canonical(text=simplified, original=original, offsets=tuple(range(n + 1)))
    pieces: list[str] = []
    offsets: list[int] = []
    prev = 0
    for cut in sorted(removed):
        if cut > prev:
            pieces.append(simplified[prev:cut])
            offsets.extend(range(prev, cut))
        prev = cut + 1
    pieces.append(simplified[prev:])
    offsets.extend(range(prev, n))
    offsets.append(n)
    return Canonical(text="".join(pieces), original=original, offsets=tuple(offsets))
