"""批示 / 回复 (issue 13): a thread on each commitment between the supervision office and the units
carrying it out, mentioning units, kept in history, seen only from inside."""

from __future__ import annotations

import pytest
from django.urls import reverse

from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied
from luoshi_web.tracking import services
from luoshi_web.tracking.models import Comment

pytestmark = pytest.mark.django_db


def detail(w, user, commitment=None) -> str:
    return w.client(user).get(reverse("commitment_detail", args=[(commitment or w.c_a).pk])).content.decode()


def test_supervisor_instructs_unit_replies_and_both_see_the_thread(world):
    su = world.client(world.su)
    r = su.post(reverse("comment_add", args=[world.c_a.pk]), {"body": "请于月底前报送二季度数据。", "mentions": [world.unit_a.pk]})
    assert r.status_code == 302
    instruction = Comment.objects.get()
    assert instruction.kind == Comment.Kind.INSTRUCTION and list(instruction.mentions.all()) == [world.unit_a]
    r = world.client(world.rita).post(reverse("comment_add", args=[world.c_a.pk]), {"body": "收到，将按时报送。"})
    reply = Comment.objects.latest("id")
    assert reply.kind == Comment.Kind.REPLY and reply.unit == world.unit_a
    for user in (world.su, world.rita):
        page = detail(world, user)
        assert page.index("请于月底前报送二季度数据。") < page.index("收到，将按时报送。")
        assert "@省人力资源和社会保障厅" in page
    # kept in history, with who and what
    history = detail(world, world.su).split('id="history"')[1]
    assert "批示：请于月底前报送二季度数据。" in history and "回复：收到，将按时报送。" in history
    # the mentioned unit finds it on 我的任务
    assert "请于月底前报送二季度数据" in world.client(world.rita).get(reverse("my_tasks")).content.decode()


def test_the_thread_is_invisible_to_the_public_and_to_other_units(world, client):
    services.comment_add(user=world.su, commitment=world.c_pub, body="内部批示：注意口径")
    assert "内部批示" not in client.get(reverse("commitment_detail", args=[world.c_pub.pk])).content.decode()
    assert "内部批示" not in detail(world, world.nick, world.c_pub)  # a unit not on it sees it as the public
    assert "内部批示" in detail(world, world.rita, world.c_pub)
    with pytest.raises(AccessDenied):
        services.comment_add(user=world.nick, commitment=world.c_pub, body="路过")
    assert world.client(world.nick).post(reverse("comment_add", args=[world.c_pub.pk]), {"body": "x"}).status_code == 403
    assert client.post(reverse("comment_add", args=[world.c_pub.pk]), {"body": "x"}).status_code == 302  # to login
    assert Comment.objects.count() == 1


def test_only_units_on_the_commitment_can_be_mentioned_and_at_names_count(world):
    with pytest.raises(DomainError, match="省农业农村厅"):
        services.comment_add(user=world.su, commitment=world.c_a, body="请协调", mentions=[world.unit_b])
    assert Comment.objects.count() == 0
    services.assignment_set(user=world.su, commitment=world.c_a, lead_unit=world.unit_a,
                            deadline=world.a_a.deadline, supporting_units=[world.unit_b])
    c = services.comment_add(user=world.su, commitment=world.c_a, body="@省农业农村厅 请配合提供数据")
    assert list(c.mentions.all()) == [world.unit_b]
    assert "请配合提供数据" in world.client(world.nick).get(reverse("my_tasks")).content.decode()


def test_an_empty_or_overlong_comment_is_refused_and_nothing_is_saved(world):
    r = world.client(world.su).post(reverse("comment_add", args=[world.c_a.pk]), {"body": "   "})
    assert r.status_code == 400
    with pytest.raises(DomainError, match="2000"):
        services.comment_add(user=world.su, commitment=world.c_a, body="长" * 2001)
    assert Comment.objects.count() == 0


def test_the_same_form_sent_twice_posts_one_comment(world):
    """A double click or a retry after a network failure: the form's token makes it one 批示."""
    import re

    su = world.client(world.su)
    page = detail(world, world.su)
    token = re.search(r'name="client_token" value="([0-9a-f-]{36})"', page[page.index('id="comments"'):]).group(1)
    data = {"body": "请加快进度。", "client_token": token}
    first = su.post(reverse("comment_add", args=[world.c_a.pk]), data)
    again = su.post(reverse("comment_add", args=[world.c_a.pk]), data)
    assert first.status_code == again.status_code == 302
    assert Comment.objects.filter(body="请加快进度。").count() == 1
    su.post(reverse("comment_add", args=[world.c_a.pk]), {"body": "请加快进度。"})  # a new form: a new comment
    assert Comment.objects.filter(body="请加快进度。").count() == 2
    # the token is the author's own: another user's form with the same token is not a replay
    world.client(world.rita).post(reverse("comment_add", args=[world.c_a.pk]), {"body": "收到。", "client_token": token})
    assert Comment.objects.filter(body="收到。").count() == 1
