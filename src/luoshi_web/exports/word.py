"""Word (.docx) versions of the 督查通报 and of the 分工方案, for offices that file and forward Word.

The same :class:`~luoshi_web.exports.tables.Table` rows as the page and the Excel sheet, written
with python-docx: a title, the date the figures stand at, and tables whose header row repeats on
every printed page. Chinese text needs an East Asian font set on the run properties
(``w:rFonts/@w:eastAsia``); setting only ``font.name`` leaves Word to pick a Latin font for CJK.

Word has no formulas in table cells, so nothing is quoted as the spreadsheets are; python-docx
escapes ``<`` and ``&`` itself. The only text Word refuses is XML's forbidden control characters
(a report converted from .doc carries \\x0b and \\x07): those are dropped, nothing else is changed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from copy import deepcopy
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from luoshi_web.dashboard.selectors import status_label
from luoshi_web.display import Figure
from luoshi_web.exports.tables import Table
from luoshi_web.tracking.status import Status

BODY_FONT = "仿宋"  # 公文正文 (仿宋_GB2312 where installed; 仿宋 ships with Windows and WPS)
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text Word accepts, unchanged but for XML's forbidden control characters.

    >>> clean("=1+1 & <b>\\x0b省统计局")
    '=1+1 & <b>省统计局'
    """
    return _XML_FORBIDDEN.sub("", text)


def _fonts(run_or_style, east_asian: str, size: float | None = None, bold: bool | None = None) -> None:
    font = run_or_style.font
    font.name = LATIN_FONT
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        rfonts.set(qn(attr), east_asian if attr == "w:eastAsia" else LATIN_FONT)


def _new_document(*, landscape: bool = False):
    doc = Document()
    _fonts(doc.styles["Normal"], BODY_FONT, 12)
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    return doc


def _paragraph(doc, text: str, *, font: str = BODY_FONT, size: float = 12, bold: bool = False,
               align=None, style: str | None = None):
    p = doc.add_paragraph(style=style)
    if align is not None:
        p.alignment = align
    _fonts(p.add_run(clean(text)), font, size, bold)
    return p


def _title(doc, title: str, day_line: str) -> None:
    _paragraph(doc, title, font=TITLE_FONT, size=18, align=WD_ALIGN_PARAGRAPH.CENTER)
    if day_line:
        _paragraph(doc, day_line, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)


def cell_text(value, kind: str) -> str:
    """A table value as the page writes it (615亿斤左右, 已完成, 45.5%, 2024年6月30日)."""
    if value is None or value == "":
        return ""
    if isinstance(value, Figure):
        return value.text
    if kind == "status":
        return str(status_label(Status.from_code(value)))
    if kind == "share":
        return f"{Decimal(str(value)) * 100:.1f}%"
    if isinstance(value, date):
        return chinese_date(value)
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


def chinese_date(day: date) -> str:
    """>>> chinese_date(date(2024, 6, 30))
    '2024年6月30日'
    """
    return f"{day.year}年{day.month}月{day.day}日"


def _repeat_header(row) -> None:
    """Mark a row as the table's header, repeated at the top of each page (``w:tblHeader``)."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _table(doc, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float] | None = None) -> None:
    """A grid table: a bold header row repeated on each page, then one row per ``rows`` entry.

    Data rows are copies of one styled row with their texts set, not ``add_row()`` and ``.cells``
    per row: python-docx walks the whole table for each ``.cells``, so a province's 2,000 tasks took
    15 s that way.
    """
    table = doc.add_table(rows=2, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head, model = table.rows[0], table.rows[1]
    _repeat_header(head)
    for cell, text in zip(head.cells, headers, strict=True):
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _fonts(p.add_run(clean(text)), HEADING_FONT, 10.5, True)
    for cell in model.cells:
        _fonts(cell.paragraphs[0].add_run("-"), TABLE_FONT, 10.5)  # a w:t for each cell, text set per row
    if widths:
        for row in (head, model):
            for cell, w in zip(row.cells, widths, strict=True):
                cell.width = Cm(w)
    tbl, model_tr = table._tbl, model._tr
    for values in rows:
        tr = deepcopy(model_tr)
        for t, text in zip(tr.iter(qn("w:t")), values, strict=True):
            t.text = clean(text)
            t.set(qn("xml:space"), "preserve")
        tbl.append(tr)
    tbl.remove(model_tr)
def _table_of(doc, t: Table) -> None:
    columns = list(t.columns)
    _table(doc, [str(c.label) for c in columns],
           [[cell_text(row.get(c.key), c.kind) for c in columns] for row in t.rows])
    if t.note:
        _paragraph(doc, str(t.note), size=10.5)


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def bulletin_document(b, *, title: str, headline: str) -> bytes:
    """The 督查通报: title, 数据截至 date, the summary sentence and its three tables."""
    doc = _new_document(landscape=True)
    _paragraph(doc, _("督查通报"), font=HEADING_FONT, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _title(doc, title, _("数据截至 %(day)s") % {"day": chinese_date(b.day)})
    reports = "、".join(f"《{r.title}》" for r in b.reports)
    if reports:
        _paragraph(doc, _("依据：%(reports)s") % {"reports": reports}, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER)
    sections = ((_("一、总体情况"), "summary"), (_("二、各牵头单位推进情况"), "units"), (_("三、滞后任务"), "lagging"))
    for heading, name in sections:
        _paragraph(doc, heading, font=HEADING_FONT, size=14)
        if name == "summary":
            _paragraph(doc, headline)
        t = b.tables[name]
        if name == "lagging" and not t.rows:
            _paragraph(doc, _("本月没有滞后任务。"))
            continue
        _table_of(doc, t)
    _paragraph(doc, _("请有关单位对照滞后任务，逐项分析原因、明确措施，于下月报送进展时一并说明。"))
    return _save(doc)


PLAN_HEADERS = (gettext_noop("序号"), gettext_noop("工作任务"), gettext_noop("牵头单位"), gettext_noop("配合单位"),
                gettext_noop("完成时限"))
PLAN_WIDTHS = (1.3, 8.6, 3.2, 3.2, 2.7)


def plan_document(*, title: str, day: date, rows: Sequence[Sequence[str]]) -> bytes:
    """The 分工方案: 序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限, one row per task."""
    doc = _new_document()
    _title(doc, title, chinese_date(day))
    _table(doc, [_(h) for h in PLAN_HEADERS], rows, PLAN_WIDTHS)
    return _save(doc)
