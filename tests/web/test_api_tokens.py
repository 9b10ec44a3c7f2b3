"""Per-unit API tokens: created and revoked by the region's supervisor, stored as a hash, acting as
their unit and nothing more."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from luoshi_web.apitokens.models import ApiToken
from luoshi_web.apitokens.services import token_create, token_revoke
from luoshi_web.org.access import AccessDenied


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def test_the_page_shows_the_secret_once_and_stores_only_its_hash(world):
    c = world.client(world.su)
    page = c.post("/api-tokens/", {"unit": world.unit_a.pk, "name": "人社业务系统"})
    assert page.status_code == 200
    token = ApiToken.objects.get()
    html = page.content.decode()
    start = html.index('id="token-secret"')
    secret = html[html.index(">", start) + 1:html.index("</code>", start)]
    assert secret.startswith(f"lsk_{token.prefix}_") and len(secret) > 40
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.values().get().values()]
    assert not any(secret in v for v in stored)  # the secret itself is nowhere in the row
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    again = c.get("/api-tokens/").content.decode()
    assert secret not in again and f"lsk_{token.prefix}_" in again and "人社业务系统" in again
    assert Client().get("/api/me", headers=bearer(secret)).json()["unit"] == world.unit_a.name


def test_only_a_supervisor_of_the_units_region_manages_its_tokens(world):
    assert world.client(world.rita).get("/api-tokens/").status_code == 403
    assert world.client(world.rita).post("/api-tokens/", {"unit": world.unit_a.pk, "name": "x"}).status_code == 403
    with pytest.raises(AccessDenied):
        token_create(user=world.hu, unit=world.unit_a, name="外省")
    # the other province's supervisor cannot even pick a Hunan unit on the page
    page = world.client(world.hu).post("/api-tokens/", {"unit": world.unit_a.pk, "name": "外省"})
    assert page.status_code == 400 and not ApiToken.objects.exists()
    new = token_create(user=world.su, unit=world.unit_a, name="系统")
    assert world.client(world.hu).post(f"/api-tokens/{new.token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_a_name_is_required(world):
    page = world.client(world.su).post("/api-tokens/", {"unit": world.unit_a.pk, "name": "  "})
    assert page.status_code == 400 and not ApiToken.objects.exists()


def test_revoked_unknown_and_malformed_tokens_are_401_with_a_json_reason(world):
    new = token_create(user=world.su, unit=world.unit_a, name="系统")
    api = Client()
    assert api.get("/api/me", headers=bearer(new.secret)).status_code == 200
    world.client(world.su).post(f"/api-tokens/{new.token.pk}/revoke/")
    token = ApiToken.objects.get()
    assert token.revoked_at is not None and token.revoked_by == world.su
    for header in (f"Bearer {new.secret}", f"Bearer {new.secret[:-2]}xx", "Bearer lsk_00000000_nope",
                   "Bearer ", "Basic abc", f"Token {new.secret}"):
        r = api.get("/api/me", headers={"Authorization": header})
        assert r.status_code == 401, header
        assert "令牌" in r.json()["detail"] and "token" in r.json()["detail"]
    # a revoked token is refused on the reading routes too, not treated as anonymous
    assert api.get("/api/commitments/", headers=bearer(new.secret)).status_code == 401
    assert [h.history_change_reason for h in token.history.order_by("history_date")] == [
        "创建 API 令牌：系统", "吊销 API 令牌：系统"]


def test_revoking_twice_says_when_it_was_revoked(world):
    new = token_create(user=world.su, unit=world.unit_a, name="系统")
    token_revoke(user=world.su, token=new.token)
    with pytest.raises(Exception, match="已于"):
        token_revoke(user=world.su, token=new.token)


def test_last_use_is_recorded(world):
    new = token_create(user=world.su, unit=world.unit_a, name="系统")
    assert new.token.last_used_at is None
    Client().get("/api/assignments/", headers=bearer(new.secret))
    new.token.refresh_from_db()
    assert new.token.last_used_at is not None
    assert new.token.history.count() == 1  # using it adds no history row


def test_no_api_request_without_a_caller(client, world):
    r = client.get("/api/assignments/")
    assert r.status_code == 401 and "Bearer" in r.json()["detail"]
    assert client.post("/api/progress/", {}, content_type="application/json").status_code == 401
    # an anonymous upload is a 401 in JSON, not the pages' redirect to the login form
    r = client.post("/api/progress/1/evidence", {"files": []})
    assert r.status_code == 401 and "Bearer" in r.json()["detail"]


def test_a_token_acts_as_its_unit_only(world):
    a = Client(headers=bearer(token_create(user=world.su, unit=world.unit_a, name="A").secret))
    b = Client(headers=bearer(token_create(user=world.su, unit=world.unit_b, name="B").secret))
    assert {r["id"] for r in a.get("/api/assignments/").json()} == {world.a_a.pk, world.a_pub.pk}
    assert {r["id"] for r in b.get("/api/assignments/").json()} == {world.a_b.pk}
    body = {"assignment_id": world.a_a.pk, "as_of": "2024-06-30", "value": "30", "narrative": "上半年新增30万人"}
    # unit B does not learn that unit A's internal assignment exists
    r = b.post("/api/progress/", body, content_type="application/json")
    assert r.status_code == 404 and r.json()["detail"]
    # a published commitment exists for everyone, but only its own unit may report on it
    r = b.post("/api/progress/", {**body, "assignment_id": world.a_pub.pk}, content_type="application/json")
    assert r.status_code == 403 and "填报员" in r.json()["detail"]
    assert b.get(f"/api/commitments/{world.c_a.pk}").status_code == 404  # the reading routes agree
    assert a.get(f"/api/commitments/{world.c_a.pk}").status_code == 200
    filed = a.post("/api/progress/", body, content_type="application/json")
    assert filed.status_code == 201
    assert b.get(f"/api/progress/{filed.json()['id']}").status_code == 404
    assert b.get("/api/progress/").json() == []
    # the token's role comes from its unit alone: it supervises nothing
    assert a.get("/api/me").json()["supervised_region_ids"] == []


def test_a_token_of_a_stopped_unit_is_refused(world):
    new = token_create(user=world.su, unit=world.unit_a, name="A")
    world.unit_a.active = False
    world.unit_a.save()
    assert Client().get("/api/me", headers=bearer(new.secret)).status_code == 401


@pytest.mark.browser
def test_browser_a_supervisor_creates_a_token_a_system_files_with_it_then_it_is_revoked(live_server, world, browser):
    """The whole life of a token as people meet it: created on the page (secret shown once), used
    by a unit's system over real HTTP, its report in 待核实, revoked on the page, refused after."""

    from .chromium import open_page, shot
    from .conftest import api_call

    base = live_server.url
    page = open_page(browser, base, "su")
    page.goto(f"{base}/api-tokens/")
    page.select_option("#id_unit", str(world.unit_a.pk))
    page.fill("#id_name", "人社厅业务系统")
    page.click("#token-form button.primary")
    secret = page.inner_text("#token-secret").strip()
    shot(page, "apitokens-created")
    assert secret.startswith("lsk_")

    def call(method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        return api_call(base, secret, method, path, body)

    status, body = call("POST", "/api/progress/", {"assignment_id": world.a_a.pk, "as_of": "2024-06-30",
                                                   "value": "30", "narrative": "系统报送：上半年新增30万人"})
    assert status == 201, body
    page.goto(f"{base}/inbox/")
    assert page.locator(f'tr[data-progress="{body["id"]}"]').count() == 1
    page.goto(f"{base}/api-tokens/")
    assert secret not in page.content()
    page.click("tr[data-token] form button")
    page.wait_for_load_state()
    shot(page, "apitokens-revoked")
    assert "已吊销" in page.inner_text("table.tokens")
    assert call("GET", "/api/me")[0] == 401
    phone = open_page(browser, base, "su", viewport={"width": 390, "height": 844})
    phone.goto(f"{base}/api-tokens/")
    shot(phone, "apitokens-phone")
