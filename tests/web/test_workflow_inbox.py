"""The supervision workflow's first loop (issue 13): 待核实 inbox → 核实 or 退回 with a reason → the
unit sees what came back and why → corrects and resubmits; a reporter withdraws until verified.
Every step is an explicit state in the report's history, with who and why."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied, actor_for
from luoshi_web.tracking import selectors, services
from luoshi_web.tracking.models import ProgressReport

pytestmark = pytest.mark.django_db
S = ProgressReport.State


def report(w, assignment=None, user=None, value=30, as_of=date(2024, 6, 30)) -> ProgressReport:
    return services.progress_report_create(user=user or w.rita, assignment=assignment or w.a_a, as_of=as_of,
                                           value=Decimal(value), narrative="上半年新增就业")


def inbox_ids(client, **params) -> list[int]:
    response = client.get(reverse("inbox"), params)
    assert response.status_code == 200
    import re
    return [int(x) for x in re.findall(r'<tr data-progress="(\d+)"', response.content.decode())]


def test_the_inbox_lists_submitted_reports_of_the_supervised_regions_oldest_first(world):
    old = report(world)
    ProgressReport.all_objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=10))
    new = report(world, world.a_b, world.nick, value=300)
    verified = report(world, value=40)
    services.progress_report_verify(user=world.su, progress=verified)
    su = world.client(world.su)
    assert inbox_ids(su) == [old.pk, new.pk]  # the verified one is done with; the longest wait first
    assert inbox_ids(su, unit=world.unit_b.pk) == [new.pk]
    assert inbox_ids(su, age=7) == [old.pk]
    assert inbox_ids(world.client(world.hu)) == []  # another province's supervisor sees none of Hunan's
    assert world.client(world.rita).get(reverse("inbox")).status_code == 403


def test_verify_from_the_inbox_records_who_and_returns_to_the_filtered_inbox(world):
    p = report(world)
    su = world.client(world.su)
    back = reverse("inbox") + f"?unit={world.unit_a.pk}"
    r = su.post(reverse("progress_verify", args=[p.pk]), {"verified": "on", "note": "与统计局数据一致", "next": back})
    assert r.status_code == 302 and r["Location"] == back
    p.refresh_from_db()
    assert p.state == S.VERIFIED and p.verified and p.verified_by == world.su
    assert inbox_ids(su) == []
    # an outside "next" is never followed
    q = report(world, value=35)
    r = su.post(reverse("progress_verify", args=[q.pk]), {"verified": "on", "next": "https://evil.example/"})
    assert r["Location"] == reverse("commitment_detail", args=[world.c_a.pk])


def test_return_needs_a_reason_and_changes_nothing_without_one(world):
    p = report(world)
    su = world.client(world.su)
    r = su.post(reverse("progress_return", args=[p.pk]), {"reason": "  "}, follow=True)
    assert "请写明退回原因" in r.content.decode()
    p.refresh_from_db()
    assert p.state == S.SUBMITTED
    with pytest.raises(AccessDenied):
        services.progress_report_return(user=world.rita, progress=p, reason="自己退回")
    assert world.client(world.nick).post(reverse("progress_return", args=[p.pk]), {"reason": "x"}).status_code == 404


def test_a_returned_report_is_not_progress_until_corrected_and_the_unit_sees_why(world):
    p = report(world, value=60)
    actor = actor_for(world.rita)
    july = date(2024, 7, 15)
    assert selectors.commitment_detail(actor=actor, pk=world.c_a.pk, today=july).rating.status.code == "ahead"
    su = world.client(world.su)
    su.post(reverse("progress_return", args=[p.pk]), {"reason": "数值与统计局口径不一致，请按统计局数据填报",
                                                     "next": reverse("inbox")})
    p.refresh_from_db()
    assert p.state == S.RETURNED and p.returned_by == world.su and not p.verified
    assert inbox_ids(su) == []
    # not counted: the commitment is rated as if nothing was reported
    assert selectors.commitment_detail(actor=actor, pk=world.c_a.pk, today=july).rating.status.code == "severe"
    assert not ProgressReport.objects.filter(pk=p.pk).exists() and ProgressReport.filed.filter(pk=p.pk).exists()
    # the reporter sees it on 我的任务 and on the commitment page, with the reason
    rita = world.client(world.rita)
    mine = rita.get(reverse("my_tasks")).content.decode()
    assert 'id="returned"' in mine and "数值与统计局口径不一致" in mine
    page = rita.get(reverse("commitment_detail", args=[world.c_a.pk])).content.decode()
    assert 'data-state="returned"' in page and "数值与统计局口径不一致" in page and "改正后重新报送" in page
    # another unit's reporter sees nothing of it
    assert "数值与统计局口径不一致" not in world.client(world.nick).get(reverse("my_tasks")).content.decode()


def test_the_unit_corrects_and_resubmits_the_same_report_awaiting_verification_again(world):
    p = report(world, value=60)
    services.progress_report_return(user=world.su, progress=p, reason="请附统计台账")
    rita = world.client(world.rita)
    prefix = f"r{p.pk}-"
    r = rita.post(reverse("progress_resubmit", args=[p.pk]), {
        prefix + "as_of": "2024-06-30", prefix + "value": "31", prefix + "narrative": "按统计局数据改正：31万人"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.state == S.SUBMITTED and p.value == Decimal(31) and "改正" in p.narrative
    assert ProgressReport.filed.filter(assignment=world.a_a).count() == 1  # corrected, not duplicated
    assert inbox_ids(world.client(world.su)) == [p.pk]
    reasons = [h.history_change_reason for h in p.history.order_by("history_date", "history_id")]
    assert reasons == ["报送进展", "退回：请附统计台账", "改正后重新报送"]
    states = [h.state for h in p.history.order_by("history_date", "history_id")]
    assert states == [S.SUBMITTED, S.RETURNED, S.SUBMITTED]
    # only a returned report can be resubmitted; only its unit may
    with pytest.raises(DomainError):
        services.progress_report_resubmit(user=world.rita, progress=p, as_of=date(2024, 6, 30), narrative="再改",
                                          value=Decimal(32))
    services.progress_report_return(user=world.su, progress=p, reason="再核")
    with pytest.raises(AccessDenied):
        services.progress_report_resubmit(user=world.nick, progress=p, as_of=date(2024, 6, 30), narrative="别人改",
                                          value=Decimal(1))


def test_a_bad_resubmission_shows_the_error_and_keeps_the_report_returned(world):
    p = report(world, value=60)
    services.progress_report_return(user=world.su, progress=p, reason="请改正")
    prefix = f"r{p.pk}-"
    r = world.client(world.rita).post(reverse("progress_resubmit", args=[p.pk]), {
        prefix + "as_of": "2024-06-30", prefix + "narrative": "没有数值"})
    assert r.status_code == 400 and "请填写累计完成值或完成进度" in r.content.decode()
    p.refresh_from_db()
    assert p.state == S.RETURNED and p.value == Decimal(60)


def test_the_author_withdraws_until_verified_with_a_reason_kept_in_history(world):
    p = report(world)
    rita = world.client(world.rita)
    r = rita.post(reverse("progress_withdraw", args=[p.pk]), {"reason": ""}, follow=True)
    assert "请说明撤回原因" in r.content.decode()
    assert rita.post(reverse("progress_withdraw", args=[p.pk]), {"reason": "数值填错"}).status_code == 302
    p = ProgressReport.all_objects.get(pk=p.pk)
    assert p.state == S.WITHDRAWN and p.deleted_at is not None
    assert p.history.latest("history_date").history_change_reason == "撤回：数值填错"
    assert not ProgressReport.filed.filter(pk=p.pk).exists()
    # a returned report may be withdrawn too; a verified one not by its author
    q = report(world, value=20)
    services.progress_report_return(user=world.su, progress=q, reason="口径不对")
    services.progress_report_withdraw(user=world.rita, progress=q, reason="不再报送")
    v = report(world, value=25)
    services.progress_report_verify(user=world.su, progress=v)
    with pytest.raises(AccessDenied):
        services.progress_report_withdraw(user=world.rita, progress=v, reason="想撤回")
    assert ProgressReport.objects.get(pk=v.pk).state == S.VERIFIED
    # nor by a colleague of another unit
    w = report(world, value=26)
    with pytest.raises(AccessDenied):
        services.progress_report_withdraw(user=world.nick, progress=w, reason="x")


def test_verify_and_return_refuse_a_state_that_moved_on(world):
    p = report(world)
    services.progress_report_verify(user=world.su, progress=p)
    stale = ProgressReport.objects.get(pk=p.pk)
    services.progress_report_return(user=world.su, progress=p, reason="复查发现问题")
    with pytest.raises(DomainError, match="已退回"):
        services.progress_report_verify(user=world.su, progress=stale)
    assert ProgressReport.filed.get(pk=p.pk).state == S.RETURNED


def test_the_history_shows_the_workflow_in_plain_words(world):
    p = report(world)
    services.progress_report_return(user=world.su, progress=p, reason="请附台账")
    page = world.client(world.su).get(reverse("commitment_detail", args=[world.c_a.pk])).content.decode()
    history = page[page.index('id="history"'):]
    assert "退回：请附台账" in history and "待核实 → 已退回" in history


def test_a_withdrawn_report_restored_from_the_recycle_bin_awaits_verification_again(world):
    from luoshi_web.recycle import record_restore

    p = report(world)
    services.progress_report_withdraw(user=world.rita, progress=p, reason="误报")
    record_restore(user=world.su, kind="progress", pk=p.pk)
    p = ProgressReport.objects.get(pk=p.pk)  # counted again
    assert p.state == S.SUBMITTED and not p.verified
    assert inbox_ids(world.client(world.su)) == [p.pk]
