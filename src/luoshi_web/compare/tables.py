"""Reconciliation rows as a page shows them: labels, colours, source sentences and chart data.

The library's verdicts are Chinese data (达成, 沉默...); their translated labels live here, beside
the UI, as the tracking app keeps its status labels. Downloads keep the library's own values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from luoshi.model import Commitment as Item
from luoshi.reconcile import ACHIEVED, EXCEEDED, MISSED, NO_REPORT, NO_TARGET, SILENT, UNKNOWN, Row, load_catalogue
from luoshi.reconcile.render import format_delta, format_quantity
from luoshi.reconcile.units import convert, unit_info
from luoshi_web.compare.adapter import SourceSpan, meta, sentence_around

VERDICT_LABELS = {
    ACHIEVED: _("达成"), MISSED: _("未达成"), EXCEEDED: _("超额"), UNKNOWN: _("无法判断"), SILENT: _("沉默"),
    NO_TARGET: _("无目标"), NO_REPORT: _("无下年报告"),
}
VERDICT_COLOURS = {
    ACHIEVED: "green", EXCEEDED: "blue", MISSED: "red", UNKNOWN: "grey", SILENT: "yellow",
    NO_TARGET: "none", NO_REPORT: "none",
}
# Hex values for the chart, the same hues as the badges in compare.css.
CHART_COLOURS = {"green": "#1a7f37", "blue": "#1f6feb", "red": "#cf222e", "grey": "#8c959f", "yellow": "#d4a72c",
                 "none": "#afb8c1"}
MATCH_LABELS = {"alias": _("目录别名"), "fuzzy": _("近似名称"), "memory": _("人工确认"), "name": _("同名"),
                "qualified": _("带限定词"), "rank": _("排名"), "words": _("文字表述"), "blanket": _("整体表述"),
                "sync": _("收入与经济增速对比"), "direction": _("数字的方向"), "part": _("部分或总体的数字"),
                "level": _("只有总量"), "positive": _("正增长"), "national": _("需与全国比较"),
                "sides": _("城乡分别，取较低者")}
# How the result speaks, when not by a figure: a statement about the target, or one sentence about
# all targets (主要目标任务全面完成), which a reader must be able to tell from a figure.
EVIDENCE_LABELS = {"statement": _("文字表述"), "blanket": _("整体表述")}


def verdict_label(verdict: str) -> str:
    return str(VERDICT_LABELS.get(verdict, verdict))


@dataclass(frozen=True)
class DisplayRow:
    row: Row
    verdict_label: str
    colour: str
    target_label: str
    result_label: str
    delta: str
    match_label: str
    target_source: SourceSpan | None
    result_source: SourceSpan | None
    target_pk: str | None
    result_pk: str | None
    key: str  # the normalised target name: what a correction is stored under
    entry: object | None  # the IndicatorMatch in force for the target's name, if any
    evidence: str = ""  # "" a figure | statement | blanket
    evidence_label: str = ""
    worded: bool = False  # the target is stated in words only


def display_rows(rows: Sequence[Row], documents: Mapping[str, str] | None = None,
                 entries: Mapping[str, object] | None = None, *, statements_in: str | None = None) -> list[DisplayRow]:
    """``documents``: report pk -> text, to show each span in its sentence (omit for list pages);
    ``statements_in``: the pk of the next report, where results in words were read."""
    normalise = load_catalogue().normalise
    documents, entries = documents or {}, entries or {}

    def source(item: Item | None) -> SourceSpan | None:
        if item is None:
            return None
        doc = documents.get(meta(item, "report") or ("" if item.value is not None else statements_in or ""))
        return sentence_around(doc, item) if doc else SourceSpan("", item.text, "", item.start, item.end)

    out = []
    for r in rows:
        key = normalise(r.target.indicator) if r.target is not None else ""
        out.append(DisplayRow(
            row=r, verdict_label=verdict_label(r.verdict), colour=VERDICT_COLOURS.get(r.verdict, "none"),
            target_label=format_quantity(r.target), result_label=format_quantity(r.result), delta=format_delta(r),
            match_label=str(MATCH_LABELS.get(r.match, r.match)), target_source=source(r.target),
            result_source=source(r.result), target_pk=meta(r.target, "pk"), result_pk=meta(r.result, "pk"),
            key=key, entry=entries.get(key) if key else None, evidence=r.evidence,
            evidence_label=str(EVIDENCE_LABELS.get(r.evidence, "")), worded=r.worded,
        ))
    return out


@dataclass(frozen=True)
class ResultLine:
    """A result of report N+1 no target was paired with, offered for correction."""

    item: Item
    label: str
    source: SourceSpan | None
    pk: str | None
    key: str
    entry: object | None


def result_lines(items: Sequence[Item], documents: Mapping[str, str], entries: Mapping[str, object]) -> list[ResultLine]:
    normalise = load_catalogue().normalise
    out = []
    for it in items:
        key = normalise(it.indicator)
        doc = documents.get(meta(it, "report") or "", "")
        out.append(ResultLine(it, format_quantity(it), sentence_around(doc, it), meta(it, "pk"), key, entries.get(key)))
    return out


_PLAIN = ("percent", "points", "rank", "multiple", "share")


def _scale(values: Sequence[Decimal], unit: str) -> tuple[Decimal, str]:
    """A divisor and its word so the axis reads 616 亿斤, not 61600000000 斤."""
    info = unit_info(unit)
    if info is None or info.dimension in _PLAIN or not values:
        return Decimal(1), unit
    top = max(abs(v) for v in values)
    for size, word in ((Decimal("1e12"), "万亿"), (Decimal("1e8"), "亿"), (Decimal("1e4"), "万")):
        if top >= size:
            return size, word + unit
    return Decimal(1), unit


def _in(value: Decimal | None, item: Item | None, unit: str) -> Decimal | None:
    if value is None or item is None:
        return None
    if (item.unit or "") == unit:
        return value
    src, dst = unit_info(item.unit), unit_info(unit)
    return convert(value, src, dst) if src and dst else None


def chart_data(rows: Sequence[Row], *, by: str, title: str) -> dict:
    """The numbers a chart draws, one point per category (year or region; the first row of each),
    all in one unit. Serialised into the page as JSON, so a test — or a reader — can check the
    chart shows exactly what the table says."""
    first: dict[str, Row] = {}
    for r in rows:
        category = str(r.year) if by == "year" else (r.region or "")
        first.setdefault(category, r)
    unit = next((r.target.unit for r in first.values() if r.target is not None and r.target.unit), None) \
        or next((r.result.unit for r in first.values() if r.result is not None and r.result.unit), "") or ""
    raw = {c: (_in(r.target.value if r.target else None, r.target, unit),
               _in(r.target.value_max if r.target else None, r.target, unit),
               _in(r.result.value if r.result else None, r.result, unit)) for c, r in first.items()}
    size, shown_unit = _scale([v for t in raw.values() for v in t if v is not None], unit)

    def number(v: Decimal | None) -> float | None:
        return None if v is None else float(round(v / size, 4))

    cats = list(first)
    return {
        "title": title, "by": by, "unit": shown_unit, "locale": "EN" if (get_language() or "").startswith("en") else "ZH",
        "categories": cats,
        "target": [number(raw[c][0]) for c in cats],
        "target_max": [number(raw[c][1]) for c in cats],
        "result": [number(raw[c][2]) for c in cats],
        "target_label": [format_quantity(first[c].target) for c in cats],
        "result_label": [format_quantity(first[c].result) for c in cats],
        "verdict": [first[c].verdict for c in cats],
        "verdict_label": [verdict_label(first[c].verdict) for c in cats],
        "colour": [CHART_COLOURS[VERDICT_COLOURS.get(first[c].verdict, "none")] for c in cats],
        "names": {"target": str(_("目标")), "target_max": str(_("目标上限")), "result": str(_("结果")),
                  "verdict": str(_("判定"))},
    }
