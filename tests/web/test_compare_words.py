"""兑现对照 of targets stated in words and results in words (issue 9): imported through the same
services as an upload, the report page shows a worded target as such, and tells a statement about
the target from a blanket sentence about all of them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from .test_compare import import_report

pytestmark = pytest.mark.django_db

HUBEI_2025 = """湖北省2025年政府工作报告
一、2024年工作回顾
过去一年，全省地区生产总值增长5.7%。
二、2025年工作安排
今年发展主要预期目标是：地区生产总值增长5.5%以上；居民收入增长和经济增长基本同步；国际收支保持基本平衡；完成国家下达的节能减排和环境保护等任务。
"""
HUBEI_2026 = """湖北省2026年政府工作报告
一、2025年工作回顾
过去一年，我们较好完成全年主要目标任务。全省地区生产总值增长5.5%，国际收支基本平衡。
二、2026年工作安排
今年发展主要预期目标是：地区生产总值增长5%左右。
"""

ROW = re.compile(r'<tr id="row-\d+" data-verdict="([^"]*)"[^>]*data-worded="([01])" data-evidence="([a-z]+)">')


def test_worded_targets_are_imported_and_reconciled_with_their_evidence_shown(client, world):
    first = import_report(world.hu, world.hubei, 2025, HUBEI_2025)
    import_report(world.hu, world.hubei, 2026, HUBEI_2026)
    worded = first.commitments.filter(rule="worded-target").order_by("position")
    assert [(c.kind, c.value, c.text) for c in worded] == [
        ("target", None, "居民收入增长和经济增长基本同步"), ("target", None, "国际收支保持基本平衡"),
        ("target", None, "完成国家下达的节能减排和环境保护等任务")]

    html = client.get(reverse("compare:report", args=[first.pk])).content.decode()
    rows = ROW.findall(html)
    assert rows == [("达成", "0", "figure"),  # 5.5% against 5.5%以上
                    ("达成", "1", "blanket"),  # no income figures: the blanket sentence answers
                    ("达成", "1", "statement"),  # 国际收支基本平衡
                    ("达成", "1", "blanket")]
    assert html.count('class="badge worded"') == 3
    assert 'data-evidence="blanket">' in html and "较好完成全年主要目标任务" in html
    assert 'class="badge evidence-statement"' in html and 'class="badge evidence-blanket"' in html


def test_the_english_page_names_the_evidence(client, world):
    first = import_report(world.hu, world.hubei, 2025, HUBEI_2025)
    import_report(world.hu, world.hubei, 2026, HUBEI_2026)
    html = client.get(reverse("compare:report", args=[first.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Blanket statement" in html and "Target in words" in html
