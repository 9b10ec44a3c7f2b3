"""Damaged-structure variants of gold documents, with every gold offset mapped exactly.

Real sources do not deliver reports as tidy paragraphs. This module turns a source text and its gold
file's lines into the damaged forms seen in the wild, and maps the gold onto them:

- ``flat``: every paragraph joined into one line, line breaks removed (``…增长5%。　　二、…``);
- ``flat_space``: the same with each run of line breaks replaced by a single space;
- ``runin``: heading lines (``一、2023年工作回顾``, ``（一）…``, short title lines) run into the
  paragraph that follows them, without a break (``一、2023年工作回顾过去一年，…``);
- ``clutter``: the report wrapped in web page furniture (site name, breadcrumb, 发布时间, 来源, 字号,
  浏览次数, 打印本页 关闭窗口, footer with 网站地图, 主办单位, ICP备案号, 公安备案, 网站标识码,
  版权所有), with a few furniture lines inserted between paragraphs;
- ``flat_clutter``: cluttered, then flattened (line breaks removed or replaced by a space, chosen
  per document).

Everything is pure and deterministic: clutter is drawn with a ``random.Random`` seeded from the
document path. A transform is a list of :class:`Edit` (replace ``text[start:end]`` by ``new``;
``start == end`` inserts); :func:`apply_edits` applies them and returns an :class:`OffsetMap` that
maps any span of the old text to the span of the new text holding what became of it. A gold item
keeps ``variant_text[start:end] == item["text"]``; when the damage falls inside an item (a line
break within its span) its ``text`` is the damaged text.

Gold lines may be given as JSON strings or dicts; variants come back as dicts (head first), see
:func:`dump_gold`. :func:`make_variant` also sets the head's ``doc`` to :func:`variant_doc` and
records ``variant`` and ``source_doc``.
"""

from __future__ import annotations

import bisect
import json
import random
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

KINDS = ("flat", "flat_space", "runin", "clutter", "flat_clutter", "wrapped", "wrapped_cells")
"""The damaged kinds; ``clean`` (the identity) is accepted too by :func:`make_variant`."""

ALL_KINDS = ("clean", *KINDS)


# --------------------------------------------------------------------------------------------
# edits and the offset map


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``new`` (an insertion when ``start == end``)."""

    start: int
    end: int
    new: str = ""


@dataclass(frozen=True)
class _Atom:
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    kept: bool  # a run of unchanged characters (else an edit)


class OffsetMap:
    """Maps spans of the old text to spans of the new text.

    A span ``[a, b)`` of the old text maps to the smallest span of the new text that holds every
    kept character of ``[a, b)``, the replacement of every edit lying wholly inside ``[a, b)`` and
    every insertion strictly inside it. Insertions at ``a`` or ``b`` and edits that straddle a
    boundary stay outside. The result is what became of the span: when nothing in the span was
    edited, ``new[na:nb] == old[a:b]``.
    """

    def __init__(self, atoms: list[_Atom], old_len: int, new_len: int) -> None:
        self._atoms = atoms
        self._old_ends = [a.old_end for a in atoms]
        self.old_len = old_len
        self.new_len = new_len

    def span(self, start: int, end: int) -> tuple[int, int]:
        if not 0 <= start <= end <= self.old_len:
            raise ValueError(f"span {start}:{end} outside 0:{self.old_len}")
        first = last = None
        i = bisect.bisect_left(self._old_ends, start)
        n = len(self._atoms)
        while i < n:
            a = self._atoms[i]
            if a.old_start >= end:  # nothing from here on lies inside [start, end)
                break
            piece = None
            if a.kept:
                lo, hi = max(start, a.old_start), min(end, a.old_end)
                if lo < hi:
                    piece = (a.new_start + lo - a.old_start, a.new_start + hi - a.old_start)
            elif a.old_start == a.old_end:
                if start < a.old_start < end:
                    piece = (a.new_start, a.new_end)
            elif start <= a.old_start and a.old_end <= end:
                piece = (a.new_start, a.new_end)
            if piece is not None:
                if first is None:
                    first = piece[0]
                last = piece[1]
            i += 1
        if first is None:
            p = self.point(start)
            return p, p
        return first, last

    def point(self, pos: int) -> int:
        """The new position of an old boundary position: after insertions made at it; the end of
        an edit's replacement when ``pos`` falls inside the edited range."""
        if not 0 <= pos <= self.old_len:
            raise ValueError(f"position {pos} outside 0:{self.old_len}")
        i = bisect.bisect_left(self._old_ends, pos)
        while i < len(self._atoms):
            a = self._atoms[i]
            if a.kept and a.old_start <= pos < a.old_end:
                return a.new_start + pos - a.old_start
            if a.old_start >= pos and not (a.old_start == a.old_end == pos):
                return a.new_start
            if not a.kept and a.old_start < pos < a.old_end:
                return a.new_end
            i += 1
        return self.new_len


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits (insertions at one position keep their order) to ``text``."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    merged: list[Edit] = []
    for e in ordered:
        if not 0 <= e.start <= e.end <= len(text):
            raise ValueError(f"edit {e.start}:{e.end} outside 0:{len(text)}")
        if merged and merged[-1].start == merged[-1].end == e.start == e.end:
            merged[-1] = Edit(e.start, e.end, merged[-1].new + e.new)
            continue
        if merged and e.start < merged[-1].end:
            raise ValueError(f"overlapping edits at {e.start}")
        merged.append(e)
    out: list[str] = []
    atoms: list[_Atom] = []
    pos = new = 0
    for e in merged:
        if e.start > pos:
            atoms.append(_Atom(pos, e.start, new, new + e.start - pos, True))
            out.append(text[pos:e.start])
            new += e.start - pos
        pos = max(pos, e.start)
        if e.start == e.end and not e.new:
            continue
        atoms.append(_Atom(e.start, e.end, new, new + len(e.new), False))
        out.append(e.new)
        new += len(e.new)
        pos = e.end
    if pos < len(text):
        atoms.append(_Atom(pos, len(text), new, new + len(text) - pos, True))
        out.append(text[pos:])
        new += len(text) - pos
    return "".join(out), OffsetMap(atoms, len(text), new)


# --------------------------------------------------------------------------------------------
# gold lines


def load_gold(lines: Iterable[str | dict]) -> list[dict]:
    """Gold lines (JSON strings or dicts; blank lines skipped) as fresh dicts, head first."""
    rows = []
    for line in lines:
        if isinstance(line, dict):
            rows.append(json.loads(json.dumps(line, ensure_ascii=False)))
        elif line.strip():
            rows.append(json.loads(line))
    if not rows:
        raise ValueError("no gold lines (the first line describes the document)")
    return rows


def dump_gold(rows: Sequence[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def map_gold(new_text: str, rows: Sequence[dict], omap: OffsetMap) -> list[dict]:
    """The gold rows with scopes and item spans mapped through ``omap``; item texts re-read."""
    head = dict(rows[0])
    scopes = []
    for s, e in head.get("scopes", []):
        ns, ne = omap.span(s, e)
        if ns < ne:
            scopes.append([ns, ne])
    head["scopes"] = scopes
    out = [head]
    for item in rows[1:]:
        item = dict(item)
        ns, ne = omap.span(item["start"], item["end"])
        item["start"], item["end"], item["text"] = ns, ne, new_text[ns:ne]
        out.append(item)
    return out


def transform(text: str, gold: Iterable[str | dict], edits: Iterable[Edit]) -> tuple[str, list[dict]]:
    rows = load_gold(gold)
    new_text, omap = apply_edits(text, edits)
    return new_text, map_gold(new_text, rows, omap)


# --------------------------------------------------------------------------------------------
# lines

_SPACE = " \t\u3000\u00a0\u200b\u200c\u200d\ufeff"


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in _SPACE


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, line terminators (\\r\\n, \\r, \\n) excluded."""
    out, pos, n = [], 0, len(text)
    while pos <= n:
        i = pos
        while i < n and text[i] not in "\r\n":
            i += 1
        out.append((pos, i))
        if i >= n:
            break
        pos = i + 2 if text.startswith("\r\n", i) else i + 1
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and _is_space(text[s]):
        s += 1
    while e > s and _is_space(text[e - 1]):
        e -= 1
    return s, e


# --------------------------------------------------------------------------------------------
# flattened

_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)(?:[ \t\u3000]*(?:\r\n|\r|\n))*")


def flatten_edits(text: str, sep: str = "") -> list[Edit]:
    """Each run of line breaks (with trailing blanks and blank lines) becomes ``sep``; the next
    paragraph's indentation (``　　``) stays, as it does when a web page's text is copied."""
    return [Edit(m.start(), m.end(), sep) for m in _BREAK.finditer(text)]


def wrap_edits(text: str, width: int, *, cells: bool = False) -> list[Edit]:
    """A break wherever a line reaches ``width`` characters (or display cells, a CJK character
    taking two): text copied from a PDF or a fixed-width page, every paragraph hard-wrapped."""
    edits = []
    for ls, le in _lines(text):
        used = 0
        for p in range(ls, le):
            w = (2 if unicodedata.east_asian_width(text[p]) in "WF" else 1) if cells else 1
            if used + w > width:
                edits.append(Edit(p, p, "\n"))
                used = 0
            used += w
    return edits


def flatten(text: str, gold: Iterable[str | dict], sep: str = "") -> tuple[str, list[dict]]:
    """All paragraphs in one line: line breaks removed (``sep=""``) or replaced by ``sep``."""
    return transform(text, gold, flatten_edits(text, sep))


# --------------------------------------------------------------------------------------------
# headings run in

_CN = "一二三四五六七八九十"
_ENUM_HEADING = re.compile(
    rf"^(?:[{_CN}]+[、．.]|[（(][{_CN}]+[）)]|第[{_CN}]+(?:部分|章|篇)|[{_CN}]+是[：:]?$)"
)
_PUNCT = set("，。；：！？、《》“”‘’\"'（）()【】[],.;:!?…|>·")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLOSING = tuple("》”’）)」』】，。、；：！？")
_OPENING = tuple("《“‘（(「『【，、")


def is_heading(line: str, next_line: str = "", prev_line: str = "") -> bool:
    """A heading line: 一、… / （一）… / 第一部分 (up to 40 characters, not a sentence), or a
    short title line (2-20 characters, no punctuation) before a long paragraph or a heading, and
    not a name the source already broke out of its sentence (``制定了《\\n信访条例\\n》，…``)."""
    line = line.strip(_SPACE)
    if not line or len(line) > 40:
        return False
    if _ENUM_HEADING.match(line):
        return "。" not in line.rstrip("。") and not line.endswith(("；", "，"))
    if not 2 <= len(line) <= 20 or not _CJK.search(line) or line[0].isdigit():
        return False
    if any(ch in _PUNCT for ch in line):
        return False
    nxt, prev = next_line.strip(_SPACE), prev_line.strip(_SPACE)
    if nxt.startswith(_CLOSING) or prev.endswith(_OPENING):
        return False
    return len(nxt) >= 30 or bool(_ENUM_HEADING.match(nxt))


def heading_edits(text: str) -> list[Edit]:
    """Delete the break (and blank lines, and the next line's indentation) after every heading."""
    spans = [_strip(text, s, e) for s, e in _lines(text)]
    spans = [(s, e) for s, e in spans if s < e]
    edits = []
    for i, ((s, e), (ns, ne)) in enumerate(zip(spans, spans[1:], strict=False)):
        prev = text[spans[i - 1][0]:spans[i - 1][1]] if i else ""
        if is_heading(text[s:e], text[ns:ne], prev):
            edits.append(Edit(e, ns, ""))
    return edits


def run_in_headings(text: str, gold: Iterable[str | dict]) -> tuple[str, list[dict]]:
    """Headings run into the paragraph that follows them (``一、2023年工作回顾过去一年，…``)."""
    return transform(text, gold, heading_edits(text))


# --------------------------------------------------------------------------------------------
# web page furniture


@dataclass(frozen=True)
class Site:
    name: str  # the site's name as its banner shows it
    host: str  # 主办单位
    icp: str
    police: str  # 公安备案号 (digits)
    police_prefix: str  # 京公网安备
    code: str  # 网站标识码
    addr: str
    zip: str
    tel: str
    tech: str  # 承办/技术支持


SITES = (
    Site("中国政府网", "国务院办公厅", "京ICP备05070218号", "11010202000001", "京公网安备", "bm01000001",
         "北京市西城区西长安街", "100017", "010-63070900", "中国政府网运行中心"),
    Site("北京市人民政府门户网站", "北京市人民政府办公厅", "京ICP备05060933号", "11010502000001", "京公网安备",
         "1100000088", "北京市通州区运河东大街57号", "101160", "010-55569000", "北京市政务服务和数据管理局"),
    Site("湖南省人民政府门户网站", "湖南省人民政府办公厅", "湘ICP备05001182号", "43010502000147", "湘公网安备",
         "4300000040", "长沙市韶山北路1号", "410011", "0731-82218888", "湖南省大数据中心"),
    Site("浙江省人民政府门户网站", "浙江省人民政府办公厅", "浙ICP备05002424号", "33010602000120", "浙公网安备",
         "3300000061", "杭州市省府路8号", "310025", "0571-87052100", "浙江省大数据发展管理局"),
    Site("四川省人民政府网站", "四川省人民政府办公厅", "蜀ICP备05004423号", "51010402000507", "川公网安备",
         "5100000062", "成都市青羊区督院街30号", "610016", "028-86607000", "四川省大数据中心"),
    Site("广州市人民政府门户网站", "广州市人民政府办公厅", "粤ICP备05024567号", "44010402001325", "粤公网安备",
         "4401000002", "广州市越秀区府前路1号", "510032", "020-83555988", "广州市政务服务数据管理局"),
    Site("成都市人民政府门户网站", "成都市人民政府办公厅", "蜀ICP备05006129号", "51019002000093", "川公网安备",
         "5101000036", "成都市高新区锦城大道366号", "610041", "028-61881234", "成都市网络理政中心"),
    Site("长沙县人民政府门户网站", "长沙县人民政府办公室", "湘ICP备12003451号", "43012102000103", "湘公网安备",
         "4301210001", "长沙县星沙街道开元东路1号", "410100", "0731-84012345", "长沙县融媒体中心"),
    Site("杭州市余杭区人民政府门户网站", "杭州市余杭区人民政府办公室", "浙ICP备05003218号", "33011002011829",
         "浙公网安备", "3301100001", "杭州市余杭区南苑街道南大街395号", "311100", "0571-86221234",
         "余杭区数据资源管理局"),
    Site("海拉尔区人民政府", "呼伦贝尔市海拉尔区人民政府办公室", "蒙ICP备13001579号", "15070202000118",
         "蒙公网安备", "1507020001", "海拉尔区胜利大街9号", "021000", "0470-8221234", "海拉尔区融媒体中心"),
    Site("宁乡市人民政府", "宁乡市人民政府办公室", "湘ICP备17008812号", "43012402000211", "湘公网安备",
         "4301820003", "宁乡市玉潭街道人民中路1号", "410600", "0731-87881234", "宁乡市大数据中心"),
    Site("遵义市汇川区人民政府", "遵义市汇川区人民政府办公室", "黔ICP备16003370号", "52030302000045",
         "贵公网安备", "5203030003", "遵义市汇川区洗马路2号", "563000", "0851-27611234", "汇川区融媒体中心"),
    Site("郑州市人民政府", "郑州市人民政府办公厅", "豫ICP备05014678号", "41010502002211", "豫公网安备",
         "4101000052", "郑州市中原区中原西路233号", "450007", "0371-67181234", "郑州市大数据管理局"),
)

_BREADCRUMBS = (
    "首页 > 政务公开 > 政府工作报告",
    "当前位置：首页 > 信息公开 > 规划计划 > 政府工作报告",
    "您现在的位置：首页 > 政务公开 > 政府文件",
    "当前位置：首页>>政府信息公开>>政府工作报告",
    "首页 > 要闻动态 > 政务要闻",
    "您当前的位置 : 首页 > 政府信息公开 > 法定主动公开内容 > 政府工作报告",
)
_META = (
    ("发布时间：{date} {hm}", "发布日期：{date}", "时间：{ymd} {hm}", "{date} {hm}:{sec}", "日期：{date}"),
    ("来源：{host}", "信息来源：{host}", "来源：{name}", "来源：{paper}"),
    ("字号：大 中 小", "【字体：大 中 小】", "【字号：加大 减小 还原】", "字体：【大】【中】【小】"),
    ("浏览次数：{views}", "阅读量：{views}", "点击数：{views}", "访问量：{views}次", "浏览量：{views}"),
    ("打印本页 关闭窗口", "【打印】【关闭】", "分享到：微信 微博 QQ空间", "【打印本页】 【关闭窗口】"),
)
_INDEX = (
    "索引号：{index_no}  主题分类：综合政务\\政府工作报告",
    "索引号：{index_no}",
    "发文机关：{host}  成文日期：{ymd}",
    "主题分类：政府工作报告  发布机构：{host}",
)
_HEADER_TAIL = ("扫一扫在手机打开当前页", "扫码看视频", "【我要纠错】", "", "")
_BETWEEN = (
    "扫一扫在手机打开当前页",
    "【打印本页】 【关闭窗口】",
    "打印本页 关闭窗口",
    "分享到：微信 微博 QQ空间",
    "【字体：大 中 小】",
    "字号：大 中 小",
    "浏览次数：{views}",
    "访问量：{views}次",
    "阅读 {views}",
    "来源：{host}",
    "责任编辑：{editor}",
    "（编辑：{editor}  审核：{editor2}）",
    "第{page}页 共{pages}页",
    "上一页 1 2 3 下一页",
    "[返回顶部]",
    "相关附件：{year}年政府工作报告（全文）.pdf",
    "发布时间：{date} {hm}",
)
_FOOTER = (
    ("【打印本页】 【关闭窗口】", "打印本页 关闭窗口", "【打印】【关闭】【返回顶部】", "分享到："),
    ("上一篇：{prev_year}年政府工作报告", "相关链接：{prev_year}年政府工作报告解读", "上一篇：关于{year}年预算执行情况的报告"),
    ("下一篇：{year}年政府工作报告解读", "下一篇：图解{year}年政府工作报告", ""),
    ("网站地图 | 联系我们", "网站地图 | 联系我们 | 网站声明", "网站地图 | 联系我们 | 使用帮助 | 无障碍浏览",
     "关于我们 | 网站地图 | 联系我们 | 隐私声明"),
    ("主办单位：{host}", "主办：{host}  承办：{tech}", "主办单位：{host}  技术支持：{tech}"),
    ("{icp}  {police_prefix} {police}号", "ICP备案号：{icp}", "{icp}", "备案号：{icp}"),
    ("公安备案 {police}号", "{police_prefix}{police}号", ""),
    ("网站标识码{code}", "网站标识码：{code}"),
    ("版权所有：{host}", "Copyright © {year} {host} All Rights Reserved", "版权所有 © {name}",
     "版权所有 {name}  未经授权禁止复制或建立镜像"),
    ("地址：{addr}  邮编：{zip}", "联系电话：{tel}", "地址：{addr}  联系电话：{tel}", ""),
    ("建议使用1920×1080分辨率、IE9及以上版本浏览器浏览本站", "本网站支持IPv6", ""),
)
_EDITORS = ("李明", "王芳", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽")
_PAPERS = ("{short}日报", "新华社", "人民网", "{short}发布")


def seed_for(doc: str, salt: str = "") -> int:
    """A stable seed from a document path (``hash()`` is salted per process)."""
    return zlib.crc32(f"{salt}{doc}".encode())


def _fields(rng: random.Random, site: Site, head: dict) -> dict:
    year = int(head.get("report_year") or 2024)
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    region = str(head.get("region") or "")
    short = region.removesuffix("省").removesuffix("市") or "新华"
    return {
        "name": site.name, "host": site.host, "icp": site.icp, "police": site.police,
        "police_prefix": site.police_prefix, "code": site.code, "addr": site.addr, "zip": site.zip,
        "tel": site.tel, "tech": site.tech, "year": year, "prev_year": year - 1,
        "date": f"{year}-{month:02d}-{day:02d}", "ymd": f"{year}年{month:02d}月{day:02d}日",
        "hm": f"{rng.randint(8, 18):02d}:{rng.choice((0, 10, 15, 30, 45)):02d}", "sec": f"{rng.randint(0, 59):02d}",
        "views": rng.randint(100, 99999), "editor": rng.choice(_EDITORS), "editor2": rng.choice(_EDITORS),
        "page": rng.randint(2, 4), "pages": rng.randint(4, 6),
        "index_no": f"{rng.randint(0, 99999999):08d}/{year}-{rng.randint(1, 999):05d}",
        "paper": rng.choice(_PAPERS).format(short=short), "region": region,
    }


def _title(head: dict) -> str:
    year, region = head.get("report_year"), head.get("region") or ""
    if region in ("", "全国"):
        return f"政府工作报告（{year}年）"
    return f"{year}年{region}人民政府工作报告"


def furniture(rng: random.Random, head: dict) -> tuple[list[str], list[str], list[str]]:
    """(header lines, lines to insert between paragraphs, footer lines) for one page."""
    site = rng.choice(SITES)
    f = _fields(rng, site, head)
    header = [site.name, rng.choice(_BREADCRUMBS)]
    if rng.random() < 0.5:
        header.append(rng.choice(_INDEX).format(**f))
    header.append(_title(head))
    meta = [rng.choice(slot).format(**f) for slot in _META if rng.random() < 0.85]
    while meta:  # real pages put several on one line
        k = rng.randint(1, min(4, len(meta)))
        header.append(rng.choice(("  ", "　", " ", "    ")).join(meta[:k]))
        meta = meta[k:]
    tail = rng.choice(_HEADER_TAIL)
    if tail:
        header.append(tail)
    between = [rng.choice(_BETWEEN).format(**f) for _ in range(rng.randint(3, 5))]
    footer = [line for line in (rng.choice(slot).format(**f) for slot in _FOOTER) if line]
    return header, between, footer


_PARAGRAPH_END = tuple("。！？；：…”」』）)!?;:")


def paragraph_starts(text: str) -> list[int]:
    """Where a paragraph begins: the start of a non-blank line (not the first) after a line that
    ends a sentence or is a heading; never inside a sentence the source broke across lines
    (``广义货币M\\n2\\n增长``), nor between the items of a list."""
    spans = [(s, _strip(text, s, e)) for s, e in _lines(text)]
    spans = [(s, cs, ce) for s, (cs, ce) in spans if cs < ce]
    out = []
    for i in range(1, len(spans)):
        _, ps, pe = spans[i - 1]
        prev = text[ps:pe]
        before = text[spans[i - 2][1]:spans[i - 2][2]] if i > 1 else ""
        if prev.endswith(_PARAGRAPH_END) or is_heading(prev, text[spans[i][1]:spans[i][2]], before):
            out.append(spans[i][0])
    return out


def clutter_edits(text: str, rows: Sequence[dict], seed: int) -> list[Edit]:
    """Header before the text, footer after it, and a few furniture lines at paragraph starts
    (never inside a gold item; up to two inside scopes or at a scope's start when there are such
    paragraph starts)."""
    rng = random.Random(seed)
    head, items = rows[0], rows[1:]
    header, between, footer = furniture(rng, head)
    starts = [p for p in paragraph_starts(text) if not any(it["start"] < p < it["end"] for it in items)]
    scoped = [p for p in starts if any(s <= p < e for s, e in head.get("scopes", []))]
    chosen = set(rng.sample(scoped, min(2, len(scoped), len(between))))
    rest = [p for p in starts if p not in chosen]
    chosen |= set(rng.sample(rest, min(len(between) - len(chosen), len(rest))))
    edits = [Edit(0, 0, "".join(line + "\n" for line in header))]
    edits += [Edit(p, p, line + "\n") for p, line in zip(sorted(chosen), between, strict=False)]
    tail = "" if text.endswith(("\n", "\r")) or not text else "\n"
    edits.append(Edit(len(text), len(text), tail + "\n".join(footer) + "\n"))
    return edits


def clutter(text: str, gold: Iterable[str | dict], seed: int | None = None) -> tuple[str, list[dict]]:
    """The report as a web page delivers it: header, footer and furniture between paragraphs.
    ``seed`` defaults to one drawn from the gold's ``doc``.

    The furniture holds no commitment, so a scope that covered the whole file now covers the whole
    page, and a scope that starts where a furniture line is inserted takes that line in: the
    extractor is judged on leaving furniture alone (``浏览次数：1234``, ``第2页 共5页``)."""
    rows = load_gold(gold)
    if seed is None:
        seed = seed_for(str(rows[0].get("doc", "")))
    edits = clutter_edits(text, rows, seed)
    new_text, omap = apply_edits(text, edits)
    out = map_gold(new_text, rows, omap)
    inserted = {e.start: len(e.new) for e in edits if 0 < e.start < len(text)}
    scopes = []
    for s, e in rows[0].get("scopes", []):
        ns, ne = omap.span(s, e)
        if (s, e) == (0, len(text)):
            ns, ne = 0, len(new_text)
        elif s in inserted:
            ns -= inserted[s]
        if ns < ne:
            scopes.append([ns, ne])
    out[0]["scopes"] = scopes
    return new_text, out


# --------------------------------------------------------------------------------------------
# variants and files


def make_variant(kind: str, text: str, gold: Iterable[str | dict]) -> tuple[str, list[dict]]:
    """``(variant_text, variant_gold_rows)`` for one of :data:`ALL_KINDS`; the head's ``doc`` is
    :func:`variant_doc` of the original, which is kept as ``source_doc``."""
    rows = load_gold(gold)
    doc = str(rows[0].get("doc", ""))
    if kind == "clean":
        out_text, out = transform(text, rows, [])
    elif kind == "flat":
        out_text, out = flatten(text, rows, "")
    elif kind == "flat_space":
        out_text, out = flatten(text, rows, " ")
    elif kind == "runin":
        out_text, out = run_in_headings(text, rows)
    elif kind == "clutter":
        out_text, out = clutter(text, rows, seed_for(doc))
    elif kind == "wrapped":
        out_text, out = transform(text, rows, wrap_edits(text, 36))
    elif kind == "wrapped_cells":
        out_text, out = transform(text, rows, wrap_edits(text, 74, cells=True))
    elif kind == "flat_clutter":
        mid_text, mid = clutter(text, rows, seed_for(doc))
        sep = random.Random(seed_for(doc, "flat")).choice(("", " "))
        out_text, out = flatten(mid_text, mid, sep)
    else:
        raise ValueError(f"unknown variant kind {kind!r}; one of {', '.join(ALL_KINDS)}")
    head = dict(out[0])
    head.update(doc=variant_doc(kind, doc), source_doc=doc, variant=kind)
    return out_text, [head, *out[1:]]


def variant_doc(kind: str, doc: str) -> str:
    """``variants/flat/corpus__province__湖南省-2025.txt`` for ``corpus/province/湖南省-2025.txt``."""
    stem = doc.replace("/", "__")
    if not stem.endswith(".txt"):
        stem += ".txt"
    return f"variants/{kind}/{stem}"


def gold_name(doc: str) -> str:
    """The gold file name for a doc path (SCHEMA.md: ``/`` -> ``__``, ``.txt`` dropped)."""
    return doc.replace("/", "__").removesuffix(".txt") + ".jsonl"


def write_variant(kind: str, source_root: Path, gold_path: Path, root: Path, gold_dir: Path) -> Path:
    """Build one variant of ``gold_path`` (whose ``doc`` is under ``source_root``): the source goes to
    ``root / variant_doc``, the gold to ``gold_dir``; returns the gold file written."""
    rows = load_gold(Path(gold_path).read_text(encoding="utf-8").splitlines())
    text = (Path(source_root) / rows[0]["doc"]).read_text(encoding="utf-8")
    vtext, vrows = make_variant(kind, text, rows)
    src = Path(root) / vrows[0]["doc"]
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(vtext, encoding="utf-8", newline="")
    out = Path(gold_dir) / gold_name(vrows[0]["doc"])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dump_gold(vrows), encoding="utf-8")
    return out


def write_variants(kind: str, source_root: Path, gold_dir_in: Path, root: Path, gold_dir: Path) -> list[Path]:
    """:func:`write_variant` for every ``*.jsonl`` in ``gold_dir_in``."""
    return [write_variant(kind, source_root, g, root, gold_dir) for g in sorted(Path(gold_dir_in).glob("*.jsonl"))]
