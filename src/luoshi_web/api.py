"""The one NinjaAPI: a Router per app, domain errors mapped to HTTP errors here and only here.

Reading (``/reports``, ``/commitments``) uses the session or a unit's API token and otherwise answers
as to the public; the unit routes (``/me``, ``/assignments``, ``/progress``, ``/comments``:
``luoshi_web.apitokens.api``) need a token (``Authorization: Bearer lsk_…``) or a logged-in user.
Every error is JSON ``{"detail": "中文 / English", "field": ...}`` with its status, listed in the schema.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from luoshi_web.apitokens.api import router as units_router
from luoshi_web.apitokens.services import PayloadTooLarge, StateConflict
from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied
from luoshi_web.reports.api import router as reports_router
from luoshi_web.supervision.api import router as reminders_router
from luoshi_web.tracking.api import router as tracking_router
from luoshi_web.tracking.services import ConflictError

ERROR_SCHEMA = {"type": "object", "properties": {"detail": {"type": "string"}, "field": {"type": ["string", "null"]}},
                "required": ["detail"]}


class LuoshiAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Every operation may answer 400 (bad parameters), 401 (a bad token), 403 and 404: the
        middleware and the handlers below answer them for all routes, so the schema says so for all."""
        schema = super().get_openapi_schema(*args, **kwargs)
        error = {"description": "Error", "content": {"application/json": {"schema": ERROR_SCHEMA}}}
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                for code in ("400", "401", "403", "404"):
                    operation.setdefault("responses", {}).setdefault(code, error)
        return schema


# no /api/docs: ninja's Swagger UI loads its script from a CDN (blocked by the CSP, absent offline)
api = LuoshiAPI(title="luoshi 落实 API", version="1", urls_namespace="api", docs_url=None)
api.add_router("/reports", reports_router)
api.add_router("/commitments", tracking_router)
api.add_router("/reminders", reminders_router)
api.add_router("/", units_router)


def _error(request, status: int, detail: str, field: str | None = None):
    return api.create_response(request, {"detail": detail, "field": field}, status=status)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return _error(request, 400, exc.message, exc.field)


@api.exception_handler(ConflictError)
@api.exception_handler(StateConflict)
def conflict(request, exc: DomainError):
    return _error(request, 409, exc.message, exc.field)


@api.exception_handler(PayloadTooLarge)
def too_large(request, exc: PayloadTooLarge):
    return _error(request, 413, exc.message, exc.field)


@api.exception_handler(AccessDenied)
def access_denied(request, exc: AccessDenied):
    return _error(request, 403, str(exc))


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return _error(request, 404, str(exc) or _("没有找到。 / Not found."))


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc: AuthenticationError):
    response = _error(request, 401, _("请先登录，或在请求头带上 API 令牌：Authorization: Bearer <令牌>。 / "
                                      "Log in, or send an API token: Authorization: Bearer <token>."))
    response["WWW-Authenticate"] = 'Bearer realm="luoshi"'
    return response


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    """Bad parameters are a 400 like every other refusal, naming each field and what was wrong."""
    problems = []
    for e in exc.errors:
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "payload", "query", "path", "form", "file"))
        problems.append(f"{where or '?'}: {e.get('msg', '')}")
    first = exc.errors[0].get("loc", ()) if exc.errors else ()
    return _error(request, 400, _("请求参数不正确： / Invalid request: ") + "; ".join(problems),
                  str(first[-1]) if first else None)
