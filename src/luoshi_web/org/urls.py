from django.urls import path

from luoshi_web.org import views

app_name = "org"
urlpatterns = [
    path("units/", views.units, name="units"),
    path("units/<id:pk>/", views.unit_edit, name="unit_edit"),
    path("people/", views.people, name="people"),
    path("people/<id:pk>/", views.person, name="person"),
    path("regions/", views.regions, name="regions"),
    path("regions/<id:pk>/", views.region_edit, name="region_edit"),
]
