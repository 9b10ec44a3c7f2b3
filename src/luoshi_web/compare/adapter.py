"""Database rows as the items ``luoshi.reconcile`` reads, and a source span shown in its sentence.

The adapter is the only place that knows both shapes: blank strings in the database are None in
the library, a missing offset is 0, and the row's primary key travels in ``meta`` (which takes no
part in equality) so a table row can link back to the commitment it came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from luoshi.model import Commitment as Item

SENTENCE_ENDS = "。！？；!?;\n"


FIELDS = ("pk", "report_id", "kind", "indicator", "value", "value_max", "unit", "comparator", "qualifier", "raw_value",
          "year", "text", "start", "end", "section", "rule")


def item_from_fields(f: Mapping[str, Any], *, region: str | None = None) -> Item:
    """A ``luoshi.model.Commitment`` from a ``tracking.Commitment`` row's ``FIELDS`` (a ``.values()`` dict)."""
    return Item(
        kind=f["kind"], indicator=f["indicator"] or "", value=f["value"], unit=f["unit"] or None,
        comparator=f["comparator"] or None, year=f["year"], text=f["text"] or "", start=f["start"] or 0,
        end=f["end"] or 0, value_max=f["value_max"], qualifier=f["qualifier"] or None, raw_value=f["raw_value"] or None,
        section=tuple(f["section"] or ()), region=region, rule=f["rule"] or "",
        meta=(("pk", str(f["pk"])), ("report", str(f["report_id"]))),
    )


def item_from_row(row, *, region: str | None = None) -> Item:
    """The same from a model instance (no query is made)."""
    return item_from_fields({name: getattr(row, name) for name in FIELDS}, region=region)


def meta(item: Item | None, key: str) -> str | None:
    """A value the adapter put in ``meta`` (``pk``, ``report``), or None."""
    if item is None:
        return None
    return dict(item.meta).get(key)


@dataclass(frozen=True)
class SourceSpan:
    """A span with the rest of its sentence either side, for showing where a figure was read."""

    before: str
    span: str
    after: str
    start: int | None = None
    end: int | None = None


def sentence_around(document: str, item: Item | None, *, reach: int = 80) -> SourceSpan | None:
    """The item's span inside its sentence of ``document`` (at most ``reach`` characters either side).

    When the offsets do not point at the item's text (an edited item), the item's own text is shown
    without context rather than a wrong sentence.

    >>> from decimal import Decimal
    >>> doc = "过去一年，全省地区生产总值增长4.6%。今年目标是增长5%左右。"
    >>> it = Item("result", "地区生产总值增长", Decimal("4.6"), "%", "exact", 2025, "地区生产总值增长4.6%", 7, 19)
    >>> s = sentence_around(doc, it); (s.before, s.span, s.after)
    ('过去一年，全省', '地区生产总值增长4.6%', '。')
    """
    if item is None:
        return None
    start, end = item.start, item.end
    if not document or not (0 <= start < end <= len(document)) or document[start:end] != item.text:
        return SourceSpan("", item.text, "")
    lo = start
    while lo > 0 and start - lo < reach and document[lo - 1] not in SENTENCE_ENDS:
        lo -= 1
    hi = end
    while hi < len(document) and hi - end < reach and document[hi - 1] not in SENTENCE_ENDS:
        hi += 1
    before, after = document[lo:start], document[end:hi].rstrip("\n")
    if lo > 0 and document[lo - 1] not in SENTENCE_ENDS:
        before = "…" + before
    if hi < len(document) and document[hi - 1] not in SENTENCE_ENDS:
        after += "…"
    return SourceSpan(before.lstrip(), document[start:end], after, start, end)
