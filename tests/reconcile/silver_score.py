"""Score ``luoshi reconcile`` against the hand verdicts of ``tests/reconcile/silver`` (issue 9).

Per annotated target: **pairing** is right when the row pairs the annotated result (its span
overlaps the annotated one in report N+1; a blanket sentence counts as paired with itself) or both
say 沉默; **verdict** is right when the verdicts are equal. A target the tool lists no row for is
wrong on both. Run by hand (``python tests/reconcile/silver_score.py [-v] [name ...]``; names such as
``national-2005`` score only those files, so a new batch can be measured alone before any rule is
tuned on it) or through ``test_reconcile_silver.py``, which holds the bars.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

SILVER = Path(__file__).parent / "silver"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


@dataclass
class Outcome:
    name: str
    target: str
    want: tuple[str | None, str]  # (result text, verdict)
    got: tuple[str | None, str] | None  # None: no row for this target
    paired: bool
    verdict_ok: bool


def _all(text: str, needle: str, after: int = 0) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` from ``after`` on (from the start when none is after it)."""
    spans, i = [], text.find(needle, after)
    if i < 0 and after:
        return _all(text, needle)
    while i >= 0:
        spans.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return spans


def _row_at(rows, span: tuple[int, int]):
    for r in rows:
        spans = [(r.target.start, r.target.end)] + [(x.start, x.end) for x in r.restated]
        if any(a < span[1] and span[0] < b for a, b in spans):
            return r
    return None


def score_pair(path: Path, corpus: Path = CORPUS) -> list[Outcome]:
    from luoshi.reconcile import reconcile
    from luoshi.reconcile.sources import load_pair

    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    region = None if spec["targets_file"].startswith("national/") else spec["targets_file"].split("/")[-1].rsplit("-", 1)[0]
    first, second, year = load_pair(corpus / spec["targets_file"], corpus / spec["results_file"], year=spec["year"],
                                    region=region or "全国")
    rows = reconcile(first.items, second.items, year=year, region=region, targets_text=first.text,
                     results_text=second.text)
    out: list[Outcome] = []
    cursor = 0
    for t in spec["targets"]:
        # The target's words may stand earlier as last year's result (预计地区生产总值增长6%左右 in the
        # review, 地区生产总值增长6%左右 in the targets list): take the first occurrence from the cursor
        # that a row covers, else the first one.
        row, first_span = None, None
        for span in _all(first.text, t["target"], cursor):
            first_span = first_span or span
            row = _row_at(rows, span)
            if row is not None:
                cursor = span[0]
                break
        else:
            if first_span is not None:
                cursor = first_span[0]
        want = (t["result"], t["verdict"])
        if row is None:
            out.append(Outcome(path.stem, t["target"], want, None, False, False))
            continue
        got = (row.result.text if row.result else None, row.verdict)
        if t["result"] is None or row.result is None:
            paired = t["result"] is None and row.result is None
        else:
            paired = any(row.result.start < b and a < row.result.end for a, b in _all(second.text, t["result"]))
        out.append(Outcome(path.stem, t["target"], want, got, paired, row.verdict == t["verdict"]))
    return out


def score(folder: Path = SILVER, corpus: Path = CORPUS, names: list[str] | None = None) -> list[Outcome]:
    """All silver pairs, or only the files whose stem is in ``names``."""
    files = sorted(folder.glob("*.yaml"))
    if names:
        missing = set(names) - {f.stem for f in files}
        if missing:
            raise SystemExit(f"no silver file {sorted(missing)} in {folder}: give stems such as national-2005")
        files = [f for f in files if f.stem in names]
    return [o for f in files for o in score_pair(f, corpus)]


def main(argv: list[str]) -> int:
    outcomes = score(names=[a for a in argv if not a.startswith("-")])
    n = len(outcomes)
    paired = sum(o.paired for o in outcomes)
    verdict = sum(o.verdict_ok for o in outcomes)
    if "-v" in argv:
        for o in outcomes:
            if not (o.paired and o.verdict_ok):
                print(f"{o.name:14} {o.target[:26]:28} want {o.want[1]:4} {str(o.want[0])[:26]:28} "
                      f"got {(o.got or (None, '无行'))[1]:4} {str((o.got or (None,))[0])[:30]}")
    by = Counter()
    for o in outcomes:
        by[o.name.split("-")[0] == "national"] += 1
    print(f"{n} targets in {len({o.name for o in outcomes})} pairs: pairing {paired / n:.1%} ({paired}), "
          f"verdict {verdict / n:.1%} ({verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
