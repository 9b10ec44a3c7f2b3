"""Edits a reviewer makes to extracted items before confirming: pure functions over plain dicts.

Items are the extractor's ``Commitment.to_dict()`` plus ``category``, ``binding`` and ``measure``;
numbers are kept as strings so the draft survives JSON. Every function returns a new list sorted
by position in the source and keeps ``text == source[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from luoshi_web.errors import DomainError
from luoshi_web.validators import VALUE_PLACES, parse_decimal, parse_year, plain_decimal_text

LEVEL_UNITS = {"%", "％", "个百分点", "百分点", "‰"}
CATEGORY_CUES = ("民生实事", "十大产业项目", "重大项目", "重点民生", "十大技术攻关项目", "重点工作")
KINDS = ("target", "result", "project", "task")
COMPARATORS = ("approx", "min", "max", "exact")


def _str(value) -> str | None:
    """A number from the extractor as draft text, to the field's six decimal places at most."""
    if value is None:
        return None
    if isinstance(value, Decimal) and value.is_finite() and value.as_tuple().exponent < -VALUE_PLACES:
        value = value.quantize(Decimal(1).scaleb(-VALUE_PLACES))
    return str(value)


def guess_category(item: dict) -> str:
    """A category from cue words in the item's section headings or sentence, else the top heading."""
    haystack = " ".join([*item.get("section", []), item.get("text", "")])
    for cue in CATEGORY_CUES:
        if cue in haystack:
            return cue
    section = item.get("section") or []
    return re.sub(r"^[一二三四五六七八九十\d]+[、.．]\s*", "", section[0])[:60] if section else ""


def guess_binding(item: dict, source: str) -> str:
    """约束性/预期性 when the report says so in the item's sentence or the one around it."""
    start, end = item.get("start") or 0, item.get("end") or 0
    window = source[max(0, start - 60): end + 60]
    if "约束性" in window:
        return "binding"
    if "预期性" in window:
        return "expected"
    return ""


def guess_measure(item: dict) -> str:
    unit = (item.get("unit") or "").strip()
    return "level" if unit in LEVEL_UNITS or item.get("comparator") == "max" else "cumulative"


def from_extraction(items, source: str) -> list[dict]:
    """Draft items from the extractor's ``Commitment`` objects."""
    out = []
    for it in items:
        d = it.to_dict()
        d["value"], d["value_max"] = _str(it.value), _str(it.value_max)
        d["category"] = guess_category(d)
        d["binding"] = guess_binding(d, source)
        d["measure"] = guess_measure(d)
        out.append(d)
    return _sorted(out)


def _sorted(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda d: (d.get("start") or 0, d.get("end") or 0))


def _get(items: list[dict], index: int) -> dict:
    if not 0 <= index < len(items):
        raise DomainError(_("第 %(n)s 项不存在（可能已被删除），请刷新页面后重试。") % {"n": index + 1})
    return items[index]


def _decimal(raw, label: str) -> str | None:
    """A value as typed, within the bounds the tracked field holds (finite, below 10²², six places)."""
    try:
        value = parse_decimal(raw)
    except ValueError as e:
        raise DomainError(_("%(label)s“%(value)s”%(reason)s，请只填写数字（如 70 或 5.5）。") % {
            "label": _(label), "value": raw, "reason": e}) from None
    return None if value is None else plain_decimal_text(value)


def update_item(items: list[dict], index: int, data: dict) -> list[dict]:
    """Correct one item's fields; unknown fields are ignored, bad values refused."""
    item = dict(_get(items, index))
    if "indicator" in data:
        if not str(data["indicator"]).strip():
            raise DomainError(_("指标/任务名称不能为空，请填写。"))
        item["indicator"] = str(data["indicator"]).strip()
    if "kind" in data:
        if data["kind"] not in KINDS:
            raise DomainError(_("类型“%(kind)s”无效，请从列表中选择。") % {"kind": data["kind"]})
        item["kind"] = data["kind"]
    if "comparator" in data:
        if data["comparator"] not in (*COMPARATORS, "", None):
            raise DomainError(_("比较方式“%(comparator)s”无效，请从列表中选择。") % {"comparator": data["comparator"]})
        item["comparator"] = data["comparator"] or None
    for name, label in (("value", gettext_noop("目标值")), ("value_max", gettext_noop("目标上限"))):
        if name in data:
            item[name] = _decimal(data[name], label)
    if item.get("value") and item.get("value_max") and Decimal(item["value_max"]) < Decimal(item["value"]):
        raise DomainError(_("目标上限小于目标值，请检查两个数值。"))
    for name in ("unit", "qualifier", "category"):
        if name in data:
            item[name] = str(data[name] or "").strip() or None
    if "binding" in data:
        item["binding"] = data["binding"] if data["binding"] in ("binding", "expected") else ""
    if "measure" in data:
        item["measure"] = "level" if data["measure"] == "level" else "cumulative"
    if "year" in data:
        raw = str(data["year"] or "").strip()
        try:
            item["year"] = parse_year(raw)
        except ValueError:
            raise DomainError(_("年份“%(year)s”无效，请填写四位年份。") % {"year": raw}) from None
    item["rule"] = item.get("rule") or "manual"
    out = list(items)
    out[index] = item
    return out


def delete_item(items: list[dict], index: int) -> list[dict]:
    _get(items, index)
    return [it for i, it in enumerate(items) if i != index]


FIGURE_FIELDS = ("value", "value_max", "unit", "comparator", "qualifier", "raw_value")


def merge_with_next(items: list[dict], index: int, source: str, keep: str = "first") -> list[dict]:
    """Join an item with the one after it: one span covering both, the first item's fields.

    ``keep="second"`` keeps the second item's figure (value, range, unit, comparator, qualifier)
    instead of the first's: the reviewer chooses which of the two numbers the merged item tracks.
    """
    first = _get(items, index)
    if index + 1 >= len(items):
        raise DomainError(_("这是最后一项，没有可以合并的下一项。"))
    if keep not in ("first", "second"):
        raise DomainError(_("请选择保留第一项还是第二项的数值。"))
    second = items[index + 1]
    start, end = min(first["start"], second["start"]), max(first["end"], second["end"])
    merged = dict(first, start=start, end=end, text=source[start:end], rule="manual:merge")
    if keep == "second":
        merged.update({k: second.get(k) for k in FIGURE_FIELDS})
        if second.get("value") is not None and second.get("measure"):
            merged["measure"] = second["measure"]
    if not merged.get("indicator"):
        merged["indicator"] = second.get("indicator")
    return _sorted([*items[:index], merged, *items[index + 2:]])


# --- likely noise ---------------------------------------------------------------------------

# A figure is worth tracking when it measures its indicator. These are the ways an extracted number
# fails to, seen in the 2025–2026 provincial reports: it has no indicator; it is part of a name
# (株洲608所AES100: an institute's number); it is a round landmark restating a figure given exactly
# elsewhere (迈上5万亿 next to 5.53万亿元); it restates an earlier item's indicator; or its unit
# counts things while the number is in the hundreds of millions (“1个经济总量近千亿” read as 1000亿个).
MILESTONE_WORDS = ("迈上", "迈入", "迈过", "跨上", "跨越", "跨过", "跃上", "站上", "登上")
COUNT_UNITS = ("个", "家", "所", "项", "条", "件", "名", "户", "座", "栋", "台", "辆", "处", "批")
_NAME_AFTER = re.compile(r"[A-Za-z0-9]")
_NAMED = re.compile(r"[\w\u4e00-\u9fff]")


def _significant_digits(value: Decimal) -> int:
    """5E+12 -> 1, 1.4E+12 -> 2: how round a figure is."""
    return len(value.normalize().as_tuple().digits) if value else 0


def noise_reasons(items: list[dict]) -> dict[int, list[str]]:
    """Why each likely-noise item looks like noise, by index; items that look fine are absent.

    Only items with a value are judged (a task without a number is what it says). The rules, each
    one reason shown to the reviewer:

    - no indicator: a number with nothing named (“1100多万人”);
    - part of a name: the number and its unit run straight into Latin letters or digits in the
      sentence (“608所AES100”), as institute and model numbers do; a count of things is followed by
      the things (“217所学校”) or by a verb;
    - a landmark: a milestone word (迈上, 跨越, 跃上…) with a one-digit round figure (迈上5万亿):
      a threshold passed, not a measured figure;
    - restated: the same kind, indicator and unit as an earlier item;
    - impossible magnitude: a count unit (个, 家, 项…) with a value of 10⁸ or more.

    >>> items = [{"kind": "result", "indicator": "地区生产总值", "value": "5530000000000", "unit": "元", "text": "…"},
    ...          {"kind": "result", "indicator": "地区生产总值", "value": "5000000000000", "unit": "元",
    ...           "qualifier": "迈上", "comparator": "min", "text": "地区生产总值迈上5万亿"},
    ...          {"kind": "result", "indicator": "技术成果转化", "value": "608", "unit": "所", "raw_value": "608",
    ...           "text": "株洲608所AES100发动机技术成果加速转化应用"},
    ...          {"kind": "result", "indicator": "", "value": "11000000", "unit": "人", "text": "1100多万人"},
    ...          {"kind": "result", "indicator": "帮扶学校", "value": "217", "unit": "所", "raw_value": "217",
    ...           "text": "对口帮扶217所学校"}]
    >>> sorted(noise_reasons(items))
    [1, 2, 3]
    """
    out: dict[int, list[str]] = {}
    seen: dict[tuple, int] = {}
    for i, it in enumerate(items):
        value = _value(it.get("value"))
        if value is None:
            continue
        reasons = []
        indicator = (it.get("indicator") or "").strip()
        unit = (it.get("unit") or "").strip()
        text = it.get("text") or ""
        if not _NAMED.search(re.sub(r"[\d.]", "", indicator)):
            reasons.append(_("有数值但没有指标名称：不知道这个数字衡量什么"))
        raw = (it.get("raw_value") or "").strip()
        if raw and unit:
            at = text.find(raw + unit)
            after = text[at + len(raw) + len(unit): at + len(raw) + len(unit) + 1] if at >= 0 else ""
            if after and _NAME_AFTER.match(after):
                reasons.append(_("数字像是名称的一部分（如“608所”），不是数量"))
        word = it.get("qualifier") or ""
        if word in MILESTONE_WORDS and _significant_digits(value) <= 1:
            reasons.append(_("“%(word)s”整数关口，是对确切数字的概括，不是要督查的指标") % {"word": word})
        if unit in COUNT_UNITS and abs(value) >= Decimal("1e8"):
            reasons.append(_("计数单位“%(unit)s”配上亿级数值，数量级可疑") % {"unit": unit})
        key = (it.get("kind"), indicator, unit)
        if indicator and key in seen:
            reasons.append(_("与第 %(n)s 项的指标和单位相同，可能是重复表述") % {"n": seen[key] + 1})
        else:
            seen.setdefault(key, i)
        if reasons:
            out[i] = reasons
    return out


def _value(raw) -> Decimal | None:
    try:
        value = Decimal(str(raw)) if raw not in (None, "") else None
    except ArithmeticError:
        return None
    return value if value is not None and value.is_finite() else None


def split_item(items: list[dict], index: int, at: str, source: str) -> list[dict]:
    """Cut an item's span where ``at`` (the opening words of the second part) begins."""
    item = _get(items, index)
    at = (at or "").strip()
    if not at:
        raise DomainError(_("请填写第二部分开头的几个字，系统将从那里拆分。"))
    pos = item["text"].find(at)
    if pos <= 0:
        raise DomainError(_("在该项原文中找不到“%(text)s”（或它在开头），请复制原文中的文字。") % {"text": at})
    cut = item["start"] + pos
    first = dict(item, end=cut, text=source[item["start"]:cut], rule="manual:split")
    second = dict(item, start=cut, text=source[cut:item["end"]], rule="manual:split", indicator=at[:60],
                  value=None, value_max=None, raw_value=None)
    return _sorted([*items[:index], first, second, *items[index + 1:]])


def add_item(items: list[dict], quote: str, source: str, *, year: int | None, after: int = 0) -> list[dict]:
    """Add an item the extractor missed, by quoting its words from the source."""
    quote = (quote or "").strip()
    if not quote:
        raise DomainError(_("请在原文中选中文字，或把原文中的文字粘贴到“原文片段”中。"))
    start = source.find(quote, max(0, after))
    if start < 0:
        start = source.find(quote)
    if start < 0:
        raise DomainError(_("原文中找不到这段文字，请直接从原文复制（注意标点和空格）。"))
    end = start + len(quote)
    item = {
        "kind": "task", "indicator": quote[:60], "value": None, "value_max": None, "unit": None, "comparator": None,
        "qualifier": None, "year": year, "text": source[start:end], "start": start, "end": end, "section": [],
        "raw_value": None, "region": None, "rule": "manual:add",
    }
    item["category"] = ""
    item["binding"] = guess_binding(item, source)
    item["measure"] = "cumulative"
    return _sorted([*items, item])


def highlight_segments(source: str, items: list[dict]) -> list[tuple[str, int | None]]:
    """The source cut into (text, item index or None) pieces for highlighting; overlaps are clipped.

    >>> highlight_segments("abcdef", [{"start": 1, "end": 3}, {"start": 2, "end": 5}])
    [('a', None), ('bc', 0), ('de', 1), ('f', None)]
    """
    pieces: list[tuple[str, int | None]] = []
    pos = 0
    order = sorted(range(len(items)), key=lambda i: (items[i].get("start") or 0, items[i].get("end") or 0))
    for i in order:
        start, end = items[i].get("start"), items[i].get("end")
        if start is None or end is None:
            continue
        start = max(start, pos)
        if end <= start:
            continue
        if start > pos:
            pieces.append((source[pos:start], None))
        pieces.append((source[start:end], i))
        pos = end
    if pos < len(source):
        pieces.append((source[pos:], None))
    return pieces


# --- the review page at hundreds of items ----------------------------------------------------

PAGE_SIZE = 50
FILTERS = (*KINDS, "noise")


@dataclass
class ReviewPage:
    """One page of the items, filtered by kind or to the likely noise; indices stay the draft's."""

    rows: list[tuple[int, dict, list[str], dict | None]]  # (index in the draft, item, noise reasons, next item)
    kind: str
    page: int
    pages: int
    total: int  # items in the draft
    shown: int  # items passing the filter
    counts: dict[str, int] = field(default_factory=dict)  # kind -> items, and "noise"

    @property
    def page_numbers(self) -> range:
        return range(1, self.pages + 1)


def review_page(items: list[dict], *, kind: str = "", page: int = 1, item: int | None = None,
                size: int = PAGE_SIZE) -> ReviewPage:
    """The items to show: those of ``kind`` (a kind or ``noise``), ``size`` to a page.

    ``item`` (a draft index) picks the page holding that item, clearing a filter that hides it, so a
    link from the highlighted source always lands on its item.

    >>> items = [{"kind": "target" if n % 2 else "result", "value": None} for n in range(120)]
    >>> p = review_page(items, kind="target", page=2)
    >>> (p.pages, p.shown, [row[0] for row in p.rows][:2], p.counts["target"])
    (2, 60, [101, 103], 60)
    >>> review_page(items, kind="target", item=4).kind, review_page(items, item=104).page
    ('', 3)
    """
    noise = noise_reasons(items)
    counts = {k: 0 for k in FILTERS}
    for it in items:
        counts[it.get("kind")] = counts.get(it.get("kind"), 0) + 1
    counts["noise"] = len(noise)
    kind = kind if kind in FILTERS else ""

    def passes(i: int, it: dict) -> bool:
        return not kind or (i in noise if kind == "noise" else it.get("kind") == kind)

    if item is not None and 0 <= item < len(items) and not passes(item, items[item]):
        kind = ""
    chosen = [i for i, it in enumerate(items) if passes(i, it)]
    pages = max(1, -(-len(chosen) // size))
    if item is not None and item in chosen:
        page = chosen.index(item) // size + 1
    page = min(max(1, page), pages)
    rows = [(i, items[i], noise.get(i, []), items[i + 1] if i + 1 < len(items) else None)
            for i in chosen[(page - 1) * size: page * size]]
    return ReviewPage(rows, kind, page, pages, len(items), len(chosen), counts)
