"""Request limits applied before any work is done on a request's body, and the login throttle.

Two middlewares, both answering from the headers alone, so a hostile body is never read, spooled
to disk or parsed:

- :class:`RequestSizeLimitMiddleware` (first in the chain): a body whose ``Content-Length`` is over
  ``LUOSHI_MAX_REQUEST_MB`` is refused with 413 before sessions or CSRF look at it; a body sent
  without a length (chunked) is refused with 411, since Django would silently read none of it; and
  the WSGI input is wrapped so that nothing can read past the declared length or the limit. (The
  server may still read and discard the unread rest of a refused body to keep the connection; a
  proxy in front with its own body limit, e.g. nginx ``client_max_body_size``, stops it earlier.)
- :class:`LoginThrottleBackend`: the login lock-out of django-axes (too many wrong passwords).
- :class:`AnonymousUploadMiddleware` (after authentication): a multipart POST (a file upload) from
  someone not logged in is sent to the login page without its body being read. Django's CSRF check
  would otherwise parse it (spooling files to disk) before the view's login redirect.
"""

from __future__ import annotations

from collections.abc import Callable

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

_BODY_METHODS = {"POST", "PUT", "PATCH"}


def max_request_bytes() -> int:
    return settings.LUOSHI_MAX_REQUEST_MB * 1024 * 1024


def _refusal(status: int, message: str) -> HttpResponse:
    response = HttpResponse(f"<!doctype html><meta charset=utf-8><title>{status}</title><p>{message}</p>",
                            status=status, content_type="text/html; charset=utf-8")
    return response


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = max_request_bytes()
        raw = request.META.get("CONTENT_LENGTH") or ""
        try:
            length = int(raw) if raw.strip() else None
        except ValueError:
            return _refusal(400, _("请求头 Content-Length 无效。 Bad Content-Length header."))
        if length is not None and length > limit:
            return _refusal(413, _("上传内容 %(size)s MB，超过上限 %(limit)s MB：请上传较小的文件。") % {
                "size": f"{length / 1048576:.1f}", "limit": settings.LUOSHI_MAX_REQUEST_MB})
        if length is None and request.method in _BODY_METHODS and request.META.get("HTTP_TRANSFER_ENCODING"):
            return _refusal(411, _("请求缺少 Content-Length，无法接收：请用浏览器的表单上传。"))
        stream = request.META.get("wsgi.input")
        if stream is not None and hasattr(stream, "read"):
            # Django reads at most Content-Length; this also stops anything reading wsgi.input itself.
            request.META["wsgi.input"] = LimitedStream(stream, min(length or 0, limit))
        return self.get_response(request)


def _login_paths() -> set[str]:
    """The login forms, which anonymous visitors may post in any encoding (a script may send multipart)."""
    from django.urls import NoReverseMatch, reverse

    paths = set()
    for name in (settings.LOGIN_URL, "admin:login"):
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            paths.add(str(name))
    return paths


class AnonymousUploadMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (request.method in _BODY_METHODS
                and request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/")
                and request.path_info not in _login_paths()
                and not request.user.is_authenticated):
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, first of the authentication backends (settings).

    Logins through a request (the login form, the admin) are checked and counted; a call of
    ``authenticate`` without a request (a management command, Django's test ``Client.login``) has
    no address to throttle and is passed on to the next backend instead of refused.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """The page a locked-out login gets (AXES_LOCKOUT_CALLABLE): what happened, for how long, and
    that an administrator can lift it; status 429."""
    from django.shortcuts import render

    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)) if settings.AXES_COOLOFF_TIME else None
    return render(request, "registration/locked_out.html",
                  {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}, status=429)
