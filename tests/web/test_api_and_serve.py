"""The read API answers by the same rules as the pages; ``luoshi serve`` prepares a new install."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_api_lists_only_published_reports_to_the_public(client, world):
    titles = [r["title"] for r in client.get("/api/reports/").json()]
    assert titles == ["公开报告"]
    assert client.get(f"/api/reports/{world.internal_report.pk}").status_code == 404


def test_api_gives_commitments_with_status_and_colour(world):
    rows = world.client(world.su).get("/api/commitments/", {"report": world.internal_report.pk}).json()
    by_name = {r["indicator"]: r for r in rows}
    assert set(by_name) == {"城镇新增就业", "粮食产量", "新建学校"}
    jobs = by_name["城镇新增就业"]
    assert jobs["lead_unit"] == "省人力资源和社会保障厅" and jobs["colour"] in {"blue", "green", "yellow", "red"}


def test_api_hides_another_units_commitment_from_a_reporter(world):
    assert world.client(world.rita).get(f"/api/commitments/{world.c_b.pk}").status_code == 404
    assert world.client(world.rita).get(f"/api/commitments/{world.c_a.pk}").status_code == 200


def test_pages_switch_to_english(world):
    client = world.client(world.rita)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("my_tasks")).content.decode()
    assert "My tasks" in page and "Log out" in page


def test_chinese_is_the_default_language(client, world):
    page = client.get(reverse("report_list")).content.decode()
    assert 'lang="zh-hans"' in page and "报告" in page


def test_static_assets_are_served_locally(client):
    response = client.get("/static/luoshi/htmx.min.js")
    assert response.status_code == 200
    assert b"Zero-Clause BSD" in b"".join(response.streaming_content)[:300]


def test_serve_creates_the_database_and_demo_accounts(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "LUOSHI_SECRET_KEY"}}
    cmd = [sys.executable, "-m", "luoshi.cli", "serve", "--demo", "--no-server", "--data-dir", str(tmp_path)]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "duchashi" in out.stdout and (tmp_path / "luoshi.sqlite3").is_file()
    assert (tmp_path / "demo-accounts.txt").stat().st_mode & 0o077 == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "luoshi.sqlite3") as db:
        (published,) = db.execute("select count(*) from reports_report where published").fetchone()
        (items,) = db.execute("select count(*) from tracking_commitment").fetchone()
        (assigned,) = db.execute("select count(*) from tracking_assignment").fetchone()
    assert published == 1 and items > 10 and assigned >= 1, (published, items, assigned)
    again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0 and "已存在" in again.stdout


def test_settings_say_what_to_do_when_no_secret_key_can_be_had(tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the data directory should be", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"LUOSHI_SECRET_KEY"}}
    env.update(LUOSHI_DEBUG="0", LUOSHI_DATA_DIR=str(blocked))
    out = subprocess.run([sys.executable, "-c", "import luoshi_web.settings"], capture_output=True, text=True, env=env)
    assert out.returncode != 0 and "LUOSHI_SECRET_KEY" in out.stderr


def test_every_setting_is_documented_in_the_settings_docstring():
    import luoshi_web.settings as s

    source = Path(s.__file__).read_text(encoding="utf-8")
    used = {name for name in __import__("re").findall(r'"(LUOSHI_[A-Z_]+|DATABASE_URL)"', source)}
    documented = s.__doc__ or ""
    missing = [name for name in used if name not in documented and not name.startswith("LUOSHI_STATUS_")]
    assert not missing, f"settings read but not documented: {missing}"


def test_serve_without_django_says_what_to_install(tmp_path):
    code = ("import sys; sys.modules['django'] = None; from luoshi.cli import main; "
            f"sys.exit(main(['serve', '--no-server', '--data-dir', {str(tmp_path)!r}]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 2 and "pip install 'luoshi[web]'" in out.stderr


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_gunicorn_with_several_workers_and_answers(tmp_path):
    """``luoshi serve`` (no --dev) is gunicorn: worker processes answer pages and static files,
    the Server header names no software, and SIGTERM stops it."""
    import signal
    import time
    import urllib.request

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "LUOSHI_SECRET_KEY"}}
    port = _free_port()
    cmd = [sys.executable, "-m", "luoshi.cli", "serve", "--demo", "--port", str(port), "--data-dir", str(tmp_path),
           "--workers", "2", "--threads", "2"]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, server.communicate()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/public/", timeout=10) as response:
                    page, headers = response.read().decode(), response.headers
                break
            except OSError:
                assert time.monotonic() < deadline, "luoshi serve did not answer within 240 s"
                time.sleep(0.5)
        assert "公开" in page or "public" in page.lower()
        assert headers["Server"] == "luoshi"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/luoshi/htmx.min.js", timeout=10) as response:
            assert response.status == 200 and "max-age" in response.headers["Cache-Control"]
        children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) == 2, children  # the gunicorn master is the luoshi process; two workers
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        out, err = server.communicate(timeout=60)
    assert "gunicorn: 2" in out, (out, err)
