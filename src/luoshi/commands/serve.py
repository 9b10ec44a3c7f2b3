"""``luoshi serve``: create or migrate the database, optionally load the demo, run the web app.

Django is imported only inside :func:`run`, so ``luoshi extract`` never needs the web extra.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path


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
    p.set_defaults(func=run)


def _prepare_environment(args: argparse.Namespace) -> Path:
    """Settings read the environment once at import: decide everything before importing Django."""
    data_dir = Path(args.data_dir or os.environ.get("LUOSHI_DATA_DIR") or Path.cwd() / "data").resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
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
    return data_dir


def django_setup(data_dir: str | None = None) -> None:
    """Point Django at the database ``luoshi serve`` uses and set it up, for other commands.

    Raises ImportError when the web extra is not installed.
    """
    import django

    _prepare_environment(argparse.Namespace(data_dir=data_dir, host="127.0.0.1"))
    django.setup()


def run(args: argparse.Namespace) -> int:
    try:
        import django
    except ImportError:
        print("luoshi serve 需要网站组件。请安装: pip install 'luoshi[web]'\n"
              "luoshi serve needs the web extra: pip install 'luoshi[web]'", file=sys.stderr)
        return 2
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
    _anonymous_server_header()
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True)
    return 0


SERVER_NAME = "luoshi"


def _anonymous_server_header() -> None:
    """Django's development server says ``Server: WSGIServer/0.2 CPython/3.13.1``, on its pages and on
    its own error answers: name no software version an attacker could look up."""
    from django.core.servers import basehttp

    basehttp.ServerHandler.server_software = SERVER_NAME
    basehttp.WSGIRequestHandler.version_string = lambda self: SERVER_NAME
