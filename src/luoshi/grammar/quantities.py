"""Quantity mentions: [qualifier] number [多/余] [magnitude] [unit] [qualifier], and ranges.

The pattern is assembled from the data tables once; each match is read into a ``Quantity``
whose offsets index the canonical text. Deciding whether a quantity is an *item* (not a date,
not inside a slogan, not a modifier) and what it measures is the job of ``luoshi.commitments``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from luoshi.grammar.numbers import NumberError, chinese_chars, parse_number
from luoshi.grammar.tables import load


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number with what is written around it, as found in canonical text."""

    start: int  # includes a prefix qualifier / per-word
    end: int  # includes unit and suffix qualifier
    num_start: int
    value: Decimal
    value_max: Decimal | None
    unit: str | None
    comparator: str
    qualifier: str | None
    raw_value: str
    chinese: bool  # written in Chinese numerals
    rule: str


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Grammar:
    pattern: re.Pattern
    unit_forms: dict[str, str]
    prefix: dict[str, dict]
    suffix: dict[str, dict]
    inner: dict[str, dict]
    per_words: dict[str, str]
    bare_ok: frozenset[str]


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    u, q = load("units"), load("qualifiers")
    unit_forms: dict[str, str] = {}
    for name, spec in u["units"].items():
        for form in [name, *spec.get("forms", [])]:
            unit_forms[form] = name
    bare_ok = frozenset(name for name, spec in u["units"].items() if spec.get("bare_ok"))
    periods = _alt(u["compound"]["periods"])
    seps = _alt(u["compound"]["separators"])
    guarded = {form: spec.get("not_before") for name, spec in u["units"].items()
               for form in [name, *spec.get("forms", [])] if spec.get("not_before")}
    units = "|".join(re.escape(f) + (f"(?![{''.join(guarded[f])}])" if f in guarded else "")
                     for f in sorted(unit_forms, key=len, reverse=True))
    # 套（间）, 辆（艘、架、列）次: alternatives in parentheses stay part of the unit
    alt_units = rf"(?:[（(](?:{units})(?:、(?:{units}))*[）)](?:次)?)?"
    unit = rf"(?:{units}){alt_units}(?:(?:{seps})(?:{periods}))?"
    cn = re.escape(chinese_chars())
    arabic = r"\d+(?:[,，]\d{3}(?!\d))*(?:\.\d+)?"
    arabic_mag = r"(?:万亿|亿|万)"
    inner = _alt(q["inner"])
    per_hundred = _alt(load("numerals")["per_hundred_words"])
    number = (
        # 百分之三十六点九: a spelt-out decimal (national reports 1954-1995, 260 of them) keeps its fraction
        rf"(?:(?P<pct>{per_hundred})(?P<pnum>{arabic}|[{cn}]+(?:点[{cn}]+)?)"
        rf"|(?P<ar>{arabic})(?P<in1>{inner})?(?P<mag>{arabic_mag})?(?:(?P<in2>{inner})(?P<mag2>亿))?(?:(?<=[万亿])(?P<in3>{inner}))?"
        rf"|(?P<cn>[{cn}]+(?:点[{cn}]+)?(?:(?:{inner})[万亿]+)?))"
    )
    joiners = _alt(q["range_joiners"])
    rng = rf"(?:(?P<u1>{unit})?(?:{joiners})(?P<ar2>{arabic})(?P<magr>{arabic_mag})?)?"
    prefix = _alt([*q["prefix"], *u["per_words"]])
    suffix = _alt(q["suffix"])
    # every character a match can start with, derived from the same tables: the search then skips
    # the text between figures instead of trying the optional prefix at every position
    firsts = {*chinese_chars(), *(w[0] for w in (*q["prefix"], *u["per_words"], *load("numerals")["per_hundred_words"]))}
    first = "(?=[\\d" + re.escape("".join(sorted(firsts))) + "])"
    pattern = re.compile(
        rf"{first}(?P<pre>{prefix})?(?P<per2>{_alt(u['per_words'])})?{number}{rng}(?P<unit>{unit})?(?P<post>{suffix})?"
    )
    return Grammar(pattern, unit_forms, q["prefix"], q["suffix"], q["inner"], u["per_words"], bare_ok)


def _canonical_unit(g: Grammar, written: str | None) -> str | None:
    """The unit's canonical name; compound units keep their written period (元/月)."""
    if not written:
        return None
    for sep in ("/", "／"):
        if sep in written:
            head, tail = written.split(sep, 1)
            return f"{g.unit_forms.get(head, head)}/{tail}"
    if written in g.unit_forms:
        return g.unit_forms[written]
    return written  # parenthesised alternatives: 套（间）


def _per_unit(per: str | None, unit: str | None, g: Grammar) -> str | None:
    """Apply 每月/每人/每人每月/每千人 to the unit written after the number."""
    if not per or not unit:
        return unit
    target = g.per_words[per]
    if target.startswith("/"):
        return unit + target  # 每千人6.5批次 -> 批次/千人
    if unit.startswith("元"):
        return _money_rate(target, unit)  # 每月90元/人, 每人每月2375元, 每人100元/月 -> 元/人·月
    return unit


def _money_rate(target: str, unit: str) -> str:
    """One money-rate unit from the per-word's and the written unit's person and period."""
    parts = {p for u in (target, unit) if "/" in u for p in u.split("/", 1)[1].split("·") if p}
    period = next((p for p in parts if p != "人"), None)
    if "人" in parts:
        return f"元/人·{period}" if period else "元/人"
    return f"元/{period}" if period else unit


def scan(text: str) -> list[Quantity]:
    """Every syntactically possible quantity in ``text`` (canonical), left to right."""
    g = grammar()
    out: list[Quantity] = []
    for m in g.pattern.finditer(text):
        q = _read(m, g)
        if q is not None:
            out.append(q)
    return out


def _comparator(m: re.Match, g: Grammar) -> tuple[str, str | None]:
    """Comparator and qualifier from the words before and after a number (no per-words)."""
    pre, post = m.group("pre"), m.group("post")
    if post:
        return g.suffix[post]["comparator"], post
    if pre and pre in g.prefix:
        return g.prefix[pre]["comparator"], g.prefix[pre].get("qualifier", pre)
    return "exact", None


def _read(m: re.Match, g: Grammar) -> Quantity | None:
    pre, per2 = m.group("pre"), m.group("per2")
    per = None
    if pre in g.per_words:
        per, pre = pre, None
    if per2:
        per = per2 if per is None else per + per2
        per = per if per in g.per_words else per2
    unit_written = m.group("unit")
    chinese = m.group("cn") is not None
    inner_cn = None
    pct = m.group("pct")
    if pct:
        try:
            value = parse_number(m.group("pnum"))
        except NumberError:
            return None
        return Quantity(start=m.start(), end=m.end(), num_start=m.start("pct"), value=value, value_max=None,
                        unit=load("numerals")["per_hundred_words"][pct], comparator=_comparator(m, g)[0],
                        qualifier=_comparator(m, g)[1], raw_value=m.group("pct") + m.group("pnum"),
                        chinese=False, rule="per-hundred")  # 百分之 makes it a figure, whatever its digits
    try:
        if chinese:
            raw_num, mag = m.group("cn"), ""
            inner_cn = next((w for w in g.inner if w in raw_num), None)
            value = parse_number(raw_num.replace(inner_cn, "") if inner_cn else raw_num)
        else:
            raw_num = m.group("ar")
            mag = (m.group("mag") or "") + (m.group("mag2") or "")
            value = parse_number(raw_num, mag)
    except NumberError:
        return None
    value_max = None
    if m.group("ar2"):
        u1 = m.group("u1")
        if unit_written is None:
            return None  # 2024-2026 and the like: a range needs a unit
        if u1 and _canonical_unit(g, u1) != _canonical_unit(g, unit_written):
            return None
        try:
            value_max = parse_number(m.group("ar2"), m.group("magr") or mag)
        except NumberError:
            return None
        if m.group("magr") and not mag:
            value = parse_number(raw_num, m.group("magr"))
        if value_max <= value:
            return None
    comparator, qualifier = "exact", None
    inner = m.group("in1") or m.group("in2") or m.group("in3") or inner_cn
    if inner:
        comparator, qualifier = g.inner[inner]["comparator"], inner
    if pre:
        spec = g.prefix[pre]
        comparator, qualifier = spec["comparator"], spec.get("qualifier", pre)
    post = m.group("post")
    if post:
        comparator, qualifier = g.suffix[post]["comparator"], post
    unit = _per_unit(per, _canonical_unit(g, unit_written), g)
    start = m.start()
    num_start = m.start("cn") if chinese else m.start("ar")
    raw_value = m.group(0)[num_start - start:]
    if unit_written:
        raw_value = raw_value[: m.end("unit") - num_start - len(unit_written)]
    elif post:
        raw_value = raw_value[: len(raw_value) - len(post)]
    return Quantity(
        start=start,
        end=m.end(),
        num_start=num_start,
        value=value,
        value_max=value_max,
        unit=unit,
        comparator=comparator,
        qualifier=qualifier,
        raw_value=raw_value,
        chinese=chinese,
        rule="range" if value_max is not None else ("chinese" if chinese else "arabic"),
    )
