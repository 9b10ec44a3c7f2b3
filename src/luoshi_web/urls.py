from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.staticfiles.views import serve as static_serve
from django.urls import include, path, re_path

import luoshi_web.converters  # noqa: F401 - registers <id:...> and <year:...>
from luoshi_web import recycle
from luoshi_web.api import api
from luoshi_web.reports import views as reports
from luoshi_web.tracking import bulk as tracking_bulk
from luoshi_web.tracking import views as tracking

urlpatterns = [
    path("", tracking.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<id:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<id:pk>/publish/", reports.report_publish, name="report_publish"),
    path("reports/<id:pk>/delete/", reports.report_delete, name="report_delete"),
    path("import/", reports.import_upload, name="import_upload"),
    path("import/<id:pk>/", reports.import_review, name="import_review"),
    path("import/<id:pk>/confirm/", reports.import_confirm, name="import_confirm"),
    path("import/<id:pk>/discard/", reports.import_discard, name="import_discard"),
    path("import/<id:pk>/<str:action>/", reports.import_review_action, name="import_review_action"),
    path("commitments/", tracking.commitment_list, name="commitment_list"),
    path("commitments/bulk/", tracking_bulk.bulk_action, name="commitment_bulk"),
    path("commitments/<id:pk>/", tracking.commitment_detail, name="commitment_detail"),
    path("commitments/<id:pk>/edit/", tracking.commitment_edit, name="commitment_edit"),
    path("commitments/<id:pk>/delete/", tracking.commitment_delete, name="commitment_delete"),
    path("commitments/<id:pk>/subtask/", tracking.commitment_subtask, name="commitment_subtask"),
    path("commitments/<id:pk>/assign/", tracking.assignment_set, name="assignment_set"),
    path("commitments/<id:pk>/progress/", tracking.progress_create, name="progress_create"),
    path("progress/<id:pk>/verify/", tracking.progress_verify, name="progress_verify"),
    path("progress/<id:pk>/return/", tracking.progress_return, name="progress_return"),
    path("progress/<id:pk>/resubmit/", tracking.progress_resubmit, name="progress_resubmit"),
    path("progress/<id:pk>/withdraw/", tracking.progress_withdraw, name="progress_withdraw"),
    path("inbox/", tracking.inbox, name="inbox"),
    path("commitments/<id:pk>/close/", tracking.closure_apply, name="closure_apply"),
    path("commitments/<id:pk>/reopen/", tracking.closure_reopen, name="closure_reopen"),
    path("closures/<id:pk>/decide/", tracking.closure_decide, name="closure_decide"),
    path("commitments/<id:pk>/comments/", tracking.comment_add, name="comment_add"),
    path("evidence/<id:pk>/", tracking.evidence_download, name="evidence_download"),
    path("my/", tracking.my_tasks, name="my_tasks"),
    path("recycle/", recycle.recycle_bin, name="recycle_bin"),
    path("recycle/<str:kind>/<id:pk>/restore/", recycle.recycle_restore, name="recycle_restore"),
    path("lagging/", tracking.lagging, name="lagging"),
    path("compare/", include("luoshi_web.compare.urls")),
    path("hierarchy/", include("luoshi_web.hierarchy.urls")),
    path("imports/", include("luoshi_web.imports.urls")),
    path("", include("luoshi_web.supervision.urls")),
    path("office/", include("luoshi_web.org.urls")),
    path("", include("luoshi_web.dashboard.urls")),
    path("", include("luoshi_web.exports.urls")),
    path("", include("luoshi_web.public.urls")),
    path("api-tokens/", include("luoshi_web.apitokens.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.LUOSHI_SERVE_STATIC:
    # Intranet installs often have no separate web server: serve the (few, small) static files here.
    urlpatterns.append(re_path(r"^static/(?P<path>.*)$", static_serve, {"insecure": True}))
