from django.urls import path

from luoshi_web.supervision import views

app_name = "supervision"
urlpatterns = [
    path("reminders/", views.inbox, name="inbox"),
    path("reminders/<id:pk>/", views.reminder_detail, name="reminder_detail"),
    path("commitments/<id:pk>/remind/", views.reminder_new, name="reminder_new"),
]
