"""办结 (issue 13): the lead unit applies to close a commitment with its evidence; the supervisor
approves (已办结, a stored state every rating respects from that day) or rejects with a reason."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from luoshi_web.dashboard import asof
from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied, actor_for
from luoshi_web.tracking import selectors, services
from luoshi_web.tracking.models import Assignment, Closure
from luoshi_web.tracking.status import Status

pytestmark = pytest.mark.django_db


def pdf(name="验收报告.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7\n% acceptance report\n", content_type="application/pdf")


def apply(w, client=None):
    client = client or w.client(w.rita)
    return client.post(reverse("closure_apply", args=[w.c_a.pk]), {"summary": "全年新增就业72万人，已完成。", "files": pdf()})


def test_the_lead_unit_applies_with_evidence_and_others_may_not(world):
    assert apply(world).status_code == 302
    closure = Closure.objects.get()
    assert closure.state == Closure.State.PENDING and closure.applied_by == world.rita
    assert [e.name for e in closure.evidence.all()] == ["验收报告.pdf"]
    # the inbox lists it; its evidence downloads for the office
    su = world.client(world.su)
    assert f'data-closure="{closure.pk}"' in su.get(reverse("inbox")).content.decode()
    assert su.get(reverse("evidence_download", args=[closure.evidence.get().pk])).status_code == 200
    # one pending application at a time; another unit cannot apply
    with pytest.raises(DomainError, match="等待审批"):
        services.closure_apply(user=world.rita, assignment=world.a_a, summary="再申请")
    with pytest.raises(AccessDenied):
        services.closure_apply(user=world.nick, assignment=world.a_a, summary="冒名申请")
    assert world.client(world.nick).post(reverse("closure_apply", args=[world.c_a.pk]), {"summary": "x"}).status_code == 404
    with pytest.raises(DomainError, match="办结说明"):
        services.closure_apply(user=world.nick, assignment=world.a_b, summary="  ")


def test_approval_makes_the_commitment_closed_and_rated_done_everywhere(world):
    july = date(2024, 7, 15)
    actor = actor_for(world.su)
    assert selectors.commitment_detail(actor=actor, pk=world.c_a.pk, today=july).rating.status is Status.SEVERELY_BEHIND
    apply(world)
    closure = Closure.objects.get()
    su = world.client(world.su)
    assert su.post(reverse("closure_decide", args=[closure.pk]), {"decision": "approve", "note": "核查属实"}).status_code == 302
    a = Assignment.objects.get(pk=world.a_a.pk)
    assert a.closed_at is not None and a.closed_by == world.su
    assert Closure.objects.get().state == Closure.State.APPROVED
    # the stored state rates 已完成: the page, the lists, the lagging list, the dashboard
    assert selectors.commitment_detail(actor=actor, pk=world.c_a.pk, today=july).rating.status is Status.DONE
    listed = {r.commitment_id: r.status for r in selectors.rated_commitments(actor=actor, today=july)}
    assert listed[world.c_a.pk] is Status.DONE
    assert world.c_a.pk not in {r.commitment_id for r in selectors.rated_lagging(actor=actor, today=july)}
    today = timezone.localdate()
    items = {i.id: i for i in asof.load_items([world.internal_report.pk], day=today, with_verified=True)}
    assert asof.ratings_on(items.values(), today)[world.c_a.pk].status is Status.DONE
    assert asof.ratings_on(items.values(), today, verified_only=True)[world.c_a.pk].status is Status.DONE
    # ...from the day of approval on, not before (the dashboard's month-ends)
    item = items[world.c_a.pk]
    assert asof.rating_on(item, today - timedelta(days=1), latest=None).status is not Status.DONE
    page = su.get(reverse("commitment_detail", args=[world.c_a.pk])).content.decode()
    assert 'id="closed-tag"' in page and "同意办结：核查属实" in page  # in the history too
    # no more progress on a closed commitment; the page no longer offers the form
    with pytest.raises(DomainError, match="已办结"):
        services.progress_report_create(user=world.rita, assignment=a, as_of=date(2024, 7, 1), value=Decimal(1),
                                        narrative="再报")
    assert 'id="progress-form"' not in world.client(world.rita).get(
        reverse("commitment_detail", args=[world.c_a.pk])).content.decode()


def test_rejection_needs_a_reason_which_the_unit_sees_and_may_apply_again(world):
    apply(world)
    closure = Closure.objects.get()
    su = world.client(world.su)
    r = su.post(reverse("closure_decide", args=[closure.pk]), {"decision": "reject", "note": ""}, follow=True)
    assert "不同意办结时请写明原因" in r.content.decode()
    assert Closure.objects.get().state == Closure.State.PENDING
    su.post(reverse("closure_decide", args=[closure.pk]), {"decision": "reject", "note": "缺少统计局核定数据"})
    closure.refresh_from_db()
    assert closure.state == Closure.State.REJECTED and closure.decided_by == world.su
    assert Assignment.objects.get(pk=world.a_a.pk).closed_at is None
    page = world.client(world.rita).get(reverse("commitment_detail", args=[world.c_a.pk])).content.decode()
    assert "缺少统计局核定数据" in page and 'id="closure-form"' in page
    mine = world.client(world.rita).get(reverse("my_tasks")).content.decode()
    assert 'id="rejected-closures"' in mine and "缺少统计局核定数据" in mine
    assert "缺少统计局核定数据" not in world.client(world.nick).get(reverse("my_tasks")).content.decode()
    assert apply(world).status_code == 302 and Closure.objects.filter(state=Closure.State.PENDING).count() == 1
    # applied again: no longer listed as rejected
    assert 'id="rejected-closures"' not in world.client(world.rita).get(reverse("my_tasks")).content.decode()
    # a reporter never decides
    with pytest.raises(AccessDenied):
        services.closure_decide(user=world.rita, closure=Closure.objects.get(state="pending"), approve=True)
    # and a decided application is not decided twice
    with pytest.raises(DomainError, match="已审批"):
        services.closure_decide(user=world.su, closure=closure, approve=True)


def test_the_supervisor_reopens_a_closed_commitment_with_a_reason(world):
    c = services.closure_apply(user=world.rita, assignment=world.a_a, summary="完成")
    services.closure_decide(user=world.su, closure=c, approve=True)
    with pytest.raises(DomainError):
        services.closure_reopen(user=world.su, assignment=world.a_a, reason=" ")
    with pytest.raises(AccessDenied):
        services.closure_reopen(user=world.rita, assignment=world.a_a, reason="想重开")
    services.closure_reopen(user=world.su, assignment=world.a_a, reason="复核发现未完成")
    a = Assignment.objects.get(pk=world.a_a.pk)
    assert a.closed_at is None
    assert a.history.latest("history_date").history_change_reason == "撤销办结：复核发现未完成"
    july = date(2024, 7, 15)
    assert selectors.commitment_detail(actor=actor_for(world.su), pk=world.c_a.pk, today=july).rating.status \
        is Status.SEVERELY_BEHIND


def test_closure_evidence_stays_internal(world, client):
    c = services.closure_apply(user=world.rita, assignment=world.a_pub, summary="完成", files=[pdf()])
    url = reverse("evidence_download", args=[c.evidence.get().pk])
    assert client.get(url).status_code == 404
    assert world.client(world.nick).get(url).status_code == 404
    assert world.client(world.rita).get(url).status_code == 200
