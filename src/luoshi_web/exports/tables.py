"""Tables that a page shows and also hands out as CSV and JSON, from one definition.

Every table on the dashboard, the public pages and the bulletin is a :class:`Table`: the page renders
it (``exports/_table.html``), and the same view answers ``?table=<name>&format=csv|json`` with the
same rows, so the download can never disagree with the screen. CSV is UTF-8 with a byte-order mark
because Excel and WPS on Windows otherwise read Chinese as mojibake.

>>> t = Table("units", "单位", [Column("name", "单位"), Column("n", "任务数", "int")], [{"name": "省统计局", "n": 3}])
>>> t.to_csv().lstrip("\\ufeff").splitlines()
['单位,任务数', '省统计局,3']
>>> t.to_dict()["rows"]
[{'name': '省统计局', 'n': 3}]
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from luoshi_web.display import Figure
from luoshi_web.exports.formulas import csv_text
from luoshi_web.exports.targets import number

FORMATS = ("csv", "json")


@dataclass(frozen=True)
class Column:
    """One column: ``key`` in each row dict, a (lazily translated) label, and how to show it.

    ``kind`` is ``text``, ``int``, ``number`` (a figure, as a number or the text of one: kept a number
    in downloads), ``figure`` (a :class:`~luoshi_web.display.Figure`: shown as the report writes it,
    615亿斤左右; downloads add its exact value and base unit as two more fields), ``share`` (0..1, shown as a percentage), ``date``, ``status``
    (a status code, shown as a badge), ``colour`` (a status colour, shown as a swatch), or ``link``
    (the row's ``<key>_url`` is the target). Downloads carry the raw value (code, ISO date, number).
    """

    key: str
    label: Any
    kind: str = "text"


@dataclass
class Table:
    name: str
    title: Any
    columns: Sequence[Column]
    rows: list[dict] = field(default_factory=list)
    note: Any = ""
    limit: int | None = None  # rows shown on the page; downloads always have every row

    @property
    def truncated(self) -> bool:
        return self.limit is not None and len(self.rows) > self.limit

    def to_dict(self) -> dict:
        return {
            "table": self.name,
            "title": str(self.title),
            "columns": [{"key": key, "label": label, "kind": kind} for key, label, kind in self._fields()],
            "rows": [dict(self._values(row, plain)) for row in self.rows],
        }

    def to_csv(self) -> str:
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\n")
        fields = self._fields()
        writer.writerow([label for _, label, _ in fields])
        kinds = [kind for _, _, kind in fields]
        for row in self.rows:
            writer.writerow([csv_cell(v, k) for (_, v), k in zip(self._values(row, lambda v: v), kinds, strict=True)])
        return out.getvalue()

    def _fields(self) -> list[tuple[str, str, str]]:
        """(key, label, kind) of each download field: a ``figure`` column is three fields, the figure
        as written, its exact value (``<key>_value``) and its base unit (``<key>_unit``)."""
        out = []
        for c in self.columns:
            if c.kind == "figure":
                out += [(c.key, str(c.label), "text"), (f"{c.key}_value", _("%(label)s（数值）") % {"label": c.label}, "number"),
                        (f"{c.key}_unit", _("%(label)s（单位）") % {"label": c.label}, "text")]
            else:
                out.append((c.key, str(c.label), c.kind))
        return out

    def _values(self, row: dict, conv) -> list[tuple[str, Any]]:
        out = []
        for c in self.columns:
            v = row.get(c.key)
            if c.kind == "figure":
                fig = v if isinstance(v, Figure) else None
                out += [(c.key, fig.text if fig else (None if v is None else str(v))),
                        (f"{c.key}_value", conv(fig.value) if fig else None), (f"{c.key}_unit", fig.unit if fig else None)]
            else:
                out.append((c.key, conv(v)))
        return out


def plain(value: Any) -> Any:
    """A JSON-ready value: integral Decimals as int, others as float; dates as ISO strings."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Figure):
        return plain(value.value)
    return str(value)


NUMERIC_TEXT = re.compile(r"[-+]?\d+(\.\d+)?%?")


def is_number(value: Any, kind: str = "text") -> bool:
    """A real number: an int, float or Decimal, or, in a ``number`` column, text that is one (5, -3.2, 12%)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float | Decimal):
        return True
    return kind == "number" and isinstance(value, str) and bool(NUMERIC_TEXT.fullmatch(value))


def cell_text(value: Any, kind: str = "text") -> str:
    """The value as a download writes it, before any formula guard: numbers exactly, dates ISO."""
    if value is None:
        return ""
    if kind == "share" and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return f"{Decimal(str(value)) * 100:.1f}%"
    if isinstance(value, Decimal):
        return number(value) if value.is_finite() else str(value)
    if isinstance(value, float):
        return format(value, ".15g")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "、".join(cell_text(v) for v in value)
    return str(value)


def csv_cell(value: Any, kind: str = "text") -> str:
    """One CSV field: text that a spreadsheet would run as a formula gets an apostrophe in front
    (see :mod:`~luoshi_web.exports.formulas`); real numbers, negative ones too, are left as they are.

    >>> csv_cell("=1+1"), csv_cell("-1"), csv_cell(-1), csv_cell(Decimal("-2.50")), csv_cell("-2.5", "number")
    ("'=1+1", "'-1", '-1', '-2.5', '-2.5')
    """
    text = cell_text(value, kind)
    return text if is_number(value, kind) else csv_text(text)


def share(part: int, whole: int) -> Decimal:
    """``part / whole`` to four places (0 when there is nothing to share).

    >>> share(1, 3)
    Decimal('0.3333')
    """
    if not whole:
        return Decimal(0)
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


PLACEHOLDER_PK = 987654321


@lru_cache(maxsize=32)
def _url_pattern(name: str) -> str:
    return reverse(name, args=[PLACEHOLDER_PK])


def object_url(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for views taking one id, resolved once per name: a province's
    tables link thousands of rows and ``reverse`` costs ~20 µs a call."""
    return _url_pattern(name).replace(str(PLACEHOLDER_PK), str(pk))


def wants_data(request: HttpRequest) -> bool:
    return request.GET.get("format") in FORMATS


def table_response(request: HttpRequest, tables: Mapping[str, Table], basename: str) -> HttpResponse:
    """Answer ``?format=csv|json[&table=name]`` from the tables the page shows.

    JSON without ``table`` gives every table of the page in one object; CSV needs one table (the
    first when none is named). An unknown table name is a 404, not an empty file.
    """
    fmt = request.GET.get("format")
    name = request.GET.get("table") or ""
    if name and name not in tables:
        raise Http404(_("这个页面没有名为 %(name)s 的表格。 / No table named %(name)s on this page.") % {"name": name})
    if fmt == "json":
        payload: Any = tables[name].to_dict() if name else {k: t.to_dict() for k, t in tables.items()}
        body = json.dumps(payload, ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{basename}{"-" + name if name else ""}.json"'
        return response
    table = tables[name] if name else next(iter(tables.values()))
    response = HttpResponse(table.to_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{basename}-{table.name}.csv"'
    return response
