from django.urls import path

from luoshi_web.public import views

urlpatterns = [
    path("public/", views.index, name="public_index"),
    path("public/<int:region_id>/<int:year>/", views.region_year, name="public_region_year"),
    path("public/commitments/<int:pk>/", views.commitment, name="public_commitment"),
]
