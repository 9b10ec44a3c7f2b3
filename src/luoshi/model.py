"""The typed records the extractor gives: the JSONL contract of luoshi.

Frozen so that an item handed to the web app or a reconciler cannot drift from the text it
points at; ``to_dict`` is the one serialisation every output format and the scorer read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Kind = Literal["target", "result", "project", "task"]
Comparator = Literal["approx", "min", "max", "exact"]

KINDS: tuple[str, ...] = ("target", "result", "project", "task")
COMPARATORS: tuple[str, ...] = ("approx", "min", "max", "exact")


def plain_number(value: Decimal | None) -> int | float | None:
    """JSON has no decimal: integral values become ``int`` so 5万亿 prints as 5000000000000.

    >>> plain_number(Decimal("61360000000.0")), plain_number(Decimal("4.6")), plain_number(None)
    (61360000000, 4.6, None)
    """
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@dataclass(frozen=True, slots=True)
class Commitment:
    """One quantified target, reported result, named project or unquantified task.

    ``start``/``end`` are half-open offsets into the *original* decoded text, so
    ``original[start:end] == text`` holds for every item.
    """

    kind: Kind
    indicator: str
    value: Decimal | None
    unit: str | None
    comparator: Comparator | None
    year: int | None
    text: str
    start: int
    end: int
    value_max: Decimal | None = None
    qualifier: str | None = None
    raw_value: str | None = None
    section: tuple[str, ...] = ()
    region: str | None = None
    rule: str = ""
    meta: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "indicator": self.indicator,
            "value": plain_number(self.value),
            "value_max": plain_number(self.value_max),
            "unit": self.unit,
            "comparator": self.comparator,
            "qualifier": self.qualifier,
            "year": self.year,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "section": list(self.section),
            "raw_value": self.raw_value,
            "region": self.region,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one run over one document gives: the items plus what was inferred about it."""

    items: tuple[Commitment, ...]
    year: int | None
    year_source: str  # "given", "title", "今年", "dates" or "unknown"
    region: str | None
    warnings: tuple[str, ...] = ()
