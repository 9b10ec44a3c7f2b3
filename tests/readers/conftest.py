"""Fixtures for the reader tests: the makers of ``readers_fixtures`` and the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from readers_fixtures import Makers

SHARED = (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()


@pytest.fixture
def make(tmp_path: Path) -> Makers:
    return Makers(tmp_path)


@pytest.fixture
def corpus() -> Path:
    """The shared corpus; skips only when the shared folder is absent from this checkout."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"{SHARED} is absent (the shared corpus lives beside the checkout)")
    return SHARED / "corpus"
