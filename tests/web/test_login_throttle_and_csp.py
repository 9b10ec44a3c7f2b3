"""Login throttling and the Content Security Policy (issue 10, finding 8).

Five wrong passwords lock the user name (from that address): the right password is then refused
with a page saying so in Chinese or English, until an administrator unlocks it in the admin.
Every page carries a CSP allowing this site's scripts and a nonce'd inline script only; no
template has an inline event handler or style, and the dashboard's ECharts draw under it in
chromium with no policy violation.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from .chromium import open_page, shot

pytestmark = pytest.mark.django_db

PASSWORD = "right-pass-phrase-42"


@pytest.fixture
def person(world):
    user = world.rita
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_the_right_password_after_five_wrong_ones_is_refused_with_a_lockout_page(person, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, person.username, "wrong").status_code == 200  # the form again, with an error
    locked = _login(client, person.username, "wrong")
    assert locked.status_code == 429 and "登录已暂停" in locked.content.decode()
    again = _login(client, person.username, PASSWORD)
    page = again.content.decode()
    assert again.status_code == 429 and "_auth_user_id" not in client.session
    assert "连续 5 次输入错误的密码" in page and "15 分钟后再试" in page and "联系管理员" in page
    # another address is not locked out by these failures
    assert Client().post(reverse("login"), {"username": person.username, "password": PASSWORD},
                         REMOTE_ADDR="10.0.0.8").status_code == 302


def test_the_lockout_page_speaks_english(person, settings):
    client = Client(headers={"accept-language": "en"})
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, person.username, "wrong")
    page = _login(client, person.username, PASSWORD).content.decode()
    assert "Login suspended" in page and "administrator" in page


def test_an_administrator_unlocks_in_the_admin(person, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), person.username, "wrong")
    assert _login(Client(), person.username, PASSWORD).status_code == 429
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "admin-pass-phrase-1")
    staff = Client()
    staff.force_login(admin)
    listing = staff.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and person.username in listing.content.decode()
    from axes.models import AccessAttempt

    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    staff.post("/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert not AccessAttempt.objects.exists()
    assert _login(Client(), person.username, PASSWORD).status_code == 302


def test_a_success_clears_the_count(person, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, person.username, "wrong")
    assert _login(client, person.username, PASSWORD).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(Client(), person.username, "wrong").status_code == 200
    assert _login(Client(), person.username, PASSWORD).status_code == 302


def test_pages_carry_the_policy_and_the_inline_script_its_nonce(world):
    client = world.client(world.su)
    response = client.get(reverse("report_list"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    from django.core.files.uploadedfile import SimpleUploadedFile

    f = SimpleUploadedFile("r.txt", "2024年湖南省政府工作报告\n\n地区生产总值增长6%左右。\n".encode())
    review = client.post(reverse("import_upload"), {"region": world.hunan.pk, "file": f, "year": "2024"}, follow=True)
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", review["Content-Security-Policy"]).group(1)
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", review.content.decode())
    assert inline and all(f'nonce="{nonce}"' in attrs or "application/json" in attrs for attrs in inline)


def test_no_template_needs_unsafe_inline():
    """Inline handlers (onclick=...), style attributes, <style> blocks and inline scripts without a
    nonce would be blocked by the policy: none may be written in a template."""
    from pathlib import Path

    import luoshi_web

    offenders = []
    for template in (Path(luoshi_web.__file__).parent / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in (r"\son[a-z]+\s*=", r"\sstyle\s*=", r"<style\b", r"javascript:",
                        r"<script(?![^>]*\b(?:src|nonce)=)(?![^>]*application/(?:ld\+)?json)[^>]*>"):
            offenders += [f"{template.name}: {m.group(0)}" for m in re.finditer(pattern, text, re.I)]
    assert not offenders, offenders


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_charts_render_under_the_policy(live_server, province, browser):
    from .test_dashboard_fixtures import DAY

    w = province.world
    page = open_page(browser, user="su", base=live_server.url)
    violations, console = [], []
    page.on("console", lambda m: console.append(m.text) if m.type in {"error", "warning"} else None)
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))")
    for path in (f"/dashboard/{w.hunan.pk}/2024/?as_of={DAY.isoformat()}", "/commitments/", f"/public/{w.hunan.pk}/2024/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        violations += page.evaluate("window.__csp || []")
    page.goto(f"{live_server.url}/dashboard/{w.hunan.pk}/2024/?as_of={DAY.isoformat()}")
    page.wait_for_selector('[data-chart="trend"][data-rendered="true"]')
    assert page.locator('[data-chart][data-rendered="true"]').count() == 4
    assert page.locator('[data-chart="status"] svg path').count() > 0
    page.hover('[data-chart="status"] svg path', force=True)  # the tooltip is styled through the DOM too
    violations += page.evaluate("window.__csp || []")
    shot(page, "10-dashboard-under-csp")
    assert not violations, violations
    assert not [m for m in console if "Content Security Policy" in m], console
    # the language switch (data-autosubmit, no inline handler) still works
    with page.expect_navigation():  # the form posts itself; wait for the page it leads to, not the old one
        page.select_option("select[name=language]", "en")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
