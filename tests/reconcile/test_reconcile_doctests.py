"""The ``>>>`` examples in the reconcile modules are tests too."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["luoshi.reconcile", "luoshi.reconcile.catalogue", "luoshi.reconcile.units", "luoshi.reconcile.matching",
           "luoshi.reconcile.verdict", "luoshi.reconcile.table", "luoshi.reconcile.sources", "luoshi.reconcile.render",
           "luoshi.reconcile.wording", "luoshi.reconcile.answers", "luoshi.reconcile.rows"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
