from django.urls import path

from luoshi_web.dashboard import views

urlpatterns = [
    path("dashboard/", views.dashboard_home, name="dashboard_home"),
    path("dashboard/<int:region_id>/<int:year>/", views.dashboard, name="dashboard"),
]
