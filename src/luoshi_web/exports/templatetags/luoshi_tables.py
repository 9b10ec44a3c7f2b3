"""Rendering of :class:`~luoshi_web.exports.tables.Table` cells and of their download links."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from luoshi_web.exports.tables import Column, plain
from luoshi_web.tracking.status import Status
from luoshi_web.tracking.templatetags.luoshi import num, status_badge

register = template.Library()
COLOUR_NAMES = {"green": _("绿"), "yellow": _("黄"), "red": _("红"), "blue": _("蓝")}


@register.simple_tag
def cell(column: Column, value, row: dict) -> str:
    """One cell as HTML, by the column's kind (escaped: values come from users' files)."""
    if value is None or value == "":
        return ""
    kind = column.kind
    if kind == "share":
        return f"{Decimal(str(value)) * 100:.1f}%"
    if kind == "int":
        return format_html("{}", value)
    if kind == "number":
        return format_html("{}", num(value))
    if kind == "date":
        return format_html("{}", value.isoformat() if hasattr(value, "isoformat") else value)
    if kind == "status":
        return status_badge(Status.from_code(value))
    if kind == "colour":
        return format_html('<span class="swatch swatch-{}" aria-hidden="true"></span>{}', value,
                           COLOUR_NAMES.get(value, value))
    if kind == "link" and row.get(f"{column.key}_url"):
        return format_html('<a href="{}">{}</a>', row[f"{column.key}_url"], value)
    if isinstance(value, list | tuple):
        return format_html("{}", "、".join(str(v) for v in value))
    return format_html("{}", value)


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
