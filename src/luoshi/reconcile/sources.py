"""Getting items for reconciliation from files: a report (extracted on the fly) or a JSONL of items.

A JSONL is what ``luoshi extract --format jsonl`` writes, or a gold file (header line + items), or
an extraction a person reviewed and corrected — reconciling the reviewed items is the point of
accepting them. File names carry region and year the way the corpus writes them (湖南省-2025.txt,
national 2024.txt, gold corpus__province__湖南省-2025.jsonl), which is how ``compare`` pairs
report N with report N+1 in a folder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from luoshi.model import Commitment

NAME = re.compile(r"^(?:.*__)?(?:(?P<region>[^_]+?)-)?(?P<year>(?:19|20)\d{2})$")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
NATIONAL = "全国"


class SourceError(Exception):
    """A report or item file could not be used; the message names the file."""


@dataclass(frozen=True)
class Report:
    path: str
    items: tuple[Commitment, ...]
    year: int | None  # the report's own year (its plan year)
    region: str | None
    warnings: tuple[str, ...] = ()


def parse_report_name(path: str | Path) -> tuple[str | None, int | None]:
    """(region, year) from a file name; region None for national files named by year only.

    >>> parse_report_name("corpus/province/湖南省-2025.txt"), parse_report_name("2024.txt")
    (('湖南省', 2025), (None, 2024))
    >>> parse_report_name("corpus__province__四川省-2026.jsonl"), parse_report_name("2024-决议.txt")
    (('四川省', 2026), (None, None))
    """
    m = NAME.match(Path(path).stem)
    if not m:
        return None, None
    return m.group("region"), int(m.group("year"))


def _decimal(v) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def item_from_dict(d: dict) -> Commitment:
    """A ``Commitment`` from one JSONL line of the extraction contract (gold or ``luoshi extract``)."""
    try:
        return Commitment(
            kind=d["kind"], indicator=d.get("indicator") or "", value=_decimal(d.get("value")),
            unit=d.get("unit"), comparator=d.get("comparator"), year=d.get("year"), text=d.get("text") or "",
            start=int(d.get("start") or 0), end=int(d.get("end") or 0), value_max=_decimal(d.get("value_max")),
            qualifier=d.get("qualifier"), raw_value=d.get("raw_value"), section=tuple(d.get("section") or ()),
            region=d.get("region"), rule=d.get("rule") or "",
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as e:
        raise ValueError(f"not an item: {e}") from None


def load_jsonl(path: str | Path) -> tuple[list[Commitment], dict]:
    """(items, header) from a JSONL file; header is the gold description line, or {}."""
    items: list[Commitment] = []
    header: dict = {}
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise SourceError(f"{p}: cannot read file ({e.strerror or e})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            if "kind" in d:
                items.append(item_from_dict(d))
            elif not items and not header:
                header = d
        except (json.JSONDecodeError, ValueError, AttributeError) as e:
            raise SourceError(f"{p}:{n}: {e}") from None
    return items, header


def load_report(path: str | Path, *, year: int | None = None, region: str | None = None) -> Report:
    """Items of one report: extracted from a document, or read from a JSONL of items.

    The report year is, in order: ``year`` as given, the gold header's ``report_year``, the year in
    the file name, the extractor's inference, the plan year most targets carry.
    """
    from luoshi.reconcile.table import infer_plan_year

    p = Path(path)
    name_region, name_year = parse_report_name(p)
    if p.suffix.lower() in JSONL_SUFFIXES:
        items, header = load_jsonl(p)
        y = year or header.get("report_year") or name_year or infer_plan_year(items)
        r = region or header.get("region") or name_region or next((i.region for i in items if i.region), None)
        return Report(str(p), tuple(items), y, r)
    from luoshi import extract_file
    from luoshi.readers import ReaderError

    try:
        ex = extract_file(p, year=year or name_year, region=region or name_region)
    except ReaderError as e:
        raise SourceError(str(e)) from None
    y = year or name_year or ex.year or infer_plan_year(ex.items)
    return Report(str(p), tuple(ex.items), y, region or name_region or ex.region, tuple(ex.warnings))


@dataclass
class ReportCache:
    """Loads each file once per run: in a run of years every report is both N and N+1."""

    loaded: dict[str, Report] = field(default_factory=dict)

    def get(self, path: str | Path) -> Report:
        key = str(path)
        if key not in self.loaded:
            self.loaded[key] = load_report(path)
        return self.loaded[key]


def discover(folder: str | Path, *, default_region: str = NATIONAL) -> dict[str, dict[int, Path]]:
    """region -> year -> file for every report-named file under ``folder``.

    A reviewed JSONL wins over the document of the same region and year; files whose names carry
    no year (2024-决议.txt, manifest.csv) are skipped.
    """
    found: dict[str, dict[int, Path]] = {}
    for f in sorted(Path(folder).rglob("*")):
        if not f.is_file() or f.name.startswith("."):
            continue
        region, year = parse_report_name(f)
        if year is None:
            continue
        slot = found.setdefault(region or default_region, {})
        if year not in slot or f.suffix.lower() in JSONL_SUFFIXES:
            slot[year] = f
    return found


def iter_pairs(found: dict[str, dict[int, Path]], *, region: str | None = None, year: int | None = None,
               first: int | None = None, last: int | None = None) -> Iterator[tuple[str, int, Path, Path | None]]:
    """(region, N, file of report N, file of report N+1 or None) for the selected regions and years."""
    for reg in sorted(found):
        if region and reg != region:
            continue
        years = found[reg]
        for y in sorted(years):
            if (year and y != year) or (first and y < first) or (last and y > last):
                continue
            yield reg, y, years[y], years.get(y + 1)
