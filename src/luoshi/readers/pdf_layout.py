"""Rebuild paragraphs from the lines of a PDF, the way a reader's eye does.

A PDF holds positioned lines, not paragraphs. A Chinese sentence wrapped at the right margin
must be joined back without a space (城镇新增就业 / 70万人 is one number), while a new
paragraph (indented two characters, or after a short line, or after a wider gap) and a heading
(一、 （一） 1.) must stay on its own line. Page numbers and running heads are dropped, and a
paragraph that runs over a page break is joined across it.

A line runs to the right margin unless the paragraph ends there, but "the margin" depends on how
the text was set: a typesetter fills each line by width, a text-to-PDF converter wraps after a
fixed count of characters, so a Chinese line holding half-width digits and Latin letters ends
short of the margin by about half an em for each of them. And a line that stops inside a figure
(增长4. | 6%左右, 12 | 万人) always goes on, however short it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from statistics import median

from luoshi.readers.layout import (
    RUN_IN_LEVEL,
    ends_sentence,
    heading_level,
    heading_marker_level,
    soft_join,
    splits_number,
)

_PAGE_NUMBER = re.compile(r"^[-—–－_\s]*(?:第\s*)?[\d一二三四五六七八九十]{1,4}\s*页?"
                          r"(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–－_\s]*$")
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2014\u2026\u201c\u201d]"
_CJK_GAP = re.compile(rf"(?<={_CJK}) +(?={_CJK})")
_UNBREAKABLE = re.compile(r"[0-9A-Za-z.%‰+\-/]*")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class TableRows:
    rows: list[list[str]]
    top: float
    page: int
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom

    def holds(self, line: Line) -> bool:
        """Is ``line`` text of this table (its middle inside the table's box)?"""
        if self.bbox is None or line.page != self.page:
            return False
        x0, top, x1, bottom = self.bbox
        return x0 <= (line.x0 + line.x1) / 2 <= x1 and top <= (line.top + line.bottom) / 2 <= bottom


@dataclass
class Paragraph:
    pieces: list[tuple[str, int]]  # (text, page), separators included
    big: bool = False  # set in a larger type than the body: a title or heading
    heading: int | None = None


def clean_line(text: str) -> str:
    """Spaces pdfplumber puts between stretched CJK characters of justified text are not text.

    >>> clean_line("城镇 新增 就业 70 万人"), clean_line("C919 大飞机")
    ('城镇新增就业 70 万人', 'C919 大飞机')
    """
    return _CJK_GAP.sub("", text.strip())


def drop_furniture(pages: list[list[Line]], heights: list[float]) -> None:
    """Remove page numbers and running heads/feet (same text at a page edge on most pages)."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    def near_edge(line: Line, height: float) -> bool:
        return line.top < height * 0.12 or line.bottom > height * 0.88

    edge_counts: dict[str, int] = {}
    for lines, height in zip(pages, heights, strict=True):
        for k in {key(x) for x in lines[:2] + lines[-2:] if near_edge(x, height)}:
            edge_counts[k] = edge_counts.get(k, 0) + 1
    repeated = {k for k, n in edge_counts.items() if n >= 2 and n * 2 >= len(pages)}
    for lines, height in zip(pages, heights, strict=True):
        for edge in (0, -1, 0, -1):  # twice: a running head can sit above a page number
            if lines and near_edge(lines[edge], height) and (
                    _PAGE_NUMBER.match(lines[edge].text) or key(lines[edge]) in repeated):
                lines.pop(edge)


class Geometry:
    """Margins and type size of the body text, measured over the whole document."""

    def __init__(self, lines: list[Line]) -> None:
        body = [x for x in lines if len(x.text) >= 12] or lines
        self.em = median(x.height for x in body) if body else 10.0
        self.left = _percentile([x.x0 for x in body], 0.1)
        self.right = _percentile([x.x1 for x in body], 0.9)
        indents = [x.x0 - self.left for x in lines]
        # Does this document mark paragraphs by a first-line indent? Then an unindented line
        # after a full line continues the paragraph even after a 。 at the margin.
        self.indents_paragraphs = sum(1 for d in indents if 1.2 * self.em <= d <= 4 * self.em) >= 2
        gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page and b.top > a.top]
        self.line_gap = median(gaps) if gaps else self.em * 0.5

    def full_width(self, line: Line, before: Line | None = None) -> bool:
        """Does ``line`` run to the right margin? A number or Latin word that did not fit is
        carried whole to the next line (``before``), leaving the line short by its width; a line
        wrapped after a fixed count of characters is short by half an em per half-width one."""
        carried = _UNBREAKABLE.match(before.text).end() if before is not None and not ends_sentence(line.text) else 0
        return line.x1 >= self.right - (1.5 + 0.6 * (carried + half_width_chars(line.text))) * self.em

    def indented(self, line: Line) -> bool:
        return line.x0 - self.left >= 1.2 * self.em

    def big(self, line: Line) -> bool:
        return line.height >= 1.2 * self.em


def half_width_chars(text: str) -> int:
    """Half-width characters (digits, Latin, ASCII signs) in a Chinese line; 0 in a Latin one.

    >>> half_width_chars("增长4.6%，城镇新增就业70万人"), half_width_chars("00PF、增长34.6%，算力达2000PF，超算")
    (6, 15)
    >>> half_width_chars("GDP grew 5.0% in 2024")
    0
    """
    narrow = sum(1 for ch in text if ch != " " and unicodedata.east_asian_width(ch) in ("Na", "H"))
    wide = len(text) - narrow - text.count(" ")
    return narrow if 2 * wide >= narrow else 0


def continues(a: Line, b: Line, g: Geometry) -> bool:
    """Is ``b`` the next line of the paragraph that ``a`` is in?"""
    marker = heading_marker_level(b.text)
    if marker is not None and not (marker == RUN_IN_LEVEL and g.indents_paragraphs):
        return False  # ①② are run into the paragraph as often as not: where paragraphs are indented,
        # an unindented ③ after a full line is the paragraph going on
    if g.big(a) != g.big(b) or g.indented(b):
        return False
    if a.page == b.page and b.top - a.bottom > g.line_gap + 0.5 * g.em:
        return False  # a blank line's worth of space: block paragraphs without indent
    if splits_number(a.text, b.text) and a.x1 >= g.left + 0.6 * (g.right - g.left):
        return True  # 增长4. | 6%左右: a figure runs on (a short row of an unruled table does not)
    if not g.full_width(a, before=b):
        return False
    return not ends_sentence(a.text) or g.indents_paragraphs


def paragraphs(items: list[Line | TableRows], g: Geometry) -> list[Paragraph | TableRows]:
    """Group lines into paragraphs; tables pass through and close the paragraph before them."""
    out: list[Paragraph | TableRows] = []
    prev: Line | None = None
    for item in items:
        if isinstance(item, TableRows):
            out.append(item)
            prev = None
            continue
        if prev is not None and isinstance(out[-1], Paragraph) and continues(prev, item, g):
            para = out[-1]
            para.pieces.append((soft_join(prev.text, item.text), item.page))
            para.pieces.append((item.text, item.page))
        else:
            out.append(Paragraph([(item.text, item.page)], big=g.big(item)))
        prev = item
    for para in out:
        if isinstance(para, Paragraph):
            text = "".join(t for t, _ in para.pieces)
            para.heading = heading_level(text)
            if para.heading is None and para.big and len(text) <= 40 and not ends_sentence(text):
                para.heading = 1
    return out


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]
