from django.urls import path

from luoshi_web.hierarchy import views

app_name = "hierarchy"
urlpatterns = [
    path("cascade/<id:pk>/", views.cascade_page, name="cascade"),
    path("cascade/<id:pk>/quota/", views.quota_save, name="quota_save"),
    path("cascade/<id:pk>/quota/<id:quota_pk>/link/", views.quota_link, name="quota_link"),
]

urlpatterns += [
    path("consistency/<id:region_id>/<year:year>/", views.consistency_page, name="consistency"),
]
