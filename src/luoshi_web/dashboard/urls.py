from django.urls import path

import luoshi_web.converters  # noqa: F401 - registers <id:...> and <year:...>
from luoshi_web.dashboard import views

urlpatterns = [
    path("dashboard/", views.dashboard_home, name="dashboard_home"),
    path("dashboard/<id:region_id>/<year:year>/", views.dashboard, name="dashboard"),
]
