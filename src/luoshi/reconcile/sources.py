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
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from luoshi.model import Commitment

NAME = re.compile(r"^(?:.*__)?(?:(?P<region>[^_]+?)-)?(?P<year>(?:19|20)\d{2})$")
# Content cues for the report year beyond the extractor's (luoshi.docmeta.infer_year: title,
# YYYY年工作回顾, YYYY年工作安排), as news articles about a report put them: a heading over last
# year's results (2023答卷, 2023年成绩单) says the report is for the year after; one over this year's
# plans (奋进2024, 2024年民生实事, 2024蓝图) names the report year itself.
_Y4 = r"((?:19|20)\d\d)"
_REVIEW_CUE = re.compile(_Y4 + r"年?(?:答卷|成绩单|成绩|回眸|回望|回顾|盘点)")
_PLAN_CUE = re.compile(r"(?:奋进|展望|聚焦|锚定|擘画|迈向|开局|决战|冲刺)" + _Y4 + r"(?!年代)|"
                       + _Y4 + r"年?(?:蓝图|任务书|施工图|路线图|民生实事|主要预期目标|重点任务|工作安排)")
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
    year_source: str = ""  # given | header | name | text | cues | targets | next report | previous report
    text: str = ""  # the document's text (empty for a JSONL whose document is not at hand): statements in words


def year_from_cues(text: str) -> int | None:
    r"""The report year from the headings a news article puts over a report's parts, when the
    extractor's own inference (title, 工作回顾, 工作安排) finds nothing: ``2023答卷`` (last year's
    results) and ``奋进2024`` (this year's plans) both say 2024. None when there are no such cues
    or they disagree.

    >>> year_from_cues("2023答卷 >>>>\n…\n奋进2024 >>>>"), year_from_cues("二〇二三年成绩单"), year_from_cues("2035年远景")
    (2024, 2024, None)
    """
    from luoshi.docmeta import ascii_years

    body = ascii_years(text[:30000])
    years = Counter(int(m.group(1)) + 1 for m in _REVIEW_CUE.finditer(body))
    years.update(int(m.group(1) or m.group(2)) for m in _PLAN_CUE.finditer(body))
    if not years:
        return None
    (best, n), *rest = years.most_common()
    return None if rest and rest[0][1] == n else best


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
    the file name, the year the extractor reads from the text (``luoshi.docmeta.infer_year``), the
    year the text's headings give (``year_from_cues``: 2023答卷, 奋进2024), the plan year most
    targets carry. A document whose year is found only after extraction is extracted again with
    it, so its targets and results carry their years.
    """
    from luoshi.reconcile.table import infer_plan_year

    p = Path(path)
    name_region, name_year = parse_report_name(p)
    if p.suffix.lower() in JSONL_SUFFIXES:
        items, header = load_jsonl(p)
        y, source = _first((year, "given"), (header.get("report_year"), "header"), (name_year, "name"),
                           (infer_plan_year(items), "targets"))
        r = region or header.get("region") or name_region or next((i.region for i in items if i.region), None)
        return Report(str(p), tuple(items), y, r, year_source=source, text=_document_text(p, header))
    from luoshi.pipeline import extract_document
    from luoshi.readers import ReaderError, read_path

    try:
        doc = read_path(p)
    except ReaderError as e:
        raise SourceError(str(e)) from None
    ex = extract_document(doc, year=year or name_year, region=region or name_region)
    y, source = _first((year, "given"), (name_year, "name"), (ex.year, "text"), (year_from_cues(doc.text), "cues"))
    warnings = ex.warnings
    if source == "cues":
        ex = extract_document(doc, year=y, region=region or name_region)
        warnings = (*ex.warnings, f"年份 {y} 取自正文标题 (report year read from the text's headings)")
    if y is None:
        y, source = infer_plan_year(ex.items), "targets"
    return Report(str(p), tuple(ex.items), y, region or name_region or ex.region, tuple(warnings), source or "",
                  doc.text)


def _document_text(jsonl: Path, header: dict) -> str:
    """The text a JSONL of items was extracted from, when its document is at hand: the ``doc`` of
    ``luoshi extract`` lines or the gold header (relative to the working directory, the JSONL's
    folder or a ``corpus`` folder beside it). Offsets of statements index this text, as the items' do."""
    from luoshi.readers import ReaderError, read_path

    doc = header.get("doc")
    if not doc:
        try:
            with jsonl.open(encoding="utf-8") as f:
                doc = json.loads(f.readline() or "{}").get("doc")
        except (OSError, ValueError, AttributeError):
            doc = None
    if not doc:
        return ""
    for base in (Path.cwd(), jsonl.parent, *jsonl.parents):
        candidate = base / doc
        if candidate.is_file():
            try:
                return read_path(candidate).text
            except ReaderError:
                return ""
    return ""


def _first(*candidates: tuple[int | None, str]) -> tuple[int | None, str]:
    return next(((v, how) for v, how in candidates if v), (None, ""))


def load_pair(report: str | Path, next_report: str | Path, *, year: int | None = None,
              region: str | None = None) -> tuple[Report, Report, int | None]:
    """Report N and report N+1, and N: each report's own year (``load_report``), else the other's
    year ∓ 1 — a news article about report N pairs with 湖南省-2025.txt as the 2024 report. A report
    whose year comes from the other one is extracted again with it."""
    first = load_report(report, year=year, region=region)
    second = load_report(next_report, year=(year + 1) if year else None, region=region)
    if not year and first.year_source in ("", "targets") and second.year and second.year_source != "targets":
        first = _with_year(report, second.year - 1, region, "next report")
    n = year or first.year or (second.year - 1 if second.year else None)
    if n and second.year_source in ("", "targets") and second.year != n + 1:
        second = _with_year(next_report, n + 1, region, "previous report")
    return first, second, n


def _with_year(path: str | Path, year: int, region: str | None, source: str) -> Report:
    got = load_report(path, year=year, region=region)
    note = f"年份 {year} 取自{'下年' if source == 'next report' else '上年'}报告 (report year taken from the {source})"
    warnings = tuple(w for w in got.warnings if "未能推断报告年份" not in w)
    return Report(got.path, got.items, year, got.region, (*warnings, note), source, got.text)


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
