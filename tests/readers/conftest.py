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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fresh_venv: builds a venv with its stock pip and installs luoshi into it "
                                       "(about 10 s; deselect with -m 'not fresh_venv')")
