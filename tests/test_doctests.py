"""The examples in docstrings are tests too."""

import doctest
import importlib

import pytest

MODULES = ["luoshi", "luoshi.model", "luoshi.grammar.numbers", "luoshi.textwidth", "luoshi.commitments.worded"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
