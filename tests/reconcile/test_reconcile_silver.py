"""Hand verdicts on 611 targets of 72 report pairs (tests/reconcile/silver, annotated from the texts
alone): the share of targets paired with the annotated result and given the annotated verdict.

First 23 pairs, before any rule was written against them (commit 9979177): pairing 71.2%, verdict
74.5%; after: 81.7% / 88.0%. With 11 more national pairs annotated before tuning (commit 94a1d20):
78.3% / 83.8% over all 34 (the new pairs alone 69.5% / 73.2%); after the rules written on them:
87.9% / 91.0%; after the extractor found national 2020's and 2012's whole targets paragraphs:
90.3% / 94.5%. With the 17 remaining province pairs annotated before tuning: 83.7% / 88.7% over all
51 (the new pairs alone 72.3% / 78.5%); after the rules written on them: 88.2% / 93.1%. A fourth batch beyond the issue's scope
(national 1992–2004, the city series of 驻马店) is held to bars of its own (README.md keeps the table). The bars sit a little under the
present figures so that a change that loses ground fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("silver_score", Path(__file__).with_name("silver_score.py"))
silver_score = sys.modules.setdefault("silver_score", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(silver_score)
CORPUS, score = silver_score.CORPUS, silver_score.score

pytestmark = pytest.mark.shared


def _in_scope(name: str) -> bool:
    """Issue 9's scope: national pairs from 2005 on and the provinces' 2025 → 2026."""
    region, year = name.rsplit("-", 1)
    if region == "national":
        return int(year) >= 2005
    return (CORPUS / "province" / f"{region}-{year}.txt").exists()


@pytest.mark.parametrize(("scope", "least", "bars"), [
    ("issue", 467, (0.87, 0.92)),  # 88.7% / 93.1% now
    ("beyond", 144, (0.57, 0.62)),  # national 1992–2004 and 驻马店: 59.7% / 65.3% now
])
def test_reconcile_pairs_and_judges_the_hand_checked_targets(scope, least, bars):
    if not CORPUS.is_dir():
        pytest.fail(f"{CORPUS} is missing: ../shared must sit beside the checkout")
    outcomes = [o for o in score() if _in_scope(o.name) == (scope == "issue")]
    n = len(outcomes)
    assert n >= least
    pairing = sum(o.paired for o in outcomes) / n
    verdict = sum(o.verdict_ok for o in outcomes) / n
    assert pairing >= bars[0], f"pairing {pairing:.1%}"
    assert verdict >= bars[1], f"verdict {verdict:.1%}"


@pytest.mark.parametrize("folder", ["silver", "silver_second"])
def test_the_silver_files_are_valid(folder):
    import subprocess

    check = Path(__file__).parent / "silver" / "check.py"
    out = subprocess.run([sys.executable, str(check), str(CORPUS), str(Path(__file__).parent / folder)],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    assert " 0 failing" in out.stdout, out.stdout
