"""Messages raised by services and views (errors, refusals, confirmations) follow the user's language.

Chinese is the source language: a user who switched to English reads English, everyone else reads
the Chinese text unchanged. A source scan keeps new messages from slipping in untranslated.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import luoshi_web

pytestmark = pytest.mark.django_db
ROOT = Path(luoshi_web.__file__).parent
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def in_english(client: Client) -> Client:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def upload_exe(client: Client, world):
    f = SimpleUploadedFile("report.exe", b"MZ", content_type="application/octet-stream")
    return client.post(reverse("import_upload"), {"region": world.hunan.pk, "file": f})


def upload_sheet(client: Client, world, name: str, data: bytes):
    f = SimpleUploadedFile(name, data, content_type=XLSX)
    return client.post(reverse("sheet_upload", args=[world.internal_report.pk]), {"file": f})


def report_progress_as_outside_unit(client: Client, world):
    """A reporter of a unit neither leading nor supporting a published commitment (a supporting unit
    may report its own part since issue 13)."""
    data = {"as_of": "2024-06-30", "value": "30", "narrative": "上半年"}
    return client.post(reverse("progress_create", args=[world.c_pub.pk]), data)


# --- English ---------------------------------------------------------------------------------

def test_an_unsupported_upload_type_is_explained_in_english(world):
    response = upload_exe(in_english(world.client(world.su)), world)
    page = text_of(response)
    assert response.status_code == 400
    assert "Files of type “.exe” are not supported. Upload a .docx, .htm" in page
    assert "不支持的文件类型" not in page


def test_an_outside_units_reporter_is_refused_in_english(world):
    response = report_progress_as_outside_unit(in_english(world.client(world.nick)), world)
    page = text_of(response)
    assert response.status_code == 403
    assert "Only a reporter of the lead or a supporting unit may report progress." in page
    assert "只有牵头单位" not in page


def test_a_refusal_names_the_action_in_english(world):
    response = in_english(world.client(world.rita)).get(reverse("lagging"))
    page = text_of(response)
    assert response.status_code == 403
    assert "Only a supervisor of this region can do this (View lagging tasks)." in page


def test_a_sheet_that_is_not_xlsx_is_refused_in_english(world):
    client = in_english(world.client(world.su))
    page = text_of(upload_sheet(client, world, "分工表.et", b"..."))
    assert "“分工表.et” is not an .xlsx file" in page and "Save as Excel workbook (.xlsx)" in page
    page = text_of(upload_sheet(client, world, "分工表.xlsx", b"not a zip"))
    assert "Cannot read this file: upload an .xlsx file saved by Excel or WPS" in page


def test_a_success_message_is_shown_in_english(world):
    client = in_english(world.client(world.su))
    response = client.post(reverse("report_publish", args=[world.internal_report.pk]), {"published": "1"}, follow=True)
    assert "Published." in text_of(response)


def test_a_refused_delete_says_what_to_do_in_english(world):
    client = in_english(world.client(world.su))
    response = client.post(reverse("commitment_delete", args=[world.c_a.pk]), {"reason": ""}, follow=True)
    assert "Give a reason for the deletion." in text_of(response)


def test_the_api_answers_not_found_in_english(world):
    response = in_english(world.client(world.rita)).get(f"/api/commitments/{world.c_b.pk}")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such task, or you may not see it."


# --- Chinese (the default) -------------------------------------------------------------------

def test_the_same_failures_stay_chinese_by_default(world):
    su = world.client(world.su)
    assert "不支持的文件类型“.exe”。请上传 .docx、.htm" in text_of(upload_exe(su, world))
    page = text_of(upload_sheet(su, world, "分工表.et", b"..."))
    assert "“分工表.et”不是 .xlsx 文件：请在 Excel 或 WPS 中“另存为 Excel 工作簿（.xlsx）”后上传。" in page
    page = text_of(report_progress_as_outside_unit(world.client(world.nick), world))
    assert "只有牵头单位或配合单位的填报员可以报送进展。" in page
    page = text_of(world.client(world.rita).get(reverse("lagging")))
    assert "只有本地区督查员可以查看滞后任务。请用督查员账号登录。" in page


def test_the_same_success_message_stays_chinese_by_default(world):
    response = world.client(world.su).post(reverse("report_publish", args=[world.internal_report.pk]),
                                           {"published": "1"}, follow=True)
    page = text_of(response)
    assert "已公开。" in page and "Published." not in page


# --- no bare Chinese message in the source ---------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff]")
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "gettext_noop"}
RAISERS = {"DomainError", "AccessDenied", "ValidationError", "Http404"}
MESSAGES = {"success", "error", "info", "warning", "debug", "add_message"}


def _is_message_call(node: ast.Call) -> bool:
    f = node.func
    if isinstance(f, ast.Name):
        return f.id in RAISERS
    return (isinstance(f, ast.Attribute) and f.attr in MESSAGES
            and isinstance(f.value, ast.Name) and f.value.id == "messages")


def _bare_chinese(node: ast.AST) -> list[str]:
    """CJK string literals in ``node`` that no gettext call wraps."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
        return [node.value]
    return [found for child in ast.iter_child_nodes(node) for found in _bare_chinese(child)]


def untranslated_messages(source: str, name: str = "<source>") -> list[str]:
    """``file:line: text`` of each message call given a Chinese literal outside gettext.

    >>> untranslated_messages('raise DomainError(f"文件 {n} 太大")')
    ['<source>:1: 文件 ', '<source>:1:  太大']
    >>> untranslated_messages('raise DomainError(_("文件 %(n)s 太大") % {"n": n}); messages.info(r, _("好"))')
    []
    """
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _is_message_call(node):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                out += [f"{name}:{node.lineno}: {text}" for text in _bare_chinese(arg)]
    return out


def test_the_source_checker_flags_bare_chinese_and_passes_gettext():
    import doctest
    import sys

    assert doctest.testmod(sys.modules[__name__]).failed == 0
    assert untranslated_messages('messages.success(request, "已保存。")') == ['<source>:1: 已保存。']
    assert untranslated_messages('raise AccessDenied("只有" + what)') == ['<source>:1: 只有']
    assert untranslated_messages('messages.success(request, ngettext("共 %(n)s 项", "共 %(n)s 项", n) % {"n": n})') == []


def test_no_message_call_passes_a_bare_chinese_literal():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            found += untranslated_messages(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not found, "wrap these in gettext and add them to the English catalogue:\n" + "\n".join(found)
