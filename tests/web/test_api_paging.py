"""The commitment list of the API is paged: a hierarchy's 40,000 rows never go out in one response."""

from __future__ import annotations

import pytest

from .conftest import make_commitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(world):
    for i in range(7):
        make_commitment(world.internal_report, 10 + i, f"指标{i}", i + 1)
    return world


def test_pages_follow_the_link_header_to_the_end(many):
    client = many.client(many.su)
    url, seen, pages = f"/api/commitments/?report={many.internal_report.pk}&limit=4", [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        total = int(response["X-Total-Count"])
        seen += [row["id"] for row in response.json()]
        pages += 1
        link = response.headers.get("Link", "")
        url = link[1:link.index(">")].replace("http://testserver", "") if link else ""
    assert total == 10 and pages == 3 and len(seen) == len(set(seen)) == 10  # 3 commitments of the fixture + 7


def test_the_default_page_and_the_bounds(many):
    client = many.client(many.su)
    response = client.get(f"/api/commitments/?report={many.internal_report.pk}")
    assert len(response.json()) == 10 and "Link" not in response  # under the default of 500: one page
    for bad in ("limit=0", "limit=2001", "offset=-1", "limit=lots"):
        response = client.get(f"/api/commitments/?{bad}")
        assert response.status_code == 400 and bad.split("=")[0] in response.content.decode(), bad
    assert client.get("/api/commitments/?offset=100").json() == []
