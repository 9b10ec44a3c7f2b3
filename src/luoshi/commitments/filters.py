"""Which quantities are not items: slogans, ordinals, codes, list headings, thresholds, descriptors.

Each rule has a name; ``reject_reason`` returns it so debug output says why a figure was dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from luoshi.commitments.lexicon import lexicon
from luoshi.grammar.quantities import Quantity, scan
from luoshi.grammar.tables import load

CJK_LO, CJK_HI = "\u4e00", "\u9fff"


def is_cjk(c: str) -> bool:
    return CJK_LO <= c <= CJK_HI


@lru_cache(maxsize=1)
def _bare_units() -> tuple[frozenset[str], frozenset[str]]:
    u = load("units")["units"]
    bare = frozenset(k for k, v in u.items() if v.get("bare_ok"))
    money = frozenset(k for k, v in u.items() if str(v["dimension"]).startswith("money"))
    return bare, money


@lru_cache(maxsize=1)
def count_units() -> frozenset[str]:
    return frozenset(k for k, v in load("units")["units"].items() if v["dimension"] == "count")


@lru_cache(maxsize=1)
def _denominator_units() -> frozenset[str]:
    """Count units a bare magnitude word makes a denominator or a name before a noun (千人托位数)."""
    return frozenset(load("stoplist")["denominator_units"])


@lru_cache(maxsize=1)
def share_units() -> frozenset[str]:
    """Units a small Chinese numeral may stand before as a figure (八成, 近六成)."""
    return frozenset(k for k, v in load("units")["units"].items() if v["dimension"] == "share")


def slogan_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in lexicon().slogans.finditer(text)]


def reject_reason(text: str, q: Quantity, slogans: list[tuple[int, int]]) -> str | None:
    """Why ``q`` is not an item, or None when it may be one."""
    before = text[q.num_start - 1] if q.num_start else ""
    after = text[q.end] if q.end < len(text) else ""
    if before.isascii() and (before.isalnum() or before in "._-/") and before:
        return "code"  # G4, C919, PM2.5, V2.0
    if q.start == q.num_start and before == "第":
        return "ordinal"
    if any(s < q.end and q.start < e for s, e in slogans):
        return "slogan"
    if q.unit == "位":
        return "rank-by-rank-rule"  # ranks are read by the rank rule with their scope
    if q.chinese and "点" not in q.raw_value and not _multiple_of_change(text, q):  # 四点二倍: a decimal is a figure
        if not any(c in q.raw_value for c in "十百千万亿") and q.unit not in share_units():
            return "chinese-small"  # 一批, 两个确立, 三农: articles and slogans, not figures (but 八成, 近六成)
        bare, money = _bare_units()
        share_ok = q.unit in share_units() and (not is_cjk(after) or text.startswith(("用于", "的", "以"), q.end))
        if q.unit and q.unit not in bare and not q.unit.startswith(tuple(bare)) and not share_ok:
            return "chinese-unit"  # 一成不变 is no figure; 八成, 近六成 are
        if q.raw_value.lstrip("十百千万亿") == "" and q.qualifier is None and (
            is_cjk(after) and (q.unit in money or q.unit not in count_units() or q.unit in _denominator_units())
            or after.isascii() and after.isalpha() and q.unit in money
        ):
            return "descriptor"  # 亿元镇, 千亿级, 百万吨乙烯, 千人托位数, 万元GDP能耗
        if text[q.start - 1:q.start] in "“‘「" and not _measured_in_quotes(text, q):
            return "quoted-name"  # “十项重大工程” (not 迈上“千亿”台阶)
        if q.unit is None and q.qualifier is None and not _measured_in_quotes(text, q):
            return "chinese-bare"
    if q.unit is None and not q.raw_value.endswith(("万", "亿")) and not _shares_list_unit(text, q) \
            and not _after_ratio_noun(text, q):
        return "no-unit"
    lx = lexicon()
    small = not q.raw_value.endswith(("万", "亿"))
    if q.qualifier in ("以上", "以下") and (after == "的" or is_cjk(after) and q.unit in lx.threshold_units and small):
        return "threshold"  # 投资2000万元以上的技改项目, 20户以上自然村 (not 8万户以上群众)
    if q.chinese and q.start == q.num_start and text[max(0, q.start - 4):q.start].endswith(lx.vague_prefixes):
        return "vague"  # 几亿人, 数十万 (not 总数8406户)
    if text[q.start - 1:q.start] in "“" and text[q.end:q.end + 1] in "”" and q.start and not _measured_in_quotes(text, q):
        return "quoted-name"  # 出台“33条” (not 达到“百分之九十五”)
    if text[q.end - 2:q.end] == "人口" and after == "的":
        return "descriptor"  # 14亿人口的发展中大国
    if q.unit in count_units() and _SAMPLE_OF.match(text, q.end):
        return "sample"  # 20项主要经济指标中12项增幅居全省前5: the 20 are what the 12 are counted among
    if q.unit == "个" and text.startswith(lexicon().duration_heads, q.end):
        return "duration"  # 连续16个季度
    if q.unit and any(text.startswith(w, q.end) for w in lexicon().name_suffixes):
        return "name"  # 4000吨级起重机
    head = text[q.end:q.end + 8]
    if any(head.startswith(h) for h in lexicon().list_heads):
        return "list-heading"  # 10项重点工作, 30件年度民生实事
    if q.unit in lx.works_list_units and lx.works_list.match(text, q.end):
        return "list-heading"  # 20项省定、6项市定民生实事, 12件市定惠民工程
    if q.comparator == "min" and q.unit in _bare_units()[1] and _COUNT_AFTER.match(text, q.end):
        return "threshold"  # 其中超50亿元15个: the threshold says which projects are counted
    if _ordinal_descriptor(text, q):
        return "ordinal-descriptor"  # 全市首家200亿元企业
    if q.unit == "岁" and (text.startswith(("及以上", "以上", "以下", "及以下"), q.end) or in_modifier_position(text, q)):
        return "age-descriptor"  # 65岁及以上老年人, 35-64岁妇女
    if _capacity_in_name(text, q):
        return "capacity-in-name"  # 年产36万吨醋酸技改, 800兆瓦光伏发电项目
    if q.unit in lx.policy_units and _policy_name(text, q):
        return "policy-name"  # 稳增长20条, 出台促进房地产26条 (not 新建道路12条, 打通20条断头路)
    if head.startswith(("年", "月", "日")) and q.unit is None:
        return "date"
    return None


def _multiple_of_change(text: str, q: Quantity) -> bool:
    """增长两倍以上, 增加一倍, 是上年的三倍 (三亚, 长治, 芜湖, national 1955-2009): a growth told in 倍."""
    if q.unit != "倍" or q.start != q.num_start:
        return False
    before = text[max(0, q.start - 4):q.start].removesuffix("了")
    return before.endswith((*lexicon().measure_verbs, "的"))


def _after_ratio_noun(text: str, q: Quantity) -> bool:
    """城乡居民收入倍差缩小至1.67: a ratio needs no unit (宁波, 杭州, 湖州); its unit comes from the noun."""
    clause = re.split(r"[，,。；;：:、]", text[max(0, q.start - 12):q.start])[-1]
    return any(w in clause for w in load("units")["bare_ratio_nouns"]) and not is_cjk(text[q.end:q.end + 1])


_SAMPLE_OF = re.compile(r"[^，,。；;\d]{1,10}中[，,]?\d+(?:项|个)")  # (六安 20项…中12项, 晋城 9项…中8项)
_COUNT_AFTER = re.compile(r"\d+(?:个|家|项|所|户)")


def _measured_in_quotes(text: str, q: Quantity) -> bool:
    """迈上“千亿”台阶, 达到“百分之九十五”: a verb that measures stands right before the quote."""
    lx = lexicon()
    before = text[max(0, q.start - 5):q.start - 1]
    return before.endswith((*lx.linking_verbs, *lx.prefix_qualifiers)) and q.unit != "条"


_LIST_TAIL = re.compile(r"(?:、\d+(?:\.\d+)?)*、(?P<last>\d+(?:\.\d+)?)")


def _shares_list_unit(text: str, q: Quantity) -> bool:
    """分别高于全国、全区0.9、2个百分点: a list's figures share the unit written after the last one."""
    m = _LIST_TAIL.match(text, q.end)
    if not m:
        return False
    tail = scan(text[m.start("last"):m.end() + 6])
    return bool(tail) and tail[0].start == 0 and tail[0].unit is not None


def _ordinal_descriptor(text: str, q: Quantity) -> bool:
    """成为全市首家200亿元企业, 第2个超200亿元园区: the figure says which one, it is not measured."""
    clause = re.split(r"[，,。；;：:]", text[max(0, q.start - 12):q.start])[-1]
    # (not 第4个吞吐量超千万人次的机场: with 的, the dev gold counts the figure)
    return bool(_ORDINAL_HEAD.search(clause)) and in_modifier_position(text, q) and text[q.end:q.end + 1] != "的"


_ORDINAL_HEAD = re.compile(r"(?:首家|首个|第[\d一二三四五六七八九十]+[个家座])[^\d]{0,4}$")


def counted_threshold(text: str, count: Quantity, q: Quantity) -> bool:
    """40家企业主营业务收入超10亿元, 8个乡镇财政收入过亿元: the threshold says which are counted."""
    over = q.qualifier in ("超", "超过", "过", "以上") or q.qualifier is None and text[q.start - 1:q.start] == "过"
    return count.unit in ("家", "个", "户", "所") and q.unit in _bare_units()[1] and over and count.end <= q.start


def _capacity_in_name(text: str, q: Quantity) -> bool:
    """A capacity that a product noun follows, in a clause that names a project, is in the name."""
    stop = load("stoplist")
    if q.qualifier is not None or not in_modifier_position(text, q):
        return False
    end = q.end
    while end < len(text) and end - q.end < 40 and text[end] not in "，,。；;：:":
        end += 1
    if text[max(0, q.start - 2):q.start] in stop["capacity_prefixes"]:
        # 年产5000辆罐式车, 年产260万套汽车零部件生产基地: a plant's rated output names it, whatever
        # the unit (not 形成年产95万吨纸和浆的产能, which measures the capacity)
        return not any(w in text[q.end:end] for w in stop["capacity_measures"])
    if q.unit not in stop["capacity_units"]:
        return False
    if text[q.start - 1:q.start] == "等":
        return False  # 商洛电厂二期、店头电厂二期等402万千瓦机组建成投运: the listed projects' total
    return any(w in text[q.end:end] for w in stop["project_words"])


def _policy_name(text: str, q: Quantity) -> bool:
    """N条 names a policy package when it ends its phrase and a topic, not a verb or a road, leads."""
    lx = lexicon()
    before = text[max(0, q.num_start - 4):q.num_start]
    verbs = (*lx.linking_verbs, *lx.action_verbs, *lx.to_words)
    if not before or not is_cjk(before[-1]) or before.endswith(lx.line_things) or before.endswith(verbs):
        return False
    return not in_modifier_position(text, q) or text.startswith(tuple(load("stoplist")["policy_heads"]), q.end)


_NOT_A_NOUN = re.compile(r"[和及与、至到]\d|[和及与]\s*(?:每|不低于|超|近|约)")


@lru_cache(maxsize=1)
def _verbs_after() -> tuple[str, ...]:
    lx = lexicon()
    return tuple(sorted({*lx.to_words, *lx.linking_verbs, *lx.measure_verbs, "、"}, key=len, reverse=True))


def in_modifier_position(text: str, q: Quantity) -> bool:
    """True when a noun follows the figure directly (建设350所|学校, 147个|国考断面)."""
    if q.end >= len(text):
        return False
    c = text[q.end]
    if c == "的":
        return True  # 10个营业收入超千亿元的先进制造业集群: the figure describes the noun
    if not (is_cjk(c) or c in "“\"" or c.isascii() and c.isalpha()):
        return False
    return not (_NOT_A_NOUN.match(text, q.end) or text.startswith(_verbs_after(), q.end))
