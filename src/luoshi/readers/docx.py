"""Word documents (.docx): paragraphs and tables in the order the author wrote them.

python-docx lists ``paragraphs`` and ``tables`` separately, which would move a 主要预期目标
table away from the paragraph that introduces it, so we walk the body XML ourselves:
paragraphs, tables (one line per row, cells joined by " | "), content controls. Headings come
from the paragraph style (Heading N / 标题 N / Title, or an outline level), else from a typed
heading number; automatic numbering is rendered so "一、" survives.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

from luoshi.readers.base import Document, DocumentBuilder, ReaderError
from luoshi.readers.docx_numbering import Numbering, W, join_label
from luoshi.readers.layout import guess_title, heading_level, soft_join
from luoshi.readers.registry import register

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.I)
_FILENAME_TITLE = re.compile(r"\.(?:docx?|wps|pdf)$|^Microsoft Word", re.I)
# Run content to descend into; anything else (deleted text, drawings, fallbacks, field codes) is skipped.
_CONTAINERS = {f"{W}{t}" for t in ("r", "hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple",
                                   "customXml", "moveTo", "bdo", "dir")}
_MC_CHOICE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"


class DocxReader:
    format = "docx"

    def read(self, path: Path, data: bytes) -> Document:
        import docx

        try:
            document = docx.Document(io.BytesIO(data))
            styles = _Styles(document)
            numbering = Numbering(_numbering_element(document), styles.numbering)
            builder = DocumentBuilder()
            _emit(document.element.body, builder, styles, numbering)
            core_title = (document.core_properties.title or "").strip()
        except Exception as e:  # python-docx/lxml/zipfile raise many types on damaged files
            detail = f"{type(e).__name__}: {str(e)[:80]}" if str(e) else type(e).__name__
            raise ReaderError(path, f"cannot read this DOCX ({detail}); the file may be damaged: "
                                    "download it again, or re-save it in Word/WPS") from None
        doc = builder.build(path, "docx")
        title = (core_title if core_title and not _FILENAME_TITLE.search(core_title) else None) \
            or next((doc.block_text(b) for b in doc.blocks if b.kind == "heading" and b.level == 0), None) \
            or guess_title([doc.block_text(b) for b in doc.blocks[:3]])
        return replace(doc, title=title)


class _Styles:
    """Heading level and inherited numbering of each paragraph style, following ``basedOn``."""

    def __init__(self, document) -> None:
        self.raw: dict[str, tuple[str, str | None, tuple[str, int] | None, int | None]] = {}
        for style in document.styles.element.iter(f"{W}style"):
            ppr = style.find(f"{W}pPr")
            num = _numbering_of(ppr)
            outline = _child_val(ppr, "outlineLvl")
            self.raw[style.get(f"{W}styleId") or ""] = (
                (_child_val(style, "name") or "").strip(), _child_val(style, "basedOn"), num,
                int(outline) if outline and outline.isdigit() else None)
        self.numbering = {sid: n for sid in self.raw if (n := self._inherited(sid, 2)) is not None}

    def heading_level(self, style_id: str | None) -> int | None:
        seen = 0
        while style_id in self.raw and seen < 10:
            name, based_on, _, outline = self.raw[style_id]
            if m := _HEADING_STYLE.match(name):
                return int(m.group(1))
            if _TITLE_STYLE.match(name):
                return 0
            if outline is not None and outline < 9:
                return outline + 1
            style_id, seen = based_on, seen + 1
        return None

    def _inherited(self, style_id: str | None, index: int):
        seen = 0
        while style_id in self.raw and seen < 10:
            value = self.raw[style_id][index]
            if value is not None:
                return value
            style_id, seen = self.raw[style_id][1], seen + 1
        return None


def _emit(container, builder: DocumentBuilder, styles: _Styles, numbering: Numbering) -> None:
    for child in container:
        if child.tag == f"{W}p":
            _paragraph(child, builder, styles, numbering)
        elif child.tag == f"{W}tbl":
            _table(child, builder)
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            _emit(child, builder, styles, numbering)


def _paragraph(p, builder: DocumentBuilder, styles: _Styles, numbering: Numbering) -> None:
    ppr = p.find(f"{W}pPr")
    style_id = _child_val(ppr, "pStyle")
    label = numbering.label(p, style_id)
    text = _soft_lines(paragraph_text(p))
    if not text.strip():
        return
    text = join_label(label, text.strip())
    outline = _child_val(ppr, "outlineLvl")
    level = styles.heading_level(style_id)
    if level is None and outline and outline.isdigit() and int(outline) < 9:
        level = int(outline) + 1
    if level is None:
        level = heading_level(text)
        if level is not None and label and level > 2:
            level = None  # an auto-numbered "1." paragraph is a list item, not a heading
    if level is not None:
        builder.add(text, "heading", level=level)
    else:  # label "" means unnumbered; None is a bullet
        builder.add(text, "paragraph" if label == "" else "list_item")


def _table(tbl, builder: DocumentBuilder) -> None:
    rows = []
    for tr in _own(tbl, "tr", "tbl"):  # rows of a nested table are read as part of their cell
        cells = [" ".join(t for p in tc.iter(f"{W}p") if (t := _soft_lines(paragraph_text(p)).strip()))
                 for tc in _own(tr, "tc", "tr")]
        if any(cells):
            rows.append(cells)
    if rows:
        number = builder.next_table()
        for i, cells in enumerate(rows, 1):
            builder.add(" | ".join(cells), "table_row", table=number, row=i)


def paragraph_text(el) -> str:
    """The visible text of a paragraph: runs, links, tracked insertions; not deletions or field codes."""
    out: list[str] = []
    for child in el:
        tag = child.tag
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag == f"{W}tab" or tag == f"{W}ptab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag in _CONTAINERS:
            out.append(paragraph_text(child))
        elif tag == _MC_CHOICE:
            continue
    return "".join(out)


def _soft_lines(text: str) -> str:
    """A manual line break inside a paragraph is layout, not structure: join like a wrapped line."""
    if "\n" not in text:
        return text
    lines = [line.strip() for line in text.split("\n")]
    out = lines[0]
    for line in lines[1:]:
        out += soft_join(out, line) + line
    return out


def _own(el, tag: str, owner: str) -> list:
    """Descendants ``tag`` of ``el`` whose nearest ``owner`` ancestor is ``el`` (skips nested tables)."""
    found = []
    for child in el.iter(f"{W}{tag}"):
        anc = child.getparent()
        while anc is not None and anc.tag != f"{W}{owner}":
            anc = anc.getparent()
        if anc is el:
            found.append(child)
    return found


def _numbering_of(ppr) -> tuple[str, int] | None:
    num_pr = None if ppr is None else ppr.find(f"{W}numPr")
    if num_pr is None:
        return None
    ilvl = _child_val(num_pr, "ilvl")
    return (_child_val(num_pr, "numId") or "0", int(ilvl) if ilvl and ilvl.isdigit() else 0)


def _child_val(el, name: str) -> str | None:
    if el is None:
        return None
    child = el.find(f"{W}{name}")
    return None if child is None else child.get(f"{W}val")


def _numbering_element(document):
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


register(DocxReader())
