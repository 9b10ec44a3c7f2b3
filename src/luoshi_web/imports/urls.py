from django.urls import path

from luoshi_web.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.batch_list, name="batch_list"),
    path("<id:pk>/", views.batch_detail, name="batch_detail"),
    path("jobs/<id:pk>/retry/", views.job_retry, name="job_retry"),
]
