"""Fixtures for the reconciliation tests.

Tests that read the corpus or the gold files take the ``shared`` fixture: it skips only when the
shared folder is absent from this checkout (``../shared`` beside the repository), never to hide a
failure in a folder that is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (the shared corpus and gold files live beside the checkout)")
    return SHARED


@pytest.fixture
def gold(shared: Path) -> Path:
    return shared / "gold" / "dev"
