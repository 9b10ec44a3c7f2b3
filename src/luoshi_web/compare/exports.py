"""CSV and JSON downloads: the library's own record (``Row.to_dict()``), as ``luoshi reconcile`` writes it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from luoshi.reconcile import Row, summarise
from luoshi_web.exports.formulas import csv_text

FORMATS = ("csv", "json")
CSV_FIELDS = list(Row(None, None, None, "", None, None, "").to_dict())


def rows_csv(rows: Sequence[Row]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    # text that a spreadsheet would run as a formula gets an apostrophe; numbers stay numbers
    writer.writerows({k: csv_text(v) if isinstance(v, str) else v for k, v in r.to_dict().items()} for r in rows)
    return out.getvalue()


def download(fmt: str, rows: Sequence[Row], *, name: str, about: dict) -> HttpResponse:
    """``name`` without suffix. CSV starts with a byte-order mark so spreadsheet programs read the
    Chinese as UTF-8; JSON carries ``about`` (which reports, indicator, year), the summary and the rows."""
    if fmt == "csv":
        response = HttpResponse("\ufeff" + rows_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.csv")
        return response
    if fmt == "json":
        payload = {**about, "summary": dict(summarise(rows)), "rows": [r.to_dict() for r in rows]}
        response = HttpResponse(json.dumps(payload, ensure_ascii=False, indent=1),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(False, f"{name}.json")
        return response
    raise Http404(_("只提供 CSV 或 JSON。 / Only csv or json."))
