"""Debian's chromium driven by Playwright, shared by every browser test (the ``browser`` fixture).

Never downloads a browser: it launches /usr/bin/chromium with the flags this machine needs
(no sandbox as root, no GPU, no background networking on a closed network).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def launched(monkeypatch):
    """Yield a launched chromium; close it, and this thread's database connections, afterwards."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright import sync_api

    # Playwright's sync API runs an event loop in this thread; the test's own ORM reads are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        from django.db import connections

        connections.close_all()  # or PostgreSQL refuses to drop the test database
        b.close()
