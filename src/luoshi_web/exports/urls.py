from django.urls import path

import luoshi_web.converters  # noqa: F401 - registers <id:...> and <year:...>
from luoshi_web.exports import undo, views

urlpatterns = [
    path("sheets/", views.sheet_index, name="sheet_index"),
    path("sheets/reports/<id:pk>/export/", views.sheet_export, name="sheet_export"),
    path("sheets/reports/<id:pk>/plan.docx", views.plan_docx, name="plan_docx"),
    path("sheets/reports/<id:pk>/import/", views.sheet_upload, name="sheet_upload"),
    path("sheets/imports/<id:pk>/", views.sheet_preview, name="sheet_preview"),
    path("sheets/imports/<id:pk>/apply/", views.sheet_apply, name="sheet_apply"),
    path("sheets/imports/<id:pk>/discard/", views.sheet_discard, name="sheet_discard"),
    path("sheets/imports/<id:pk>/undo/", undo.sheet_undo, name="sheet_undo"),
    path("bulletin/", views.bulletin_home, name="bulletin_home"),
    path("bulletin/<id:region_id>/<year:year>/<int:month>/", views.bulletin, name="bulletin"),
    path("bulletin/<id:region_id>/<year:year>/<int:month>/xlsx/", views.bulletin_xlsx, name="bulletin_xlsx"),
    path("bulletin/<id:region_id>/<year:year>/<int:month>/docx/", views.bulletin_docx, name="bulletin_docx"),
]
