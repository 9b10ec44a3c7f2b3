"""The examples in the readers' docstrings are tests of their small helpers."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["luoshi.readers.layout", "luoshi.readers.encoding", "luoshi.readers.docx_numbering",
           "luoshi.readers.pdf_layout"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples left"
    assert result.failed == 0
