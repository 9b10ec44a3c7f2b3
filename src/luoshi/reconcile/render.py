"""Writing reconciliation rows as an aligned Chinese table, CSV or JSONL.

Kept apart from the rows themselves so a web view can reuse ``format_quantity`` and ``format_delta``
(the same "5.5%左右" and "−0.7个百分点" everywhere) without the terminal table.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TextIO

from luoshi.csvtext import safe_row
from luoshi.model import Commitment
from luoshi.reconcile.table import Row, summarise
from luoshi.reconcile.units import unit_info
from luoshi.reconcile.verdict import VERDICTS
from luoshi.textwidth import fit

FORMATS = ("table", "csv", "jsonl")
_SUFFIX_WORDS = ("以上", "以内", "以下", "左右", "上下", "多", "余", "强")
_DEFAULT_WORD = {"approx": "左右", "min": "以上", "max": "以内"}
_PLAIN_UNITS = ("%", "个百分点", "位", "倍", "番", "成", "岁")


def _num(v: Decimal) -> str:
    s = format(v.normalize(), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def _rounded(v: Decimal) -> Decimal:
    """``v`` to two decimals, or to three significant digits when smaller than 1 (0.00123).

    Reports write 5.53万亿元 and 6.5%, never 5.001285万亿元: the figure is shown as a report would
    print it, while the exact value stays in the data (``data-value`` attributes, CSV/JSON, Excel cells).
    """
    if not v or not v.is_finite():
        return v
    places = max(2, 2 - v.adjusted())
    try:
        rounded = v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except ArithmeticError:  # more digits than the context holds (10²⁶ and up): already whole
        return v
    return rounded if rounded else v


_MAGNITUDES = ((Decimal("1e12"), "万亿"), (Decimal("1e8"), "亿"), (Decimal("1e4"), "万"))


def _written(v: Decimal, unit: str) -> str:
    """7e5 人 -> 70万人, 5.53e12 元 -> 5.53万亿元: the way reports write large numbers, rounded by
    :func:`_rounded` (9999.999万 reads 1亿, not 10000万)."""
    if unit in _PLAIN_UNITS or abs(v) < 10000:
        return _num(_rounded(v)) + unit
    for n, (size, word) in enumerate(_MAGNITUDES):
        if abs(v) >= size:
            scaled = _rounded(v / size)
            if abs(scaled) >= 10000 and n:
                size, word = _MAGNITUDES[n - 1]
                scaled = _rounded(v / size)
            return _num(scaled) + word + unit
    return _num(_rounded(v)) + unit


def format_quantity(item: Commitment | None) -> str:
    """A target or result as a reader expects it: 5.5%左右, 4.5%–5%, 突破620亿斤, 70万人.

    Rounded as a report prints it (5.001285万亿元 -> 5万亿元, 3.14159% -> 3.14%); callers that
    need the exact figure read ``item.value``.

    >>> from luoshi.model import Commitment
    >>> format_quantity(Commitment("target", "粮食产量", Decimal("61600000000"), "斤", "approx", 2025,
    ...                            "", 0, 0, qualifier="左右"))
    '616亿斤左右'
    """
    if item is None or item.value is None:
        return ""
    unit = item.unit or ""
    if item.value_max is not None:
        body = f"{_written(item.value, unit)}–{_written(item.value_max, unit)}"
    else:
        body = _written(item.value, unit)
    word = item.qualifier or _DEFAULT_WORD.get(item.comparator or "", "")
    if not word or item.comparator == "exact":
        return body
    return body + word if word in _SUFFIX_WORDS else word + body


def format_delta(row: Row) -> str:
    """The gap to the target: in percentage points for rates, relative for quantities."""
    if row.delta is None or row.target is None or row.target.value is None:
        return ""
    info = unit_info(row.target.unit)
    if info and info.dimension in ("percent", "points"):
        return ("+" if row.delta > 0 else "") + _num(row.delta) + "个百分点" if row.delta else "0"
    if not row.target.value:
        return _num(row.delta)
    rel = (row.delta / abs(row.target.value) * 100).quantize(Decimal("0.1"))
    return ("+" if rel > 0 else "") + _num(rel) + "%" if rel else "0"


def _span(item: Commitment | None) -> str:
    if item is None:
        return ""
    return f"[{item.start},{item.end}) {item.text}".replace("\n", " ")


RECONCILE_COLUMNS = (("指标", 24), ("目标", 14), ("结果", 14), ("判定", 8), ("差距", 14), ("匹配", 6),
                     ("目标原文", 30), ("结果原文 [起,止)", 36))
COMPARE_COLUMNS = (("地区", 14), ("年份", 6), ("目标", 14), ("结果", 14), ("判定", 10), ("差距", 14),
                   ("目标原文", 30), ("结果原文 [起,止)", 36))


def _cells(row: Row, columns: Sequence[tuple[str, int]]) -> list[str]:
    values = {"指标": row.indicator, "地区": row.region or "", "年份": str(row.year or ""),
              "目标": format_quantity(row.target), "结果": format_quantity(row.result), "判定": row.verdict,
              "差距": format_delta(row), "匹配": row.match,
              "目标原文": (row.target.text if row.target else "").replace("\n", " "),
              "结果原文 [起,止)": _span(row.result)}
    return [values[name] for name, _ in columns]


def summary_line(rows: Iterable[Row]) -> str:
    counts = summarise(rows)
    order = [v for v in VERDICTS if v in counts] + sorted(v for v in counts if v not in VERDICTS)
    total = sum(counts.values())
    return f"共 {total} 项: " + ", ".join(f"{v} {counts[v]}" for v in order)


def write_table(rows: Sequence[Row], out: TextIO, *, title: str = "",
                columns: Sequence[tuple[str, int]] = RECONCILE_COLUMNS) -> None:
    if title:
        out.write(f"# {title}\n")
    out.write("  ".join(fit(h, w) for h, w in columns).rstrip() + "\n")
    for row in rows:
        out.write("  ".join(fit(c, w) for c, (_, w) in zip(_cells(row, columns), columns, strict=True)).rstrip()
                  + "\n")
    out.write(summary_line(rows) + "\n")


def write_rows(rows: Sequence[Row], out: TextIO, fmt: str, *, title: str = "",
               columns: Sequence[tuple[str, int]] = RECONCILE_COLUMNS, csv_header: bool = True) -> None:
    """Write ``rows`` in ``fmt`` (table | csv | jsonl)."""
    if fmt == "table":
        write_table(rows, out, title=title, columns=columns)
        return
    dicts = [r.to_dict() for r in rows]
    if fmt == "jsonl":
        for d in dicts:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
        return
    fields = list(Row(None, None, None, "", None, None, "").to_dict())
    writer = csv.DictWriter(out, fieldnames=fields)
    if csv_header:
        writer.writeheader()
    writer.writerows(safe_row(d) for d in dicts)  # no indicator or quote reaches a spreadsheet as a formula
