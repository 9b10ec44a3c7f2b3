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


PHONE = {"width": 390, "height": 844}


def open_page(browser, base: str = "", user: str | None = None, *, viewport=None, locale: str = "zh-CN"):
    """A new page (desktop 1400×900 unless ``viewport``), logged in as ``user`` when one is given."""
    viewport = viewport or {"width": 1400, "height": 900}
    context = browser.new_context(viewport=viewport, locale=locale, is_mobile=viewport == PHONE, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(20_000)
    if user:
        page.goto(f"{base}/login/")
        page.fill("input[name=username]", user)
        page.fill("input[name=password]", f"pw-{user}-123456")
        page.click("form.card button[type=submit]")
        page.wait_for_load_state()
    return page


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
