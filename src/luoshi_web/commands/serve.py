"""``luoshi serve``: create or migrate the database, optionally load the demo, run the web app.

The server is gunicorn: several worker processes (``--workers``, default one per core plus one, at
most 8), each with several threads (``--threads``, default 4), a listen backlog of 2048, and the
application loaded once before the workers fork. Gunicorn, not granian or uvicorn: the application
is synchronous Django (WSGI), gunicorn's threaded workers run it as it is, it is pure Python (no
binary to build on an intranet machine), and it is the server Django's own deployment notes
describe. On PostgreSQL each worker keeps a psycopg connection pool (Django's ``pool`` option)
sized to its threads, so connections are ``workers x threads`` at most and a burst of users waits
in the backlog instead of failing with "too many clients". Static files are served by WhiteNoise
(compressed, cached) from the application. ``--dev`` runs Django's development server instead
(one process, reloads nothing, for a quick look on a laptop; also where gunicorn cannot run, e.g.
Windows).

Django is imported only inside :func:`run`, so ``luoshi extract`` never needs the web extra.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from luoshi_web.commands import web_extra_missing


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve", help="启动跟踪系统网站 / run the tracking web application",
        description="Create or migrate the database, then run the tracking web application. "
                    "SQLite in the data directory by default; PostgreSQL when DATABASE_URL is set.",
    )
    p.add_argument("--demo", action="store_true",
                   help="on first run, load the sample report and demo accounts (credentials are printed)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--data-dir", default=None,
                   help="directory for the SQLite database, uploads and secret key (default $LUOSHI_DATA_DIR or ./data)")
    p.add_argument("--no-server", action="store_true", help="prepare the database (and demo) and exit")
    p.add_argument("--workers", type=int, default=None,
                   help="server processes (default $LUOSHI_WORKERS or CPU cores + 1, at most 8)")
    p.add_argument("--threads", type=int, default=None,
                   help="threads per process, also each process's database pool size (default $LUOSHI_THREADS or 4)")
    p.add_argument("--dev", action="store_true",
                   help="Django's development server instead of gunicorn (one process; not for many users)")
    p.set_defaults(func=run)


def _prepare_environment(args: argparse.Namespace) -> Path:
    """Settings read the environment once at import: decide everything before importing Django."""
    data_dir = Path(args.data_dir or os.environ.get("LUOSHI_DATA_DIR") or Path.cwd() / "data").resolve()
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    (data_dir / "static").mkdir(mode=0o700, exist_ok=True)  # STATIC_ROOT, for collectstatic; WhiteNoise looks there
    os.environ["LUOSHI_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
    # DEBUG and the secret key are the settings' own (off; the data directory's generated key), as
    # for wsgi.py and manage.py: one settings path for every entry point.
    hosts = os.environ.get("LUOSHI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
    if args.host not in {"0.0.0.0", "::"} and args.host not in hosts.split(","):
        hosts += f",{args.host}"
    elif args.host in {"0.0.0.0", "::"} and "LUOSHI_ALLOWED_HOSTS" not in os.environ:
        hosts = "*"  # listening on every interface: the operator chose an open server
    os.environ["LUOSHI_ALLOWED_HOSTS"] = hosts
    if not getattr(args, "dev", True) and not getattr(args, "no_server", True):
        workers, threads = server_size(args)
        os.environ["LUOSHI_THREADS"] = str(threads)
        os.environ["LUOSHI_WORKERS"] = str(workers)
        os.environ.setdefault("LUOSHI_DB_POOL", "1")  # PostgreSQL: one pool per worker, sized to its threads
    return data_dir


def server_size(args: argparse.Namespace) -> tuple[int, int]:
    """Workers and threads: the options, else the environment, else cores + 1 (at most 8) and 4."""
    workers = args.workers or int(os.environ.get("LUOSHI_WORKERS") or 0) or min((os.cpu_count() or 1) + 1, 8)
    threads = args.threads or int(os.environ.get("LUOSHI_THREADS") or 0) or 4
    return max(workers, 1), max(threads, 1)


def django_setup(data_dir: str | None = None) -> None:
    """Point Django at the database ``luoshi serve`` uses and set it up, for other commands.

    Raises ImportError when the web extra is not installed.
    """
    import django

    _prepare_environment(argparse.Namespace(data_dir=data_dir, host="127.0.0.1"))
    django.setup()


def run(args: argparse.Namespace) -> int:
    if web_extra_missing("serve"):
        return 2
    import django

    data_dir = _prepare_environment(args)
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as e:
        print(f"配置错误 configuration error: {e}", file=sys.stderr)
        return 2
    from django.conf import settings
    from django.core.management import call_command
    from django.db import OperationalError

    db = settings.DATABASES["default"]
    where = db["NAME"] if "sqlite" in db["ENGINE"] else f"{db.get('HOST') or 'localhost'}/{db['NAME']}"
    print(f"数据库 database: {where}")
    try:
        call_command("migrate", interactive=False, verbosity=0)
    except OperationalError as e:
        print(f"无法连接或迁移数据库 cannot open or migrate the database: {e}\n"
              "请检查 DATABASE_URL 或数据目录的写权限。 Check DATABASE_URL or the data directory's permissions.",
              file=sys.stderr)
        return 2
    if args.demo:
        from luoshi_web.demo import describe_accounts, load_demo

        passwords = load_demo(data_dir)
        if passwords:
            print("已载入示例数据。演示账号 demo accounts (username password role):")
            print(describe_accounts(passwords))
            print(f"（已保存到 saved to {data_dir / 'demo-accounts.txt'}）")
        else:
            print(f"示例数据已存在；账号见 demo data already loaded; accounts in {data_dir / 'demo-accounts.txt'}")
    if args.no_server:
        return 0
    print(f"打开 open http://{'localhost' if args.host in {'0.0.0.0', '::'} else args.host}:{args.port}/  (Ctrl-C 停止 to stop)")
    # Everything loaded so far (Django, the grammar tables) lives as long as the server: keep it out
    # of the collector's full passes, which otherwise add ~40 ms to one request in ten.
    gc.collect()
    gc.freeze()
    if args.dev:
        _anonymous_server_header()
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True)
        return 0
    return _gunicorn(args)


def _gunicorn(args: argparse.Namespace) -> int:
    """Run gunicorn in this process with the application already loaded (workers fork from it)."""
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:
        print("gunicorn 未安装；请安装 pip install 'luoshi[web]'，或用 --dev 运行开发服务器。\n"
              "gunicorn is not installed: pip install 'luoshi[web]', or run the development server with --dev.",
              file=sys.stderr)
        return 2
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    application = get_wsgi_application()
    # Nothing the master opened may be shared by the forked workers: close connections and pools.
    for conn in connections.all(initialized_only=True):
        conn.close()
        if hasattr(conn, "close_pool"):
            conn.close_pool()
    workers, threads = server_size(args)
    host = f"[{args.host}]" if ":" in args.host else args.host
    options = {
        "bind": f"{host}:{args.port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "backlog": 2048,
        "timeout": 120,
        "graceful_timeout": 20,
        "keepalive": 5,
        "preload_app": True,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "limit_request_line": 8190,
        "proc_name": "luoshi",
    }
    print(f"gunicorn: {workers} 进程 workers x {threads} 线程 threads")

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    _anonymous_gunicorn_header()
    Server().run()
    return 0


SERVER_NAME = "luoshi"


def _anonymous_server_header() -> None:
    """Django's development server says ``Server: WSGIServer/0.2 CPython/3.13.1``, on its pages and on
    its own error answers: name no software version an attacker could look up."""
    from django.core.servers import basehttp

    basehttp.ServerHandler.server_software = SERVER_NAME
    basehttp.WSGIRequestHandler.version_string = lambda self: SERVER_NAME


def _anonymous_gunicorn_header() -> None:
    """gunicorn says ``Server: gunicorn``; say ``luoshi``, naming no software an attacker could look up."""
    from gunicorn.http import wsgi

    wsgi.SERVER = SERVER_NAME
