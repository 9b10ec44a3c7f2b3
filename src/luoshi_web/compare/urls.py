from django.urls import path

import luoshi_web.converters  # noqa: F401 - registers <id:...> and <year:...>
from luoshi_web.compare import views

app_name = "compare"

urlpatterns = [
    path("", views.index, name="index"),
    path("reports/<id:pk>/", views.report_page, name="report"),
    path("reports/<id:pk>/data.<str:fmt>", views.report_download, name="report_download"),
    path("reports/<id:pk>/match/", views.match_set, name="match_set"),
    path("matches/<id:pk>/clear/", views.match_clear, name="match_clear"),
    path("regions/", views.region_pick, name="region_pick"),
    path("regions/<id:pk>/", views.region_page, name="region"),
    path("regions/<id:pk>/data.<str:fmt>", views.region_download, name="region_download"),
    path("across/", views.across_page, name="across"),
    path("across/data.<str:fmt>", views.across_download, name="across_download"),
]
