from django.urls import path

import luoshi_web.converters  # noqa: F401 - registers <id:...> and <year:...>
from luoshi_web.public import views

urlpatterns = [
    path("public/", views.index, name="public_index"),
    path("public/<id:region_id>/<year:year>/", views.region_year, name="public_region_year"),
    path("public/commitments/<id:pk>/", views.commitment, name="public_commitment"),
]
