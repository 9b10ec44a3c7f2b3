"""Edits a reviewer makes to extracted items before confirming: pure functions over plain dicts.

Items are the extractor's ``Commitment.to_dict()`` plus ``category``, ``binding`` and ``measure``;
numbers are kept as strings so the draft survives JSON. Every function returns a new list sorted
by position in the source and keeps ``text == source[start:end]``.
"""

from __future__ import annotations

import re
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


def merge_with_next(items: list[dict], index: int, source: str) -> list[dict]:
    """Join an item with the one after it: one span covering both, the first item's fields."""
    first = _get(items, index)
    if index + 1 >= len(items):
        raise DomainError(_("这是最后一项，没有可以合并的下一项。"))
    second = items[index + 1]
    start, end = min(first["start"], second["start"]), max(first["end"], second["end"])
    merged = dict(first, start=start, end=end, text=source[start:end], rule="manual:merge")
    if not merged.get("indicator"):
        merged["indicator"] = second.get("indicator")
    return _sorted([*items[:index], merged, *items[index + 2:]])


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
