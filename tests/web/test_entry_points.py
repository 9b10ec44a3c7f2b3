"""Issue 10, findings 5 and 8 (in part): one settings path for every entry point.

``wsgi.py`` (for gunicorn and the like), ``python -m luoshi_web.manage`` and ``luoshi serve`` read the
same settings: DEBUG only when ``LUOSHI_DEBUG=1``; a secret key generated once into the data
directory (0600) and used by all three, never a key written in the code; secure cookies and HSTS
when ``LUOSHI_HTTPS=1``; no Server header naming the Python version; no traceback for anyone.

Each case runs in a fresh interpreter, because settings are read once at import.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

STRIP = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "LUOSHI_SECRET_KEY", "LUOSHI_DEBUG", "LUOSHI_HTTPS",
         "LUOSHI_SECURE_COOKIES", "LUOSHI_DATA_DIR", "LUOSHI_ALLOWED_HOSTS"}
OLD_DEV_KEY = "luoshi-development-key-do-not-use-in-production"

SETTINGS_PROBE = """
import json, sys
{entry}
from django.conf import settings
print(json.dumps({{
    "debug": settings.DEBUG, "key": settings.SECRET_KEY,
    "session_secure": settings.SESSION_COOKIE_SECURE, "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS, "proxy": settings.SECURE_PROXY_SSL_HEADER,
}}))
"""
WSGI = "import luoshi_web.wsgi"


def clean_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in STRIP}
    env["LUOSHI_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run_python(code: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return out


def probe(entry: str, env: dict[str, str]) -> dict:
    return json.loads(run_python(SETTINGS_PROBE.format(entry=entry), env).stdout.strip().splitlines()[-1])


def test_wsgi_runs_with_debug_off_and_a_generated_secret_key(tmp_path):
    s = probe(WSGI, clean_env(tmp_path))
    assert s["debug"] is False
    key_file = tmp_path / "secret_key"
    assert key_file.is_file(), "the key is generated into the data directory"
    assert s["key"] == key_file.read_text(encoding="utf-8").strip() and len(s["key"]) >= 50
    assert s["key"] != OLD_DEV_KEY
    assert key_file.stat().st_mode & 0o077 == 0, "the key file is readable by its owner only"
    assert probe(WSGI, clean_env(tmp_path))["key"] == s["key"], "generated once, then reused"
    other = tmp_path / "other"
    assert probe(WSGI, clean_env(other))["key"] != s["key"], "each install has its own key"


def test_no_secret_key_is_written_in_the_code():
    import luoshi_web.settings as settings_module

    source = Path(settings_module.__file__).read_text(encoding="utf-8")
    assert OLD_DEV_KEY not in source and "DEV_SECRET_KEY" not in source


def test_manage_and_serve_use_the_same_settings_and_key_as_wsgi(tmp_path):
    wsgi = probe(WSGI, clean_env(tmp_path))
    code = SETTINGS_PROBE.format(entry="")
    manage = subprocess.run([sys.executable, "-m", "luoshi_web.manage", "shell", "-c", code], capture_output=True,
                            text=True, env=clean_env(tmp_path), timeout=120)
    assert manage.returncode == 0, manage.stderr[-3000:]
    m = json.loads(manage.stdout.strip().splitlines()[-1])
    assert m["debug"] is False and m["key"] == wsgi["key"]
    env = clean_env(tmp_path)
    del env["LUOSHI_DATA_DIR"]
    serve = subprocess.run([sys.executable, "-m", "luoshi.cli", "serve", "--no-server", "--data-dir", str(tmp_path)],
                           capture_output=True, text=True, env=env, timeout=300)
    assert serve.returncode == 0, serve.stderr[-3000:]
    assert (tmp_path / "secret_key").read_text(encoding="utf-8").strip() == wsgi["key"]


def test_debug_only_when_asked_for(tmp_path):
    assert probe(WSGI, clean_env(tmp_path, LUOSHI_DEBUG="1"))["debug"] is True
    assert probe(WSGI, clean_env(tmp_path, LUOSHI_DEBUG="0"))["debug"] is False


def test_https_turns_on_secure_cookies_and_hsts(tmp_path):
    plain = probe(WSGI, clean_env(tmp_path))
    assert (plain["session_secure"], plain["csrf_secure"], plain["hsts"]) == (False, False, 0)
    https = probe(WSGI, clean_env(tmp_path, LUOSHI_HTTPS="1"))
    assert https["session_secure"] is True and https["csrf_secure"] is True
    assert https["hsts"] >= 180 * 24 * 3600
    assert https["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


WSGI_REQUEST = """
import io, sys
from wsgiref.util import setup_testing_defaults
from luoshi_web.wsgi import application
{patch}

def call(path, **extra):
    environ = {{"PATH_INFO": path, "REQUEST_METHOD": "GET", "HTTP_HOST": "localhost", "wsgi.input": io.BytesIO(b"")}}
    environ.update(extra)
    setup_testing_defaults(environ)
    seen = {{}}
    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, headers
    body = b"".join(application(environ, start_response))
    return seen["status"], dict(seen["headers"]), body.decode("utf-8", "replace")
"""


def test_an_anonymous_request_to_a_failing_url_gets_no_traceback(tmp_path):
    patch = ("import luoshi_web.public.views as views  # before the first request loads the URLs\n"
             "def boom(request):\n    raise ZeroDivisionError('secret internals: /srv/luoshi/data')\n"
             "views.index = boom\n")
    code = WSGI_REQUEST.format(patch=patch) + (
        "status, headers, body = call('/public/')\n"
        "print(status)\nprint(body)\n")
    out = run_python(code, clean_env(tmp_path))
    status, body = out.stdout.split("\n", 1)
    assert status.startswith("500")
    for leak in ("Traceback", "ZeroDivisionError", "secret internals", "/srv/luoshi", "luoshi_web", "SECRET_KEY"):
        assert leak not in body, f"the error page shows {leak!r}"


def test_over_https_the_session_and_csrf_cookies_are_secure_and_hsts_is_sent(tmp_path):
    code = WSGI_REQUEST.format(patch="") + (
        "status, headers, body = call('/login/', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(status)\nprint(headers.get('Strict-Transport-Security', ''))\n"
        "print([v for k, v in headers.items() if k.lower() == 'set-cookie'])\n")
    out = run_python(code, clean_env(tmp_path, LUOSHI_HTTPS="1")).stdout.splitlines()
    assert out[0].startswith("200") and "max-age=" in out[1]
    assert "csrftoken" in out[2] and "Secure" in out[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_names_no_python_version_in_the_server_header(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in STRIP}
    proc = subprocess.Popen([sys.executable, "-m", "luoshi.cli", "serve", "--port", str(port), "--data-dir",
                             str(tmp_path)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/public/", timeout=5) as response:
                    server = response.headers.get("Server", "")
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()[-3000:]
                assert time.monotonic() < deadline, "luoshi serve did not start"
                time.sleep(0.3)
        assert "Python" not in server and "CPython" not in server and "WSGIServer" not in server, server
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:  # the server's own error page
            s.sendall(b"NONSENSE\r\n\r\n")
            raw = s.recv(4096).decode("latin-1")
        assert "Python" not in raw and "WSGIServer" not in raw, raw
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_a_threshold_that_is_not_a_finite_number_is_refused(tmp_path):
    for raw in ("NaN", "Infinity", "-inf", "1e999999"):
        out = subprocess.run([sys.executable, "-c", WSGI], capture_output=True, text=True,
                             env=clean_env(tmp_path, LUOSHI_STATUS_AHEAD_RATIO=raw), timeout=120)
        assert out.returncode != 0 and "LUOSHI_STATUS_AHEAD_RATIO" in out.stderr, raw
