"""Template helpers: status badges (translated labels) and figures as written (``luoshi_web.display``)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from luoshi_web import display
from luoshi_web.tracking.status import Status
from luoshi_web.validators import value_in_range

register = template.Library()

# The pure status module has Chinese labels only; translations live here, beside the UI.
STATUS_LABELS = {
    Status.NOT_STARTED: _("未启动"),
    Status.AHEAD: _("超进度"),
    Status.ON_TRACK: _("达进度"),
    Status.BEHIND: _("欠进度"),
    Status.SEVERELY_BEHIND: _("严重滞后"),
    Status.DONE: _("已完成"),
    Status.OVERDUE: _("逾期未完成"),
    Status.UNRATABLE: _("无法评估"),
    Status.UNASSIGNED: _("待分工"),
}


@register.simple_tag
def status_badge(status: Status | None) -> str:
    if not status:
        return format_html('<span class="badge badge-none" data-status="" title="{}">—</span>', _("成效不评级"))
    return format_html('<span class="badge badge-{}" data-status="{}" data-colour="{}">{}</span>',
                       status.colour, status.code, status.colour, STATUS_LABELS[status])


@register.filter
def num(value) -> str:
    """Decimal without trailing zeros: 700000.000000 -> 700000, 5.500000 -> 5.5.

    For ``data-value`` attributes and machine-read cells only; text a person reads uses
    ``quantity`` / ``amount`` (5.53万亿元).
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, Decimal):
        try:
            value = Decimal(str(value))
        except Exception:
            return str(value)
    if not value_in_range(value):  # an old draft's 1E+999999 or NaN: shown as written, never a 500
        return str(value)
    if value == value.to_integral_value():
        return f"{int(value)}"
    return format(value.normalize(), "f")


@register.filter
def quantity(item) -> str:
    """A figure as a reader writes it (突破5.53万亿元, 6%左右, 70万人), from a commitment or a draft item.

    One formatting for every page (``luoshi_web.display``, over the library's ``format_quantity``,
    also used by the 兑现对照 tables).
    """
    try:
        return display.quantity_of(item)
    except (ArithmeticError, ValueError, OverflowError):  # a figure out of any bounds (an old draft's)
        value = item.get("value") if isinstance(item, dict) else getattr(item, "value", "")
        return str(value)


@register.filter
def amount(value, unit: str = "") -> str:
    """An amount reached, in the commitment's unit, as written: ``{{ p.value|amount:c.unit }}`` -> 608亿斤."""
    return display.amount(value, unit or "")


@register.filter
def planned_amount(value, unit: str = "") -> str:
    """A computed plan figure (序时计划值), to four significant digits: 34.73万人."""
    return display.amount(value, unit or "", digits=4)


@register.filter
def pct(value) -> str:
    """A share already in percent: 45.50 -> 45.5%."""
    return display.percent_text(value)


@register.filter
def percent(value) -> str:
    if value is None:
        return ""
    return f"{(Decimal(value) * 100):.0f}%"


@register.filter
def kind_label(code: str) -> str:
    from luoshi_web.tracking.models import Commitment

    return dict(Commitment.Kind.choices).get(code, code)


@register.filter
def figures_as_written(table):
    """A table of commitments (``indicator_url`` per row) with its ``target`` and ``latest_value``
    cells as written (615亿斤左右, 100亿斤) for the page; the table's own rows, and so its
    downloads, are left as they are.

    For tables built with plain numbers (the bulletin's lagging list): one query for the figures.
    """
    from dataclasses import replace

    from django.urls import Resolver404, resolve

    from luoshi_web.tracking.models import Commitment

    ids = {}
    for n, row in enumerate(table.rows):
        try:
            ids[n] = int(resolve(row.get("indicator_url") or "").kwargs["pk"])
        except (Resolver404, KeyError, ValueError):
            continue
    if not ids:
        return table
    figures = {c["pk"]: c for c in Commitment.all_objects.filter(pk__in=set(ids.values())).values(
        "pk", "value", "value_max", "unit", "comparator", "qualifier")}
    rows = []
    for n, row in enumerate(table.rows):
        c = figures.get(ids.get(n))
        if c is None:
            rows.append(row)
            continue
        row = dict(row)
        if "target" in row:
            row["target"] = display.quantity(c["value"], c["unit"], c["comparator"], c["qualifier"], c["value_max"])
        latest = row.get("latest_value")
        if isinstance(latest, str) and latest and not latest.endswith("%"):
            row["latest_value"] = display.amount(latest, c["unit"]) or latest
        rows.append(row)
    return replace(table, rows=rows)
