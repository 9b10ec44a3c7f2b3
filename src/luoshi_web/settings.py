"""Every setting of the web application, read from the environment in this one place.

Defaults make ``luoshi serve`` work for a new user with nothing configured: SQLite in a data
directory (``./data`` or ``LUOSHI_DATA_DIR``), Chinese first. Bad configuration fails at start-up
with a message saying which variable to fix, never later in a request.

This module is the one settings path of every entry point: ``luoshi serve``, ``wsgi.py`` (gunicorn,
waitress...) and ``python -m luoshi_web.manage`` all read it, with the same defaults: DEBUG off, the
secret key of the data directory, and the HTTPS settings below when ``LUOSHI_HTTPS=1``.

Environment variables (all optional):

- ``LUOSHI_DATA_DIR``: where the SQLite database, uploads and the generated secret key live.
- ``DATABASE_URL``: e.g. ``postgres://user@host:5432/luoshi``; overrides SQLite.
- ``LUOSHI_SECRET_KEY``: secret key. Without it the key in ``<data dir>/secret_key`` is used; the
  first start of any entry point generates that file (random, mode 0600), so every process of an
  install signs sessions with the same key and no key is ever written in the code.
- ``LUOSHI_DEBUG``: ``1`` turns on Django's debug pages (tracebacks: never on a server others can
  reach); default ``0``.
- ``LUOSHI_HTTPS``: ``1`` when the site is served over HTTPS (usually by a proxy in front): session
  and CSRF cookies are sent over TLS only, browsers are told to keep to HTTPS
  (Strict-Transport-Security, ``LUOSHI_HSTS_SECONDS``, default one year), and a request the proxy
  marks ``X-Forwarded-Proto: https`` counts as secure, so the proxy must set that header itself.
- ``LUOSHI_HSTS_SECONDS``: how long browsers keep to HTTPS once told (with ``LUOSHI_HTTPS=1``).
- ``LUOSHI_SECURE_COOKIES``: ``1`` sends the cookies over TLS only without the rest of ``LUOSHI_HTTPS``.
- ``LUOSHI_ALLOWED_HOSTS``: comma-separated host names (default ``localhost,127.0.0.1,[::1]``).
- ``LUOSHI_CSRF_TRUSTED_ORIGINS``: comma-separated origins, for a server behind a proxy.
- ``LUOSHI_SERVE_STATIC``: ``1``/``0`` (default ``1``): serve static files from the application
  (WhiteNoise), since intranet installs often have no separate web server.
- ``LUOSHI_WORKERS``, ``LUOSHI_THREADS``: gunicorn processes and threads per process of ``luoshi serve``
  (default CPU cores + 1, at most 8; and 4); ``--workers``/``--threads`` override them.
- ``LUOSHI_DB_POOL``: ``1`` keeps a psycopg connection pool per process on PostgreSQL, of
  ``LUOSHI_THREADS`` connections (``luoshi serve`` sets it; set it for your own gunicorn too).
- ``LUOSHI_MAX_UPLOAD_MB``: largest report or evidence file accepted (default 20).
- ``LUOSHI_MAX_REQUEST_MB``: largest request body, refused by its Content-Length before it is read
  (default the upload limit + 1). What an uploaded file may unpack to is limited by
  ``LUOSHI_MAX_FILE_MB``, ``LUOSHI_MAX_TEXT_CHARS``, ``LUOSHI_MAX_UNPACKED_MB``, ``LUOSHI_MAX_ZIP_RATIO``, ``LUOSHI_MAX_XML_MB``,
  ``LUOSHI_MAX_PDF_PAGES``, ``LUOSHI_MAX_PDF_STREAM_MB``, ``LUOSHI_MAX_PDF_INFLATED_MB`` and
  ``LUOSHI_MAX_SHEET_CELLS`` (see ``luoshi.readers.limits``; the CLI reads the same variables).
- ``LUOSHI_TASKS``: the queue of the archive import, ``database`` (jobs wait in the database for
  ``luoshi worker`` processes, on this or other machines) or ``immediate`` (each job runs in the
  process that queued it, once the upload is saved). Default: ``database`` on PostgreSQL,
  ``immediate`` on SQLite.
- ``LUOSHI_IMPORT_MAX_FILES``: report files in one zip of the archive import (default 500).
- ``LUOSHI_DRAFT_RETENTION_DAYS``: discarded import drafts are purged, with their files, this many
  days after they were made (default 7; checked on each import).
- ``LUOSHI_EVIDENCE_MAX_FILES`` / ``LUOSHI_EVIDENCE_MAX_TOTAL_MB``: evidence files per progress report
  or closure application, and their total size (defaults 10 and 50).
- ``LUOSHI_LOGIN_FAILURES``: wrong passwords in a row (one user name, one address) before the login
  is locked (default 5); ``LUOSHI_LOCKOUT_MINUTES``: how long it stays locked (default 15).
- ``LUOSHI_LOG_LEVEL``: ``DEBUG``, ``INFO`` (default), ``WARNING``...
- ``LUOSHI_EMAIL_HOST``: an SMTP server for the e-mail copies of 催办 and reminders; without it
  e-mails are written to the console (the log of ``luoshi serve`` / ``luoshi remind``), Django's
  console mail backend. With it: ``LUOSHI_EMAIL_PORT`` (default 25), ``LUOSHI_EMAIL_USER``,
  ``LUOSHI_EMAIL_PASSWORD``, ``LUOSHI_EMAIL_TLS=1`` (STARTTLS) or ``LUOSHI_EMAIL_SSL=1`` (implicit TLS,
  not both).
- ``LUOSHI_EMAIL_FROM``: the sender of those e-mails (default ``luoshi@localhost``).
- ``LUOSHI_SITE_URL``: the address users open, for links in e-mails (default ``http://localhost:8000``).
- ``LUOSHI_STATUS_*``: thresholds of the status rating, see ``LUOSHI_STATUS`` below; finite numbers.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value; use 1 or 0.")


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_decimal_str(name: str, default: str) -> str:
    from decimal import Decimal, InvalidOperation

    raw = os.environ.get(name, default)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number; use e.g. {default}.") from None
    if not value.is_finite() or abs(value) > 10**12:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a usable number; use e.g. {default}.")
    return raw


DATA_DIR = Path(os.environ.get("LUOSHI_DATA_DIR") or Path.cwd() / "data").resolve()
DEBUG = env_bool("LUOSHI_DEBUG", False)


def _create_key_file(path: Path) -> None:
    """Write a new random key to ``path`` (mode 0600), unless another process got there first.

    The key is written to a private temporary file and hard-linked into place, which fails when
    the file exists: several workers starting at once agree on one key and never read a half-written
    file.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_urlsafe(50))
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links: create it in place, first writer wins
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(tmp.read_text(encoding="utf-8"))
    finally:
        tmp.unlink(missing_ok=True)


def _secret_key() -> str:
    """``LUOSHI_SECRET_KEY``, else the data directory's key file, generated on first use."""
    key = os.environ.get("LUOSHI_SECRET_KEY", "").strip()
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    try:
        if not key_file.is_file():
            _create_key_file(key_file)
        info = key_file.stat()
        if info.st_mode & 0o077 and info.st_uid == getattr(os, "getuid", lambda: -1)():
            key_file.chmod(0o600)  # a key others can read signs their sessions too
        key = key_file.read_text(encoding="utf-8").strip()
    except OSError as e:
        raise ImproperlyConfigured(
            f"No secret key: set LUOSHI_SECRET_KEY, or let the application create {key_file} ({e.strerror})."
        ) from None
    if len(key) < 32:
        raise ImproperlyConfigured(f"{key_file} holds no usable secret key: delete it to have a new one generated.")
    return key


SECRET_KEY = _secret_key()


def _private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it is missing, and take group/other bits off it if they
    are set (the SQLite file holds every record; SQLite gives its -wal and -shm files the same mode)."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        info = path.stat()
        if info.st_mode & 0o077 and info.st_uid == getattr(os, "getuid", lambda: -1)():
            path.chmod(0o600)
ALLOWED_HOSTS = env_list("LUOSHI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("LUOSHI_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "axes",
    "luoshi_web.org",
    "luoshi_web.reports",
    "luoshi_web.tracking",
    "luoshi_web.compare",
    "luoshi_web.dashboard",
    "luoshi_web.exports",
    "luoshi_web.public",
    "luoshi_web.supervision",
    "luoshi_web.apitokens",
    "django_tasks_db",
    "luoshi_web.imports",
    "luoshi_web.hierarchy",
]

MIDDLEWARE = [
    "luoshi_web.limits.RequestSizeLimitMiddleware",  # first: a body over the limit is never read
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, compressed and cached, before sessions
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "luoshi_web.apitokens.auth.ApiTokenMiddleware",  # /api/ with a unit token: the request acts as that unit
    "luoshi_web.limits.AnonymousUploadMiddleware",  # before CSRF's view check parses an upload
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lock-out page
]

ROOT_URLCONF = "luoshi_web.urls"
WSGI_APPLICATION = "luoshi_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "luoshi_web.org.context_processors.actor",
                "django.template.context_processors.csp",
                "luoshi_web.supervision.context_processors.reminders",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    try:
        DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=0)}
    except ValueError as e:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database address ({e}); e.g. postgres://user@host/db") from None
    if env_bool("LUOSHI_DB_POOL", False) and "postgresql" in DATABASES["default"]["ENGINE"]:
        # One psycopg pool per server process, as large as its threads: connections stay at
        # workers x threads however many users come (the rest wait), and are reused, not reopened.
        _threads = int(env_decimal_str("LUOSHI_THREADS", "4").split(".")[0])
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1, "max_size": max(_threads, 1), "timeout": 30, "max_idle": 300}
else:
    _private_file(DATA_DIR / "luoshi.sqlite3")
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "luoshi.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Login throttling (django-axes): after LUOSHI_LOGIN_FAILURES wrong passwords for one user name from
# one address, that pair is locked for LUOSHI_LOCKOUT_MINUTES (a right password then fails too);
# an administrator unlocks it at once in the admin (Axes > 访问尝试: delete the rows) or with
# ``python -m luoshi_web.manage axes_reset_username NAME``.
AUTHENTICATION_BACKENDS = ["luoshi_web.limits.LoginThrottleBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(env_decimal_str("LUOSHI_LOGIN_FAILURES", "5").split(".")[0])
AXES_COOLOFF_TIME = timedelta(minutes=float(env_decimal_str("LUOSHI_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "luoshi_web.limits.lockout_response"  # registration/locked_out.html, 429
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
LUOSHI_SERVE_STATIC = env_bool("LUOSHI_SERVE_STATIC", True)
# WhiteNoise serves the app's static files straight from the package (no collectstatic step),
# with gzip/brotli when a compressed copy exists and cache headers; off with LUOSHI_SERVE_STATIC=0.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
WHITENOISE_MAX_AGE = 3600
if not LUOSHI_SERVE_STATIC:
    MIDDLEWARE.remove("whitenoise.middleware.WhiteNoiseMiddleware")
# WhiteNoise also serves STATIC_ROOT (collectstatic's output) and warns on every start when it is missing
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(mode=0o700, parents=True, exist_ok=True)
# Evidence files are internal: they are served only through a view that checks the reader's role,
# never from a public media URL.
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"  # deliberately not routed in urls.py
with contextlib.suppress(OSError):
    MEDIA_ROOT.mkdir(mode=0o700, parents=True, exist_ok=True)  # uploads: the owner's alone (FILE_UPLOAD_* below)

LUOSHI_MAX_UPLOAD_MB = int(env_decimal_str("LUOSHI_MAX_UPLOAD_MB", "20").split(".")[0])
LUOSHI_DRAFT_RETENTION_DAYS = int(env_decimal_str("LUOSHI_DRAFT_RETENTION_DAYS", "7").split(".")[0])
LUOSHI_EVIDENCE_MAX_FILES = int(env_decimal_str("LUOSHI_EVIDENCE_MAX_FILES", "10").split(".")[0])
LUOSHI_EVIDENCE_MAX_TOTAL_MB = int(env_decimal_str("LUOSHI_EVIDENCE_MAX_TOTAL_MB", "50").split(".")[0])
# A whole request body (file and form fields), refused by Content-Length before it is read
# (luoshi_web.limits); what a file unpacks to is limited by luoshi.readers.limits (LUOSHI_MAX_*).
LUOSHI_MAX_REQUEST_MB = int(env_decimal_str("LUOSHI_MAX_REQUEST_MB", str(LUOSHI_MAX_UPLOAD_MB + 1)).split(".")[0])
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # form fields other than files
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10  # files in one request (evidence of one progress report)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # larger uploads are spooled to a temporary file
# Uploaded files and their folders are the owner's alone (evidence and reports are internal).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Archive import (luoshi_web.imports): one background task per report, on Django's Tasks framework.
# "database" (django-tasks-db: tasks are rows, run by ``luoshi worker`` processes on any machine
# that reaches the database) by default on PostgreSQL; "immediate" (run in the process that queues
# them, after its transaction commits) by default on SQLite. LUOSHI_TASKS overrides either way.
LUOSHI_TASKS = (os.environ.get("LUOSHI_TASKS", "").strip().lower()
                or ("database" if "sqlite" not in DATABASES["default"]["ENGINE"] else "immediate"))
if LUOSHI_TASKS not in {"database", "immediate"}:
    raise ImproperlyConfigured(f"LUOSHI_TASKS={LUOSHI_TASKS!r}: use 'database' (luoshi worker runs the jobs) or 'immediate'")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend" if LUOSHI_TASKS == "database"
                     else "django.tasks.backends.immediate.ImmediateBackend"}}
LUOSHI_IMPORT_MAX_FILES = int(env_decimal_str("LUOSHI_IMPORT_MAX_FILES", "500").split(".")[0])

# Thresholds of luoshi_web.tracking.status (see its docstring); ratios are actual / planned.
LUOSHI_STATUS = {
    "AHEAD_RATIO": env_decimal_str("LUOSHI_STATUS_AHEAD_RATIO", "1.10"),
    "ON_TRACK_RATIO": env_decimal_str("LUOSHI_STATUS_ON_TRACK_RATIO", "0.95"),
    "SEVERE_RATIO": env_decimal_str("LUOSHI_STATUS_SEVERE_RATIO", "0.70"),
    "APPROX_TOLERANCE": env_decimal_str("LUOSHI_STATUS_APPROX_TOLERANCE", "0.05"),
    "NOT_STARTED_GRACE": env_decimal_str("LUOSHI_STATUS_NOT_STARTED_GRACE", "0.10"),
    "CAP_SEVERE_EXCESS": env_decimal_str("LUOSHI_STATUS_CAP_SEVERE_EXCESS", "0.10"),
}

# E-mail copies of 催办 and reminders (luoshi_web.supervision.mail): the console unless an SMTP host is set.
# Django 6.1 configures mail backends as MAILERS (EMAIL_BACKEND & co. are deprecated); 6.0 has only those.
_EMAIL_HOST = os.environ.get("LUOSHI_EMAIL_HOST", "").strip()
if _EMAIL_HOST:
    _EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    _EMAIL_OPTIONS = {
        "host": _EMAIL_HOST,
        "port": int(env_decimal_str("LUOSHI_EMAIL_PORT", "25").split(".")[0]),
        "username": os.environ.get("LUOSHI_EMAIL_USER", ""),
        "password": os.environ.get("LUOSHI_EMAIL_PASSWORD", ""),
        "use_tls": env_bool("LUOSHI_EMAIL_TLS", False),
        "use_ssl": env_bool("LUOSHI_EMAIL_SSL", False),
        "timeout": 30,
    }
    if _EMAIL_OPTIONS["use_tls"] and _EMAIL_OPTIONS["use_ssl"]:
        raise ImproperlyConfigured("LUOSHI_EMAIL_TLS and LUOSHI_EMAIL_SSL are both on; set one (TLS for port 587, SSL for 465).")
else:
    _EMAIL_BACKEND, _EMAIL_OPTIONS = "django.core.mail.backends.console.EmailBackend", {}
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
else:  # pragma: no cover - Django 6.0
    EMAIL_BACKEND = _EMAIL_BACKEND
    for _name, _value in _EMAIL_OPTIONS.items():
        globals()[{"username": "EMAIL_HOST_USER", "password": "EMAIL_HOST_PASSWORD"}.get(_name, f"EMAIL_{_name.upper()}")] = _value
DEFAULT_FROM_EMAIL = os.environ.get("LUOSHI_EMAIL_FROM", "luoshi@localhost")
LUOSHI_SITE_URL = os.environ.get("LUOSHI_SITE_URL", "http://localhost:8000").strip().rstrip("/")

HTTPS = env_bool("LUOSHI_HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS or env_bool("LUOSHI_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if HTTPS:
    # TLS ends at the proxy in front: its X-Forwarded-Proto says the request came over HTTPS
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env_decimal_str("LUOSHI_HSTS_SECONDS", "31536000").split(".")[0])
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (Django's own): scripts and styles from this site only, an inline script
# only with the request's nonce ({{ csp_nonce }}); no inline event handlers or style attributes
# (static/luoshi/behaviour.js binds data-autosubmit, data-print, data-check-all instead). ECharts
# draws on canvas and sets sizes through the DOM, which the policy allows; its exports are data: URLs.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LUOSHI_LOG_LEVEL", "INFO")},
}
