"""Text a spreadsheet would run as a formula, made inert in every download (CSV and .xlsx).

Excel, WPS and LibreOffice take a field that starts with ``= + - @`` (or a tab or carriage return,
which some of them strip first) as a formula when a CSV is opened, and when a cell is edited; the
full-width forms ``＝ ＋ － ＠`` are what a Chinese input method types, and are treated the same.
Indicator names, unit names, report titles and progress narratives come from users and from
uploaded reports, so a download must never hand such text to the spreadsheet as a formula
(``=HYPERLINK("http://…?"&A1)`` leaks the sheet; ``-2+3+cmd|…`` runs a program on old versions).

- CSV: the text gets an apostrophe in front (``'=1+1``), the OWASP advice; spreadsheets show it
  as text.
- .xlsx: the text is written as a text cell, never a formula, and marked *quote prefix*, so the
  cell shows ``=1+1`` as written and stays text when edited; reading the file back gives the text
  unchanged.

Only text is touched: a real number (an ``int``, ``float`` or ``Decimal``), negative ones included,
stays a number. Whether a value is text or a number is decided by its type, not its look, so a
name that is written ``-1`` is text and gets the apostrophe, while the value -1 does not.

>>> csv_text("=1+1"), csv_text("-1"), csv_text("省统计局"), csv_text("＝SUM(A1)")
("'=1+1", "'-1", '省统计局', "'＝SUM(A1)")
"""

from __future__ import annotations

from luoshi.csvtext import TRIGGERS, csv_text, formula_like  # one rule for the CLI and the web

__all__ = ["TRIGGERS", "csv_text", "formula_like", "protect_cell"]


def protect_cell(cell) -> None:
    """An openpyxl cell holding formula-like text: written as text, quote-prefixed; others untouched."""
    value = cell.value
    if isinstance(value, str) and formula_like(value):
        cell.data_type = "s"  # openpyxl makes every str starting with "=" a formula
        cell.quotePrefix = True


def protect_row(cells) -> None:
    for cell in cells:
        protect_cell(cell)


def protect_sheet(ws) -> None:
    for row in ws.iter_rows():
        protect_row(row)
