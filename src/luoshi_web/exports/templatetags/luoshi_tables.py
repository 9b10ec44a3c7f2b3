"""Rendering of :class:`~luoshi_web.exports.tables.Table` cells and of their download links.

Cells are built with plain string formatting and the standard library's ``html.escape`` rather than
``format_html``: a province's bulletin has thousands of cells and this is where its time went.
Every value from the database goes through ``escape`` before it is placed in the markup.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from luoshi_web.exports.tables import Column, Table, plain
from luoshi_web.tracking.status import Status
from luoshi_web.tracking.templatetags.luoshi import num, status_badge

register = template.Library()
COLOUR_NAMES = {"green": _("绿"), "yellow": _("黄"), "red": _("红"), "blue": _("蓝")}


def _cell(kind: str, key: str, value, row: dict, badges: dict) -> str:
    if value is None or value == "":
        return ""
    if kind == "share":
        return f"{Decimal(str(value)) * 100:.1f}%"
    if kind == "int":
        return escape(str(value))
    if kind == "number":
        return escape(num(value))
    if kind == "figure":
        return escape(str(value))  # a Figure: as the report writes it; data-value keeps the exact value
    if kind == "date":
        return value.isoformat() if hasattr(value, "isoformat") else escape(str(value))
    if kind == "status":
        if value not in badges:
            badges[value] = str(status_badge(Status.from_code(value)))
        return badges[value]
    if kind == "colour":
        return f'<span class="swatch swatch-{escape(value)}" aria-hidden="true"></span>{escape(str(COLOUR_NAMES.get(value, value)))}'
    if kind == "link" and row.get(f"{key}_url"):
        return f'<a href="{escape(row[f"{key}_url"])}">{escape(str(value))}</a>'
    if isinstance(value, list | tuple):
        return escape("、".join(str(v) for v in value))
    return escape(str(value))


@register.simple_tag
def cell(column: Column, value, row: dict) -> str:
    """One cell as HTML, by the column's kind (escaped: values come from users' files)."""
    return mark_safe(_cell(column.kind, column.key, value, row, {}))  # noqa: S308 - escaped in _cell


@register.simple_tag
def table_rows(table: Table) -> str:
    """The ``<tr>`` rows of a table, built here rather than by a template loop (a node per cell costs
    ten times as much); values are escaped in ``_cell`` and ``data-value``."""
    columns = [(c.key, c.kind) for c in table.columns]
    rows = table.rows if table.limit is None else table.rows[: table.limit]
    badges: dict[str, str] = {}
    out = []
    for row in rows:
        cells = "".join(
            f'<td class="k-{kind}" data-key="{key}" data-value="{escape(raw(row.get(key)))}">'
            f"{_cell(kind, key, row.get(key), row, badges)}</td>"
            for key, kind in columns
        )
        out.append(f"<tr>{cells}</tr>")
    return mark_safe("\n".join(out))  # noqa: S308 - assembled from escaped parts only


@register.filter
def raw(value) -> str:
    """The cell's value for a ``data-value`` attribute, so tests and scripts read numbers, not text."""
    v = plain(value)
    if v is None:
        return ""
    if isinstance(v, list):
        return "、".join(str(x) for x in v)
    return str(v)


@register.simple_tag(takes_context=True)
def data_url(context, table: str, fmt: str) -> str:
    """This page's URL with its current filters, asking for one table as CSV or JSON."""
    request = context["request"]
    query = request.GET.copy()
    for key in ("format", "table", "page"):
        query.pop(key, None)
    query["table"] = table
    query["format"] = fmt
    return f"{request.path}?{query.urlencode()}"
