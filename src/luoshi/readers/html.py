"""Web pages: the report's own text without the site around it.

A report on a government site sits between a navigation bar, a 字号/打印/关闭 toolbar, related
links and a footer with the ICP number; any number there would become a false item. trafilatura
finds the main content; we keep its headings and paragraph breaks (one paragraph per line,
``<br>``-separated lines as separate paragraphs, tables as ``a | b | c`` rows).

trafilatura drops ``<h2>`` headings when its container search fails and it falls back to
collecting paragraphs (it does on plain ``<div class="article">`` pages), so headings of the
original page that lie between two extracted paragraphs are put back where they stood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from luoshi.readers.base import BlockKind, Document, DocumentBuilder, ReaderError
from luoshi.readers.encoding import decode_html
from luoshi.readers.layout import heading_level
from luoshi.readers.registry import register

_SPACE = re.compile(r"[ \t\u3000\xa0]+")
_LABEL = r"(?:发布(?:时间|日期)|信息来源|文章来源|来源|浏览次数|点击(?:数|率|量)|阅读(?:数|量)|访问量|责任编辑|作者)[：:]"
# Lines of page furniture trafilatura sometimes lets through at the edges of the content; a
# "浏览次数：3281" left in would become an item.
_FURNITURE = re.compile(
    r"^(?:[【\[]?\s*(?:打印|关闭|打印本页|关闭窗口|返回顶部|收藏|分享到?|扫一扫在手机打开当前页)\s*[】\]]?\s*)+$"
    r"|^字号[：:]?\s*[\[【]?\s*大\s*中\s*小"
    r"|^(?:当前位置|您当前的位置|上一篇|下一篇|附件)[：:]"
    rf"|{_LABEL}.{{0,40}}{_LABEL}"
    r"|^(?:发布(?:时间|日期)|浏览次数|点击(?:数|率|量)|责任编辑)[：:]")
_SENTENCE = re.compile(r"[。！？；.!?;]")
_NESTED = ("list", "table")


@dataclass
class _Entry:
    text: str
    kind: BlockKind = "paragraph"
    level: int | None = None
    row: int | None = None  # 1-based row within its table; row 1 starts a new table


class HtmlReader:
    format = "html"

    def read(self, path: Path, data: bytes) -> Document:
        try:
            import trafilatura
            from trafilatura.utils import load_html
        except ImportError as e:  # an install that lacks a dependency: say which, not a traceback
            raise ReaderError(path, f"cannot read web pages: a package is missing ({str(e)[:160]}); "
                                    "reinstall luoshi (pip install --upgrade luoshi)") from None

        decoded = decode_html(data)
        if decoded is None:
            raise ReaderError(path, "web page in an unknown encoding; save it again as UTF-8")
        try:
            result = trafilatura.bare_extraction(
                decoded.text, include_tables=True, include_comments=False, include_images=False,
                include_links=False, include_formatting=False, with_metadata=True, favor_recall=True,
                deduplicate=False)
            entries: list[_Entry] = []
            if getattr(result, "body", None) is not None:
                _walk(result.body, entries)
            if entries:
                entries = _restore_headings(load_html(decoded.text), entries)
        except Exception as e:  # trafilatura/lxml errors on hostile markup are not ours to show
            raise ReaderError(path, f"cannot parse the web page ({type(e).__name__}); save it again from the browser") from None
        if not _has_main_content(entries):
            raise ReaderError(path, "web page has no main text (no body, or only navigation and links); "
                                    "open the report's own page or its PDF/DOCX attachment")
        title = _clean(getattr(result, "title", None) or "") or None
        builder = DocumentBuilder()
        if title and entries[0].text != title:
            builder.add(title, "heading", level=0)  # the page title often carries the year and region
        table = 0
        for e in entries:
            if e.kind == "table_row":
                table = builder.next_table() if e.row == 1 else table
                builder.add(e.text, "table_row", table=table, row=e.row)
            else:
                builder.add(e.text, e.kind, level=e.level)
        return builder.build(path, "html", title=title, encoding=decoded.encoding)


def _walk(el, out: list[_Entry], only: tuple[str, ...] = ()) -> None:
    """Entries for trafilatura's XML body (head, p, list/item, table/row/cell, quote)."""
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if only and tag not in only:
            continue
        if tag == "head":
            out += [_Entry(line, "heading", _rend_level(child.get("rend"))) for line in _lines(child)]
        elif tag == "table":
            rows = [" | ".join(" ".join(_lines(c)) for c in row if c.tag in ("cell", "head")) for row in child.iter("row")]
            out += [_Entry(r, "table_row", row=i) for i, r in enumerate((r for r in rows if r.strip(" |")), 1)]
        elif tag == "list":
            for item in child:
                out += [_Entry(line, "list_item") for line in _lines(item, skip=_NESTED)]
                _walk(item, out, only=_NESTED)
        elif tag in ("p", "quote", "code"):
            out += [_Entry(line, "heading" if heading_level(line) else "paragraph", heading_level(line))
                    for line in _lines(child, skip=_NESTED)]
            _walk(child, out, only=_NESTED)
        elif tag != "lb":  # div, body, section: containers that may hold loose text
            out += [_Entry(line) for line in _lines(child, own_only=True)]
            _walk(child, out)


def _restore_headings(root, entries: list[_Entry]) -> list[_Entry]:
    """Put back headings of the page that trafilatura dropped from between extracted paragraphs."""
    if root is None:
        return entries
    seen = {e.text for e in entries}
    order: list[tuple[str, str, int | None]] = []  # (text, "h" or "p", level) in page order
    for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "li", "td"):
        if el.tag[0] == "h":
            text = _clean("".join(el.itertext()))
            if text:
                order.append((text, "h", int(el.tag[1])))
        else:  # the lines trafilatura would give for it; a div only for its own loose text
            order += [(line, "p", None) for line in _dom_lines(el, own_only=el.tag == "div")]
    position: dict[str, int] = {}
    for i, (text, kind, _) in enumerate(order):
        if kind == "p" and text in seen:
            position.setdefault(text, i)
    missing = [(i, text, level) for i, (text, kind, level) in enumerate(order) if kind == "h" and text not in seen]
    if not missing or not position:
        return entries
    first, last = min(position.values()), max(position.values())
    restored, pending = [], sorted((i, t, lv) for i, t, lv in missing if first < i < last)
    for entry in entries:
        at = position.get(entry.text)
        while pending and at is not None and pending[0][0] < at:
            _, text, level = pending.pop(0)
            restored.append(_Entry(text, "heading", level))
        restored.append(entry)
    return restored


def _lines(el, skip: tuple[str, ...] = (), own_only: bool = False) -> list[str]:
    """Text of ``el`` split at ``<lb/>`` and newlines, skipping nested block children."""
    parts = [el.text or ""]
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "lb":
            parts.append("\n")
        elif tag not in skip and not own_only:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return [s for s in (_clean(x) for x in "".join(parts).split("\n")) if s and not _FURNITURE.search(s)]


def _dom_lines(el, own_only: bool) -> list[str]:
    """Lines of an element of the original page, split at ``<br>`` as trafilatura splits them."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == "br":
            parts.append("\n")
        elif not own_only and isinstance(child.tag, str) and child.tag not in ("table", "ul", "ol", "div", "p"):
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return [line for line in (_clean(x) for x in "".join(parts).split("\n")) if line]


def _clean(s: str) -> str:
    return _SPACE.sub(" ", s).strip()


def _rend_level(rend: str | None) -> int:
    m = re.match(r"h([1-6])", rend or "")
    return int(m.group(1)) if m else 2


def _has_main_content(entries: list[_Entry]) -> bool:
    """A report page has sentences; a page of links has only short labels."""
    if sum(len(e.text) for e in entries) >= 200:
        return True
    return any(len(e.text) >= 8 and _SENTENCE.search(e.text) for e in entries)


register(HtmlReader())
