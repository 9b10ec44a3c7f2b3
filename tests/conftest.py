"""Shared fixtures: where ../shared is (the dev gold, the corpus, the external specs)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the checkout; tests that need it skip only when it is absent."""
    if not (SHARED / "gold" / "dev").is_dir():
        pytest.skip("../shared is not beside this checkout (it holds the gold and the corpus)")
    return SHARED
