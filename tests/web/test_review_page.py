"""The import review page at hundreds of items (issue 13, finding 8): numbers over 99 written in
full, merge keeping the value the reviewer chooses, 确认导入 in a bar that stays in view, a filter by
kind, likely noise flagged with its reason, and the items paged."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi_web.reports import review, services
from luoshi_web.reports.models import ImportDraft

pytestmark = pytest.mark.django_db

NOISE_LINES = [
    "株洲608所AES100发动机技术成果加速转化应用。",
    "地区生产总值达到5.53万亿元，地区生产总值迈上5万亿。",
]


def big_report(n: int = 130) -> str:
    """A report of 2n+ items with distinct indicators: n results, n targets, the noise lines' items, tasks."""
    lines = ["湖南省2026年政府工作报告", "", "一、2025年工作回顾", ""]
    lines += [f"第{k}片区园区产值增长{k % 9 + 1}.{k % 10}%。" for k in range(1, n + 1)]
    lines += [*NOISE_LINES, "", "二、2026年主要目标", ""]
    lines += [f"第{k}片区新增就业{k * 100}人以上。" for k in range(1, n + 1)]
    lines += ["确保城镇调查失业率总体稳定。", "确保碳达峰目标如期实现。"]
    return "\n".join(lines) + "\n"


def big_draft(world, n: int = 130) -> ImportDraft:
    f = SimpleUploadedFile("湖南省2026年政府工作报告.txt", big_report(n).encode(), content_type="text/plain")
    return services.import_draft_create(user=world.su, region=world.hunan, upload=f, year=2026)


def get(world, draft, query: str = "", **headers) -> str:
    response = world.client(world.su).get(reverse("import_review", args=[draft.pk]) + query, **headers)
    assert response.status_code == 200
    return response.content.decode()


def shown_items(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li id="item-(\d+)"', page)]


def test_the_big_report_has_more_than_240_items(world):
    assert len(big_draft(world).items) >= 240


def test_row_numbers_over_99_keep_all_their_digits(world):
    draft = big_draft(world)
    page = get(world, draft, "?page=3")
    assert shown_items(page)[0] == 100
    assert re.search(r'<span class="n"[^>]*>101</span>', page)
    last = get(world, draft, f"?item={len(draft.items) - 1}")
    assert re.search(rf'<span class="n"[^>]*>{len(draft.items)}</span>', last)


def test_the_items_are_paged_and_every_item_is_on_some_page(world):
    draft = big_draft(world)
    first = get(world, draft)
    assert len(shown_items(first)) == review.PAGE_SIZE
    assert 'id="review-pager"' in first
    seen = []
    pages = -(-len(draft.items) // review.PAGE_SIZE)
    for p in range(1, pages + 1):
        seen += shown_items(get(world, draft, f"?page={p}"))
    assert seen == list(range(len(draft.items)))
    # every highlighted span still links to its item, on the page that holds it
    assert f'href="?item={len(draft.items) - 1}#item-{len(draft.items) - 1}"' in first


def test_confirm_is_in_the_bar_at_the_top_of_the_items(world):
    page = get(world, big_draft(world))
    bar = page.index('id="review-bar"')
    top = page.index('id="confirm-import-top"')
    assert bar < top < page.index('<ol class="items">')
    assert re.search(r'<button form="confirm"[^>]*id="confirm-import-top"', page)


@pytest.mark.parametrize("kind", ["target", "result", "task", "noise"])
def test_the_filter_shows_one_kind(world, kind):
    draft = big_draft(world)
    page = get(world, draft, f"?kind={kind}")
    shown = shown_items(page)
    noise = review.noise_reasons(draft.items)
    expected = [i for i, it in enumerate(draft.items) if (i in noise if kind == "noise" else it["kind"] == kind)]
    assert shown == expected[: review.PAGE_SIZE] and shown
    assert f'data-kind="{kind}" aria-current="true"' in page


def test_an_edit_keeps_the_filter_and_page(world):
    draft = big_draft(world)
    targets = [i for i, it in enumerate(draft.items) if it["kind"] == "target"]
    index = targets[review.PAGE_SIZE + 1]  # on page 2 of 目标
    url = reverse("import_review_action", args=[draft.pk, "delete"]) + "?kind=target&page=2"
    page = world.client(world.su).post(url, {"index": index}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-kind="target"' in page and 'data-page="2"' in page
    assert len(ImportDraft.objects.get(pk=draft.pk).items) == len(draft.items) - 1


def test_likely_noise_is_flagged_on_the_page_with_its_reason(world):
    draft = big_draft(world)
    page = get(world, draft, "?kind=noise")
    flagged = shown_items(page)
    texts = [draft.items[i]["text"] for i in flagged]
    assert any("608所" in t for t in texts) and any("迈上5万亿" in t for t in texts)
    assert not any("5.53万亿元" in t for t in texts)  # the exact figure is not noise
    assert page.count('class="item noise"') == len(flagged)
    assert "名称的一部分" in page and "整数关口" in page


SOURCE = "城镇新增就业70万人，粮食产量615亿斤。"
PAIR = [
    {"kind": "target", "indicator": "城镇新增就业", "value": "700000", "unit": "人", "comparator": "min",
     "start": 0, "end": 10, "text": SOURCE[0:10]},
    {"kind": "target", "indicator": "粮食产量", "value": "61500000000", "unit": "斤", "comparator": "approx",
     "qualifier": "左右", "start": 11, "end": 21, "text": SOURCE[11:21]},
]


@pytest.mark.parametrize(("keep", "value", "unit"), [("first", "700000", "人"), ("second", "61500000000", "斤")])
def test_merge_keeps_the_value_the_reviewer_chooses(keep, value, unit):
    (merged,) = review.merge_with_next(PAIR, 0, SOURCE, keep)
    assert (merged["value"], merged["unit"], merged["indicator"]) == (value, unit, "城镇新增就业")
    assert merged["text"] == SOURCE[0:21]


def test_merge_through_the_page_offers_both_values(world):
    f = SimpleUploadedFile("r.txt", "2024年目标：城镇新增就业70万人，粮食产量615亿斤。\n".encode(), content_type="text/plain")
    draft = services.import_draft_create(user=world.su, region=world.hunan, upload=f, year=2024)
    page = get(world, draft)
    assert "第 1 项：70万人" in page and "第 2 项：615亿斤" in page
    url = reverse("import_review_action", args=[draft.pk, "merge"])
    world.client(world.su).post(url, {"index": 0, "keep": "second"}, HTTP_HX_REQUEST="true")
    (merged,) = ImportDraft.objects.get(pk=draft.pk).items
    assert merged["value"] == "61500000000" and merged["unit"] == "斤"


def test_merge_refuses_an_unknown_choice():
    with pytest.raises(Exception, match="保留"):
        review.merge_with_next(PAIR, 0, SOURCE, "both")


def item(indicator: str, value: str | None, unit: str, text: str, *, raw: str | None = None, kind: str = "result",
         qualifier: str | None = None) -> dict:
    return {"kind": kind, "indicator": indicator, "value": value, "unit": unit, "text": text,
            "raw_value": raw if raw is not None else value, "qualifier": qualifier}


# item, and the words its reason contains (None: not noise)
NOISE = [
    (item("", "11000000", "人", "1100多万人", raw="1100多万"), "没有指标名称"),
    (item("株洲AES100发动机技术成果加速转化应用", "608", "所", "株洲608所AES100发动机技术成果加速转化应用"), "名称的一部分"),
    (item("地区生产总值", "5000000000000", "元", "地区生产总值迈上5万亿", raw="5万亿", qualifier="迈上"), "整数关口"),
    (item("新增1个经济总量", "100000000000", "个", "新增1个经济总量近千亿", raw="千亿"), "数量级可疑"),
    (item("帮扶学校", "217", "所", "基础教育对口帮扶217所学校"), None),  # a count of schools
    (item("粮食产量", "1400000000000", "斤", "粮食产量首次跃上1.4万亿斤", raw="1.4万亿", qualifier="跃上"), None),  # exact enough
    (item("粮食产量", "62000000000", "斤", "粮食产量突破620亿斤", raw="620亿", qualifier="突破"), None),
    (item("建成5G基站", "206000", "个", "建成5G基站20.6万个", raw="20.6万"), None),  # 5G: a name before the number
    (item("办好民生实事", None, "", "办好十件重点民生实事", kind="task"), None),
]


@pytest.mark.parametrize(("it", "reason"), NOISE, ids=[n[0]["text"] for n in NOISE])
def test_noise_rule(it, reason):
    got = review.noise_reasons([it])
    if reason is None:
        assert got == {}
    else:
        assert reason in " ".join(got[0])


def test_a_restated_indicator_is_flagged_on_the_second_item_only():
    a = item("城镇调查失业率", "5.5", "%", "城镇调查失业率5.5%左右", kind="target")
    b = dict(a)
    other = item("城镇调查失业率", "5.1", "%", "城镇调查失业率平均为5.1%")  # a result: another kind
    got = review.noise_reasons([a, other, b])
    assert list(got) == [2] and "第 1 项" in got[2][0]
