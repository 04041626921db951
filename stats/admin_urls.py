from django.urls import path

from . import admin_views

app_name = "stats_admin"
urlpatterns = [
    path("paamindelser/", admin_views.send_reminders, name="send_reminders"),
]
