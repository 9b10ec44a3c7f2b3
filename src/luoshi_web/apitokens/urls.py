from django.urls import path

import luoshi_web.converters  # noqa: F401 - registers <id:...>

from . import views

app_name = "apitokens"
urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("<id:pk>/revoke/", views.revoke, name="revoke"),
]
