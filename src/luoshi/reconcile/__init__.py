"""兑现对照: put the targets a report set beside the results the next report gives for them.

Pure functions over ``Commitment`` items, so the CLI and a web view share them::

    >>> from decimal import Decimal
    >>> from luoshi.model import Commitment
    >>> t = Commitment("target", "地区生产总值增长", Decimal("5.5"), "%", "approx", 2025, "", 0, 0)
    >>> r = Commitment("result", "地区生产总值增长", Decimal("4.8"), "%", "exact", 2025, "", 0, 0)
    >>> [(row.indicator_id, row.verdict) for row in reconcile([t], [r])]
    [('gdp_growth', '未达成')]
"""

from luoshi.reconcile.catalogue import Catalogue, Indicator, load_catalogue, validate_catalogue_data
from luoshi.reconcile.matching import MatchMemory, Resolution, dice, resolve
from luoshi.reconcile.sources import Report, ReportCache, discover, iter_pairs, load_jsonl, load_report
from luoshi.reconcile.table import NO_REPORT, NO_TARGET, WORDED, ReportPair, Row, compare, reconcile, summarise
from luoshi.reconcile.verdict import (
    ACHIEVED,
    DEFAULT_TOLERANCE,
    EXCEEDED,
    MISSED,
    SILENT,
    UNKNOWN,
    Tolerance,
    judge,
)

__all__ = [
    "ACHIEVED", "DEFAULT_TOLERANCE", "EXCEEDED", "MISSED", "NO_REPORT", "NO_TARGET", "SILENT", "UNKNOWN",
    "Catalogue", "Indicator", "MatchMemory", "Report", "ReportCache", "ReportPair", "Resolution", "Row",
    "Tolerance", "WORDED", "compare", "dice", "discover", "iter_pairs", "judge", "load_catalogue", "load_jsonl",
    "load_report", "reconcile", "resolve", "summarise", "validate_catalogue_data",
]
