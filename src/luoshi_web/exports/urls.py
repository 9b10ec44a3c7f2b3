from django.urls import path

from luoshi_web.exports import views

urlpatterns = [
    path("sheets/", views.sheet_index, name="sheet_index"),
    path("sheets/reports/<int:pk>/export/", views.sheet_export, name="sheet_export"),
    path("sheets/reports/<int:pk>/import/", views.sheet_upload, name="sheet_upload"),
    path("sheets/imports/<int:pk>/", views.sheet_preview, name="sheet_preview"),
    path("sheets/imports/<int:pk>/apply/", views.sheet_apply, name="sheet_apply"),
    path("sheets/imports/<int:pk>/discard/", views.sheet_discard, name="sheet_discard"),
    path("bulletin/", views.bulletin_home, name="bulletin_home"),
    path("bulletin/<int:region_id>/<int:year>/<int:month>/", views.bulletin, name="bulletin"),
    path("bulletin/<int:region_id>/<int:year>/<int:month>/xlsx/", views.bulletin_xlsx, name="bulletin_xlsx"),
]
