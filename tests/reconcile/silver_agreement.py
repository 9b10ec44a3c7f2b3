"""How far two hand annotations of the same report pairs agree, and how the tool scores against the
second one (issue 9's hidden verdicts are another annotator's, so this is the nearest estimate of
what a second reader of the same reports will accept).

``python tests/reconcile/silver_agreement.py`` compares every file of ``silver_second/`` with the file
of the same name in ``silver/``. Entries are matched by the overlap of their target spans in report
N; **pairing** agrees when both give no result, or their results overlap in report N+1 (a blanket
sentence counts as itself); **verdict** agrees when the verdicts are equal. An entry of one
annotation that no entry of the other overlaps counts as a disagreement on both.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from silver_score import CORPUS, score  # noqa: E402 - a script beside this one
from silver_score import _all as _spans  # noqa: E402

FIRST, SECOND = HERE / "silver", HERE / "silver_second"


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x < d and c < y for x, y in a for c, d in b)


def agreement(first: Path, second: Path, corpus: Path = CORPUS) -> tuple[int, int, int]:
    """(entries, pairing agreements, verdict agreements) over the entries of ``second``."""
    a, b = (yaml.safe_load(p.read_text(encoding="utf-8")) for p in (first, second))
    targets = (corpus / b["targets_file"]).read_text(encoding="utf-8")
    results = (corpus / b["results_file"]).read_text(encoding="utf-8")
    n = paired = verdict = 0
    for entry in b["targets"]:
        n += 1
        mine = _spans(targets, entry["target"])
        other = next((e for e in a["targets"] if _overlap(mine, _spans(targets, e["target"]))), None)
        if other is None:
            continue
        if entry["result"] is None or other["result"] is None:
            paired += entry["result"] is None and other["result"] is None
        else:
            paired += _overlap(_spans(results, entry["result"]), _spans(results, other["result"]))
        verdict += entry["verdict"] == other["verdict"]
    return n, paired, verdict


def main() -> int:
    files = sorted(SECOND.glob("*.yaml"))
    if not files:
        raise SystemExit(f"no second annotation in {SECOND}")
    total = [0, 0, 0]
    for f in files:
        n, p, v = agreement(FIRST / f.name, f)
        total = [total[0] + n, total[1] + p, total[2] + v]
        print(f"{f.stem:14} {n:3} entries: pairing {p / n:.0%}, verdict {v / n:.0%}")
    n, p, v = total
    print(f"two annotators, {n} entries in {len(files)} pairs: pairing {p / n:.1%} ({p}), verdict {v / n:.1%} ({v})")
    outcomes = score(folder=SECOND)
    m = len(outcomes)
    print(f"luoshi against the second annotation: pairing {sum(o.paired for o in outcomes) / m:.1%}, "
          f"verdict {sum(o.verdict_ok for o in outcomes) / m:.1%} ({m} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
