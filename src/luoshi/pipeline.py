"""extract(document): read -> normalise -> segment -> match -> build.

The one place that walks a document top to bottom: it keeps the running part (review/plan), hands
each block's quantities to ``commitments.build`` and maps every span back to the original text.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from luoshi.commitments.build import Draft, block_drafts
from luoshi.commitments.context import PLAN, REVIEW, PartTracker, sentence_part
from luoshi.commitments.filters import slogan_spans
from luoshi.commitments.projects import project_blocks, project_names
from luoshi.commitments.ranks import scan_ranks
from luoshi.commitments.tasks import task_spans
from luoshi.commitments.worded import ListState, outline_year, worded_targets
from luoshi.docmeta import infer_region, infer_year
from luoshi.grammar.quantities import scan
from luoshi.model import Commitment, Extraction
from luoshi.normalize import Canonical, canonicalize
from luoshi.segment import blocks, heading_title, is_furniture, is_page_counter

_PART_LEVELS = (1, 2)


def extract_text(text: str, *, year: int | None = None, region: str | None = None) -> Extraction:
    """Extract every commitment from ``text``; offsets index ``text`` itself.

    ``year`` is the report year (targets are for it, results for the year before); when None it
    is inferred from the title or dateline, and a warning says so when that fails. ``region`` None
    or ``"auto"`` is read from the text (who speaks, or the division it names most), with a warning
    when it cannot be.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_text needs str, got {type(text).__name__}")
    canon = canonicalize(text)
    warnings: list[str] = []
    if year is not None:
        year_source = "given"
        read, source = infer_year(canon.text)
        if read is not None and read != year and source in ("title", "回顾"):
            warnings.append(f"正文显示这是{read}年的报告（据{'标题' if source == 'title' else '工作回顾'}），"
                            f"但指定的年份是{year}；请核对 --year "
                            f"(the text reads as the report of {read}, but the year given is {year}; check --year)")
    else:
        year, year_source = infer_year(canon.text)
        if year is None:
            warnings.append("未能推断报告年份，年份字段为空；请用 --year 指定 "
                            "(report year could not be inferred; pass --year)")
    if region is None or region == "auto":
        region = infer_region(canon.text)
        if region is None:
            warnings.append("未能从正文推断地区，地区字段为空；请用 --region 指定 "
                            "(region could not be read from the text; pass --region)")
    items = _items(canon, year, region)
    return Extraction(items=tuple(items), year=year, year_source=year_source, region=region,
                      warnings=tuple(warnings))


def _items(canon: Canonical, year: int | None, region: str | None) -> list[Commitment]:
    text = canon.text
    blks = blocks(text)
    found = [(q, None) for q in scan(text)] + scan_ranks(text)
    found.sort(key=lambda t: t[0].start)
    starts = [q.start for q, _ in found]
    slogans = slogan_spans(text)
    tracker = PartTracker(year)
    out: list[Commitment] = []
    project_lines = {id(line): head for head, line in project_blocks(blks)}
    targets_list = ListState()
    outline: int | None = None  # the last year of a five-year plan whose goals the paragraphs set out
    for blk in blks:
        if blk.heading_level is not None:
            tracker.see_heading(heading_title(blk.text), blk.heading_level)
            if blk.heading_level == 1:
                outline = None
        else:
            tracker.see_paragraph(blk.text)
            if outline is not None and sentence_part(REVIEW, blk.text, year) == PLAN:
                outline = None  # 今年… / 今年经济社会发展主要预期目标是: the year itself again
            outline = outline_year(blk.text, year) or outline
            if outline is not None:
                tracker.part = PLAN
        if id(blk) in project_lines:
            for name, start in project_names(blk):
                out.append(_commit_project(canon, name, start, year, region, blk.section))
            continue
        if is_page_counter(blk.text):
            continue
        lo = bisect.bisect_left(starts, blk.start)
        hi = bisect.bisect_left(starts, blk.end)
        qs = [t for t in found[lo:hi] if t[0].end <= blk.end]
        drafts = block_drafts(text, blk, qs, tracker.part, year, slogans) if qs else []
        figures = [(d.start, d.end) for d in drafts]
        listed = len(targets_list.spans)
        worded = list(worded_targets(blk, figures, targets_list, year))
        horizons = list(zip(targets_list.spans[listed:], targets_list.years[listed:], strict=True))
        for d in drafts:
            _five_year(d, year, outline, horizons)
            out.append(_commit(canon, d, region, blk.section))
        for start, end, name, target_year in worded:
            out.append(_commit_named(canon, "target", name, start, end, target_year, region, blk.section,
                                     "worded-target"))
        if tracker.part == PLAN and not is_furniture(blk.text):
            for start, end, name in task_spans(blk, figures + [(s, e) for s, e, _, _ in worded]):
                out.append(_commit_named(canon, "task", name, start, end, year, region, blk.section, "task"))
    return out


def _five_year(d: Draft, year: int | None, outline: int | None,
               horizons: list[tuple[tuple[int, int], int | None]]) -> None:
    """A target of a five-year plan's goals (“十五五”时期…主要目标是：…年均增长5%左右) is for the plan's
    last year, not the report's, unless its own sentence names another year."""
    if d.kind != "target" or year is None or d.year != year:
        return
    horizon = next((y for (a, b), y in horizons if a <= d.start < b), None) or outline
    if horizon is not None and horizon > year:
        d.year = horizon


def _commit(canon: Canonical, d: Draft, region: str | None, section: tuple[str, ...]) -> Commitment:
    start, end = canon.to_original(d.start, d.end)
    return Commitment(
        kind=d.kind,
        indicator=d.indicator,
        value=d.q.value,
        value_max=d.q.value_max,
        unit=d.unit,
        comparator=d.comparator,
        qualifier=d.qualifier,
        year=d.year,
        text=canon.original[start:end],
        start=start,
        end=end,
        raw_value=d.q.raw_value,
        section=section,
        region=region,
        rule=d.rule,
    )


def _commit_project(canon: Canonical, name: str, cstart: int, year: int | None, region: str | None,
                    section: tuple[str, ...]) -> Commitment:
    return _commit_named(canon, "project", name, cstart, cstart + len(name), year, region, section, "project-list")


def _commit_named(canon: Canonical, kind: str, name: str, cstart: int, cend: int, year: int | None,
                  region: str | None, section: tuple[str, ...], rule: str) -> Commitment:
    """A commitment without a figure: a named project or an unquantified task."""
    start, end = canon.to_original(cstart, cend)
    return Commitment(kind=kind, indicator=name, value=None, unit=None, comparator=None, year=year,
                      text=canon.original[start:end], start=start, end=end, section=section, region=region,
                      rule=rule)


def report_parts(text: str, year: int | None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(review spans, targets-list spans) of ``text``, offsets into ``text``: where report N+1 says how
    last year went, and where report N lists its main targets. The reconciliation reads statements
    without a figure there; it walks the blocks as ``extract_text`` does, without scanning figures."""
    canon = canonicalize(text)
    tracker = PartTracker(year)
    state = ListState()
    review: list[tuple[int, int]] = []
    for blk in blocks(canon.text):
        if blk.heading_level is not None:
            tracker.see_heading(heading_title(blk.text), blk.heading_level)
        else:
            tracker.see_paragraph(blk.text)
        if tracker.part == REVIEW:  # a heading too: （一）内需潜力持续释放。消费潜能… runs on into its paragraph
            review.append(canon.to_original(blk.start, blk.end))
        for _ in worded_targets(blk, [], state, year):
            pass
    return review, [canon.to_original(a, b) for a, b in state.spans]


def extract_document(doc, *, year: int | None = None, region: str | None = None) -> Extraction:
    """Extract from a ``luoshi.readers.Document``; offsets index ``doc.text``."""
    return extract_text(doc.text, year=year, region=region)


def extract_file(path: str | Path, *, year: int | None = None, region: str | None = None) -> Extraction:
    from luoshi.readers import read_path

    return extract_document(read_path(path), year=year, region=region)
