"""The report year and region from the report's own words, for files without a title or dateline.

City reports converted from Word start at 各位代表 with no title; scraped pages carry a header that
may name the wrong year. What the report itself says is surer: its title (二O一一年政府工作报告,
with a Latin O or a zero written for 〇), its review heading (2023年工作回顾 -> 2024), the plan
heading or the targets sentence (2024年主要预期目标), and who speaks (我代表三亚市人民政府).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from luoshi.grammar.tables import load

_CN_DIGITS = {"〇": "0", "○": "0", "O": "0", "o": "0", "Ｏ": "0", "0": "0", "零": "0", "一": "1", "二": "2",
              "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile("(?<![一二三四五六七八九十])([一二][〇○OoＯ0零一二三四五六七八九]{3})年")
_Y = r"((?:19|20)\d\d)年"
_TITLE_YEAR = re.compile(_Y + r"[^\n。]{0,30}?政府工作报告|——" + _Y + r"\d{1,2}月\d{1,2}日在")
_REVIEW_YEAR = re.compile(_Y + r"[^\n。，]{0,12}?工作回顾")
_PLAN_HEADING_YEAR = re.compile(_Y + r"[^\n。，；]{0,10}?(?:工作安排|重点工作|主要预期目标|主要目标|工作总体要求|工作总体部署|主要任务|总体要求|政府工作的建议)")
_YEAR_IS = re.compile(_Y + r"是[^\n。]{0,30}?[之一]年")

# Who speaks: 我代表三亚市人民政府 / 行政公署 / 州人民政府; the congress: 三亚市第八届人民代表大会.
_SPEAKER = re.compile(r"代表([\u4e00-\u9fff]{2,14}?)(?:人民政府|行政公署)")
# 我代表国务院，向大会报告政府工作 / 第十四届全国人民代表大会: the national report
_NATIONAL = re.compile(r"代表国务院|全国人民代表大会第[一二三四五六七八九十]+次会议|第[一二三四五六七八九十]+届全国人民代表大会")
NATIONAL = "全国"
# a title naming its region: 湖南省2024年政府工作报告, 陕西省二〇二六年政府工作报告 (the first line that has words)
_TITLE = re.compile(r"^(?:标题[:：])?\s*([\u4e00-\u9fff]{2,14}?)(?:[0-9〇○零一二三四五六七八九O]{4}年)?政府工作报告")
_CONGRESS = re.compile(r"([\u4e00-\u9fff]{2,14}?)第[一二三四五六七八九十]+届人民代表大会")


@lru_cache(maxsize=1)
def _suffix() -> re.Pattern:
    """What a short name drops: the named peoples and 自治州 (阿坝|藏族羌族自治州), or the level word.

    The peoples are listed (cues.yaml ``ethnic_groups``): a pattern of "1-3 characters then 族" took
    阿坝藏族羌族自治州 whole and left 黔南布依族苗族自治州 as 黔, so that 阿坝 named 阿坝县 and the
    reports of 阿坝, 凉山, 黔南 and 黔东南 went to a county or to nothing.
    """
    groups = "|".join(sorted(map(re.escape, load("cues")["ethnic_groups"]), key=len, reverse=True))
    return re.compile(rf"(?:{groups})+自治[区州县旗]$|特别行政区$|地区$|[省市州县区旗盟]$")


def _short(code: str, name: str) -> str:
    """The short name, or ``name`` itself for an autonomous county: 互助, 江城, 长白 are common words."""
    if len(code) > 4 and "自治" in name:
        return name
    return _suffix().sub("", name)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], dict[str, str]]:
    """Full names, and short names (三亚, 黔东南) mapped to the full name, from ``data/zh/regions.tsv``."""
    full: dict[str, str] = {}
    short: dict[str, str] = {}
    stop = set(load("cues")["region_short_stoplist"])
    text = resources.files("luoshi").joinpath("data", "zh", "regions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, parent = line.split("\t")
        if name in stop:
            continue
        full[name] = parent
        s = _short(code, name)
        if len(s) >= 2 and s != name and s not in stop:
            short.setdefault(s, name)  # the first listed (province, then prefecture) keeps a shared short name
    return full, short


@lru_cache(maxsize=1)
def _divisions() -> tuple[dict[str, list[str]], dict[str, int]]:
    """Every full name a short name may stand for (吉林: 吉林省, 吉林市), and each name's code length
    (2 province, 4 prefecture, 6 county)."""
    stop = set(load("cues")["region_short_stoplist"])
    every: dict[str, list[str]] = {}
    level: dict[str, int] = {}
    text = resources.files("luoshi").joinpath("data", "zh", "regions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, _ = line.split("\t")
        level.setdefault(name, len(code))
        s = _short(code, name)
        if len(s) >= 2 and s != name and s not in stop and name not in stop:
            every.setdefault(s, []).append(name)
    return every, level


# 我代表州人民政府, 我代表市政府, 我代表行署: a speaker who names no place still says its level.
_LEVEL_SPEAKER = re.compile(r"代表(?:本|我)?(?P<lv>[市州盟区县旗])(?:人民)?政府|代表(?P<office>行署|行政公署)")


def _speaker_level(head: str):
    """A test on names for the level the speaker gives, or None when it gives none."""
    m = _LEVEL_SPEAKER.search(head)
    if not m:
        return None
    _, level = _divisions()
    lv = m.group("lv") or "盟"
    if lv == "州":
        return lambda n: level.get(n) == 4 and n.endswith("州")
    if lv == "盟":  # 行署 / 行政公署 govern a 盟 or a 地区
        return lambda n: level.get(n) == 4 and n.endswith(("盟", "地区"))
    if lv == "市":
        return lambda n: n.endswith("市")
    return lambda n: level.get(n) == 6 and n.endswith(lv)


@lru_cache(maxsize=1)
def _name_starts() -> frozenset[str]:
    """The first two characters of every known name: most positions of a text start none."""
    full, short = _gazetteer()
    return frozenset(n[:2] for n in (*full, *short))


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
    m = _PLAN_HEADING_YEAR.search(body)
    if m:
        return int(m.group(1)), "plan"
    # 2023年是…开局之年 opens the review of 柳州, 绍兴 and 绵阳 2024 before 2024年是…关键一年 opens
    # the plan: of the years said to be "the year of…", the plan's is the latest
    years = [int(m.group(1)) for m in _YEAR_IS.finditer(body)]
    if years:
        return max(years), "plan"
    plan = _five_year_review(text[:3000])
    if plan is not None:
        return plan + 1, "回顾"
    return None, "unknown"


def _five_year_review(head: str) -> int | None:
    """一、“十一五”时期国民经济和社会发展的回顾: the report of the year after the plan's last year."""
    from luoshi.grammar.tables import load

    for name, end in load("wording")["five_year_plans"].items():
        if re.search(f"{name}”?时期[^。\n]{{0,24}}回顾", head):
            return int(end)
    return None


def infer_region(text: str) -> str | None:
    """The region a report is for, from its title, who speaks, whose congress hears it, or what it
    names most.

    The speaker (我代表三亚市人民政府) or the congress (三亚市第八届人民代表大会) is taken when it is
    a known division; else the division named most often (三亚湾, 三亚“千艇之城”: short names count),
    when it is named at least five times and half again as often as the next.
    """
    full, short = _gazetteer()
    head = text[:5000]
    if _NATIONAL.search(head):
        return NATIONAL
    first = next((line.strip() for line in head[:1000].splitlines() if line.strip()), "")
    if (m := _TITLE.match(first)) and m.group(1) in full:
        return m.group(1)  # the title says whose report it is
    for rx in (_SPEAKER, _CONGRESS):
        for m in rx.finditer(head):
            name = m.group(1)
            for k in range(len(name) - 1):  # 我代表|三亚市: the longest known name at the end
                if name[k:] in full:
                    return name[k:]
                if name[k:].endswith(("州", "盟")) and name[k:-1] in short:
                    return short[name[k:-1]]  # 黔东南州第十五届人民代表大会: the usual abbreviation
    # the speaker's level (代表州人民政府) picks among the names a short one may stand for (阿坝:
    # the 州, not 阿坝县; 吉林 in a 市 report: 吉林市) and leaves the seat and the province uncounted
    fits = _speaker_level(head)
    every, _ = _divisions()
    counts: Counter[str] = Counter()
    body = text[:60000]
    starts = _name_starts()
    for i in range(len(body) - 1):
        if body[i:i + 2] not in starts:
            continue
        for n in (5, 4, 3, 2):
            w = body[i:i + n]
            names = [w] if w in full else every.get(w, [short[w]] if w in short else [])
            if names:
                if fits is None:
                    counts[short.get(w, w) if w not in full else w] += 1
                elif fitting := [x for x in names if fits(x)]:
                    counts[fitting[0]] += 1
                break
    if not counts:
        return None
    (best, n), *rest = counts.most_common(2)
    if n >= 5 and (not rest or n >= (1.2 if fits else 1.5) * rest[0][1]):
        return best
    return None
