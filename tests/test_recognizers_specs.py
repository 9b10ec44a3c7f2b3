"""The number grammar against a peer's test suite: Microsoft Recognizers-Text Chinese specs.

Their semantics differ from luoshi's in places (折 discounts, negative numbers, ranges written
with 最多/最少, numbers inside dates), so the figure that matters is the pass rate on the cases
both grammars mean the same way; it is pinned so that a regression fails, and an improvement is
noticed when the floor is raised.
"""

from __future__ import annotations

import contextlib
import json
from decimal import Decimal, InvalidOperation

import pytest

from luoshi.grammar.numbers import NumberError, parse_number
from luoshi.grammar.quantities import scan
from luoshi.normalize import canonicalize

SPECS = "external/recognizers-text-specs"
# measured on this grammar; raise when the grammar improves
FLOORS = {"Number_Chinese_NumberModel": 0.85, "NumberWithUnit_Chinese_CurrencyModel": 0.95}


def _cases(shared, name: str):
    data = json.loads((shared / SPECS / f"{name}.json").read_text(encoding="utf-8"))
    return [c for c in data if not c.get("NotSupported") and not c.get("NotSupportedByDesign")]


def _expected(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError):
        return None  # ranges, fractions: other semantics


def number_pass_rate(shared) -> tuple[float, int]:
    ok = total = 0
    for case in _cases(shared, "Number_Chinese_NumberModel"):
        for r in case["Results"]:
            want = _expected(r["Resolution"].get("value"))
            if want is None or want < 0:
                continue
            total += 1
            with contextlib.suppress(NumberError):
                ok += parse_number(canonicalize(r["Text"]).text) == want
    return ok / total, total


def currency_pass_rate(shared) -> tuple[float, int]:
    ok = total = 0
    for case in _cases(shared, "NumberWithUnit_Chinese_CurrencyModel"):
        for r in case["Results"]:
            want = _expected(r["Resolution"].get("value"))
            if want is None:
                continue
            total += 1
            found = scan(canonicalize(r["Text"]).text)
            ok += bool(found) and found[0].value == want
    return ok / total, total


def test_number_model_pass_rate_does_not_regress(shared):
    rate, total = number_pass_rate(shared)
    assert total > 200
    assert rate >= FLOORS["Number_Chinese_NumberModel"], f"{rate:.2%} of {total}"


def test_currency_model_pass_rate_does_not_regress(shared):
    rate, total = currency_pass_rate(shared)
    assert rate >= FLOORS["NumberWithUnit_Chinese_CurrencyModel"], f"{rate:.2%} of {total}"


@pytest.mark.parametrize("text, value", [("两千四百五", 2450), ("肆佰陆拾", 460), ("10万万", 10**9)])
def test_peer_cases_we_fixed_stay_fixed(text, value):
    assert parse_number(text) == value
