"""Who is calling the API: a unit's token (``Authorization: Bearer lsk_…``) or a logged-in user.

The token is checked in a middleware, before ``AnonymousUploadMiddleware`` (which sends an
anonymous file upload to the login page) and before the history middleware (which records who
changed what): from there on the request's user is the token's account, acting as a reporter of
the token's unit. A bad token is refused there with 401 and a JSON body, whatever the endpoint.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from .services import token_authenticate

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def unauthorized(message: str) -> JsonResponse:
    response = JsonResponse({"detail": message}, status=401, json_dumps_params={"ensure_ascii": False})
    response["WWW-Authenticate"] = 'Bearer realm="luoshi"'
    return response


class ApiTokenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            if (request.method not in SAFE_METHODS and not request.user.is_authenticated
                    and request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/")):
                # an anonymous upload: refused unread, as AnonymousUploadMiddleware does for the
                # pages, but with the API's 401 instead of a redirect to the login page
                return unauthorized(_("上传文件需要 API 令牌或登录：Authorization: Bearer <令牌>。 / "
                                      "Uploading needs an API token or a login: Authorization: Bearer <token>."))
            return self.get_response(request)
        scheme, _sep, value = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            return unauthorized(_("Authorization 请求头应为“Bearer <令牌>”。 / "
                                  "The Authorization header must be 'Bearer <token>'."))
        token = token_authenticate(value)
        if token is None:
            return unauthorized(_("API 令牌无效或已吊销：请向本地区督查室申请新令牌。 / "
                                  "The API token is unknown or revoked: ask the supervision office for a new one."))
        request.user = token.user
        request.api_token = token
        return self.get_response(request)


class TokenOrSession(HttpBearer):
    """The routers that write (and list a unit's own records): a token, or a logged-in user whose
    unsafe requests carry Django's CSRF token as the pages' forms do. Anonymous: 401."""

    def __call__(self, request: HttpRequest):
        token = getattr(request, "api_token", None)
        if token is not None:
            return token
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, _("缺少或错误的 CSRF 令牌：从页面调用时请带上 CSRF 令牌，系统调用请用 API 令牌。 / "
                                   "CSRF check failed: send the CSRF token, or use an API token."))
        return user

    def authenticate(self, request: HttpRequest, token: str):  # the middleware has already decided
        return getattr(request, "api_token", None)
