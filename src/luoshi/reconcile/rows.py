"""One line of a reconciliation (``Row``) and the words its verdict columns use beyond the verdicts.

Kept apart from the table that builds rows so that the answers module and the renderers can name a
row without importing the pairing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from luoshi.model import Commitment, plain_number

WORDED = "worded-target"  # the extractor's rule for a target stated in words
NO_TARGET = "无目标"  # compare only: report N states no quantified target for the indicator
NO_REPORT = "无下年报告"  # compare only: report N+1 is not available (yet)


@dataclass(frozen=True)
class Row:
    """One line of a reconciliation: a target, the result that answers it (or None) and the verdict."""

    region: str | None
    year: int | None
    indicator_id: str | None
    indicator: str  # canonical name when the catalogue knows it, else the target's own name
    target: Commitment | None
    result: Commitment | None
    verdict: str
    note: str = ""
    match: str = ""  # how the result was paired: alias | memory | fuzzy | name
    score: float = 0.0
    delta: Decimal | None = None  # result minus the nearest edge of the target, in the target unit
    target_source: str = ""
    result_source: str = ""
    restated: tuple[Commitment, ...] = ()  # the same target stated again elsewhere in report N
    stretch: Commitment | None = None  # the figure it strives for beyond the target (…7%以上、力争8%)
    evidence: str = ""  # how the result speaks: "" a figure, "statement" words about it, "blank" a blanket sentence

    @property
    def worded(self) -> bool:
        """The target is stated in words only (国际收支基本平衡)."""
        return self.target is not None and self.target.value is None

    def to_dict(self) -> dict:
        """The JSONL/CSV record (flat, so a spreadsheet can read it)."""
        d: dict = {"region": self.region, "year": self.year, "indicator_id": self.indicator_id,
                   "indicator": self.indicator, "verdict": self.verdict, "note": self.note,
                   "match": self.match, "score": self.score, "delta": plain_number(self.delta),
                   "target_restated": restated_spans(self.restated) or None,
                   "target_stretch": restated_spans([self.stretch]) if self.stretch else None,
                   "target_worded": self.worded, "result_evidence": self.evidence or ("figure" if self.result else None)}
        for side, item, source in (("target", self.target, self.target_source),
                                   ("result", self.result, self.result_source)):
            d.update({f"{side}_{k}": None for k in ("indicator", "value", "value_max", "unit", "comparator",
                                                      "qualifier", "year", "text", "start", "end")})
            d[f"{side}_source"] = source or None
            if item is not None:
                full = item.to_dict()
                d.update({f"{side}_{k}": full[k] for k in ("indicator", "value", "value_max", "unit", "comparator",
                                                           "qualifier", "year", "text", "start", "end")})
        return d


def restated_spans(items: Iterable[Commitment]) -> str:
    """Where a target is stated again, as ``[start,end) text`` joined by ``; `` (one flat field)."""
    return "; ".join(f"[{it.start},{it.end}) {it.text}".replace("\n", " ") for it in items)
