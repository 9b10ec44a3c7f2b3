"""Text a spreadsheet would run as a formula, made inert before it goes into a CSV field.

Excel, WPS and LibreOffice take a field that starts with ``= + - @`` (or a tab or carriage return)
as a formula; the full-width ``＝ ＋ － ＠`` are what a Chinese input method types. Indicator names
and quoted source text come from the reports a user extracts, so every CSV this project writes, from
the CLI or the web app, puts an apostrophe in front of such text (the OWASP advice). Only text is
touched: a number, negative ones included, stays a number, decided by its type, not its look.

>>> csv_text("=1+1"), csv_text("-1"), csv_text("省统计局"), csv_text("＝SUM(A1)")
("'=1+1", "'-1", '省统计局', "'＝SUM(A1)")
>>> safe_row({"indicator": "@SUM(A1)", "value": -3})
{'indicator': "'@SUM(A1)", 'value': -3}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def formula_like(text: str) -> bool:
    return text.startswith(TRIGGERS)


def csv_text(text: str) -> str:
    """``text`` for a CSV field: an apostrophe in front when a spreadsheet would evaluate it."""
    return "'" + text if formula_like(text) else text


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A CSV row with every text field made inert; other values as they are."""
    return {k: csv_text(v) if isinstance(v, str) else v for k, v in row.items()}
