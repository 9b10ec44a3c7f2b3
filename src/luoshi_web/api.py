"""The one NinjaAPI: a Router per app, domain errors mapped to HTTP errors here and only here.

Read-only for now; it uses the session (logged-in users) and otherwise answers as to the public.
"""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI

from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied
from luoshi_web.reports.api import router as reports_router
from luoshi_web.supervision.api import router as reminders_router
from luoshi_web.tracking.api import router as tracking_router

api = NinjaAPI(title="luoshi 落实 API", version="1", urls_namespace="api")
api.add_router("/reports", reports_router)
api.add_router("/commitments", tracking_router)
api.add_router("/reminders", reminders_router)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(AccessDenied)
def access_denied(request, exc: AccessDenied):
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or "Not found"}, status=404)
