"""One report excerpt, and writers that put it into every format a report arrives in.

The excerpt was written for luoshi (it copies no real report). Each maker writes the same
blocks with the tool people's files come from (python-docx, reportlab, an HTML page with a
government site's furniture, GB18030/Big5 encoders), so a reader is judged against the clean
UTF-8 text it should give back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TITLE = "2024年某某市政府工作报告"
INTRO = "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。"
RESULTS = (
    "过去一年，全市经济运行稳中向好。地区生产总值达到3560亿元，增长5.8%；城镇新增就业6.2万人，"
    "城镇调查失业率控制在5.5%以内；一般公共预算收入完成128.5亿元，增长7.1%。新建改建农村公路420公里，"
    "改造老旧小区136个，新增义务教育学位1.8万个，建成区绿化覆盖率提高到41.2%。全年实施省市重点项目186个，"
    "完成投资1320亿元，其中新开工项目72个；规模以上工业增加值增长8.3%，高新技术企业达到1260家，"
    "研发经费投入强度提高到2.6%。居民人均可支配收入增长6.4%，城乡低保标准分别提高到每人每月780元和620元，"
    "新增普惠性托位2400个，完成农村户厕改造1.1万户。"
)
TARGETS = "2024年主要预期目标是：地区生产总值增长6%左右，城镇新增就业70万人，居民消费价格涨幅3%左右。"
DEMAND = "（一）扩大有效需求。实施省市重点项目200个以上，完成投资1500亿元，社会消费品零售总额增长7%。"
CLOSING = "各位代表，让我们团结一心、奋发有为，为全面完成今年目标任务而努力奋斗！"

# (kind, text): the report as an author structures it.
BLOCKS: tuple[tuple[str, str], ...] = (
    ("title", TITLE),
    ("paragraph", "各位代表："),
    ("paragraph", INTRO),
    ("heading", "一、2023年工作回顾"),
    ("paragraph", RESULTS),
    ("heading", "二、2024年主要目标任务"),
    ("paragraph", TARGETS),
    ("paragraph", DEMAND),
    ("paragraph", CLOSING),
)
CLEAN_TEXT = "\n".join(text for _, text in BLOCKS) + "\n"
TARGET_TABLE = (("指标", "目标", "单位"), ("地区生产总值增长", "6左右", "%"), ("城镇新增就业", "70", "万人"))


def wrap_fixed(paragraphs: list[str], width: int, indent: str = "\u3000\u3000") -> list[list[str]]:
    """Each paragraph cut every ``width`` characters, as text-to-PDF converters and character
    grids do: a Chinese line holding digits ends short of the margin, and a figure can be cut
    anywhere (增长4. | 6%左右)."""
    out = []
    for paragraph in paragraphs:
        text = indent + paragraph
        out.append([text[i : i + width] for i in range(0, len(text), width)])
    return out


def squash(text: str) -> str:
    """Whitespace-free text, to compare sentences across formats."""
    return re.sub(r"\s+", "", text)


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


@dataclass
class Makers:
    """Writers for each format; every method returns the path it wrote under ``tmp``."""

    tmp: Path

    def text(self, name: str = "report.txt", *, encoding: str = "utf-8", text: str = CLEAN_TEXT,
             newline: str = "\n", bom: bool = False) -> Path:
        data = text.replace("\n", newline).encode(encoding)
        path = self.tmp / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        return path

    def docx(self, name: str = "report.docx", *, table_after: str | None = None, numbered: bool = False) -> Path:
        import docx

        document = docx.Document()
        for kind, text in BLOCKS:
            if kind == "title":
                document.add_paragraph(text, style="Title")
            elif kind == "heading":
                document.add_heading(text, level=1)
            else:
                document.add_paragraph(text)
            if text == table_after:
                table = document.add_table(rows=len(TARGET_TABLE), cols=3)
                for r, row in enumerate(TARGET_TABLE):
                    for c, value in enumerate(row):
                        table.cell(r, c).text = value
        if numbered:
            document.add_paragraph("今年重点抓好以下工作：")
            for item in ("新建5G基站1000个。", "改造城镇燃气管道120公里。"):
                document.add_paragraph(item, style="List Number")
        path = self.tmp / name
        document.save(path)
        return path

    def pdf(self, name: str = "report.pdf", *, table_after: str | None = None, push_results: float = 430,
            justify: bool = True) -> Path:
        """A4 pages with a running head and "- N -" page numbers; RESULTS wraps onto page 2."""
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        align = TA_JUSTIFY if justify else TA_LEFT
        body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                              wordWrap="CJK", alignment=align)
        heading = ParagraphStyle("heading", parent=body, firstLineIndent=0, spaceBefore=6, spaceAfter=6)
        title = ParagraphStyle("title", fontName="STSong-Light", fontSize=20, leading=30, alignment=TA_CENTER,
                               spaceAfter=12)

        def furniture(canvas, doc) -> None:
            canvas.setFont("STSong-Light", 9)
            canvas.drawCentredString(A4[0] / 2, A4[1] - 40, "某某市第十六届人民代表大会第三次会议文件")
            canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

        story = []
        for kind, text in BLOCKS:
            style = {"title": title, "heading": heading}.get(kind, body)
            if text == RESULTS:
                story.append(Spacer(1, push_results))
            story.append(Paragraph(text, style))
            if text == table_after:
                table = Table([list(r) for r in TARGET_TABLE], style=TableStyle([
                    ("FONT", (0, 0), (-1, -1), "STSong-Light", 11), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
                story.append(table)
        path = self.tmp / name
        SimpleDocTemplate(str(path), pagesize=A4, title=TITLE).build(story, onFirstPage=furniture,
                                                                     onLaterPages=furniture)
        return path

    def wrapped_pdf(self, paragraphs: list[list[str]], name: str = "wrapped.pdf") -> Path:
        """Lines drawn as given (see ``wrap_fixed``), left-aligned on A4 with "- N -" page numbers."""
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        path = self.tmp / name
        c = canvas.Canvas(str(path), pagesize=A4)
        page, y = 1, A4[1] - 72

        def page_number() -> None:
            c.setFont("STSong-Light", 9)
            c.drawCentredString(A4[0] / 2, 30, f"- {page} -")
            c.setFont("STSong-Light", 12)

        c.setFont("STSong-Light", 12)
        for lines in paragraphs:
            for line in lines:
                if y < 72:
                    page_number()
                    c.showPage()
                    page, y = page + 1, A4[1] - 72
                    c.setFont("STSong-Light", 12)
                c.drawString(72, y, line)
                y -= 20
        page_number()
        c.save()
        return path

    def html(self, name: str = "report.html", *, encoding: str = "utf-8", declared: str | None = None,
             table_after: str | None = None, br_layout: bool = False) -> Path:
        """A government-site page: nav, breadcrumbs, 字号/打印 bar, related links, footer."""
        parts = []
        for kind, text in BLOCKS[1:]:
            if br_layout:
                parts.append(f"<strong>{text}</strong><br>" if kind == "heading" else f"　　{text}<br>")
            else:
                parts.append(f"<h2>{text}</h2>" if kind == "heading" else f'<p style="text-indent:2em">{text}</p>')
            if text == table_after:
                rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TARGET_TABLE)
                parts.append(f'<table border="1">{rows}</table>')
        content = f"<div>{''.join(parts)}</div>" if br_layout else "\n".join(parts)
        page = PAGE.format(charset=declared or encoding, title=TITLE, content=content)
        path = self.tmp / name
        path.write_bytes(page.encode(encoding))
        return path


PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_某某市人民政府门户网站</title></head>
<body>
<div class="top"><a href="/">网站首页</a> | <a href="/en/">English</a> | <a href="/wza/">无障碍</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjmc/">走进某某</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/gzbg/">政府工作报告</a></div>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info">发布时间：2024-01-20 09:30 来源：市政府办公室 浏览次数：3281
<span class="font">字号：[ <a href="#">大</a> <a href="#">中</a> <a href="#">小</a> ]</span>
<a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
<div class="TRS_Editor" id="zoom">
{content}
</div>
<div class="attach">附件：<a href="/files/2024gzbg.pdf">下载</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul>
<li><a href="/zwgk/gzbg/2023.html">2023年某某市政府工作报告</a> 2023-01-18</li>
<li><a href="/zwgk/gzbg/2022.html">2022年某某市政府工作报告</a> 2022-01-20</li>
<li><a href="/zwgk/jd/2024.html">图解：2024年政府工作报告主要目标</a> 2024-01-21</li></ul></div>
<div class="footer"><p>主办：某某市人民政府办公室 承办：某某市大数据中心</p>
<p>网站标识码：1234000001 某ICP备05012345号 某公网安备 12345602000123号</p>
<p><a href="/lxwm/">联系我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/smsm/">隐私声明</a></p></div>
</body>
</html>
"""
