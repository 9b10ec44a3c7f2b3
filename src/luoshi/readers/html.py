"""Web pages: the report's own text without the site around it.

A report on a government site sits between a navigation bar, a 字号/打印/关闭 toolbar, related
links and a footer with the ICP number; any number there would become a false item. trafilatura
finds the main content; we keep its headings and paragraph breaks (one paragraph per line,
``<br>``-separated lines as separate paragraphs, tables as ``a | b | c`` rows).
"""

from __future__ import annotations

import re
from pathlib import Path

from luoshi.readers.base import Document, DocumentBuilder, ReaderError
from luoshi.readers.encoding import decode_html
from luoshi.readers.layout import heading_level
from luoshi.readers.registry import register

_SPACE = re.compile(r"[ \t\u3000\xa0]+")
# Lines of page furniture trafilatura sometimes lets through at the edges of the content; a
# "浏览次数：3281" left in would become an item.
_FURNITURE = re.compile(
    r"^(?:[【\[]?\s*(?:打印|关闭|打印本页|关闭窗口|返回顶部|收藏|分享到?|扫一扫在手机打开当前页)\s*[】\]]?\s*)+$"
    r"|^字号[：:]?\s*[\[【]?\s*大\s*中\s*小"
    r"|^(?:当前位置|您当前的位置|上一篇|下一篇|附件)[：:]"
    r"|(?:发布(?:时间|日期)|信息来源|文章来源|来源|浏览次数|点击(?:数|率|量)|阅读(?:数|量)|访问量|责任编辑)[：:]"
    r".{0,40}(?:发布(?:时间|日期)|信息来源|文章来源|来源|浏览次数|点击(?:数|率|量)|阅读(?:数|量)|访问量|责任编辑|作者)[：:]"
    r"|^(?:发布(?:时间|日期)|浏览次数|点击(?:数|率|量)|责任编辑)[：:]")
_SENTENCE = re.compile(r"[。！？；.!?;]")


class HtmlReader:
    format = "html"

    def read(self, path: Path, data: bytes) -> Document:
        import trafilatura

        decoded = decode_html(data)
        if decoded is None:
            raise ReaderError(path, "web page in an unknown encoding; save it again as UTF-8")
        try:
            result = trafilatura.bare_extraction(
                decoded.text, include_tables=True, include_comments=False, include_images=False,
                include_links=False, include_formatting=False, with_metadata=True, favor_recall=True,
                deduplicate=False)
        except Exception as e:  # trafilatura/lxml errors on hostile markup are not ours to show
            raise ReaderError(path, f"cannot parse the web page ({type(e).__name__}); save it again from the browser") from None
        body = getattr(result, "body", None)
        title = _clean(getattr(result, "title", None) or "") or None
        builder = DocumentBuilder()
        if body is not None:
            _walk(body, builder)
        text = "".join(builder.parts)
        if not _has_main_content(text):
            raise ReaderError(path, "web page has no main text (no body, or only navigation and links); "
                                    "open the report's own page or its PDF/DOCX attachment")
        if title and not text.startswith(title):
            # The page title often carries the year and region the body leaves implicit.
            builder = DocumentBuilder()
            builder.add(title, "heading", level=0)
            _walk(body, builder)
        return builder.build(path, "html", title=title, encoding=decoded.encoding)


_NESTED = ("list", "table")


def _walk(el, builder: DocumentBuilder, only: tuple[str, ...] = ()) -> None:
    """Emit the blocks of trafilatura's XML body (head, p, list/item, table/row/cell, quote)."""
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if only and tag not in only:
            continue
        if tag == "head":
            level = _rend_level(child.get("rend"))
            for line in _lines(child):
                builder.add(line, "heading", level=level)
        elif tag == "table":
            _table(child, builder)
        elif tag == "list":
            for item in child:
                for line in _lines(item, skip=_NESTED):
                    builder.add(line, "list_item")
                _walk(item, builder, only=_NESTED)
        elif tag in ("p", "quote", "code"):
            for line in _lines(child, skip=_NESTED):
                level = heading_level(line)
                builder.add(line, "heading" if level else "paragraph", level=level)
            _walk(child, builder, only=_NESTED)
        elif tag != "lb":  # div, body, section: containers that may hold loose text
            for line in _lines(child, own_only=True):
                builder.add(line)
            _walk(child, builder)


def _table(table, builder: DocumentBuilder) -> None:
    rows = [[" ".join(_lines(cell)) for cell in row if cell.tag in ("cell", "head")] for row in table.iter("row")]
    rows = [r for r in rows if any(r)]
    if not rows:
        return
    number = builder.next_table()
    for i, cells in enumerate(rows, 1):
        builder.add(" | ".join(cells), "table_row", table=number, row=i)


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


def _clean(s: str) -> str:
    return _SPACE.sub(" ", s).strip()


def _rend_level(rend: str | None) -> int:
    m = re.match(r"h([1-6])", rend or "")
    return int(m.group(1)) if m else 2


def _has_main_content(text: str) -> bool:
    """A report page has sentences; a page of links has only short labels."""
    if len(text) >= 200:
        return True
    return any(len(line) >= 8 and _SENTENCE.search(line) for line in text.split("\n"))


register(HtmlReader())
