"""The report year and region from the report's own words, for files without a title or dateline.

City reports converted from Word start at 各位代表 with no title; scraped pages carry a header that
may name the wrong year. What the report itself says is surer: its title (二O一一年政府工作报告,
with a Latin O or a zero written for 〇), its review heading (2023年工作回顾 -> 2024), the plan
heading or the targets sentence (2024年主要预期目标), and who speaks (我代表三亚市人民政府).
"""

from __future__ import annotations

import re
from collections import Counter

_CN_DIGITS = {"〇": "0", "○": "0", "O": "0", "o": "0", "Ｏ": "0", "0": "0", "零": "0", "一": "1", "二": "2",
              "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile("(?<![一二三四五六七八九十])([一二][〇○OoＯ0零一二三四五六七八九]{3})年")
_Y = r"((?:19|20)\d\d)年"
_TITLE_YEAR = re.compile(_Y + r"[^\n。]{0,30}?政府工作报告|——" + _Y + r"\d{1,2}月\d{1,2}日在")
_REVIEW_YEAR = re.compile(_Y + r"[^\n。，]{0,12}?工作回顾")
_PLAN_YEAR = re.compile(_Y + r"(?:[^\n。，；]{0,10}?(?:工作安排|重点工作|主要预期目标|主要目标|工作总体要求)|是[^\n。]{0,30}?之年)")

# Who speaks: 我代表三亚市人民政府 / 行政公署 / 州人民政府; the congress: 三亚市第八届人民代表大会.
_SPEAKER = re.compile(r"代表([\u4e00-\u9fff]{1,12}?(?:自治州|自治县|自治旗|特别行政区|省|市|州|县|区|旗|盟))"
                      r"(?:人民政府|行政公署)")
_CONGRESS = re.compile(r"([\u4e00-\u9fff]{1,12}?(?:自治州|自治县|自治旗|省|市|州|县|区|旗|盟))第[一二三四五六七八九十]+届"
                       r"人民代表大会")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,10}?(?:自治州|自治县|自治旗|市|州|县|区|旗|盟))(?:人民政府|行政公署|委|政府)")
# Words ending in a region suffix that are not region names (全市, 我市, 城市, 各县区).
_NOT_PLACES = ("全", "我", "本", "各", "城", "都", "省", "市", "县", "区", "州", "该", "两", "外", "山区", "社区",
               "园区", "景区", "新区", "城区", "开发区", "示范区", "试验区", "功能区", "片区", "自贸区", "保护区")


def ascii_years(text: str) -> str:
    """``text`` with years written in Chinese digits (二O一一年, 二〇二四年) as Arabic digits; same length."""
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)) + "年", text)


def infer_year(text: str) -> tuple[int | None, str]:
    """The report year, and what it was read from: "title", "回顾", "plan" or "unknown"."""
    head = ascii_years(text[:3000])
    m = _TITLE_YEAR.search(head)
    if m:
        return int(m.group(1) or m.group(2)), "title"
    body = ascii_years(text[:30000])
    m = _REVIEW_YEAR.search(body)
    if m:
        return int(m.group(1)) + 1, "回顾"
    m = _PLAN_YEAR.search(body)
    if m:
        return int(m.group(1)), "plan"
    return None, "unknown"


def infer_region(text: str) -> str | None:
    """The region a report is for, from who speaks or whose congress hears it; None when unsure.

    The speaker (我代表三亚市人民政府) is taken first; else the congress named in the title or
    dateline; else the place most often named with its government (三亚市委, 三亚市政府) when it is
    named at least three times and twice as often as any other.
    """
    head = text[:5000]
    for rx in (_SPEAKER, _CONGRESS):
        for m in rx.finditer(head):
            name = _clean(m.group(1))
            if name:
                return name
    counts = Counter(n for m in _PLACE.finditer(text[:60000]) if (n := _clean(m.group(1))))
    if not counts:
        return None
    (best, n), *rest = counts.most_common(2)
    if n >= 3 and (not rest or n >= 2 * rest[0][1]):
        return best
    return None


def _clean(name: str) -> str | None:
    name = re.sub(r"^(?:向|在|由|和|及|与|是|为|代表|我们|全体)", "", name)
    if len(name) < 2 or name.startswith(_NOT_PLACES) or name.endswith(_NOT_PLACES[5:]):
        return None
    return name
